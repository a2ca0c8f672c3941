// Every post of the blog (content/_posts), rendered by the plugin's markdown and compared with
// the body Jekyll 4.3 + kramdown 2.4 published for it (test/fixtures/jekyll-bodies, recorded by
// record.rb beside them), as trees (test/helpers/kramdown-tree.ts).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS_POSTS, ROOT } from "../helpers/build.ts";
import { tree, type Node } from "../helpers/kramdown-tree.ts";
import { createMarkdown, sanitizePostHtml } from "../../plugins/jekyll-plans/markdown/index.ts";
import { parseFrontMatter } from "../../plugins/jekyll-plans/posts/frontmatter.ts";

const BODIES = path.join(ROOT, "test/fixtures/jekyll-bodies");
const md = createMarkdown({ highlight: false });

/**
 * Where kramdown's parser and markdown-it's read the same text differently and the plugin does
 * not (yet) follow kramdown: the top-level block holding `block` is left out of the comparison,
 * and must still differ (so that this list shrinks when a difference is fixed).
 */
const KNOWN: Record<string, { block: string; why: string }> = {
  "2019-11-14-im-group-msg-mgr": {
    block: "如果上一条消息 msg_id 不是 0",
    why: "a quote indented less than its list item's text: kramdown keeps it in the item, markdown-it in the outer item",
  },
};

const textOf = (n: Node): string => (typeof n === "string" ? n : n.children.map(textOf).join(""));

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
    const known = KNOWN[name];
    if (!known) {
      expect(ours).toEqual(jekyll);
      return;
    }
    const holds = (n: Node) => textOf(n).includes(known.block);
    expect(
      ours.filter((n) => !holds(n)),
      known.why,
    ).toEqual(jekyll.filter((n) => !holds(n)));
    expect(ours.filter(holds), known.why).not.toEqual(jekyll.filter(holds));
  });
});
