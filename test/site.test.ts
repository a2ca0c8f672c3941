// The site model from sources in memory: what buildSite keeps and refuses.
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../plugins/jekyll-plans/markdown/index.ts";
import { resolveOptions, siteSettings } from "../plugins/jekyll-plans/options.ts";
import { buildSite } from "../plugins/jekyll-plans/site.ts";

const settings = { ...siteSettings(resolveOptions({ postsDir: "/posts", postsDirEnv: false }, {})), referenceMonth: "2021-08" };
const source = (name: string, permalink: string) => ({
  file: `/posts/${name}`,
  relativePath: name,
  text: `---\ntitle: ${name}\npermalink: ${permalink}\n---\ntext\n`,
});

describe("posts written to one file", () => {
  it.each([
    ["/same/", "/same/"],
    ["/same/", "/same/index.html"],
    ["/same/", "/%73ame/"],
    ["/page", "/page.html"],
  ])("%s and %s: the first by path is kept, the second is an error naming both", (first, second) => {
    const site = buildSite(createMarkdown(), settings, [source("2021-07-01-a.md", first), source("2021-07-02-b.md", second)]);
    expect(site.model.posts.map((p) => p.url)).toEqual([first]);
    expect(site.diagnostics.errors.map((e) => [e.file, e.message])).toEqual([
      [
        "/posts/2021-07-02-b.md",
        expect.stringMatching(new RegExp(`^URL ${second} is (also the URL of|written to .*, as ${first} of) /posts/2021-07-01-a\\.md`)),
      ],
    ]);
  });
});

describe("posts of one date", () => {
  it("come in Jekyll's order: by path within the date, the later path first and the other's next", () => {
    // Jekyll sorts posts by date, then path, and lists them newest first (site.posts): of the
    // blog's 2021-12-16-linux-learn.md and 2021-12-16-tcp-epoll-wakeup.md, tcp-epoll-wakeup
    // comes first in its search.json, and is linux-learn's `next`.
    const post = (name: string) => ({ file: `/posts/${name}`, relativePath: name, text: `---\ntitle: ${name}\n---\ntext\n` });
    const site = buildSite(createMarkdown(), settings, [post("2021-12-16-linux-learn.md"), post("2021-12-16-tcp-epoll-wakeup.md"), post("2021-12-15-z.md")]);
    expect(site.model.posts.map((p) => p.slug)).toEqual(["tcp-epoll-wakeup", "linux-learn", "z"]);
    const byUrl = new Map(site.records.map((r) => [r.page.slug, r.page]));
    expect(byUrl.get("linux-learn")?.next?.url).toBe("/2021/12/16/tcp-epoll-wakeup/");
    expect(byUrl.get("linux-learn")?.previous?.url).toBe("/2021/12/15/z/");
  });
});
