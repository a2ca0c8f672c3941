import { describe, expect, it } from "vitest";
import {
  DEFAULT_LABELS,
  excludeSelectors,
  filterValue,
  searchDocuments,
  type SearchPage,
  type SearchRecord,
} from "../../plugins/jekyll-plans/search/records.ts";
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

describe("search documents", () => {
  it("give a post its title (weighted), filters, date sort and meta, and its body", () => {
    const doc = searchDocuments(input("records"))[0] as SearchPage;
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

  it("give each task a record at its anchor with its status, in records mode", () => {
    const records = searchDocuments(input("records")).filter((d): d is SearchRecord => d.type === "record");
    expect(records.map((r) => [r.url.replace(/task-\w+/, "task"), r.meta.title, r.filters["状态"]])).toEqual([
      ["/2021/07/01/plan/#task", "☐ 写惊群文章 - 2 天", ["未完成"]],
      ["/2021/07/01/plan/#task", "☑ 搭建调试环境", ["已完成"]],
    ]);
    expect(excludeSelectors("records")).not.toContain(".task-list");
  });

  it("make tasks sub-results of their post in sections mode", () => {
    const docs = searchDocuments(input("sections"));
    expect(docs.filter((d) => d.type === "record")).toHaveLength(0);
    const h6 = all(parseHtml((docs[0] as SearchPage).html), byTag("h6"));
    expect(h6.map((h) => text(h))).toEqual(["☐ 写惊群文章 - 2 天", "☑ 搭建调试环境"]);
    expect(h6.map((h) => attr(h, "id"))).toEqual(plan.tasks.map((t) => t.id));
    expect(excludeSelectors("sections")).toContain(".task-list");
  });

  it("index a progress page by what it is about, not by repeating its tasks", () => {
    const progress = searchDocuments(input("records")).find((d) => d.url === "/progress/2021/07/01/plan/") as SearchPage;
    expect(text(parseHtml(progress.html))).toContain("1. 当前工作：1/2");
    expect(progress.html).not.toContain("写惊群文章");
  });

  it("give a task the year of its month and none of the post's categories or tags", () => {
    const plan2 = planFrom("## 1. 当前工作\n\n* [ ] 未定时的任务\n\n## 2. 2022-03\n\n* [x] 三月完成的任务\n", { referenceMonth: "2022-08" });
    const records = searchDocuments({ ...input("records"), plans: [plan2] }).filter((d): d is SearchRecord => d.type === "record");
    expect(records.map((r) => [r.content, r.filters[DEFAULT_LABELS.year]])).toEqual([
      ["未定时的任务", ["2021"]],
      ["三月完成的任务", ["2022"]],
    ]);
    for (const r of records) {
      expect(r.filters[DEFAULT_LABELS.category]).toBeUndefined();
      expect(r.filters[DEFAULT_LABELS.tag]).toBeUndefined();
    }
  });

  it("keep HTML-special characters out of filter values", () => {
    expect(filterValue(`<a href="x">&'`)).toBe("＜a href=＂x＂＞＆＇");
  });
});
