// Jekyll's page URLs (Page#template and Utils.add_permalink_suffix in Jekyll 4.3).
import { describe, expect, it } from "vitest";
import { tocLevelsOf } from "../../plugins/jekyll-plans/root/config.ts";
import { rootPageUrl } from "../../plugins/jekyll-plans/root/pages.ts";

describe("a site root page's URL", () => {
  it.each([
    ["about.md", "date", "/about.html"],
    ["about.md", "pretty", "/about/"],
    ["about.md", "/:year/:month/:day/:title/", "/about/"],
    ["about.md", "/:year/:title:output_ext", "/about.html"],
    ["about.md", "/:year/:title", "/about"],
    ["docs/guide.markdown", "pretty", "/docs/guide/"],
    ["docs/index.md", "date", "/docs/"],
    ["index.html", "date", "/"],
    ["links.html", "/:year/:month/:day/:title/", "/links/"],
    ["links.htm", "date", "/links.htm"],
    ["links.htm", "pretty", "/links/"],
  ])("%s with permalink style %s is %s", (file, style, url) => {
    expect(rootPageUrl(file, undefined, style, true)).toEqual({ url });
  });

  it("keeps a non-HTML file's own name and extension", () => {
    expect(rootPageUrl("robots.txt", undefined, "pretty", false)).toEqual({ url: "/robots.txt" });
  });

  it("takes front matter permalink, with :path, :basename and :output_ext, and refuses one that climbs", () => {
    expect(rootPageUrl("docs/a.md", "/x/:basename:output_ext", "pretty", true)).toEqual({ url: "/x/a.html" });
    expect(rootPageUrl("a.md", "about/", "pretty", true)).toEqual({ url: "/about/" });
    expect(rootPageUrl("a.md", "../../etc/", "pretty", true)).toMatchObject({ error: expect.stringMatching(/climbs/) });
  });

  it("refuses a permalink with a name longer than a file system allows, which no build could write", () => {
    expect(rootPageUrl("a.md", `/${"页".repeat(86)}/`, "pretty", true)).toMatchObject({
      error: expect.stringMatching(/name "页{20}…" of 258 bytes, more than the 255 a file system allows/),
    });
    expect(rootPageUrl("a.md", `/${"页".repeat(85)}/`, "pretty", true)).toEqual({ url: `/${"页".repeat(85)}/` });
  });
});

describe("kramdown's toc_levels", () => {
  it("reads ranges and lists", () => {
    expect(tocLevelsOf("1..4")).toEqual({ min: 1, max: 4 });
    expect(tocLevelsOf([2, 3])).toEqual({ min: 2, max: 3 });
    expect(tocLevelsOf("2,3")).toEqual({ min: 2, max: 3 });
    expect(tocLevelsOf("7..9")).toBeNull();
  });
});
