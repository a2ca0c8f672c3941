/** The progress page of one plan and the dashboard of all plans, as HTML fragments. */
import type { MonthCount, Plan, PlanSection, PlanTask } from "../plans/model.ts";
import type { PlanSeries } from "../site.ts";
import { commitLabel, days, escapeHtml, monthChart, progressBar } from "./html.ts";

/**
 * The sections with their bars. A section with open tasks of its own links to them on this
 * page (`#open-…`); any other links to the section in the post (to the post itself when the
 * heading has no id, as with `autoIds: false`), so that no link points to an anchor that
 * does not exist.
 */
function sectionTree(plan: Plan, sections: readonly PlanSection[], openHere: ReadonlyMap<PlanSection, string>): string {
  const withTasks = sections.filter((s) => s.total > 0);
  if (withTasks.length === 0) return "";
  const href = (s: PlanSection): string => (openHere.has(s) ? `#${openHere.get(s)!}` : s.id ? `${plan.postUrl}#${s.id}` : plan.postUrl);
  return (
    `<ul class="section-progress">` +
    withTasks
      .map((s) => `<li><a href="${escapeHtml(href(s))}">${escapeHtml(s.text)}</a>` + progressBar(s, s.text) + sectionTree(plan, s.children, openHere) + `</li>`)
      .join("") +
    `</ul>`
  );
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

function flatten(sections: readonly PlanSection[], path: PlanSection[] = []): { section: PlanSection; path: PlanSection[] }[] {
  return sections.flatMap((s) => [{ section: s, path: [...path, s] }, ...flatten(s.children, [...path, s])]);
}

function taskItem(t: PlanTask): string {
  return (
    // The plain text is the link: a task's own HTML may hold links, and links do not nest.
    `<li class="open-task${t.overdue ? " overdue" : ""}"><a href="${escapeHtml(t.url)}">${escapeHtml(t.text)}</a>` +
    (t.estimateDays !== null ? ` <span class="estimate">${days(t.estimateDays)}</span>` : ` <span class="estimate none">未估时</span>`) +
    (t.overdue ? ` <span class="overdue-badge">逾期（${escapeHtml(t.month!)}）</span>` : "") +
    earlierOf(t) +
    `</li>`
  );
}

/** The task in earlier plans of the series: `此前：2020-11-23 ☐`. */
function earlierOf(t: PlanTask): string {
  if (t.earlier.length === 0) return "";
  return (
    ` <span class="earlier">此前：` +
    t.earlier.map((e) => `<a href="${escapeHtml(e.url)}">${escapeHtml(e.planDay)} 的计划</a>${e.done ? "（已完成）" : ""}`).join("、") +
    `</span>`
  );
}

/** Where a done task's date comes from: its dated heading, a commit, or the working tree. */
function doneDateOf(t: PlanTask): string {
  const h = t.history;
  if (t.doneSource === "heading") return ` <span class="date-source">（标题 ${escapeHtml(t.doneMonth!)}）</span>`;
  if (t.doneSource === "uncommitted") return ` <span class="date-source uncommitted">（尚未提交）</span>`;
  if (h?.done) return ` <span class="date-source">（${commitLabel(h.done)}${h.doneBy ? " 时已完成" : ""}）</span>`;
  return "";
}

function openTasks(plan: Plan, anchors: ReadonlyMap<PlanSection, string>): string {
  const byId = new Map(plan.tasks.map((t) => [t.id, t]));
  const groups: string[] = [];
  const loose = plan.tasks.filter((t) => !t.done && t.sectionPath.length === 0);
  if (loose.length) groups.push(`<section><h3>（无标题）</h3><ul>${loose.map(taskItem).join("")}</ul></section>`);
  for (const { section, path } of flatten(plan.sections)) {
    const open = section.taskIds.map((id) => byId.get(id)!).filter((t) => !t.done);
    if (open.length === 0) continue;
    groups.push(
      `<section id="${escapeHtml(anchors.get(section)!)}"><h3>${path.map((s) => escapeHtml(s.text)).join(" › ")}</h3>` +
        `<ul>${open.map(taskItem).join("")}</ul></section>`,
    );
  }
  return groups.join("");
}

/** How many done tasks are dated by a heading, by a commit, or not at all: said next to the pace. */
function dateSources(plan: Plan): string {
  const done = plan.tasks.filter((t) => t.done);
  const count = (f: (t: PlanTask) => boolean) => done.filter(f).length;
  const heading = count((t) => t.doneSource === "heading");
  const commit = count((t) => t.doneSource === "commit");
  const by = count((t) => t.doneSource === null && t.history?.doneBy === true);
  const uncommitted = count((t) => t.doneSource === "uncommitted");
  const undated = done.length - heading - commit - by - uncommitted;
  if (!plan.history && heading === done.length) return "";
  const parts = [
    heading ? `${heading} 项按所在的日期标题` : "",
    commit ? `${commit} 项按勾选它的提交` : "",
    by ? `${by} 项首次提交时已完成，不计入月份` : "",
    uncommitted ? `${uncommitted} 项尚未提交，不计入月份` : "",
    undated ? `${undated} 项没有日期` : "",
  ].filter(Boolean);
  return parts.length ? `<p class="date-sources">完成日期：${parts.join("，")}。</p>` : "";
}

function pace(plan: Plan): string {
  if (plan.velocity === null) return `<p>还没有按月记录的完成任务，无法估算速度。</p>${dateSources(plan)}`;
  return (
    `<p>速度：最近 ${Math.min(3, plan.donePerMonth.filter((m) => m.done > 0).length)} 个有完成记录的月份平均每月完成 <strong>${plan.velocity}</strong> 项。` +
    (plan.open > 0 ? `按此速度，剩余 ${plan.open} 项约需 <strong>${plan.forecastMonths}</strong> 个月。` : `全部完成。`) +
    `</p>` +
    dateSources(plan)
  );
}

function doneTasks(plan: Plan): string {
  const done = plan.tasks.filter((t) => t.done);
  if (done.length === 0) return "<p>还没有完成的任务。</p>";
  const byMonth = new Map<string, PlanTask[]>();
  for (const t of done) {
    const key = t.doneMonth ?? "";
    (byMonth.get(key) ?? byMonth.set(key, []).get(key)!).push(t);
  }
  const months = [...byMonth.keys()].sort().reverse();
  return (
    `<details class="done-tasks"><summary>已完成 ${done.length} 项</summary>` +
    months
      .map(
        (m) =>
          `<section><h3>${m ? escapeHtml(m) : "（未注明月份）"}</h3><ul>` +
          byMonth
            .get(m)!
            .map((t) => `<li class="done-task"><a href="${escapeHtml(t.url)}">${escapeHtml(t.text)}</a>${doneDateOf(t)}${earlierOf(t)}</li>`)
            .join("") +
          `</ul></section>`,
      )
      .join("") +
    `</details>`
  );
}

export function renderPlanPage(plan: Plan, dashboardUrl: string, series?: PlanSeries): string {
  const others = series && series.plans.length > 1 ? series : undefined;
  return (
    `<article class="progress-page">` +
    `<h1>${escapeHtml(plan.title)} · 进度</h1>` +
    `<p><a href="${escapeHtml(plan.postUrl)}">阅读计划原文</a> · <a href="${escapeHtml(dashboardUrl)}">全部计划</a>` +
    (others ? ` · <a href="${escapeHtml(others.url)}">${escapeHtml(others.slug)} 系列（${others.plans.length} 篇）</a>` : "") +
    `</p>` +
    planBody(plan) +
    `</article>`
  );
}

/**
 * `<progressPath><slug>/`: every plan of the series with its totals, and the newest one's
 * overall progress, linking to each plan's own page (where the details are).
 */
export function renderSeriesPage(series: PlanSeries, dashboardUrl: string): string {
  const latest = series.plans[0]!;
  return (
    `<article class="progress-page progress-series">` +
    `<h1>${escapeHtml(latest.title)} · 进度</h1>` +
    `<p><a href="${escapeHtml(latest.postUrl)}">阅读计划原文</a> · <a href="${escapeHtml(latest.progressUrl)}">最新计划的详细进度</a> · <a href="${escapeHtml(dashboardUrl)}">全部计划</a></p>` +
    `<section aria-labelledby="overall"><h2 id="overall">总体</h2>${progressBar(latest, "总体进度")}` +
    `<p>未完成 ${latest.open} 项，估时合计 <strong>${days(latest.openDays)}</strong>，其中 ${latest.openWithoutEstimate} 项未估时。</p>${pace(latest)}</section>` +
    `<section aria-labelledby="series"><h2 id="series">${escapeHtml(series.slug)} 系列</h2>${planTable(series.plans, true)}</section>` +
    lifeTable(series) +
    `</article>`
  );
}

/** Per plan of a series: tasks new in it, carried over from the previous plan (and finished), and dropped. */
function lifeTable(series: PlanSeries): string {
  const rows = series.plans
    .filter((p) => p.life)
    .map(
      (p) =>
        `<tr><th scope="row"><a href="${escapeHtml(p.progressUrl)}">${escapeHtml(p.day)}</a></th>` +
        `<td>${p.life!.new}</td><td>${p.life!.carried}</td><td>${p.life!.finished}</td><td>${p.life!.dropped}</td></tr>`,
    );
  if (rows.length === 0) return "";
  return (
    `<section aria-labelledby="life"><h2 id="life">任务的延续</h2>` +
    `<p>每篇计划与上一篇相比：新增的任务，从上一篇延续下来的未完成任务（其中在这一篇完成的），以及上一篇未完成、这一篇不再列出的任务。</p>` +
    `<table class="plan-life"><thead><tr><th scope="col">计划</th><th scope="col">新增</th><th scope="col">延续</th><th scope="col">其中完成</th><th scope="col">放弃</th></tr></thead>` +
    `<tbody>${rows.join("")}</tbody></table></section>`
  );
}

function planBody(plan: Plan): string {
  const anchors = openAnchors(plan);
  const overdue = plan.overdueMonths.length
    ? `<ul>${plan.overdueMonths.map((m) => `<li>${escapeHtml(m.month)}：${m.open} 项未完成</li>`).join("")}</ul>`
    : `<p>没有逾期的计划月份。</p>`;
  return (
    `<section aria-labelledby="overall"><h2 id="overall">总体</h2>${progressBar(plan, "总体进度")}` +
    `<p>未完成 ${plan.open} 项，估时合计 <strong>${days(plan.openDays)}</strong>，其中 ${plan.openWithoutEstimate} 项未估时。</p>` +
    pace(plan) +
    `</section>` +
    `<section aria-labelledby="by-month"><h2 id="by-month">每月完成</h2>${monthChart(plan.donePerMonth, `${plan.title}：每月完成的任务`, `chart-${plan.progressUrl.replace(/[^A-Za-z0-9]+/g, "-")}`)}</section>` +
    `<section aria-labelledby="overdue"><h2 id="overdue">逾期月份</h2>${overdue}</section>` +
    `<section aria-labelledby="by-section"><h2 id="by-section">各部分</h2>${sectionTree(plan, plan.sections, anchors)}</section>` +
    `<section aria-labelledby="open"><h2 id="open">未完成的任务</h2>${openTasks(plan, anchors) || "<p>全部完成。</p>"}</section>` +
    `<section aria-labelledby="done"><h2 id="done">已完成的任务</h2>${doneTasks(plan)}</section>`
  );
}

const PLAN_TABLE_HEAD = `<thead><tr><th scope="col">计划</th><th scope="col">进度</th><th scope="col">完成/总数</th><th scope="col">未完成估时</th><th scope="col">最近完成月份</th></tr></thead>`;

function planRow(p: Plan, withDay: boolean): string {
  return (
    `<tr><th scope="row"><a href="${escapeHtml(p.progressUrl)}">${escapeHtml(p.title)}</a>` +
    (withDay ? ` <time datetime="${escapeHtml(p.day)}">${escapeHtml(p.day)}</time>` : "") +
    `</th><td>${progressBar(p, p.title)}</td><td>${p.done}/${p.total}</td><td>${days(p.openDays)}</td>` +
    `<td>${p.lastDoneMonth ? escapeHtml(p.lastDoneMonth) : "—"}</td></tr>`
  );
}

function planTable(plans: readonly Plan[], withDay: boolean): string {
  return `<table class="plans">${PLAN_TABLE_HEAD}<tbody>${plans.map((p) => planRow(p, withDay)).join("")}</tbody></table>`;
}

/**
 * Every plan, newest first. Plans that share a slug form a series: a row with the
 * series' totals, linking to its page, then a row per plan.
 */
export function renderDashboard(series: readonly PlanSeries[], sitewide: readonly MonthCount[]): string {
  const groups = series
    .map((s) =>
      s.plans.length === 1
        ? `<tbody>${planRow(s.plans[0]!, false)}</tbody>`
        : `<tbody class="series"><tr class="series-head"><th scope="rowgroup"><a href="${escapeHtml(s.url)}">${escapeHtml(s.slug)} 系列</a>（${s.plans.length} 篇）</th>` +
          `<td>${progressBar(s, `${s.slug} 系列`)}</td><td>${s.done}/${s.total}</td><td>${days(s.openDays)}</td><td></td></tr>` +
          s.plans.map((p) => planRow(p, true)).join("") +
          `</tbody>`,
    )
    .join("");
  return (
    `<article class="progress-dashboard"><h1>计划进度</h1>` +
    (series.length === 0 ? `<p>还没有计划文章（含任务列表的文章）。</p>` : `<table class="plans">${PLAN_TABLE_HEAD}${groups}</table>`) +
    `<h2>全站每月完成</h2>${monthChart(sitewide, "全部计划：每月完成的任务", "chart-all")}` +
    `</article>`
  );
}
