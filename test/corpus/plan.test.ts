// The corpus plan post (content/_posts/2020/2020-11-23-plan.md) through the
// real build: its cookies, its progress page, the dashboard and /progress.json.
//
// How the expected numbers were counted, by hand in the source:
// - sections: "## 1. 当前工作" holds nine `---`-separated groups of 6+8+5+3+4+4+1+5+4 = 40
//   tasks plus 2 under "### 1.1. 协程" = 42, of which 2 are [x] (数据转发超时处理, 数据转发 seq
//   校验); "## 2. 目标" 8+4 + 4 (2.1) + 3 (2.2) = 19; "## 3. 工作" 6+4 = 10, all under
//   "### 3.1. 2020-12"; "## 4. kimserver" 4+6 (4.1) + 4 (4.2) = 14; "## 5. 其它" 7 open +
//   111 done under "### 5.1. done" = 118. 42+19+10+14+118 = 203; 2+111 = 113 done; 90 open.
// - done per month, one "#### 5.1.x. YYYY-MM" section each: 2021-07: 2, 2021-06: 4,
//   2021-05: 1, 2021-04: 8, 2021-03: 24, 2021-02: 10, 2021-01: 7, 2020-12: 27, 2020-11: 28
//   (sum 111; the two long months were also counted with awk over the [x] lines).
// - open estimates: only section 1 states any on open tasks: libco http 2, 调整负载信息 1,
//   libco 节点转发效率 7 (its note also says 7: the largest, not the sum), socket buffer 3,
//   libco 测试 codis 7, mysql 使用效率总结 3, kingshard 3 → 26 days over 7 tasks, so
//   90 − 7 = 83 open tasks without an estimate.
// - velocity: last three months with done tasks 2021-05..07: (1 + 4 + 2) / 3 = 2.33;
//   forecast 90 / (7/3) = 38.57 → 38.6 months.
// - overdue: the 10 open tasks under "3.1. 2020-12" (reference date pinned to 2021-08-01).
import { Ajv2020 } from "ajv/dist/2020.js";
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type BuildResult, CORPUS_POSTS, corpusBuild } from "../helpers/build.ts";
import { all, attr, byId, byTag, hasClass, one, parseHtml, proseText, text } from "../helpers/html.ts";

let build: BuildResult;
let json: { version: number; plans: Record<string, any>[] };
beforeAll(() => {
  build = corpusBuild(inject("corpus"));
  json = JSON.parse(readFileSync(path.join(build.output, "progress.json"), "utf8"));
}, 240_000);

const plan = () => json.plans.find((p) => p.slug === "plan")!;

describe("the corpus plan", () => {
  it("is the one plan of the corpus, with 203 tasks, 113 done, 90 open", () => {
    expect(build.status).toBe(0);
    expect(json.plans.map((p) => p.slug)).toEqual(["plan"]);
    expect(plan()).toMatchObject({ total: 203, done: 113, open: 90, percent: 55 });
    expect(plan().tasks).toHaveLength(203);
  });

  it("has the per-section counts counted in the source", () => {
    const top = plan().sections.map((s: any) => [s.number, s.done, s.total]);
    expect(top).toEqual([
      ["1", 2, 42],
      ["2", 0, 19],
      ["3", 0, 10],
      ["4", 0, 14],
      ["5", 111, 118],
      ["6", 0, 0],
      ["7", 0, 0],
      ["8", 0, 0],
    ]);
  });

  it("has the per-month done counts counted in the source", () => {
    expect(plan().donePerMonth).toEqual([
      { month: "2020-11", done: 28 },
      { month: "2020-12", done: 27 },
      { month: "2021-01", done: 7 },
      { month: "2021-02", done: 10 },
      { month: "2021-03", done: 24 },
      { month: "2021-04", done: 8 },
      { month: "2021-05", done: 1 },
      { month: "2021-06", done: 4 },
      { month: "2021-07", done: 2 },
    ]);
  });

  it("sums open estimates, velocity, forecast and overdue months as counted", () => {
    expect(plan()).toMatchObject({ openDays: 26, openWithoutEstimate: 83, velocity: 2.33, forecastMonths: 38.6, lastDoneMonth: "2021-07" });
    expect(plan().overdueMonths).toEqual([{ month: "2020-12", open: 10 }]);
  });
});

describe("/progress.json", () => {
  it("validates against the documented schema", () => {
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../plugins/jekyll-plans/progress.schema.json"), "utf8"));
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(json), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema is strict enough to refuse a wrong shape.
    expect(validate({ ...json, plans: [{ ...json.plans[0], done: "113" }] })).toBe(false);
  });

  it("gives every task its source line", () => {
    const source = readFileSync(path.join(CORPUS_POSTS, "2020/2020-11-23-plan.md"), "utf8").split("\n");
    for (const t of plan().tasks) expect(source[t.line - 1]).toMatch(/^\s*[*+-] \[[ xX]\] /);
  });
});

describe("the plan post page", () => {
  it("shows cookies beside headings whose sections hold tasks, keeping Jekyll's ids", () => {
    const doc = parseHtml(build.page("/2020/11/23/plan/"));
    const h = one(doc, byId("1-当前工作"))!;
    expect(text(one(h, hasClass("progress-cookie"))!)).toBe("[2/42] 4%");
    expect(text(one(one(doc, byId("511-2021-07"))!, hasClass("progress-cookie"))!)).toBe("[2/2] 100%");
    expect(one(one(doc, byId("6-生活好习惯"))!, hasClass("progress-cookie"))).toBeNull();
    // The TOC entry stays the heading's text.
    expect(proseText(one(doc, byId("markdown-toc-1-当前工作"))!)).toBe("1. 当前工作");
  });

  it("shows a summary bar under the title linking to the progress page", () => {
    const summary = one(parseHtml(build.page("/2020/11/23/plan/")), hasClass("plan-summary"))!;
    expect(text(summary)).toContain("113/203 · 55%");
    expect(text(summary)).toContain("估时 26 天");
    expect(attr(one(summary, byTag("a"))!, "href")).toBe("/progress/2020/11/23/plan/");
  });
});

describe("the progress page", () => {
  it("lists every task once, open ones by section and done ones by month, each linking to its anchor on the post", () => {
    const doc = parseHtml(build.page("/progress/2020/11/23/plan/"));
    const post = parseHtml(build.page("/2020/11/23/plan/"));
    const links = (cls: string) => all(doc, hasClass(cls)).map((li) => attr(one(li, byTag("a"))!, "href")!);
    const open = links("open-task");
    const done = links("done-task");
    expect(open).toHaveLength(90);
    expect(done).toHaveLength(113);
    expect(new Set([...open, ...done]).size).toBe(203);
    for (const [hrefs, checked] of [
      [open, false],
      [done, true],
    ] as const) {
      for (const href of hrefs) {
        const li = one(post, byId(href.split("#")[1]!))!;
        expect(li, href).not.toBeNull();
        expect(attr(one(li, byTag("input"))!, "checked") !== undefined).toBe(checked);
      }
    }
  });

  it("shows the overall bar, the open-estimate sum, velocity and forecast", () => {
    const t = text(parseHtml(build.page("/progress/2020/11/23/plan/")));
    expect(t).toContain("113/203 · 55%");
    expect(t).toContain("估时合计 26 天，其中 83 项未估时");
    expect(t).toContain("2.33");
    expect(t).toContain("38.6");
    expect(t).toContain("2020-12：10 项未完成");
  });

  it("charts done per month as inline SVG with a table of the same numbers", () => {
    const doc = parseHtml(build.page("/progress/2020/11/23/plan/"));
    const svg = one(doc, byTag("svg"))!;
    expect(all(svg, byTag("rect"))).toHaveLength(9);
    const rows = all(one(doc, byTag("table"))!, byTag("tr"))
      .slice(1)
      .map((tr) => text(tr));
    expect(rows[0]).toBe("2020-1128");
    expect(rows).toHaveLength(9);
  });

  it("nests one bar per section as the sections nest", () => {
    const tree = one(parseHtml(build.page("/progress/2020/11/23/plan/")), hasClass("section-progress"))!;
    const top = tree.children.filter((c) => c.type === "tag");
    expect(top).toHaveLength(5); // sections 1–5 hold tasks
    expect(all(tree, hasClass("progress-bar")).length).toBe(5 + 1 + 2 + 1 + 2 + 1 + 9); // 1.1, 2.1–2.2, 3.1, 4.1–4.2, 5.1, 5.1.1–5.1.9
  });
});

describe("the dashboard", () => {
  it("lists the plan with its bar, counts, open days and last month, linked from the header", () => {
    const doc = parseHtml(build.page("/progress/"));
    const row = one(one(doc, hasClass("plans"))!, byTag("tbody"))!;
    expect(text(row)).toContain("工作计划");
    expect(text(row)).toContain("113/203");
    expect(text(row)).toContain("26 天");
    expect(text(row)).toContain("2021-07");
    expect(all(one(parseHtml(build.page("/2020/11/23/plan/")), byTag("header"))!, (e) => e.name === "a" && attr(e, "href") === "/progress/")).toHaveLength(1);
  });
});
