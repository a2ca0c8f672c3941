/**
 * View models of the progress pages (a plan's page, a series page, the dashboard) for the
 * templates in `templates/jekyll-plans/`: everything they print, computed here.
 */
import type { MonthCount, Plan, PlanSection, PlanTask } from "../plans/model.ts";
import type { DatedCommit } from "../plans/history.ts";
import type { PlanSeries } from "../site.ts";
import { barView, monthChartView, type BarView } from "./chart.ts";
import { days } from "./format.ts";
import { fill, type Strings } from "./strings.ts";

/** A link to the same task in an earlier plan of the series: `此前：2020-11-23 的计划`. */
interface EarlierView {
  url: string;
  planDay: string;
  done: boolean;
}

interface OpenTaskView {
  url: string;
  text: string;
  overdue: boolean;
  month: string | null;
  estimate: string | null;
  earlier: EarlierView[];
}

interface DoneTaskView {
  url: string;
  text: string;
  /** Where its date comes from: `heading` (with the month), `commit`, `uncommitted`, or none. */
  source: "heading" | "commit" | "uncommitted" | null;
  month: string | null;
  commit: DatedCommit | null;
  doneBy: boolean;
  earlier: EarlierView[];
}

interface SectionView {
  href: string;
  text: string;
  bar: BarView;
  children: SectionView[];
}

function flatten(sections: readonly PlanSection[], path: PlanSection[] = []): { section: PlanSection; path: PlanSection[] }[] {
  return sections.flatMap((s) => [{ section: s, path: [...path, s] }, ...flatten(s.children, [...path, s])]);
}

/**
 * The anchor of each section's group of open tasks on the progress page: `open-<heading id>`,
 * or `open-section-<n>` for a heading without an id (never one a heading's id already gives).
 */
function openAnchors(plan: Plan): Map<PlanSection, string> {
  const open = new Set(plan.tasks.filter((t) => !t.done).map((t) => t.id));
  const flat = flatten(plan.sections);
  const ids = new Set(flat.map(({ section }) => section.id));
  const anchors = new Map<PlanSection, string>();
  let n = 0;
  for (const { section } of flat) {
    if (!section.taskIds.some((id) => open.has(id))) continue;
    if (section.id) anchors.set(section, `open-${section.id}`);
    else {
      while (ids.has(`section-${++n}`));
      anchors.set(section, `open-section-${n}`);
    }
  }
  return anchors;
}

/**
 * The sections with their bars. A section with open tasks of its own links to them on this
 * page (`#open-…`); any other links to the section in the post (to the post itself when the
 * heading has no id, as with `autoIds: false`), so that no link points to an anchor that
 * does not exist.
 */
function sectionTree(plan: Plan, sections: readonly PlanSection[], anchors: ReadonlyMap<PlanSection, string>): SectionView[] {
  const href = (s: PlanSection): string => (anchors.has(s) ? `#${anchors.get(s)!}` : s.id ? `${plan.postUrl}#${s.id}` : plan.postUrl);
  return sections
    .filter((s) => s.total > 0)
    .map((s) => ({ href: href(s), text: s.text, bar: barView(s, s.text), children: sectionTree(plan, s.children, anchors) }));
}

const earlierOf = (t: PlanTask): EarlierView[] => t.earlier.map((e) => ({ url: e.url, planDay: e.planDay, done: e.done }));

// The plain text is the link: a task's own HTML may hold links, and links do not nest.
const openTask = (t: PlanTask, s: Strings): OpenTaskView => ({
  url: t.url,
  text: t.text,
  overdue: t.overdue,
  month: t.month,
  estimate: t.estimateDays !== null ? days(t.estimateDays, s.days) : null,
  earlier: earlierOf(t),
});

/**
 * How many open tasks, and how many done tasks, the progress page lists in all: groups are
 * filled in page order until the budget is spent, and every task past it is counted in its
 * group, with a link to the post, which lists them all. A plan of tens of thousands of tasks
 * would otherwise make a page of many megabytes that no reader scrolls.
 */
export const LIST_LIMIT = 500;

type Group<T> = { tasks: T[]; more: number };

/** Lists a group's tasks while the page's budget lasts; `budget.left` is what remains of it. */
function limited<T>(tasks: readonly PlanTask[], view: (t: PlanTask) => T, budget: { left: number }): Group<T> {
  const shown = tasks.slice(0, budget.left);
  budget.left -= shown.length;
  return { tasks: shown.map(view), more: tasks.length - shown.length };
}

function openGroups(plan: Plan, anchors: ReadonlyMap<PlanSection, string>, s: Strings): ({ id: string | null; heading: string } & Group<OpenTaskView>)[] {
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  const budget = { left: LIST_LIMIT };
  const groups: ({ id: string | null; heading: string } & Group<OpenTaskView>)[] = [];
  const loose = plan.tasks.filter((t) => !t.done && t.sectionPath.length === 0);
  if (loose.length) groups.push({ id: null, heading: s.noHeading, ...limited(loose, (t) => openTask(t, s), budget) });
  for (const { section, path } of flatten(plan.sections)) {
    const open = section.taskIds.map((id) => byId.get(id)!).filter((t) => !t.done);
    if (open.length) groups.push({ id: anchors.get(section)!, heading: path.map((s) => s.text).join(" › "), ...limited(open, (t) => openTask(t, s), budget) });
  }
  return groups;
}

/** How many done tasks are dated by a heading, by a commit, or not at all: said next to the pace. */
function dateSources(plan: Plan, s: Strings): string[] {
  const done = plan.tasks.filter((t) => t.done);
  const count = (f: (t: PlanTask) => boolean) => done.filter(f).length;
  const heading = count((t) => t.doneSource === "heading");
  const commit = count((t) => t.doneSource === "commit");
  const by = count((t) => t.doneSource === null && t.history?.doneBy === true);
  const uncommitted = count((t) => t.doneSource === "uncommitted");
  const undated = done.length - heading - commit - by - uncommitted;
  if (!plan.history && heading === done.length) return [];
  return [
    heading ? fill(s.sourceHeading, { count: heading }) : "",
    commit ? fill(s.sourceCommit, { count: commit }) : "",
    by ? fill(s.sourceDoneBy, { count: by }) : "",
    uncommitted ? fill(s.sourceUncommitted, { count: uncommitted }) : "",
    undated ? fill(s.sourceUndated, { count: undated }) : "",
  ].filter(Boolean);
}

function paceView(plan: Plan, s: Strings) {
  return {
    velocity: plan.velocity,
    months: plan.velocityMonths,
    open: plan.open,
    forecastMonths: plan.forecastMonths,
    dateSources: dateSources(plan, s),
  };
}

function doneView(plan: Plan): { count: number; months: ({ month: string | null } & Group<DoneTaskView>)[] } | null {
  const done = plan.tasks.filter((t) => t.done);
  if (done.length === 0) return null;
  const byMonth = new Map<string, PlanTask[]>();
  for (const t of done) {
    const key = t.doneMonth ?? "";
    (byMonth.get(key) ?? byMonth.set(key, []).get(key)!).push(t);
  }
  const months = [...byMonth.keys()].sort().reverse();
  const task = (t: PlanTask): DoneTaskView => ({
    url: t.url,
    text: t.text,
    source: t.doneSource === "heading" || t.doneSource === "uncommitted" ? t.doneSource : t.history?.done ? "commit" : null,
    month: t.doneMonth,
    commit: t.history?.done ?? null,
    doneBy: t.history?.doneBy ?? false,
    earlier: earlierOf(t),
  });
  const budget = { left: LIST_LIMIT };
  return { count: done.length, months: months.map((m) => ({ month: m || null, ...limited(byMonth.get(m)!, task, budget) })) };
}

/** The overall numbers of a plan (its page and its series' page). */
function overall(plan: Plan, s: Strings) {
  return {
    bar: barView(plan, s.overallBar),
    open: plan.open,
    openDays: days(plan.openDays, s.days),
    openWithoutEstimate: plan.openWithoutEstimate,
    pace: paceView(plan, s),
  };
}

function planBody(plan: Plan, s: Strings) {
  const anchors = openAnchors(plan);
  return {
    overall: overall(plan, s),
    chart: monthChartView(
      plan.donePerMonth,
      fill(s.planChartTitle, { title: plan.title }),
      `chart-${plan.progressUrl.replace(/[^A-Za-z0-9]+/g, "-")}`,
      s.chartTasks,
    ),
    overdue: plan.overdueMonths,
    sections: sectionTree(plan, plan.sections, anchors),
    open: openGroups(plan, anchors, s),
    done: doneView(plan),
  };
}

export function planPageView(plan: Plan, dashboardUrl: string, s: Strings, series?: PlanSeries) {
  const others = series && series.plans.length > 1 ? { url: series.url, slug: series.slug, count: series.plans.length } : null;
  return { plan: { title: plan.title, postUrl: plan.postUrl }, dashboardUrl, others, body: planBody(plan, s) };
}

interface PlanRowView {
  url: string;
  title: string;
  day: string | null;
  bar: BarView;
  done: number;
  total: number;
  openDays: string;
  lastDoneMonth: string | null;
}

const planRow = (p: Plan, withDay: boolean, s: Strings): PlanRowView => ({
  url: p.progressUrl,
  title: p.title,
  day: withDay ? p.day : null,
  bar: barView(p, p.title),
  done: p.done,
  total: p.total,
  openDays: days(p.openDays, s.days),
  lastDoneMonth: p.lastDoneMonth,
});

/**
 * `<progressPath><slug>/`: every plan of the series with its totals, and the newest one's
 * overall progress, linking to each plan's own page (where the details are).
 */
export function seriesPageView(series: PlanSeries, dashboardUrl: string, s: Strings) {
  const latest = series.plans[0]!;
  return {
    latest: { title: latest.title, postUrl: latest.postUrl, progressUrl: latest.progressUrl },
    dashboardUrl,
    slug: series.slug,
    overall: overall(latest, s),
    plans: series.plans.map((p) => planRow(p, true, s)),
    // Per plan: tasks new in it, carried over from the previous plan (and finished), and dropped.
    life: series.plans.filter((p) => p.life).map((p) => ({ url: p.progressUrl, day: p.day, ...p.life! })),
  };
}

/**
 * Every plan, newest first. Plans that share a slug form a series: a row with the
 * series' totals, linking to its page, then a row per plan.
 */
export function dashboardView(series: readonly PlanSeries[], sitewide: readonly MonthCount[], t: Strings) {
  return {
    groups: series.map((s) =>
      s.plans.length === 1
        ? { series: null, plans: [planRow(s.plans[0]!, false, t)] }
        : {
            series: {
              url: s.url,
              slug: s.slug,
              count: s.plans.length,
              bar: barView(s, fill(t.series, { slug: s.slug })),
              done: s.done,
              total: s.total,
              openDays: days(s.openDays, t.days),
            },
            plans: s.plans.map((p) => planRow(p, true, t)),
          },
    ),
    chart: monthChartView(sitewide, t.sitewideChartTitle, "chart-all", t.chartTasks),
  };
}
