import { describe, expect, it } from "vitest";
import { tree } from "../helpers/kramdown-tree.ts";
import { POST_SETTINGS } from "../helpers/posts.ts";
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { namesOf, readPost } from "../../plugins/jekyll-plans/posts/post.ts";

const settings = POST_SETTINGS;
const read = (name: string, source: string) => {
  const diagnostics = new Diagnostics();
  const parsed = readPost(`posts/${name}`, name, source, createMarkdown(), settings, diagnostics);
  return { parsed, post: parsed?.post, diagnostics };
};

describe("reading a post", () => {
  it("takes date and URL from the file name and lists from Jekyll's strings", () => {
    const { post } = read("2020/2020-11-23-plan.md", "---\nlayout: post\ntitle: 工作计划\ncategories: tool\ntags: tmux usage\n---\nhi\n");
    expect(post).toMatchObject({
      url: "/2020/11/23/plan/",
      date: "2020-11-23T00:00:00.000+08:00",
      day: "2020-11-23",
      title: "工作计划",
      layout: "post",
      categories: ["tool"],
      tags: ["tmux", "usage"],
      relativePath: "2020/2020-11-23-plan.md",
    });
  });

  it("lets front matter date and permalink win", () => {
    const { post } = read("2021-07-01-x.md", "---\ntitle: t\ndate: 2021-07-31 23:30:00 +0800\n---\n");
    expect(post?.url).toBe("/2021/07/31/x/");
    expect(read("2021-07-01-x.md", "---\ntitle: t\npermalink: /about/\n---\n").post?.url).toBe("/about/");
  });

  it("cuts the excerpt at the separator", () => {
    const { post } = read("2021-07-01-x.md", "---\ntitle: t\n---\nfirst *para*\n\nsecond\n\n\n\n## after\n\nmore\n");
    expect(post?.excerptHtml).toBe("<p>first <em>para</em></p>\n<p>second</p>\n");
    expect(post?.excerptText).toBe("first para second");
  });

  it("uses the whole post as excerpt without a separator", () => {
    expect(read("2021-07-01-x.md", "---\ntitle: t\n---\na\n\nb\n").post?.excerptText).toBe("a b");
  });

  it("reads the excerpt as Jekyll does, as a document of its own with the link definitions it uses", () => {
    // What Jekyll 4.3.1 published as each post's excerpt (separator "\n\n\n\n"), recorded
    // by a Jekyll site holding these three posts.
    const excerpt = (body: string) => tree(read("2021-01-01-x.md", `---\ntitle: t\n---\n${body}`).post!.excerptHtml);
    expect(excerpt("* a\n* b\n\n\n\n* content\n{:toc}\n\n## 1. x\n")).toEqual(tree("<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n"));
    expect(excerpt("intro\n\n* content\n{:toc}\n\n\n\n## 1. x\n")).toEqual(tree("<p>intro</p>\n\n"));
    expect(excerpt('see [doc][d]\n\n\n\nbody\n\n[d]: https://example.com "T"\n')).toEqual(
      tree('<p>see <a href="https://example.com" title="T">doc</a></p>\n\n'),
    );
  });

  it("records headings with their source lines, and the TOC", () => {
    const { post } = read("2021-07-01-x.md", "---\ntitle: t\n---\n* content\n{:toc}\n\n## 1. 当前工作\n");
    expect(post?.headings).toEqual([{ level: 2, id: "1-当前工作", text: "1. 当前工作", noToc: false, line: 3, sourceLine: 7 }]);
    expect(post?.toc?.map((e) => e.id)).toEqual(["1-当前工作"]);
  });

  it("reports a bad file name, a bad date or bad YAML, naming the file", () => {
    expect(read("plan.md", "---\n---\n").diagnostics.errors[0]).toMatchObject({ file: "posts/plan.md", message: expect.stringMatching(/YYYY-MM-DD-slug/) });
    expect(read("2021-02-30-x.md", "---\n---\n").diagnostics.errors[0]?.message).toMatch(/does not exist/);
    const bad = read("2021-02-01-x.md", "---\ntitle: t\ndate: 2021-02-30\n---\n").diagnostics.errors[0];
    expect(bad).toMatchObject({ line: 3, message: expect.stringMatching(/not a real date/) });
    expect(read("2021-02-01-x.md", "---\ntitle: [x\n---\n").diagnostics.errors[0]?.message).toMatch(/invalid YAML/);
  });

  it("warns about a number as title and refuses a list", () => {
    const num = read("2021-02-01-x.md", "---\ntitle: 2021\n---\n");
    expect(num.post?.title).toBe("2021");
    expect(num.diagnostics.warnings[0]).toMatchObject({ line: 2, message: expect.stringMatching(/title is a number/) });
    expect(read("2021-02-01-x.md", "---\ntitle: [a, b]\n---\n").diagnostics.errors[0]?.message).toMatch(/title must be text/);
  });

  it("warns, as Jekyll does, when a slug with no letter or digit leaves the URL's slug part empty", () => {
    // Jekyll 4.3 builds 2021-07-29-%.md at /2021/07/29/ and warns "Empty `slug` generated for '%'".
    const bare = read("2021-07-29-%.md", "---\ntitle: t\n---\n");
    expect(bare.post?.url).toBe("/2021/07/29/");
    expect(bare.diagnostics.warnings).toEqual([
      expect.objectContaining({ file: "posts/2021-07-29-%.md", message: expect.stringMatching(/slug "%".*:title part of its URL is empty/) }),
    ]);
    const fromFrontMatter = read("2021-07-29-x.md", '---\ntitle: t\nslug: "???"\n---\n');
    expect(fromFrontMatter.diagnostics.warnings).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/slug "\?\?\?"/) })]);
    const inPermalink = read("2021-07-29-%.md", "---\ntitle: t\npermalink: /notes/:slug.html\n---\n");
    expect(inPermalink.post?.url).toBe("/notes/.html");
    expect(inPermalink.diagnostics.warnings).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/:slug part/) })]);
    expect(read("2021-07-29-中文.md", "---\ntitle: t\n---\n").diagnostics.warnings).toEqual([]);
    expect(read("2021-07-29-%.md", "---\ntitle: t\npermalink: /about/\n---\n").diagnostics.warnings).toEqual([]);
  });

  it("warns at its line about an HTML element with no end tag, which takes the rest of the post as HTML (kramdown's reading)", () => {
    const src = '---\ntitle: t\n---\n## 1. 视频\n\n<video controls src="/v.mp4">\n\n## 2. 下一节\n\n* [ ] 任务\n';
    const open = read("2021-07-01-x.md", src);
    expect(open.diagnostics.warnings).toEqual([
      expect.objectContaining({ file: "posts/2021-07-01-x.md", line: 6, message: expect.stringMatching(/<video> has no end tag.*close it with <\/video>/) }),
    ]);
    // What follows is the element's text, as Jekyll published it: no heading, no task.
    expect(open.post?.headings.map((h) => h.text)).toEqual(["1. 视频"]);
    const closed = read("2021-07-01-x.md", src.replace('src="/v.mp4">', 'src="/v.mp4"></video>'));
    expect(closed.diagnostics.warnings).toEqual([]);
    expect(closed.post?.headings.map((h) => h.text)).toEqual(["1. 视频", "2. 下一节"]);
  });
});

describe("a post in a _posts folder below the root's", () => {
  it("takes the folders above it as its first categories, then its own, each once, as Jekyll does", () => {
    const parsed = readPost(
      "a/b/_posts/x.md",
      "2021-07-03-c.md",
      "---\ntitle: t\ncategories: [x, b, Tech]\n---\n",
      createMarkdown(),
      { ...settings, permalink: "pretty" },
      new Diagnostics(),
      ["a", "b"],
    );
    // Jekyll 4.3 on the same file: categories a, b, x, Tech at /a/b/x/tech/2021/07/03/c/.
    expect(parsed?.post.categories).toEqual(["a", "b", "x", "Tech"]);
    expect(parsed?.post.url).toBe("/a/b/x/tech/2021/07/03/c/");
  });
});

describe("category and tag names", () => {
  it("come from a space-separated string or a list", () => {
    expect(namesOf("tmux usage")).toEqual(["tmux", "usage"]);
    expect(namesOf(["c/c++", "内核 源码", 3])).toEqual(["c/c++", "内核 源码", "3"]);
    expect(namesOf(undefined)).toEqual([]);
  });
});
