// Jekyll's inputs as Jekyll 4.3 reads them: its file names and extensions, YAML 1.1
// booleans, dates with a zone name, permalinks without a trailing slash, slugs of names
// that hold URL characters.
import { describe, expect, it } from "vitest";
import { POST_SETTINGS } from "../helpers/posts.ts";
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { parseFrontMatterDate, parsePostFileName } from "../../plugins/jekyll-plans/posts/dates.ts";
import { parseFrontMatter } from "../../plugins/jekyll-plans/posts/frontmatter.ts";
import { readPost, renderPost } from "../../plugins/jekyll-plans/posts/post.ts";
import { escapePath, jekyllSlugify, outputPathOf } from "../../plugins/jekyll-plans/posts/url.ts";

const settings = POST_SETTINGS;
const md = createMarkdown();
const read = (name: string, source: string, changed: Partial<typeof settings> = {}) => {
  const diagnostics = new Diagnostics();
  const parsed = readPost(`posts/${name}`, name, source, md, { ...settings, ...changed }, diagnostics);
  const html = parsed ? renderPost(md, parsed, { ...settings, ...changed }) : "";
  return { post: parsed?.post, html, diagnostics: diagnostics.items.map((d) => `${d.line ?? ""}:${d.message}`) };
};

describe("published", () => {
  it.each(["false", "no", "No", "NO", "off", "Off", "OFF", "False"])("%s hides a post, as Psych reads YAML 1.1", (value) => {
    expect(parseFrontMatter(`---\npublished: ${value}\n---\n`).data.published).toBe(false);
  });

  it.each(['"no"', "n", "y", "nope"])("%s is text, as in Jekyll", (value) => {
    expect(parseFrontMatter(`---\npublished: ${value}\n---\n`).data.published).not.toBe(false);
  });
});

describe("post files", () => {
  it.each(["x.md", "x.MD", "x.markdown", "x.mkd", "x.mkdn", "x.mkdown", "x.Markdown", "x.html", "x.htm"])("%s is a post", (ext) => {
    expect(parsePostFileName(`2021-07-01-${ext}`)?.slug).toBe("x");
  });

  it("may have one-digit months and days", () => {
    expect(parsePostFileName("2021-1-1-x.md")).toEqual({ year: 2021, month: 1, day: 1, slug: "x" });
    expect(read("2021-1-1-x.md", "---\ntitle: x\n---\nhi").post?.url).toBe("/2021/01/01/x/");
  });

  it("in HTML are published as written, with no markdown applied", () => {
    const { post, html, diagnostics } = read("2021-07-01-page.html", "---\ntitle: p\n---\n<p>*not emphasis*</p>\n<script>alert(1)</script>");
    expect(diagnostics).toEqual([]);
    expect(html).toContain("<p>*not emphasis*</p>");
    expect(html).not.toContain("script");
    expect(post?.excerptHtml).toBe(html);
  });
});

describe("dates", () => {
  it.each([
    ["2021-07-31 10:00:00 UTC", "2021-07-31T18:00:00.000+08:00"],
    ["2021-07-31 10:00:00 GMT", "2021-07-31T18:00:00.000+08:00"],
    ["2021-07-31T10:00:00Z", "2021-07-31T18:00:00.000+08:00"],
    ["2021-07-31 10:00 +0000", "2021-07-31T18:00:00.000+08:00"],
  ])("%s is read with its zone", (value, iso) => {
    expect(parseFrontMatterDate(value, "Asia/Shanghai")?.toISO()).toBe(iso);
  });
});

describe("permalinks", () => {
  it("without a trailing slash are written as Jekyll writes them", () => {
    const { post } = read("2021-07-01-x.md", "---\npermalink: /notes/about\n---\nhi");
    expect(post?.url).toBe("/notes/about");
    expect(outputPathOf("/notes/about")).toBe("/notes/about.html");
    expect(outputPathOf("/notes/about.html")).toBe("/notes/about.html");
    expect(outputPathOf("/notes/about/")).toBe("/notes/about/index.html");
  });

  it("get a leading slash and their placeholders filled in", () => {
    expect(read("2021-07-01-x.md", "---\npermalink: notes/:year/:title/\n---\nhi").post?.url).toBe("/notes/2021/x/");
  });

  it.each([
    ["../../outside/", "climbs"],
    ["/a/../../b/", "climbs"],
    ["javascript:alert(1)", "scheme"],
    ["//evil.example/x/", "another host"],
    ["/a?b", "character"],
    [`/${"a".repeat(300)}/`, 'makes a file or folder name "a{20}…" of 300 bytes'],
  ])("%s is refused, naming the line", (permalink, reason) => {
    const { post, diagnostics } = read("2021-07-01-x.md", `---\ntitle: x\npermalink: ${permalink}\n---\nhi`);
    expect(post).toBeUndefined();
    expect(diagnostics).toEqual([expect.stringMatching(new RegExp(`^3:.*${reason}`))]);
  });
});

describe("a permalink's path", () => {
  it("is refused when longer than this build writes, names short enough or not, naming the line", () => {
    const deep = `/${`${"b".repeat(200)}/`.repeat(16)}`;
    const { post, diagnostics } = read("2021-07-01-x.md", `---\ntitle: x\npermalink: ${deep}\n---\nhi`);
    expect(post).toBeUndefined();
    expect(diagnostics).toEqual([expect.stringMatching(/^3:permalink makes a path of 3227 bytes, more than the 3072 this build writes/)]);
  });
});

describe("a URL made from the site's permalink pattern", () => {
  it.each([
    ['categories: [".."]', "/:categories/:title/"],
    ["categories: [a, ., b]", "/:categories/:title/"],
    ["slug: ..", "/:year/:month/:day/:title/"],
  ])("is refused when %s would make a segment that climbs (%s), naming the line", (line, pattern) => {
    const { post, diagnostics } = read("2021-07-01-x.md", `---\ntitle: x\n${line}\n---\nhi`, { permalink: pattern });
    expect(post).toBeUndefined();
    expect(diagnostics).toEqual([expect.stringMatching(/^3:.*segment \. or \.\./)]);
  });

  it("is refused when a category makes a folder name longer than a file system allows, naming the line", () => {
    const { post, diagnostics } = read("2021-07-01-x.md", `---\ntitle: x\ncategories: [${"分".repeat(90)}]\n---\nhi`, { permalink: "/:categories/:title/" });
    expect(post).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.stringMatching(/^3:.*name "分{20}…" of 270 bytes from its categories or slug, more than the 255 a file system allows/),
    ]);
  });

  it("keeps categories of dots and more", () => {
    expect(read("2021-07-01-x.md", "---\ncategories: [...]\n---\nhi", { permalink: "/:categories/:title/" }).post?.url).toBe("/.../x/");
  });
});

describe("slugs of names with URL characters", () => {
  it("are Jekyll's: :title keeps case and some punctuation, and the URL is percent-encoded", () => {
    expect(jekyllSlugify("a#b?c%d e", "pretty")).toBe("a-b-c-d-e");
    // Checked against Jekyll 4.3: Jekyll::Utils.slugify and Jekyll::URL.escape_path.
    expect(jekyllSlugify("C++ 模板", "pretty")).toBe("C++-模板");
    expect(jekyllSlugify("C++ 模板", "default")).toBe("c-模板");
    expect(read("2021-07-01-a#b?c%d.md", "---\n---\nhi").post?.url).toBe("/2021/07/01/a-b-c-d/");
    expect(read("2021-07-01-中文.md", "---\n---\nhi").post?.url).toBe("/2021/07/01/%E4%B8%AD%E6%96%87/");
    expect(escapePath("/a b/100%/é/")).toBe("/a%20b/100%25/%C3%A9/");
  });
});

describe("deep nesting", () => {
  it("keeps lists nested far past markdown-it's default limit", () => {
    const source = `---\n---\n${Array.from({ length: 60 }, (_, i) => `${"  ".repeat(i)}* [ ] level ${i}`).join("\n")}\n`;
    const { post, diagnostics } = read("2021-07-01-deep.md", source);
    expect(diagnostics).toEqual([]);
    expect(post?.excerptText).toContain("level 59");
  });

  it('refuses markdown="1" blocks nested deeper than it keeps, naming the line, before the stack overflows', () => {
    const source = `---\ntitle: deep\n---\n${'<div markdown="1">\n\n'.repeat(3_000)}* [ ] task\n\n${"</div>\n\n".repeat(3_000)}`;
    const { post, diagnostics } = read("2021-07-01-deep.md", source);
    expect(post).toBeUndefined();
    // The 401st block opens on line 4 + 400 × 2.
    expect(diagnostics).toEqual([expect.stringMatching(/^804:blocks nested more than 400 deep/)]);
  });

  it("refuses a post nested deeper than it keeps, naming the line, instead of cutting it", () => {
    const source = `---\ntitle: deep\n---\nintro\n\n${">".repeat(500)} deep\n`;
    const { post, diagnostics } = read("2021-07-01-deep.md", source);
    expect(post).toBeUndefined();
    expect(diagnostics).toEqual([expect.stringMatching(/^6:blocks nested more than 400 deep/)]);
  });
});

describe("a heading's raw HTML in the TOC", () => {
  it("is cleaned in the post's model and in its tocHtml, as in its body", () => {
    const { post, html } = read("2021-01-01-toc.md", '---\ntitle: t\n---\n\n* content\n{:toc}\n\n## a <font onmouseover="alert(1)" color="red">x</font>\n');
    expect(post!.toc![0]!.html).toBe('a <font color="red">x</font>');
    expect(post!.tocHtml).toContain('<font color="red">x</font>');
    expect(post!.tocHtml).not.toContain("onmouseover");
    expect(html).not.toContain("onmouseover");
  });
});
