// The plan's history as data: tasks matched from commit to commit and from plan to plan, the
// dates a task gets from the commits, and what a plan takes from them (plans/history.ts).
import { describe, expect, it } from "vitest";
import {
  matchTasks,
  similarity,
  taskDates,
  taskKey,
  taskStatesOf,
  withHistory,
  withSeriesLife,
  type Commit,
} from "../../plugins/jekyll-plans/plans/history.ts";
import type { Plan } from "../../plugins/jekyll-plans/plans/model.ts";
import { md, planFrom } from "../helpers/plan.ts";

const c = (hash: string, date: string): Commit => ({ hash: hash.padEnd(40, "0"), date });
const states = (...xs: [string, boolean][]) => xs.map(([text, done]) => ({ text, done }));

function planOf(body: string, postUrl = "/2021/01/10/plan/"): Plan {
  return planFrom(body, { postUrl, bodyLine: 1 });
}

describe("matching tasks", () => {
  it("compares texts without case, width or whitespace", () => {
    expect(taskKey("读 Epoll  源码")).toBe(taskKey("读epoll源码"));
    expect(taskKey("ＡＢＣ １２")).toBe("abc12");
  });

  it("scores similarity by shared bigrams", () => {
    expect(similarity("abc", "abc")).toBe(1);
    expect(similarity("abcd", "wxyz")).toBe(0);
    expect(similarity(taskKey("写一个协程库并测试"), taskKey("写一个协程库并且测试"))).toBeGreaterThan(0.8);
    expect(similarity(taskKey("读 epoll 源码"), taskKey("写 redis 集群"))).toBeLessThan(0.3);
  });

  it("pairs equal texts in order, then the most similar ones at the threshold, each once", () => {
    expect(matchTasks(["a 任务", "b 任务", "a 任务"], ["a 任务", "a 任务", "c"], 0.8)).toEqual([0, 2, -1]);
    const before = ["写一个协程库并测试", "读 epoll 源码"];
    const after = ["读 redis 源码", "写一个协程库并且测试"];
    expect(matchTasks(before, after, 0.8)).toEqual([-1, 0]);
    // A threshold of 1: equal texts only.
    expect(matchTasks(before, after, 1)).toEqual([-1, -1]);
  });

  it("reads the task items of a post's source, front matter skipped", () => {
    expect(taskStatesOf(md, "---\ntitle: x\n---\n\n* [ ] 一\n* [x] 二\n\n```\n* [ ] 代码里的不是\n```\n")).toEqual(states(["一", false], ["二", true]));
  });
});

describe("dates from commits", () => {
  const jan = c("a1", "2021-01-10T10:00:00+08:00");
  const feb = c("b2", "2021-02-10T10:00:00+08:00");
  const mar = c("c3", "2021-02-28T23:30:00+00:00");

  it("gives each task the commit that added it and the one that ticked it", () => {
    const versions = [
      { commit: jan, tasks: states(["一", false], ["二", false], ["三", true]) },
      { commit: feb, tasks: states(["一", true], ["二", false], ["三", true]) },
      { commit: mar, tasks: states(["一", true], ["二", true], ["三", true], ["四", false]) },
    ];
    const dates = taskDates(versions, states(["一", true], ["二", true], ["三", true], ["四", false]), 0.8);
    expect(dates[0]).toEqual({ added: jan, done: feb, firstDone: feb, doneBy: false, reopened: null, uncommitted: false });
    expect(dates[1]).toMatchObject({ added: jan, done: mar, doneBy: false });
    // Done in the first commit that holds it: done by then, not ticked then.
    expect(dates[2]).toMatchObject({ added: jan, done: jan, doneBy: true });
    expect(dates[3]).toMatchObject({ added: mar, done: null });
  });

  it("follows a task whose text changed a little, and one unticked then ticked again", () => {
    const versions = [
      { commit: jan, tasks: states(["写一个协程库并测试", true]) },
      { commit: feb, tasks: states(["写一个协程库并且测试", false]) },
      { commit: mar, tasks: states(["写一个协程库并且测试", true]) },
    ];
    const [d] = taskDates(versions, states(["写一个协程库并且测试", true]), 0.8);
    // First done in January, unmarked in February, done again in March.
    expect(d).toEqual({ added: jan, done: mar, firstDone: jan, doneBy: false, reopened: feb, uncommitted: false });
  });

  it("marks what the working tree has not committed: a new task, a box ticked or unticked", () => {
    const versions = [{ commit: jan, tasks: states(["一", false], ["二", true]) }];
    const dates = taskDates(versions, states(["一", true], ["二", false], ["新", false]), 0.8);
    expect(dates.map((d) => [d.uncommitted, d.done])).toEqual([
      [true, null],
      [true, null],
      [true, null],
    ]);
    expect(dates[0]!.added).toEqual(jan);
  });
});

describe("a plan dated by its history", () => {
  const body = "## 1. 当前工作\n\n* [x] 一\n* [x] 二\n* [x] 三\n* [ ] 四\n\n## 2. 2021-01\n\n* [x] 五\n";
  const jan = c("a1", "2021-01-05T10:00:00+08:00");
  const feb = c("b2", "2021-02-10T10:00:00+08:00");
  // 23:30 UTC on 28 February is 1 March in Shanghai.
  const mar = c("c3", "2021-02-28T23:30:00+00:00");
  const versions = [
    { commit: jan, tasks: states(["一", false], ["二", false], ["三", true], ["四", false], ["五", true]) },
    { commit: feb, tasks: states(["一", true], ["二", false], ["三", true], ["四", false], ["五", true]) },
    { commit: mar, tasks: states(["一", true], ["二", true], ["三", true], ["四", false], ["五", true]) },
  ];

  it("takes the month of the commit that ticked a task, in the site's time zone, after a dated heading's", () => {
    const plan = planOf(body);
    expect(plan.velocity).toBe(1);
    const dated = withHistory(plan, taskDates(versions, plan.tasks, 0.8), "c3".padEnd(40, "0"), "Asia/Shanghai");
    expect(dated.tasks.map((t) => [t.text, t.doneMonth, t.doneSource])).toEqual([
      ["一", "2021-02", "commit"],
      ["二", "2021-03", "commit"],
      ["三", null, null],
      ["四", null, null],
      ["五", "2021-01", "heading"],
    ]);
    expect(dated.tasks[1]!.history!.done).toMatchObject({ day: "2021-03-01", short: "c300000" });
    expect(dated.tasks[2]!.history).toMatchObject({ doneBy: true });
    expect(dated.donePerMonth).toEqual([
      { month: "2021-01", done: 1 },
      { month: "2021-02", done: 1 },
      { month: "2021-03", done: 1 },
    ]);
    expect(dated.velocity).toBe(1);
    expect(dated.forecastMonths).toBe(1);
    expect(dated.history).toEqual({ head: "c3".padEnd(40, "0") });
    // In UTC the same commit is in February.
    const utc = withHistory(plan, taskDates(versions, plan.tasks, 0.8), "c3", "UTC");
    expect(utc.tasks[1]!.doneMonth).toBe("2021-02");
    // The plan it was given is unchanged (the post cache keeps it).
    expect(plan.tasks[0]!.doneMonth).toBeNull();
    expect(plan.history).toBeNull();
  });

  it("counts a box ticked in the working tree nowhere, and says so", () => {
    const plan = planOf(body);
    const dated = withHistory(plan, taskDates(versions.slice(0, 2), plan.tasks, 0.8), "b2", "Asia/Shanghai");
    expect(dated.tasks[1]).toMatchObject({ doneMonth: null, doneSource: "uncommitted", history: { uncommitted: true } });
  });
});

describe("a plan series", () => {
  it("counts the tasks new in each plan, carried over, finished and dropped, and links each to its earlier appearances", () => {
    const older = planOf("* [x] 读 epoll 源码\n* [ ] 写一个协程库并测试\n* [ ] 学 Rust\n* [ ] 整理笔记\n");
    const newer = planOf("* [x] 写一个协程库并且测试\n* [ ] 学 Rust\n* [ ] 读 redis 源码\n* [ ] 读 epoll 源码\n", "/2022/01/05/plan/");
    const [n, o] = withSeriesLife([newer, older], 0.8);
    expect(o!.life).toBeNull();
    // 读 epoll 源码 was done before: listed again, but neither new nor carried.
    expect(n!.life).toEqual({ previous: "/progress/2021/01/10/plan/", new: 1, carried: 2, finished: 1, dropped: 1 });
    expect(n!.tasks[0]!.earlier).toEqual([{ planDay: "2021-01-10", progressUrl: "/progress/2021/01/10/plan/", url: older.tasks[1]!.url, done: false }]);
    expect(n!.tasks[2]!.earlier).toEqual([]);
    expect(newer.tasks[0]!.earlier).toEqual([]);
  });
});
