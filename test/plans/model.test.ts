import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { isPlan, noteOf, type Plan } from "../../plugins/jekyll-plans/plans/model.ts";
import { md, planFrom } from "../helpers/plan.ts";

function plan(src: string, referenceMonth = "2021-08"): { plan: Plan; diagnostics: Diagnostics } {
  const diagnostics = new Diagnostics();
  const p = planFrom(src, { title: "t", slug: "s", postUrl: "/p/", progressUrl: "/progress/p/", referenceMonth }, diagnostics);
  return { plan: p, diagnostics };
}

describe("the plan model", () => {
  const src = [
    "## 1. 当前工作", // line 5
    "",
    "* [ ] a [link](http://e.com) - 2 天",
    "* [X] b（备注。）",
    "  * [ ] b1 (3 days)",
    "  * [x] b2",
    "",
    "### 1.1. 2021-06",
    "",
    "* [ ] planned in June",
    "",
    "## 2. done",
    "",
    "### 2.1. 2021-07",
    "",
    "* [x] finished in July",
    "",
    "```",
    "* [ ] in code",
    "```",
  ].join("\n");

  it("reads tasks with text, state, nesting, section, line, links, note, estimate and month", () => {
    const { tasks } = plan(src).plan;
    expect(tasks.map((t) => t.text)).toEqual(["a link - 2 天", "b（备注。）", "b1 (3 days)", "b2", "planned in June", "finished in July"]);
    expect(tasks.map((t) => t.done)).toEqual([false, true, false, true, false, true]);
    expect(tasks[2]!.parentId).toBe(tasks[1]!.id);
    expect(tasks[0]!.parentId).toBeNull();
    expect(tasks[0]).toMatchObject({
      line: 7,
      sectionPath: ["1-当前工作"],
      links: [{ href: "http://e.com", text: "link" }],
      estimateDays: 2,
      month: null,
      url: `/p/#${tasks[0]!.id}`,
    });
    expect(tasks[0]!.html).toBe('a <a href="http://e.com">link</a> - 2 天');
    expect(tasks[1]!.note).toBe("备注。");
    expect(tasks[4]).toMatchObject({ sectionPath: ["1-当前工作", "11-2021-06"], month: "2021-06", overdue: true });
    expect(tasks[5]).toMatchObject({ month: "2021-07", overdue: false });
  });

  it("counts each section's whole subtree and numbers it", () => {
    const { sections } = plan(src).plan;
    expect(sections.map((s) => [s.number, s.title, s.done, s.total, s.openDays])).toEqual([
      ["1", "当前工作", 2, 5, 5],
      ["2", "done", 1, 1, 0],
    ]);
    expect(sections[0]!.children[0]).toMatchObject({ number: "1.1", title: "2021-06", month: "2021-06", total: 1, percent: 0 });
  });

  it("sums open estimates, counts open tasks without one, and finds overdue months", () => {
    const p = plan(src).plan;
    expect(p).toMatchObject({ done: 3, total: 6, open: 3, percent: 50, openDays: 5, openWithoutEstimate: 1 });
    expect(p.overdueMonths).toEqual([{ month: "2021-06", open: 1 }]);
    expect(plan(src, "2021-06").plan.overdueMonths).toEqual([]);
  });

  it("computes done per month, velocity over the last 3 months with any, and a forecast", () => {
    const months = ["2021-01", "2021-03", "2021-04", "2021-05"].map((m, i) => `### ${m}\n\n${"* [x] t\n".repeat(i + 1)}`).join("\n");
    const p = plan(`${months}\n## open\n\n${"* [ ] o\n".repeat(9)}`).plan;
    expect(p.donePerMonth).toEqual([
      { month: "2021-01", done: 1 },
      { month: "2021-02", done: 0 },
      { month: "2021-03", done: 2 },
      { month: "2021-04", done: 3 },
      { month: "2021-05", done: 4 },
    ]);
    expect(p.velocity).toBe(3); // (2 + 3 + 4) / 3
    expect(p.forecastMonths).toBe(3); // 9 open / 3 a month
    expect(p.lastDoneMonth).toBe("2021-05");
  });

  it("warns about an estimate it cannot read and errs on an impossible month, with lines", () => {
    const { diagnostics } = plan("## 2021-13\n\n* [ ] x - 几天\n");
    expect(diagnostics.errors[0]).toMatchObject({ file: "p.md", line: 5, message: expect.stringMatching(/impossible month/) });
    expect(diagnostics.warnings[0]).toMatchObject({ line: 7, message: expect.stringMatching(/cannot read the estimate "- 几天"/) });
  });

  it("takes the last parenthesised remark that is not an estimate as the note", () => {
    expect(noteOf("libco 测试 codis。（从 codis 去了解。）（7 天）")).toBe("从 codis 去了解。");
    expect(noteOf("x (3 天)")).toBeNull();
    expect(noteOf("plain")).toBeNull();
  });
});

describe("plan detection", () => {
  it("makes posts with tasks plans unless front matter says otherwise", () => {
    expect(isPlan({}, 3, "tasks")).toBe(true);
    expect(isPlan({}, 0, "tasks")).toBe(false);
    expect(isPlan({ plan: false }, 3, "tasks")).toBe(false);
    expect(isPlan({ plan: true }, 0, "tasks")).toBe(true);
    expect(isPlan({}, 3, "front-matter")).toBe(false);
    expect(isPlan({ plan: true }, 3, "front-matter")).toBe(true);
  });
});

describe("conservation (property)", () => {
  const word = fc.constantFrom("写", "epoll", "惊群", "a", "(x)", "（注）", "- 2 天", "3d", "`code`", "[l](http://e.com)", "**b**", "{:", "2021-07", "\\[");
  const line = fc.oneof(
    fc
      .tuple(fc.constantFrom("* [ ] ", "* [x] ", "- [X] ", "+ [ ] ", "1. [ ] ", "  * [x] ", "    * [ ] "), fc.array(word, { minLength: 1, maxLength: 4 }))
      .map(([m, w]) => ({ text: m + w.join(" "), task: true })),
    fc
      .tuple(fc.constantFrom("## ", "### 1.1. ", "#### 2021-0", "* ", "> ", ""), fc.array(word, { maxLength: 4 }))
      .map(([m, w]) => ({ text: m + w.join(" "), task: false })),
    fc.constant({ text: "", task: false }),
  );

  it("never throws and has one task per task item", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (lines) => {
        const src = lines.map((l) => l.text).join("\n");
        const p = plan(src).plan;
        // Independent count: the checkboxes on the rendered page.
        const items = md.render(src).match(/<input type="checkbox"/g) ?? [];
        expect(p.tasks).toHaveLength(items.length);
        expect(new Set(p.tasks.map((t) => t.id)).size).toBe(p.tasks.length);
        const sum = (ss: typeof p.sections): number => ss.reduce((n, s) => n + s.taskIds.length + sum(s.children), 0);
        expect(sum(p.sections) + p.tasks.filter((t) => t.sectionPath.length === 0).length).toBe(p.tasks.length);
      }),
      { numRuns: 300, seed: 20201123 },
    );
  });

  it("counts a task item for each `[ ]` list line outside code in simple lists", () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), (lines) => {
        // Blank-line separated, top-level only: every generated task line is a task item.
        const top = lines.filter((l) => l.task && !l.text.startsWith(" ")).map((l) => l.text);
        const src = top.join("\n\n");
        expect(plan(src).plan.tasks).toHaveLength(top.length);
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe("estimates of a task and its subtasks", () => {
  it("count the subtasks' when they state any, never both", () => {
    const { plan: p } = plan(
      [
        "## 1. a",
        "",
        "* [ ] parent - 5 天",
        "  * [ ] child one - 2 天",
        "  * [ ] child two",
        "* [ ] alone - 3 天",
        "* [ ] parent without - 4 天",
        "  * [ ] sub without",
      ].join("\n"),
    );
    expect(p.openDays).toBe(2 + 3 + 4);
    expect(p.tasks.map((t) => [t.text.split(" - ")[0], t.estimateCounts])).toEqual([
      ["parent", false],
      ["child one", true],
      ["child two", true],
      ["alone", true],
      ["parent without", true],
      ["sub without", true],
    ]);
    // child two and sub without state none; the parent whose subtask has one is covered.
    expect(p.openWithoutEstimate).toBe(2);
  });
});

describe("a month heading far from the post's date", () => {
  it("is a warning and no month, so that charts stay bounded", () => {
    const { plan: p, diagnostics } = plan(["## 2999-12", "", "* [x] typo year", "## 2021-07", "", "* [x] real"].join("\n"));
    expect(diagnostics.warnings.map((w) => w.message)).toEqual([
      expect.stringMatching(/heading "2999-12" names 2999-12, more than 5 years from the post's date/),
    ]);
    expect(p.donePerMonth).toEqual([{ month: "2021-07", done: 1 }]);
  });
});
