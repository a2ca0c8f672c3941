// Files of a site root with front matter (templates): after their Liquid has run, an HTML, SVG
// or XML document passes the same policy as a static one, so that a post's text printed into
// it cannot run script. And what such a root holds without a _config.yml that says otherwise.
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInProcess, type BuildResult } from "../helpers/build.ts";

const TITLE = `<script>alert(1)</script><svg xmlns="http://www.w3.org/2000/svg" onload="alert(2)"/>`;
let build: BuildResult;

beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "jp-root-"));
  mkdirSync(path.join(root, "_posts"));
  writeFileSync(path.join(root, "_config.yml"), "title: T\nurl: https://t.invalid/\n");
  writeFileSync(path.join(root, "_posts/2021-07-01-x.md"), `---\ntitle: '${TITLE}'\n---\nhi\n`);
  const titles = "{% for post in site.posts %}{{ post.title }}{% endfor %}";
  writeFileSync(path.join(root, "titles.svg"), `---\n---\n<svg xmlns="http://www.w3.org/2000/svg"><text>${titles}</text></svg>\n`);
  writeFileSync(path.join(root, "titles.htm"), `---\n---\n<p>${titles}</p>\n`);
  writeFileSync(path.join(root, "titles.xml"), `---\n---\n<list>${titles}</list>\n`);
  writeFileSync(path.join(root, "titles.txt"), `---\n---\n${titles}\n`);
  // Includes: one that is not there, one that climbs out of _includes, one that includes itself.
  mkdirSync(path.join(root, "_includes"));
  writeFileSync(path.join(root, "_includes/loop.html"), "again {% include loop.html %}\n");
  writeFileSync(path.join(root, "outside.html"), "<p>outside</p>\n");
  writeFileSync(path.join(root, "missing.md"), "---\ntitle: M\n---\nBefore {% include nothing.html %} {{ page.title }}\n");
  writeFileSync(path.join(root, "climbs.md"), "---\ntitle: C\n---\nBefore {% include ../outside.html %} {{ page.title }}\n");
  writeFileSync(path.join(root, "loops.md"), "---\ntitle: L\n---\nBefore {% include loop.html %} {{ page.title }}\n");
  // Static documents by the types hosts serve them with.
  writeFileSync(path.join(root, "page.shtml"), "<p>s</p><script>alert(3)</script>\n");
  writeFileSync(path.join(root, "page.xht"), '<html xmlns="http://www.w3.org/1999/xhtml"><p>x</p><img src="x" onerror="alert(4)"/></html>\n');
  writeFileSync(path.join(root, "feed.rss"), '<rss><html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(5)</html:script></rss>\n');
  writeFileSync(path.join(root, "icon.svgz"), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe]));
  // Posts in a _posts folder below the root's (Jekyll gives them the folder as a category).
  mkdirSync(path.join(root, "tech/_posts"), { recursive: true });
  writeFileSync(path.join(root, "tech/_posts/2021-07-02-nested.md"), "---\ntitle: nested\n---\nhi\n");
  // A `_data` that is a symbolic link (to a folder outside the root) is not followed.
  mkdirSync(path.join(root, "elsewhere"));
  writeFileSync(path.join(root, "elsewhere/x.yml"), "a: 1\n");
  symlinkSync(path.join(root, "elsewhere"), path.join(root, "_data"));
  build = await buildInProcess({ BLOG_ROOT: root, BLOG_REFERENCE_DATE: "2022-08-01" });
});

describe("a site root's templates", () => {
  it("clean the SVG and HTML documents they make of what runs script", () => {
    expect(build.status, build.stderr).toBe(0);
    for (const file of ["titles.svg", "titles.htm"]) {
      const text = readFileSync(path.join(build.output, file), "utf8");
      expect(text, file).not.toMatch(/<script|onload/i);
    }
    expect(readFileSync(path.join(build.output, "titles.svg"), "utf8")).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"><text>/);
  });

  it("leave out an XML document that holds an SVG or XHTML element, naming it", () => {
    expect(build.has("/titles.xml")).toBe(false);
    expect(build.stderr).toMatch(/warning: \S*titles\.xml: not published: an XML document with XHTML, SVG or a stylesheet can run script/);
  });

  it("and the posts and pages are where Jekyll 4.3 writes them without a permalink in _config.yml", () => {
    // `jekyll build` (Debian's jekyll package) on the same files wrote 2021/07/01/x.html and titles.htm.
    expect(build.has("/2021/07/01/x.html")).toBe(true);
    expect(build.has("/titles.htm")).toBe(true);
  });

  it("and a _data that is a symbolic link is named in a warning, not followed", () => {
    expect(build.stderr).toMatch(/warning: \S*_data: not read: _data is not a folder \(a symbolic link is not followed\)/);
  });

  it("and a page whose Liquid cannot run (an include not in _includes, or one without end) is published without it, named in a warning", () => {
    for (const [name, line] of [
      ["missing", 4],
      ["climbs", 4],
      ["loops", 4],
    ] as const) {
      expect(build.stderr).toMatch(new RegExp(`warning: \\S*${name}\\.md:${line}: Liquid: .*; the page is published without its Liquid`));
      const page = build.page(`/${name}.html`);
      expect(page).toContain("Before");
      expect(page).not.toMatch(/\{%|\{\{|outside|again/);
    }
  });

  it("and static files a browser takes for HTML, SVG or XML (.shtml, .xht, .rss, .svgz) pass the same policy", () => {
    for (const file of ["page.shtml", "page.xht"]) {
      const text = readFileSync(path.join(build.output, file), "utf8");
      expect(text, file).toMatch(/<p>[sx]<\/p>/);
      expect(text, file).not.toMatch(/<script|onerror/i);
    }
    // XHTML stays XML.
    expect(readFileSync(path.join(build.output, "page.xht"), "utf8")).toContain('<img src="x"/>');
    expect(build.has("/feed.rss")).toBe(false);
    expect(build.has("/icon.svgz")).toBe(false);
    expect(build.stderr).toMatch(/warning: \S*feed\.rss: not published: an XML document/);
    expect(build.stderr).toMatch(/warning: \S*icon\.svgz: not published: a compressed SVG/);
  });

  it("and the posts of a _posts folder below the root's are published with that folder as their first category, as Jekyll does", () => {
    // `jekyll build` wrote tech/_posts/2021-07-02-nested.md to tech/2021/07/02/nested.html.
    expect(build.has("/tech/2021/07/02/nested.html")).toBe(true);
    expect(build.page("/category/tech/")).toContain('href="/tech/2021/07/02/nested.html"');
  });

  it("publish other text as its Liquid made it", () => {
    expect(readFileSync(path.join(build.output, "titles.txt"), "utf8")).toBe(`nested${TITLE}\n`);
  });
});
