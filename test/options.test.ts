import { describe, expect, it } from "vitest";
import { DEFAULTS, resolveOptions } from "../plugins/jekyll-plans/options.ts";
import { parseJekyllConfig } from "../plugins/jekyll-plans/root/config.ts";

describe("plugin options", () => {
  it("default to this blog's Jekyll settings, in a fresh object", () => {
    const a = resolveOptions({}, {});
    // The search language follows the locale (zh-CN → zh).
    // The feed takes its title and base from the site's metadata, which has none here.
    expect(a).toEqual({
      ...DEFAULTS,
      search: { ...(DEFAULTS.search as object), language: "zh" },
      feed: { ...(DEFAULTS.feed as object), title: "Blog", base: "http://localhost:8080/" },
    });
    expect(resolveOptions({ locale: "ja-JP" }, {}).search).toMatchObject({ language: "ja" });
    a.tocLevels.max = 2;
    expect(DEFAULTS.tocLevels.max).toBe(4);
  });

  it("do not change the caller's object", () => {
    const mine = { timeZone: "UTC", tocLevels: { min: 2, max: 3 } };
    resolveOptions(mine, {});
    expect(mine).toEqual({ timeZone: "UTC", tocLevels: { min: 2, max: 3 } });
  });

  it("take the posts folder from BLOG_POSTS when set", () => {
    expect(resolveOptions({}, { BLOG_POSTS: "/elsewhere/_posts" }).postsDir).toBe("/elsewhere/_posts");
    expect(resolveOptions({ postsDirEnv: false }, { BLOG_POSTS: "/x" }).postsDir).toBe("content/_posts");
  });

  it("take a site root's _config.yml for what they do not set themselves", () => {
    const config = parseJekyllConfig(
      "title: My blog\nurl: https://me.example/\nauthor: { name: Me, email: me@me.example }\ntimezone: UTC\npermalink: pretty\n" +
        "excerpt_separator: '<!--more-->'\nkramdown: { toc_levels: 2..3, hard_wrap: true, auto_ids: false, math_engine: null }\nexclude: [notes/]\n",
    );
    const o = resolveOptions({ siteRoot: "/blog", permalink: "/:title/" }, {}, config);
    expect(o).toMatchObject({
      siteRoot: "/blog",
      postsDir: "/blog/_posts",
      timeZone: "UTC",
      permalink: "/:title/", // explicit wins
      excerptSeparator: "<!--more-->",
      tocLevels: { min: 2, max: 3 },
      hardWrap: true,
      autoIds: false,
      math: false,
      site: { title: "My blog", url: "https://me.example/", author: { name: "Me", email: "me@me.example" } },
      feed: { title: "My blog", base: "https://me.example/", author: { name: "Me", email: "me@me.example" } },
      jekyll: { exclude: ["notes/"] },
    });
    // Rouge's line numbers for code blocks, as the blog's published _config.yml asks for them.
    const rouge = (opts: string) => resolveOptions({ siteRoot: "/blog" }, {}, parseJekyllConfig(`kramdown:\n  syntax_highlighter_opts:\n${opts}`)).lineNumbers;
    expect(rouge("    block:\n      line_numbers: true\n      start_line: 5\n")).toBe(5);
    expect(rouge("    block:\n      line_numbers: true\n")).toBe(1);
    expect(rouge("    span:\n      line_numbers: true\n")).toBe(false);
    expect(
      resolveOptions({ lineNumbers: false }, {}, parseJekyllConfig("kramdown:\n  syntax_highlighter_opts: { block: { line_numbers: true } }\n")).lineNumbers,
    ).toBe(false);
    // BLOG_ROOT names another root; BLOG_POSTS still names the posts.
    expect(resolveOptions({ siteRoot: "/blog" }, { BLOG_ROOT: "/other" }).postsDir).toBe("/other/_posts");
    expect(resolveOptions({ siteRoot: "/blog" }, { BLOG_ROOT: "/other", BLOG_POSTS: "/p" }).postsDir).toBe("/p");
  });

  it("replace the pages' words one by one, refusing a word that does not exist or is not text", () => {
    const o = resolveOptions({ strings: { archiveTitle: "Archive" } }, {});
    expect(o.strings.archiveTitle).toBe("Archive");
    expect(o.strings.dashboardTitle).toBe("计划进度");
    expect(() => resolveOptions({ strings: { archiveTitel: "x" } as never }, {})).toThrow(/option strings\.archiveTitel: unknown/);
    expect(() => resolveOptions({ strings: { archiveTitle: 3 } as never }, {})).toThrow(/option strings\.archiveTitle: expected a string/);
  });

  it("refuse unknown options and bad values, naming them", () => {
    expect(() => resolveOptions({ postDir: "x" } as never, {})).toThrow(/unknown option "postDir"/);
    expect(() => resolveOptions({ timeZone: "Mars/Base" }, {})).toThrow(/timeZone/);
    expect(() => resolveOptions({ tocLevels: { min: 3, max: 2 } }, {})).toThrow(/tocLevels/);
    expect(() => resolveOptions({ taskSimilarity: 0 }, {})).toThrow(/option taskSimilarity: expected a number above 0 and at most 1, got 0/);
    expect(() => resolveOptions({ taskSimilarity: 1.5 }, {})).toThrow(/taskSimilarity/);
    expect(() => resolveOptions({ history: "yes" } as never, {})).toThrow(/option history: expected true or false/);
    expect(() => resolveOptions({ lineNumbers: "1" } as never, {})).toThrow(/option lineNumbers: expected true, false or the first line's number/);
    expect(resolveOptions({ lineNumbers: true }, {}).lineNumbers).toBe(1);
    expect(resolveOptions({ taskSimilarity: 1, history: false }, {})).toMatchObject({ taskSimilarity: 1, history: false });
  });

  it("take the site's address only as an http or https URL, which feed links start with", () => {
    for (const url of ["javascript:alert(1)//", "data:text/html,x", "//example.com/", "example.com", "ftp://example.com/"]) {
      expect(() => resolveOptions({ site: { url } }, {})).toThrow(/option site\.url: expected the site's address/);
      expect(() => resolveOptions({ feed: { base: url } } as never, {})).toThrow(/option feed\.base: expected the site's address/);
      expect(() => parseJekyllConfig(`title: x\nurl: "${url}"\n`)).toThrow(
        expect.objectContaining({ line: 2, message: expect.stringMatching(/^url: expected the site's address/) }),
      );
    }
    expect(resolveOptions({ site: { url: "https://example.com/blog/" } }, {})).toMatchObject({
      site: { url: "https://example.com/blog/" },
      feed: { base: "https://example.com/blog/" },
    });
    expect(parseJekyllConfig("url: http://localhost:4000\n").site.url).toBe("http://localhost:4000");
  });

  it("name in _config.yml what they cannot honour: other collections, Jekyll's plugins", () => {
    const config = parseJekyllConfig(
      "collections:\n  projects:\n    output: true\n  posts: {}\nplugins: [jekyll-sitemap, jekyll-redirect-from]\ngems: jekyll-feed\n",
    );
    expect(config.ignored).toEqual([
      expect.stringMatching(/^collections: projects \(/),
      expect.stringMatching(/^plugins: jekyll-sitemap, jekyll-redirect-from \(Jekyll's plugins do not run here/),
      expect.stringMatching(/^gems: jekyll-feed \(/),
    ]);
    expect(parseJekyllConfig("collections: [posts]\n").ignored).toEqual([]);
  });

  it("take Jekyll's own defaults for a site root whose _config.yml does not set them, the blog's otherwise", () => {
    expect(resolveOptions({ siteRoot: "/r" }, {}, parseJekyllConfig("title: x\n"))).toMatchObject({
      permalink: "date",
      excerptSeparator: "\n\n",
      tocLevels: { min: 1, max: 6 },
    });
    expect(resolveOptions({ siteRoot: "/r", permalink: "pretty" }, {}).permalink).toBe("pretty");
    expect(resolveOptions({ siteRoot: "/r" }, {}, parseJekyllConfig("permalink: /:title/\n")).permalink).toBe("/:title/");
    expect(resolveOptions({}, {})).toMatchObject({ permalink: "/:year/:month/:day/:title/", excerptSeparator: "\n\n\n\n", tocLevels: { min: 1, max: 4 } });
  });

  it("take Jekyll's permalink styles and patterns, and refuse a pattern every post's URL would inherit a fault from", () => {
    for (const style of ["pretty", "date", "ordinal", "weekdate", "none"]) {
      expect(resolveOptions({}, {}, parseJekyllConfig(`title: x\npermalink: ${style}\n`)).permalink).toBe(style);
      expect(resolveOptions({ permalink: style }, {}).permalink).toBe(style);
    }
    // Jekyll adds the leading slash.
    expect(resolveOptions({ permalink: ":year/:title.html" }, {}).permalink).toBe("/:year/:title.html");
    for (const [pattern, reason] of [
      ["javascript:alert(1)//:title", /a URL with a scheme/],
      ["//evil.example/:title/", /another host/],
      ["/:year/../:title/", /climbs/],
      ["/:year/%2e%2e/:title/", /climbs/],
      ["/:title?x=1", /\?/],
      ["/:yaer/:title/", /:yaer, which posts do not have/],
      ["constructor:", /scheme/],
    ] as const) {
      expect(() => resolveOptions({ permalink: pattern }, {}), pattern).toThrow(reason);
      expect(() => parseJekyllConfig(`title: x\npermalink: "${pattern}"\n`), pattern).toThrow(
        expect.objectContaining({ line: 2, message: expect.stringMatching(reason) }),
      );
    }
  });
});
