/**
 * The plan model: sections and tasks of a plan post, read from the markdown-it
 * tokens the post was parsed into (no second parse, nothing read from HTML).
 *
 * Invariant: every task item of the source (outside code) is in `tasks` exactly
 * once, and every section's counts cover exactly the tasks of its subtree.
 */
import type { MarkdownIt, Token } from "markdown-it";
import type { Diagnostics } from "../diagnostics.ts";
import type { HeadingInfo } from "../markdown/headings.ts";
import type { TaskMark } from "../markdown/tasks.ts";
import { estimateDays, unreadableEstimate, type EstimateUnits } from "./estimate.ts";
import { taskTextTokens } from "../markdown/tasks.ts";
import { monthOfHeading, monthRange } from "./month.ts";
import type { DatedCommit, DoneSource, TaskDates } from "./history.ts";

export interface TaskLink {
  href: string;
  text: string;
}

export interface PlanTask {
  /** Anchor id in the post, e.g. `task-0sw7hak`. */
  id: string;
  text: string;
  /** Inline HTML of the task text (links kept). */
  html: string;
  done: boolean;
  /** Id of the task this one is nested under, if any. */
  parentId: string | null;
  /** Ids of the sections from the outermost to the one holding the task. */
  sectionPath: string[];
  /** 1-based source line. */
  line: number;
  links: TaskLink[];
  /** The trailing parenthesised remark, e.g. `（单进程 6w 左右。）` → `单进程 6w 左右。`. */
  note: string | null;
  /** Estimated days, null when the task states none. */
  estimateDays: number | null;
  /**
   * Whether the task's own estimate counts in sums: not when one of its subtasks states
   * an estimate (the finer estimates count, and are not added to the parent's).
   */
  estimateCounts: boolean;
  /** `YYYY-MM` from the nearest dated heading above: when done, or when planned. */
  month: string | null;
  /**
   * `YYYY-MM` in which the task was done: its dated heading's month, else (with a version
   * history) the month of the commit that ticked it; null when open or not known.
   */
  doneMonth: string | null;
  /** Where `doneMonth` comes from; `"uncommitted"`: ticked in the working tree only (no month). Null when open or not known. */
  doneSource: DoneSource | null;
  /** The task's commits (null when the post has no version history). */
  history: TaskDates<DatedCommit> | null;
  /** The same task in the earlier plans of its series, newest first. */
  earlier: EarlierTask[];
  /** Open, and its month is before the reference month. */
  overdue: boolean;
  /** URL of the task in its post: `/2020/11/23/plan/#task-…`. */
  url: string;
}

/** A task's appearance in an earlier plan of the same series. */
export interface EarlierTask {
  /** The earlier plan's post day and progress page. */
  planDay: string;
  progressUrl: string;
  /** The task in that plan's post. */
  url: string;
  done: boolean;
}

/** How a plan continues the previous plan of its series (null for the first). */
export interface PlanLife {
  /** The previous plan's progress page. */
  previous: string;
  /** Tasks not in the previous plan. */
  new: number;
  /** Tasks that were open in the previous plan and are here again. */
  carried: number;
  /** Of those, done in this plan. */
  finished: number;
  /** Tasks open in the previous plan that this plan no longer lists. */
  dropped: number;
}

export interface Counts {
  done: number;
  total: number;
  open: number;
  /** Whole percent done, rounded down (so 100 means all done). */
  percent: number;
  /** Sum of the open tasks' estimates, in days. */
  openDays: number;
  /** Open tasks that state no estimate. */
  openWithoutEstimate: number;
}

export interface PlanSection extends Counts {
  id: string;
  level: number;
  /** `5.1.1` from `5.1.1. 2021-07`, or null. */
  number: string | null;
  /** The heading without its number: `2021-07`. */
  title: string;
  text: string;
  month: string | null;
  /** Ids of the tasks directly in this section (not in subsections). */
  taskIds: string[];
  children: PlanSection[];
}

export interface MonthCount {
  month: string;
  done: number;
}

export interface MonthOpen {
  month: string;
  open: number;
}

export interface Plan extends Counts {
  title: string;
  slug: string;
  postUrl: string;
  /** The post's day in the site's time zone, `2020-11-23`. */
  day: string;
  progressUrl: string;
  sections: PlanSection[];
  tasks: PlanTask[];
  /** Tasks done per month, every month from the first to the last with any (zeros included). */
  donePerMonth: MonthCount[];
  /** Months before the reference month that still have open tasks planned in them. */
  overdueMonths: MonthOpen[];
  lastDoneMonth: string | null;
  /** Tasks done per month: the mean of the last 3 months that had any; null without history. */
  velocity: number | null;
  /** How many months that mean is over (0 to 3). */
  velocityMonths: number;
  /** Months left at that pace (open / velocity, one decimal); null without a velocity. */
  forecastMonths: number | null;
  /** The version history the dates come from: its HEAD; null without one. */
  history: { head: string } | null;
  /** How the plan continues the previous one of its series; null for a first plan. */
  life: PlanLife | null;
}

export interface PlanInput {
  title: string;
  slug: string;
  postUrl: string;
  day: string;
  progressUrl: string;
  sourcePath: string;
  tokens: Token[];
  /** 1-based source line where the body starts. */
  bodyLine: number;
  env: Record<string, unknown>;
}

export interface PlanSettings {
  hoursPerDay: number;
  /** Working days in a week and in a month, for estimates in weeks (`2 周`) and months (`3 个月`). */
  daysPerWeek: number;
  daysPerMonth: number;
  /** `YYYY-MM` of the build's reference date. */
  referenceMonth: string;
}

/** A month heading further than this from the post's own year is taken for a typo. */
const MONTH_YEARS_AWAY = 5;

const NUMBERED = /^(\d+(?:\.\d+)*)\.?\s+(.*)$/u;

/** `（a）（7 天）` → the last parenthesised group that is not just an estimate. */
export function noteOf(text: string): string | null {
  if (!/[)）]/.test(text)) return null;
  const groups = [...text.matchAll(/[（(]([^（）()]*)[）)]/gu)].map((m) => m[1]!.trim());
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g && !/^\s*\d+(?:\.\d+)?\s*(?:天|days?|d|h|小时|hours?)\s*$/iu.test(g)) return g;
  }
  return null;
}

export function countsOf(tasks: readonly PlanTask[]): Counts {
  const done = tasks.filter((t) => t.done).length;
  const open = tasks.filter((t) => !t.done);
  return {
    done,
    total: tasks.length,
    open: open.length,
    percent: tasks.length === 0 ? 0 : Math.floor((done * 100) / tasks.length),
    openDays: round(open.reduce((s, t) => s + (t.estimateCounts ? (t.estimateDays ?? 0) : 0), 0)),
    // A task whose subtasks carry the estimates is not one without an estimate.
    openWithoutEstimate: open.filter((t) => t.estimateDays === null && t.estimateCounts).length,
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;

/** Reads the plan of one post. Unreadable estimates and impossible months go to `diagnostics`. */
export function buildPlan(md: MarkdownIt, input: PlanInput, settings: PlanSettings, diagnostics: Diagnostics): Plan {
  const tokens = input.tokens;
  const tasks: PlanTask[] = [];
  const sectionTasks = new Map<PlanSection | null, PlanTask[]>();
  const flatSections: { section: PlanSection; parent: PlanSection | null }[] = [];
  const sectionStack: PlanSection[] = [];
  const itemStack: (TaskMark | null)[] = [];
  let sectionPath: string[] = [];
  let sectionMonth: string | null = null;
  const units: EstimateUnits = { hoursPerDay: settings.hoursPerDay, daysPerWeek: settings.daysPerWeek, daysPerMonth: settings.daysPerMonth };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "heading_open" && t.meta?.heading) {
      const h = t.meta.heading as HeadingInfo;
      const numbered = NUMBERED.exec(h.text);
      let monthInfo = monthOfHeading(h.text);
      if (monthInfo && "invalid" in monthInfo) {
        diagnostics.error(input.sourcePath, `heading "${h.text}" names an impossible month (${monthInfo.invalid})`, input.bodyLine + h.line);
      }
      if (monthInfo && "month" in monthInfo && Math.abs(Number(monthInfo.month.slice(0, 4)) - Number(input.day.slice(0, 4))) > MONTH_YEARS_AWAY) {
        // A typo (`2999-12`) would otherwise stretch every chart over centuries.
        diagnostics.warn(
          input.sourcePath,
          `heading "${h.text}" names ${monthInfo.month}, more than ${MONTH_YEARS_AWAY} years from the post's date (${input.day}); it is not used as a month`,
          input.bodyLine + h.line,
        );
        monthInfo = null;
      }
      while (sectionStack.length > 0 && sectionStack[sectionStack.length - 1]!.level >= h.level) sectionStack.pop();
      const section: PlanSection = {
        id: h.id,
        level: h.level,
        number: numbered ? numbered[1]! : null,
        title: numbered ? numbered[2]! : h.text,
        text: h.text,
        month: monthInfo && "month" in monthInfo ? monthInfo.month : null,
        taskIds: [],
        children: [],
        ...countsOf([]),
      };
      flatSections.push({ section, parent: sectionStack[sectionStack.length - 1] ?? null });
      sectionStack.push(section);
      // What every task below shares until the next heading: computed once, not per task.
      sectionPath = sectionStack.map((s) => s.id);
      sectionMonth = null;
      for (let k = sectionStack.length - 1; k >= 0 && sectionMonth === null; k--) sectionMonth = sectionStack[k]!.month;
      continue;
    }
    if (t.type === "list_item_open") {
      const mark = (t.meta?.task as TaskMark | undefined) ?? null;
      if (mark) {
        const inline = tokens[i + 2];
        const children = taskTextTokens(inline?.children ?? []);
        const links: TaskLink[] = [];
        for (let k = 0; k < children.length; k++) {
          const c = children[k]!;
          if (c.type === "link_open") {
            let text = "";
            for (let j = k + 1; j < children.length && children[j]!.type !== "link_close"; j++) text += children[j]!.content;
            links.push({ href: String(c.attrGet("href") ?? ""), text });
          }
        }
        const month = sectionMonth;
        const line = input.bodyLine + (t.map?.[0] ?? 0);
        const estimate = estimateDays(mark.text, units);
        const suspicious = estimate === null ? unreadableEstimate(mark.text, false) : null;
        if (suspicious) {
          diagnostics.warn(input.sourcePath, `task "${mark.text}": cannot read the estimate "${suspicious}" (write e.g. "- 2 天" or "(3 days)")`, line);
        }
        let parent: TaskMark | null = null;
        for (let k = itemStack.length - 1; k >= 0 && parent === null; k--) parent = itemStack[k] ?? null;
        const task: PlanTask = {
          id: mark.id,
          text: mark.text,
          // Raw inline HTML is left out of task HTML, which other pages repeat; its text stays.
          html: md.renderer.renderInline(
            children.filter((c) => c.type !== "html_inline"),
            md.options,
            input.env,
          ),
          done: mark.done,
          parentId: parent?.id ?? null,
          sectionPath,
          line,
          links,
          note: noteOf(mark.text),
          estimateDays: estimate,
          estimateCounts: true,
          month,
          doneMonth: mark.done ? month : null,
          doneSource: mark.done && month ? "heading" : null,
          history: null,
          earlier: [],
          overdue: !mark.done && month !== null && month < settings.referenceMonth,
          url: `${input.postUrl}#${mark.id}`,
        };
        tasks.push(task);
        const holder = sectionStack[sectionStack.length - 1] ?? null;
        if (!sectionTasks.has(holder)) sectionTasks.set(holder, []);
        sectionTasks.get(holder)!.push(task);
      }
      itemStack.push(mark);
      continue;
    }
    if (t.type === "list_item_close") itemStack.pop();
  }

  // Nest sections and count each subtree, innermost first.
  const roots: PlanSection[] = [];
  for (const { section, parent } of flatSections) (parent ? parent.children : roots).push(section);
  const subtree = (s: PlanSection): PlanTask[] => {
    const own = sectionTasks.get(s) ?? [];
    s.taskIds = own.map((t) => t.id);
    const all = [...own, ...s.children.flatMap(subtree)];
    Object.assign(s, countsOf(all));
    return all;
  };
  // A task's own estimate gives way to its subtasks' (any depth) when they state any.
  const byId = new Map(tasks.map((t) => [t.id, t]));
  for (const t of tasks) {
    if (t.estimateDays === null) continue;
    for (let p = t.parentId ? byId.get(t.parentId) : undefined; p && p.estimateCounts; p = p.parentId ? byId.get(p.parentId) : undefined)
      p.estimateCounts = false;
  }
  roots.forEach(subtree);

  const overdue = new Map<string, number>();
  for (const t of tasks) if (t.overdue) overdue.set(t.month!, (overdue.get(t.month!) ?? 0) + 1);

  const counts = countsOf(tasks);
  return {
    title: input.title,
    slug: input.slug,
    postUrl: input.postUrl,
    day: input.day,
    progressUrl: input.progressUrl,
    sections: roots,
    tasks,
    overdueMonths: [...overdue.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, n]) => ({ month, open: n })),
    ...paceOf(tasks, counts.open),
    history: null,
    life: null,
    ...counts,
  };
}

/** Done per month, the last month with any, velocity and forecast, from the tasks' `doneMonth`. */
export function paceOf(
  tasks: readonly PlanTask[],
  open: number,
): Pick<Plan, "donePerMonth" | "lastDoneMonth" | "velocity" | "velocityMonths" | "forecastMonths"> {
  const doneMonths = new Map<string, number>();
  for (const t of tasks) if (t.done && t.doneMonth) doneMonths.set(t.doneMonth, (doneMonths.get(t.doneMonth) ?? 0) + 1);
  const monthsWithDone = [...doneMonths.keys()].sort();
  const donePerMonth: MonthCount[] = monthsWithDone.length
    ? monthRange(monthsWithDone[0]!, monthsWithDone[monthsWithDone.length - 1]!).map((month) => ({ month, done: doneMonths.get(month) ?? 0 }))
    : [];
  const recent = monthsWithDone.slice(-3).map((m) => doneMonths.get(m)!);
  const exactVelocity = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null;
  return {
    donePerMonth,
    lastDoneMonth: monthsWithDone[monthsWithDone.length - 1] ?? null,
    velocity: exactVelocity === null ? null : round(exactVelocity),
    velocityMonths: recent.length,
    forecastMonths: exactVelocity === null ? null : Math.ceil((open / exactVelocity) * 10) / 10,
  };
}

/** Whether a post is a plan: it has task items, unless front matter says `plan: false`; `plan: true` forces it. */
export function isPlan(frontMatter: Record<string, unknown>, taskCount: number, detect: "tasks" | "front-matter"): boolean {
  if (frontMatter.plan === false) return false;
  if (frontMatter.plan === true) return true;
  return detect === "tasks" && taskCount > 0;
}
