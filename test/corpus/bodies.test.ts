// Every post of the blog (content/_posts), rendered by the plugin's markdown and compared with
// the body Jekyll 4.3 + kramdown 2.4 published for it (test/fixtures/jekyll-bodies, recorded by
// record.rb beside them), as trees (test/helpers/kramdown-tree.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_POSTS, ROOT } from "../helpers/build.ts";
import { tree } from "../helpers/kramdown-tree.ts";
import { createMarkdown, sanitizePostHtml } from "../../plugins/jekyll-plans/markdown/index.ts";
import { parseFrontMatter } from "../../plugins/jekyll-plans/posts/frontmatter.ts";

const BODIES = path.join(ROOT, "test/fixtures/jekyll-bodies");
const md = createMarkdown({ highlight: false });

const posts = (readdirSync(CORPUS_POSTS, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => f.endsWith(".md")).sort();

describe("the blog's posts, compared with the bodies Jekyll published", () => {
  it("has a recorded body for each of the 57 posts", () => {
    expect(posts).toHaveLength(57);
    expect(readdirSync(BODIES).filter((f) => f.endsWith(".html"))).toHaveLength(57);
  });

  it.each(posts)("%s", (file) => {
    const name = path.basename(file, ".md");
    const { body } = parseFrontMatter(readFileSync(path.join(CORPUS_POSTS, file), "utf8"));
    const ours = tree(sanitizePostHtml(md.render(body, {})));
    const jekyll = tree(readFileSync(path.join(BODIES, `${name}.html`), "utf8"));
    expect(ours).toEqual(jekyll);
  });
});
