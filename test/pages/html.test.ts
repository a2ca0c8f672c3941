// The building blocks of the generated pages, and the pages that are little more than them.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildArchives } from "../../plugins/jekyll-plans/archive/model.ts";
import type { PostPage } from "../../plugins/jekyll-plans/site.ts";
import { monthView, termIndexView, termView } from "../../plugins/jekyll-plans/pages/archive.ts";
import { pageTemplates } from "../../plugins/jekyll-plans/register/templates.ts";
import { DEFAULT_STRINGS } from "../../plugins/jekyll-plans/pages/strings.ts";
import { barView, chartView } from "../../plugins/jekyll-plans/pages/chart.ts";
import { days } from "../../plugins/jekyll-plans/pages/format.ts";
import { progressJson } from "../../plugins/jekyll-plans/pages/json.ts";
import { searchPageView } from "../../plugins/jekyll-plans/pages/search.ts";
import type { Plan, PlanTask } from "../../plugins/jekyll-plans/plans/model.ts";
import { DEFAULT_LABELS } from "../../plugins/jekyll-plans/search/records.ts";
import { all, attr, byTag, hasClass, one, parseHtml, text } from "../helpers/html.ts";

const XSS = `<img src=x onerror=alert(1)>"'&`;
// The plugin's own templates (a layouts folder that does not exist holds no replacements).
const templates = pageTemplates("/nonexistent-layouts", DEFAULT_STRINGS);

describe("a progress bar", () => {
  it("states its numbers to screen readers and escapes its label", () => {
    const doc = parseHtml(templates.macro("charts", "bar", barView({ done: 3, total: 7, open: 4, percent: 42, openDays: 0, openWithoutEstimate: 0 }, XSS)));
    const bar = one(doc, (e) => attr(e, "role") === "progressbar")!;
    expect([attr(bar, "aria-valuenow"), attr(bar, "aria-valuemax"), attr(bar, "aria-label")]).toEqual(["3", "7", XSS]);
    expect(all(doc, byTag("img"))).toHaveLength(0);
    expect(text(doc)).toBe("3/7 · 42%");
  });
});

describe("days", () => {
  it.each([
    [2, "2 天"],
    [0.5, "0.5 天"],
    [0.375, "0.38 天"],
    [12.25, "12.25 天"],
  ])("%s → %s", (n, out) => {
    expect(days(n)).toBe(out);
  });
});

describe("a bar chart", () => {
  it("is an SVG with a table of the same numbers, escaping its labels", () => {
    const doc = parseHtml(templates.macro("charts", "chart", chartView(["2021-06", XSS], [{ name: "完成", cls: "done", values: [2, 5] }], "标题", "c1")));
    expect(one(doc, byTag("svg"))).not.toBeNull();
    expect(all(doc, byTag("td")).map((td) => text(td))).toEqual(["2", "5"]);
    expect(all(doc, byTag("img"))).toHaveLength(0);
  });
});

describe("a standalone page", () => {
  it("is a whole document with an escaped title and language", () => {
    const doc = parseHtml(templates.render("document", { title: XSS, lang: `zh"><script>`, body: "<p>body</p>" }));
    expect(text(one(doc, byTag("title"))!)).toBe(XSS);
    expect(attr(one(doc, byTag("html"))!, "lang")).toBe(`zh"><script>`);
    expect(all(doc, byTag("script"))).toHaveLength(0);
  });
});

describe("the search page", () => {
  it("loads Pagefind's UI from the bundle path and inlines no data", () => {
    const doc = parseHtml(templates.render("search", searchPageView("/find/", "/find/plans/", "zh-CN", DEFAULT_LABELS, DEFAULT_STRINGS)));
    expect(
      all(doc, byTag("script"))
        .map((s) => attr(s, "src"))
        .filter(Boolean),
    ).toEqual(["/find/pagefind-ui.js"]);
    expect(attr(one(doc, byTag("link"))!, "href")).toBe("/find/pagefind-ui.css");
    expect(
      attr(
        one(doc, (e) => attr(e, "id") === "search")!,
        "data-lang",
      ),
    ).toBe("zh-CN");
  });

  it("puts the site's words for the search box and the count into its script as string literals, whatever they hold", () => {
    const words = { ...DEFAULT_STRINGS, searchBox: "找 $' $& $$ </script><script>alert(1)</script>", resultCount: ' 项 $` "' };
    const doc = parseHtml(templates.render("search", searchPageView("/find/", null, "zh-CN", DEFAULT_LABELS, words)));
    const scripts = all(doc, byTag("script")).filter((e) => attr(e, "src") === undefined);
    expect(scripts).toHaveLength(1);
    const script = text(scripts[0]!);
    expect(script).toContain(JSON.stringify(words.searchBox).replace(/</g, "\\u003c"));
    expect(script).toContain(JSON.stringify(words.resultCount));
    // The script is still JavaScript (a replacement pattern would have pasted parts of it in).
    expect(() => new Function(script)).not.toThrow();
  });

  it("has a block for progress pages and tasks from the plans' index, and none for a blog without plans", () => {
    const block = (plans: string | null) =>
      one(
        parseHtml(templates.render("search", searchPageView("/find/", plans, "zh-CN", DEFAULT_LABELS, DEFAULT_STRINGS))),
        (e) => attr(e, "id") === "search-plans",
      );
    const withPlans = block("/find/plans/")!;
    expect(attr(withPlans, "data-bundle")).toBe("/find/plans/");
    expect(attr(withPlans, "data-status-filter")).toBe("状态");
    expect(block(null)).toBeNull();
  });

  it("watches the index state only in the preview: a status line, hidden until the preview says it is updating", () => {
    const state = (preview: boolean) =>
      one(
        parseHtml(templates.render("search", searchPageView("/find/", "/find/plans/", "zh-CN", DEFAULT_LABELS, DEFAULT_STRINGS, preview))),
        hasClass("search-index-state"),
      );
    const line = state(true)!;
    expect(attr(line, "data-url")).toBe("/find/preview-index.json");
    expect(attr(line, "role")).toBe("status");
    expect(attr(line, "hidden")).toBeDefined();
    expect(text(line)).toBe(DEFAULT_STRINGS.indexUpdating);
    expect(attr(line, "data-failed")).toBe(DEFAULT_STRINGS.indexFailed);
    expect(state(false)).toBeNull();
  });
});

describe("/progress.json", () => {
  it("is the model as data, with its version, and parses whatever the text holds", () => {
    const plan = { title: XSS, slug: "s", postUrl: "/p/", day: "2021-07-01", progressUrl: "/progress/p/", tasks: [], sections: [] } as unknown as Plan;
    const json = JSON.parse(progressJson([plan], [], { timeZone: "UTC", referenceDate: "2021-08-01" }));
    expect(json).toMatchObject({ version: 3, timeZone: "UTC", referenceDate: "2021-08-01", series: [] });
    expect(json.plans[0].title).toBe(XSS);
  });
});

describe("archive pages", () => {
  const settings = {
    timeZone: "Asia/Shanghai",
    locale: "zh-CN",
    monthPermalink: "/archive/:year/:month/",
    yearPermalink: "/archive/:year/",
    categoryPermalink: "/category/:name/",
    tagPermalink: "/tag/:name/",
  };
  const post = (title: string, iso: string, categories: string[]): PostPage & { dt: DateTime } => {
    const dt = DateTime.fromISO(iso, { setZone: true }).setZone(settings.timeZone);
    return {
      title,
      url: `/${encodeURIComponent(title)}/`,
      date: dt.toISO()!,
      day: dt.toFormat("yyyy-MM-dd"),
      categories,
      tags: [],
      dt,
      categoryLinks: categories.map((c) => ({ title: c, url: null })),
      tagLinks: [],
    } as unknown as PostPage & { dt: DateTime };
  };
  const task = { id: "t", text: XSS, html: "x", done: true, month: "2021-07", doneMonth: "2021-07", url: "/plan/#t" } as PlanTask;
  const plan = { title: "计划", postUrl: "/plan/", progressUrl: "/progress/plan/", tasks: [task] } as unknown as Plan;
  const render = templates.render;
  const archives = buildArchives([post("一篇", "2021-07-02T10:00:00+08:00", [XSS, "c/c++"])], (p) => p.dt.toFormat("yyyy-MM"), [plan], settings);

  it("list a month's posts and the tasks finished in it, escaped", () => {
    const doc = parseHtml(render("archive-month", monthView(archives.months[0]!)));
    expect(text(doc)).toContain("一篇");
    expect(text(doc)).toContain(XSS);
    expect(all(doc, byTag("img"))).toHaveLength(0);
    expect(all(doc, byTag("a")).map((a) => attr(a, "href"))).toContain("/plan/#t");
  });

  it("cut a post's excerpt at 140 characters (code points: an emoji is one, never split), with …", () => {
    const withExcerpt = (excerptText: string) => ({ ...post("长文", "2021-07-03T10:00:00+08:00", []), excerptText }) as PostPage & { dt: DateTime };
    const excerpts = (texts: string[]) =>
      monthView(buildArchives(texts.map(withExcerpt), (p) => p.dt.toFormat("yyyy-MM"), [], settings).months[0]!).posts.map((p) => p.excerpt);
    const long = "😀".repeat(139) + "字" + "尾".repeat(5000);
    expect(excerpts([long, "😀".repeat(140), "短"])).toEqual(["😀".repeat(139) + "字…", "😀".repeat(140), "短"]);
  });

  it("list terms with their counts and percent-encoded links", () => {
    const index = parseHtml(render("terms", termIndexView("category", archives.categories, DEFAULT_STRINGS)));
    expect(all(index, byTag("a")).map((a) => attr(a, "href"))).toContain("/category/c-c++/");
    expect(all(index, byTag("img"))).toHaveLength(0);
    const term = parseHtml(render("term", termView("category", archives.categories[0]!, "/category/", DEFAULT_STRINGS)));
    expect(all(term, byTag("a")).map((a) => attr(a, "href"))).toContain("/category/");
  });
});
