// The progress pages as pure functions: a plan's page, a series page and the dashboard,
// over a plan model read from markdown.
import { describe, expect, it } from "vitest";
import { dashboardView, LIST_LIMIT, planPageView, seriesPageView } from "../../plugins/jekyll-plans/pages/progress.ts";
import { pageTemplates } from "../../plugins/jekyll-plans/register/templates.ts";
import type { MonthCount, Plan } from "../../plugins/jekyll-plans/plans/model.ts";
import { DEFAULT_STRINGS } from "../../plugins/jekyll-plans/pages/strings.ts";
import { planSeriesOf, type PlanSeries } from "../../plugins/jekyll-plans/site.ts";
import { all, attr, byTag, hasClass, one, parseHtml, text } from "../helpers/html.ts";
import { planFrom } from "../helpers/plan.ts";

// The plugin's own templates (a layouts folder that does not exist holds no replacements).
const { render } = pageTemplates("/nonexistent-layouts", DEFAULT_STRINGS);
const renderPlanPage = (plan: Plan, dashboardUrl: string, series?: PlanSeries) =>
  render("progress-plan", planPageView(plan, dashboardUrl, DEFAULT_STRINGS, series));
const renderSeriesPage = (series: PlanSeries, dashboardUrl: string) => render("progress-series", seriesPageView(series, dashboardUrl, DEFAULT_STRINGS));
const renderDashboard = (series: PlanSeries[], months: MonthCount[]) => render("progress-dashboard", dashboardView(series, months, DEFAULT_STRINGS));

function plan(src: string, postUrl: string, title = "计划 <b>"): Plan {
  return planFrom(src, { postUrl, title });
}
const SRC = [
  "## 1. 当前工作",
  "",
  "* [ ] 写惊群文章 - 2 天",
  "* [ ] 读源码",
  "## 2. 已完成",
  "### 2.1. 2021-06",
  "",
  "* [x] 调试环境",
  "### 2.2. 2021-07",
  "",
  "* [x] 连接池",
  "* [x] 协程",
].join("\n");

describe("a plan's progress page", () => {
  const page = parseHtml(renderPlanPage(plan(SRC, "/2021/07/01/plan/"), "/board/"));

  it("escapes the title and links to the post and to the configured dashboard", () => {
    expect(text(one(page, byTag("h1"))!)).toBe("计划 <b> · 进度");
    expect(all(page, byTag("b"))).toHaveLength(0);
    const links = all(page, byTag("a")).map((a) => attr(a, "href"));
    expect(links).toContain("/2021/07/01/plan/");
    expect(links).toContain("/board/");
    expect(links).not.toContain("/progress/");
  });

  it("sums the open estimates and counts what has none", () => {
    expect(text(page)).toContain("未完成 2 项，估时合计 2 天，其中 1 项未估时");
  });

  it("lists open tasks by section, linked to their anchors", () => {
    const open = all(page, hasClass("open-task"));
    expect(open.map((li) => attr(one(li, byTag("a"))!, "href"))).toEqual(expect.arrayContaining([expect.stringMatching(/^\/2021\/07\/01\/plan\/#task-/)]));
    expect(open).toHaveLength(2);
  });

  it("links no anchor the page does not have: sections without open tasks link to the post", () => {
    const ids = new Set(all(page, (e) => attr(e, "id") !== undefined).map((e) => attr(e, "id")));
    const local = all(page, byTag("a"))
      .map((a) => attr(a, "href") ?? "")
      .filter((h) => h.startsWith("#"));
    expect(local.length).toBeGreaterThan(0);
    expect(local.filter((h) => !ids.has(h.slice(1)))).toEqual([]);
    const sections = all(one(page, hasClass("section-progress"))!, byTag("a")).map((a) => attr(a, "href"));
    expect(sections).toEqual(["#open-1-当前工作", "/2021/07/01/plan/#2-已完成", "/2021/07/01/plan/#21-2021-06", "/2021/07/01/plan/#22-2021-07"]);
  });

  it("charts tasks done per month, with a table of the same numbers", () => {
    const table = one(page, byTag("table"))!;
    expect(text(table)).toContain("2021-06");
    expect(text(table)).toContain("2021-07");
    expect(one(page, byTag("svg"))).not.toBeNull();
  });
});

describe("a series of plans with one slug", () => {
  const older = plan(SRC, "/2020/11/23/plan/", "2020 计划");
  const newer = plan("## 1. doing\n\n* [ ] a\n* [x] b\n", "/2021/11/16/plan/", "2021 计划");
  const [series] = planSeriesOf([newer, older], "/progress/");

  it("sums its plans", () => {
    expect(series).toMatchObject({ slug: "plan", url: "/progress/plan/", done: 4, total: 7 });
  });

  it("has a page with a row per plan, newest first, and the newest plan's progress", () => {
    const page = parseHtml(renderSeriesPage(series!, "/progress/"));
    expect(text(one(page, byTag("h1"))!)).toBe("2021 计划 · 进度");
    const rows = all(one(page, hasClass("plans"))!, byTag("tbody"))[0]!;
    expect(all(rows, byTag("time")).map((t) => text(t))).toEqual(["2021-11-16", "2020-11-23"]);
  });

  it("is one group on the dashboard", () => {
    const board = parseHtml(renderDashboard([series!], []));
    expect(all(board, hasClass("series"))).toHaveLength(1);
    expect(text(one(board, hasClass("series-head"))!)).toContain("4/7");
  });
});

describe("a plan too long to list on one page", () => {
  it("lists the first LIST_LIMIT tasks of a group and counts the rest, linking to the post", () => {
    const src = ["* [ ] 任务 0", ...Array.from({ length: LIST_LIMIT + 2 }, (_, i) => `* [ ] 任务 ${i + 1}`)].join("\n");
    const page = parseHtml(renderPlanPage(plan(src, "/2021/07/01/big/"), "/board/"));
    expect(all(page, hasClass("open-task"))).toHaveLength(LIST_LIMIT);
    const more = one(page, hasClass("more-tasks"))!;
    expect(text(more)).toBe("另有 3 项未在此列出，阅读计划原文");
    expect(attr(one(more, byTag("a"))!, "href")).toBe("/2021/07/01/big/");
    // Nothing is cut from a group within the limit.
    expect(one(parseHtml(renderPlanPage(plan(SRC, "/2021/07/01/plan/"), "/board/")), hasClass("more-tasks"))).toBeNull();
  });

  it("spends one budget of LIST_LIMIT open tasks (and one of done tasks) over the whole page, in page order", () => {
    const section = (n: number, box: string, count: number) => [
      `## ${n}. 部分 ${n}`,
      "",
      ...Array.from({ length: count }, (_, i) => `* [${box}] 任务 ${n}-${i}`),
      "",
    ];
    const src = [
      ...section(1, " ", LIST_LIMIT - 10),
      ...section(2, " ", 30),
      ...section(3, " ", 5),
      "## 4. 完成",
      "",
      "### 4.1. 2021-06",
      "",
      ...section(5, "x", LIST_LIMIT + 1),
    ].join("\n");
    const page = parseHtml(renderPlanPage(plan(src, "/2021/07/01/big/"), "/board/"));
    expect(all(page, hasClass("open-task"))).toHaveLength(LIST_LIMIT);
    expect(all(page, hasClass("done-task"))).toHaveLength(LIST_LIMIT);
    // The second section lists what is left of the budget (10) and counts 20; the third lists none and counts 5.
    expect(all(page, hasClass("more-tasks")).map(text)).toEqual([
      "另有 20 项未在此列出，阅读计划原文",
      "另有 5 项未在此列出，阅读计划原文",
      "另有 1 项未在此列出，阅读计划原文",
    ]);
  });
});
