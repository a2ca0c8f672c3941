import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { buildArchives, hrefOf, monthTitle, termSlug, type ArchivablePost } from "../../plugins/jekyll-plans/archive/model.ts";
import type { Plan, PlanTask } from "../../plugins/jekyll-plans/plans/model.ts";

const settings = {
  timeZone: "Asia/Shanghai",
  locale: "zh-CN",
  monthPermalink: "/archive/:year/:month/",
  yearPermalink: "/archive/:year/",
  categoryPermalink: "/category/:name/",
  tagPermalink: "/tag/:name/",
};

interface P extends ArchivablePost {
  dt: DateTime;
}
const post = (title: string, iso: string, categories: string[] = [], tags: string[] = []): P => {
  const dt = DateTime.fromISO(iso, { setZone: true }).setZone(settings.timeZone);
  return { title, url: `/${title}/`, date: dt.toISO()!, categories, tags, dt };
};
const monthOf = (p: P) => p.dt.toFormat("yyyy-MM");
// A done task's month is the month it was done in (`doneMonth`), as the plan model sets it.
const task = (id: string, month: string | null, done = true): PlanTask =>
  ({ id, text: id, html: id, done, month, doneMonth: done ? month : null, url: `/plan/#${id}` }) as PlanTask;
const plan = (tasks: PlanTask[]): Plan => ({ title: "计划", postUrl: "/plan/", progressUrl: "/progress/plan/", tasks }) as Plan;

describe("month and year archives", () => {
  it("cut months in the site's time zone, whatever the instant's offset", () => {
    const posts = [post("late", "2021-07-31T23:30:00+08:00"), post("utc", "2021-07-31T16:30:00Z")];
    const a = buildArchives(posts, monthOf, [], settings);
    expect(a.months.map((m) => [m.key, m.postCount])).toEqual([
      ["2021-08", 1],
      ["2021-07", 1],
    ]);
    expect(a.months[1]!.posts[0]!.title).toBe("late");
  });

  it("skip empty months and link the nearest non-empty ones, across gaps and years", () => {
    const posts = [post("c", "2022-02-01T00:00:00+08:00"), post("b", "2021-11-05T00:00:00+08:00"), post("a", "2021-03-05T00:00:00+08:00")];
    const a = buildArchives(posts, monthOf, [plan([task("t1", "2021-06"), task("open", "2021-08", false)])], settings);
    expect(a.months.map((m) => m.key)).toEqual(["2022-02", "2021-11", "2021-06", "2021-03"]);
    const june = a.months[2]!;
    expect(june.previous).toEqual({ title: "2021年3月", url: "/archive/2021/03/" });
    expect(june.next).toEqual({ title: "2021年11月", url: "/archive/2021/11/" });
    expect(a.months[0]!.next).toBeNull();
    expect(a.months[3]!.previous).toBeNull();
    expect(a.years.map((y) => [y.year, y.postCount, y.taskCount, y.months.length])).toEqual([
      ["2022", 1, 0, 1],
      ["2021", 2, 1, 3],
    ]);
    expect(a.years[1]!.next).toEqual({ title: "2022", url: "/archive/2022/" });
  });

  it("list finished tasks by their month, grouped by plan, and never open ones", () => {
    const a = buildArchives([], monthOf, [plan([task("x", "2021-07"), task("y", "2021-07"), task("z", "2021-07", false), task("n", null)])], settings);
    expect(a.months).toHaveLength(1);
    expect(a.months[0]!.taskGroups).toEqual([
      {
        plan: { title: "计划", postUrl: "/plan/", progressUrl: "/progress/plan/" },
        tasks: [expect.objectContaining({ id: "x" }), expect.objectContaining({ id: "y" })],
      },
    ]);
  });

  it("title months with luxon in the site's locale", () => {
    expect(monthTitle("2021-07", "Asia/Shanghai", "zh-CN")).toBe("2021年7月");
    expect(monthTitle("2021-07", "UTC", "en-US")).toBe("July 2021");
  });
});

describe("categories and tags", () => {
  it("keep names as written, Chinese included, with jekyll-archives slugs and encoded hrefs", () => {
    const a = buildArchives([post("p", "2021-01-01T00:00:00+08:00", ["c/c++", "随笔"], ["内核 源码", "a&b"])], monthOf, [], settings);
    expect(a.categories.map((t) => [t.name, t.slug, t.path, t.url])).toEqual([
      ["c/c++", "c-c++", "/category/c-c++/", "/category/c-c++/"],
      ["随笔", "随笔", "/category/随笔/", "/category/%E9%9A%8F%E7%AC%94/"],
    ]);
    expect(a.tags.map((t) => t.slug)).toEqual(["a&b", "内核-源码"]);
    expect(a.tags[0]!.url).toBe("/tag/a%26b/");
  });

  it("count posts per name and give colliding slugs distinct URLs with a warning", () => {
    const warnings: string[] = [];
    const a = buildArchives([post("p", "2021-01-01T00:00:00+08:00", ["Tool"]), post("q", "2021-01-02T00:00:00+08:00", ["tool"])], monthOf, [], settings, (w) =>
      warnings.push(w),
    );
    expect(a.categories.map((t) => [t.name, t.slug, t.count])).toEqual([
      ["Tool", "tool", 1],
      ["tool", "tool-2", 1],
    ]);
    expect(warnings[0]).toMatch(/same URL segment "tool"/);
  });

  it("slug like Jekyll's pretty mode", () => {
    expect(termSlug("Hello World!")).toBe("hello-world!");
    expect(termSlug("  a / b  ")).toBe("a-b");
    expect(hrefOf("/tag/a b#c?/")).toBe("/tag/a%20b%23c%3F/");
  });

  it("cut a name's URL segment to what a file system allows, whole characters, keeping names apart, with a warning", () => {
    const long = "标".repeat(100); // 300 bytes in UTF-8
    const warnings: string[] = [];
    const a = buildArchives([post("p", "2021-01-01T00:00:00+08:00", [long, `${long}x`], ["c".repeat(300)])], monthOf, [], settings, (w) => warnings.push(w));
    const bytes = (s: string) => new TextEncoder().encode(s).length;
    for (const t of [...a.categories, ...a.tags]) expect(bytes(t.slug), t.name.slice(0, 5)).toBeLessThanOrEqual(255);
    expect(a.categories.map((t) => t.slug)).toEqual(["标".repeat(83), `${"标".repeat(83)}-2`]);
    expect(a.tags[0]!.slug).toBe("c".repeat(251));
    expect(warnings.filter((w) => /makes a URL segment of 30[01] bytes, more than the 255 a file system allows/.test(w))).toHaveLength(3);
  });

  it("never give a name the URL segment . or .., which would put its page on another", () => {
    expect(termSlug("..")).toBe("");
    expect(termSlug(" . ")).toBe("");
    expect(termSlug("...")).toBe("...");
    const warnings: string[] = [];
    const a = buildArchives([post("p", "2021-01-01T00:00:00+08:00", ["..", "."])], monthOf, [], settings, (w) => warnings.push(w));
    expect(a.categories.map((t) => t.url)).toEqual(["/category/-/", "/category/--2/"]);
  });
});
