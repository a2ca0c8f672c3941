import { describe, expect, it } from "vitest";
import { DEFAULT_LABELS, excludeSelectors, filterValue, searchDocuments, type SearchDocument } from "../../plugins/jekyll-plans/search/records.ts";
import type { PostPage } from "../../plugins/jekyll-plans/site.ts";
import { all, attr, byTag, parseHtml, text } from "../helpers/html.ts";
import { md, planFrom } from "../helpers/plan.ts";

const src = "## 1. 当前工作\n\n* [ ] 写惊群文章 - 2 天\n* [x] 搭建调试环境\n";
const plan = planFrom(src);
const post = {
  url: "/2021/07/01/plan/",
  title: "计划 <b>",
  day: "2021-07-01",
  categories: ["c/c++", "<img src=x>"],
  tags: ["epoll"],
  excerptText: "摘要",
  plan: { done: 1, total: 2 },
} as unknown as PostPage;
const input = (tasks: "records" | "sections") => ({
  posts: [post],
  html: new Map([[post.url, md.render(src)]]),
  plans: [plan],
  lang: "zh-CN",
  labels: DEFAULT_LABELS,
  tasks,
});

/** The plans' documents that group tasks, read as Pagefind reads them. */
function taskGroups(docs: SearchDocument[]) {
  return docs
    .filter((d) => d.bundle === "plans" && d.url.includes("#tasks-"))
    .map((d) => {
      const html = parseHtml(d.html);
      const withAttr = (name: string) => all(html, (e) => attr(e, name) !== undefined);
      return {
        url: d.url,
        filters: withAttr("data-pagefind-filter").map((e) => [attr(e, "data-pagefind-filter"), text(e)]),
        meta: Object.fromEntries(withAttr("data-pagefind-meta").map((e) => [attr(e, "data-pagefind-meta"), text(e)])),
        tasks: all(html, byTag("h6")).map((h) => [attr(h, "id"), text(h)]),
        headings: all(html, (e) => /^h[1-5]$/.test(e.name)),
      };
    });
}

describe("search documents", () => {
  it("give a post its title (weighted), filters, date sort and meta, and its body", () => {
    const doc = searchDocuments(input("records"))[0]!;
    const html = parseHtml(doc.html);
    const h1 = all(html, byTag("h1"))[0]!;
    expect(attr(h1, "data-pagefind-weight")).toBe("10");
    expect(text(h1)).toBe("计划 <b>");
    const filters = all(html, (e) => attr(e, "data-pagefind-filter") !== undefined).map((e) => [attr(e, "data-pagefind-filter"), text(e)]);
    expect(filters).toEqual([
      ["类型", "计划"],
      ["年份", "2021"],
      ["分类", "c/c++"],
      ["分类", "＜img src=x＞"],
      ["标签", "epoll"],
    ]);
    expect(all(html, (e) => attr(e, "data-pagefind-sort") === "date").map((e) => text(e))).toEqual(["2021-07-01"]);
    expect(all(html, (e) => attr(e, "data-pagefind-meta") === "excerpt").map((e) => text(e))).toEqual(["摘要"]);
    expect(all(html, byTag("h2")).map((h) => attr(h, "id"))).toEqual(["1-当前工作"]);
  });

  it("group a plan's tasks by status in the plans' index, each task a heading at its anchor, in records mode", () => {
    const groups = taskGroups(searchDocuments(input("records")));
    expect(groups.map((g) => [g.url, g.filters, g.meta])).toEqual([
      [
        "/2021/07/01/plan/#tasks-open-2021",
        [
          ["年份", "2021"],
          ["类型", "任务"],
          ["状态", "未完成"],
        ],
        { title: `${plan.title} · 未完成`, url: "/2021/07/01/plan/", plan: plan.title, status: "未完成", date: "2021-07-01" },
      ],
      [
        "/2021/07/01/plan/#tasks-done-2021",
        [
          ["年份", "2021"],
          ["类型", "任务"],
          ["状态", "已完成"],
        ],
        { title: `${plan.title} · 已完成`, url: "/2021/07/01/plan/", plan: plan.title, status: "已完成", date: "2021-07-01" },
      ],
    ]);
    // Each task is a section of its own, at the id of its anchor in the post.
    expect(groups.map((g) => g.tasks)).toEqual([[[plan.tasks[0]!.id, "☐ 写惊群文章 - 2 天"]], [[plan.tasks[1]!.id, "☑ 搭建调试环境"]]]);
    // No word of the title before the first task: every match is a task's.
    expect(groups.every((g) => g.headings.length === 0)).toBe(true);
    expect(excludeSelectors("records")).not.toContain(".task-list");
  });

  it("split a large plan's group into documents of at most 100 tasks, each task in one", () => {
    const many = planFrom(`## 1. 当前工作\n\n${Array.from({ length: 250 }, (_, i) => `* [ ] 任务${i}\n`).join("")}`);
    const groups = taskGroups(searchDocuments({ ...input("records"), plans: [many] }));
    expect(groups.map((g) => g.tasks.length)).toEqual([100, 100, 50]);
    expect(new Set(groups.map((g) => g.url)).size).toBe(3);
    expect(groups.flatMap((g) => g.tasks.map(([id]) => id))).toEqual(many.tasks.map((t) => t.id));
  });

  it("make tasks sub-results of their post in sections mode", () => {
    const docs = searchDocuments(input("sections"));
    expect(taskGroups(docs)).toHaveLength(0);
    const h6 = all(parseHtml(docs[0]!.html), byTag("h6"));
    expect(h6.map((h) => text(h))).toEqual(["☐ 写惊群文章 - 2 天", "☑ 搭建调试环境"]);
    expect(h6.map((h) => attr(h, "id"))).toEqual(plan.tasks.map((t) => t.id));
    expect(excludeSelectors("sections")).toContain(".task-list");
  });

  it("index a progress page by what it is about, not by repeating its tasks", () => {
    const progress = searchDocuments(input("records")).find((d) => d.url === "/progress/2021/07/01/plan/")!;
    expect(text(parseHtml(progress.html))).toContain("1. 当前工作：1/2");
    expect(progress.html).not.toContain("写惊群文章");
  });

  it("give a task the year of its month and none of the post's categories or tags", () => {
    const plan2 = planFrom("## 1. 当前工作\n\n* [ ] 未定时的任务\n\n## 2. 2022-03\n\n* [x] 三月完成的任务\n", { referenceMonth: "2022-08" });
    const groups = taskGroups(searchDocuments({ ...input("records"), plans: [plan2] }));
    expect(groups.map((g) => [g.tasks.map(([, t]) => t), g.filters.filter(([name]) => name === DEFAULT_LABELS.year)])).toEqual([
      [["☐ 未定时的任务"], [["年份", "2021"]]],
      [["☑ 三月完成的任务"], [["年份", "2022"]]],
    ]);
    expect(groups[1]!.meta.date).toBe("2022-03");
    for (const g of groups) expect(g.filters.map(([name]) => name)).not.toContain(DEFAULT_LABELS.category);
    for (const g of groups) expect(g.filters.map(([name]) => name)).not.toContain(DEFAULT_LABELS.tag);
  });

  it("keep HTML-special characters out of filter values", () => {
    expect(filterValue(`<a href="x">&'`)).toBe("＜a href=＂x＂＞＆＇");
  });
});
