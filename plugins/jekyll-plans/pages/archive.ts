/** Archive pages (index, year, month) and category/tag pages, as HTML fragments. */
import type { Archives, MonthArchive, Term, YearArchive } from "../archive/model.ts";
import type { PostPage } from "../site.ts";
import type { PlanTask } from "../plans/model.ts";
import { barChart, commitLabel, escapeHtml } from "./html.ts";

type P = PostPage;

function postItem(p: P): string {
  const cats = p.categories.length
    ? ` <span class="post-categories">${p.categoryLinks.map((c) => (c.url ? `<a class="category" href="${escapeHtml(c.url)}">${escapeHtml(c.title)}</a>` : `<span class="category">${escapeHtml(c.title)}</span>`)).join(" ")}</span>`
    : "";
  return (
    `<li class="archive-post"><time datetime="${escapeHtml(p.date)}">${escapeHtml(p.day)}</time> ` +
    `<a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a>${cats}` +
    (p.excerptText ? `<p class="excerpt">${escapeHtml(truncate(p.excerptText, 140))}</p>` : "") +
    `</li>`
  );
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join("")}…` : text;
}

function counts(postCount: number, taskCount: number): string {
  return `${postCount} 篇文章 · ${taskCount} 项完成任务`;
}

function pager(previous: { title: string; url: string } | null, next: { title: string; url: string } | null, up?: { title: string; url: string }): string {
  return (
    `<nav class="archive-nav" aria-label="相邻归档">` +
    (previous ? `<a rel="prev" href="${escapeHtml(previous.url)}">← ${escapeHtml(previous.title)}</a>` : `<span></span>`) +
    (up ? `<a class="up" href="${escapeHtml(up.url)}">${escapeHtml(up.title)}</a>` : "") +
    (next ? `<a rel="next" href="${escapeHtml(next.url)}">${escapeHtml(next.title)} →</a>` : `<span></span>`) +
    `</nav>`
  );
}

export function renderArchiveIndex(archives: Archives<P>): string {
  return (
    `<article class="archive"><h1>归档</h1>` +
    archives.years
      .map(
        (y) =>
          `<section><h2><a href="${escapeHtml(y.url)}">${escapeHtml(y.year)}</a> <small>${counts(y.postCount, y.taskCount)}</small></h2><ul class="archive-months">` +
          y.months
            .map(
              (m) =>
                `<li><a href="${escapeHtml(m.url)}"><time datetime="${escapeHtml(m.datetime)}">${escapeHtml(m.title)}</time></a> <span class="counts">${counts(m.postCount, m.taskCount)}</span></li>`,
            )
            .join("") +
          `</ul></section>`,
      )
      .join("") +
    `</article>`
  );
}

export function renderYear(year: YearArchive<P>, archiveUrl: string): string {
  const chronological = [...year.months].reverse();
  const chart = barChart(
    chronological.map((m) => m.key),
    [
      { name: "文章", cls: "posts", values: chronological.map((m) => m.postCount) },
      { name: "完成任务", cls: "tasks", values: chronological.map((m) => m.taskCount) },
    ],
    `${year.year} 年每月的文章与完成任务`,
    `chart-${year.year}`,
  );
  return (
    `<article class="archive-year"><h1><time datetime="${escapeHtml(year.year)}">${escapeHtml(year.year)}</time></h1>` +
    `<p>${counts(year.postCount, year.taskCount)}</p>${chart}` +
    `<ul class="archive-months">` +
    year.months
      .map(
        (m) =>
          `<li><a href="${escapeHtml(m.url)}"><time datetime="${escapeHtml(m.datetime)}">${escapeHtml(m.title)}</time></a> <span class="counts">${counts(m.postCount, m.taskCount)}</span></li>`,
      )
      .join("") +
    `</ul>` +
    pager(year.previous, year.next, { title: "全部归档", url: archiveUrl }) +
    `</article>`
  );
}

/** A finished task, with the commit that dates it when no heading does. */
function finishedItem(t: PlanTask): string {
  const commit = t.doneSource === "commit" ? t.history?.done : null;
  return (
    `<li><a href="${escapeHtml(t.url)}">${escapeHtml(t.text)}</a>` + (commit ? ` <span class="date-source">（${commitLabel(commit)}）</span>` : "") + `</li>`
  );
}

export function renderMonth(month: MonthArchive<P>): string {
  const posts = month.posts.length ? `<ul class="archive-posts">${month.posts.map(postItem).join("")}</ul>` : `<p>这个月没有发布文章。</p>`;
  const tasks = month.taskGroups.length
    ? month.taskGroups
        .map(
          (g) =>
            `<section class="task-group"><h3><a href="${escapeHtml(g.plan.postUrl)}">${escapeHtml(g.plan.title)}</a> <small><a href="${escapeHtml(g.plan.progressUrl)}">进度</a></small></h3>` +
            `<ul class="finished-tasks">${g.tasks.map(finishedItem).join("")}</ul></section>`,
        )
        .join("")
    : `<p>这个月没有记录完成的任务。</p>`;
  return (
    `<article class="archive-month"><h1><time datetime="${escapeHtml(month.datetime)}">${escapeHtml(month.title)}</time></h1>` +
    `<p>${counts(month.postCount, month.taskCount)}</p>` +
    `<section><h2>发布的文章</h2>${posts}</section>` +
    `<section><h2>完成的任务</h2>${tasks}</section>` +
    pager(month.previous, month.next, { title: month.year, url: month.yearUrl }) +
    `</article>`
  );
}

export function renderTermIndex(kind: "category" | "tag", terms: readonly Term<P>[]): string {
  const title = kind === "category" ? "分类" : "标签";
  return (
    `<article class="terms"><h1>${title}</h1><ul class="term-list">` +
    terms.map((t) => `<li><a href="${escapeHtml(t.url)}">${escapeHtml(t.name)}</a> <span class="count">${t.count}</span></li>`).join("") +
    `</ul></article>`
  );
}

export function renderTerm(kind: "category" | "tag", term: Term<P>, indexUrl: string): string {
  const title = kind === "category" ? "分类" : "标签";
  return (
    `<article class="term"><h1>${title}：${escapeHtml(term.name)}</h1><p>${term.count} 篇文章 · <a href="${escapeHtml(indexUrl)}">全部${title}</a></p>` +
    `<ul class="archive-posts">${term.posts.map(postItem).join("")}</ul></article>`
  );
}
