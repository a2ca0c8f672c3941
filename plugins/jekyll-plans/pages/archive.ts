/**
 * View models of the archive pages (index, year, month) and the category and tag pages,
 * for the templates in `templates/jekyll-plans/`: what the templates print, computed here.
 */
import type { Archives, MonthArchive, Term, YearArchive } from "../archive/model.ts";
import type { DatedCommit } from "../plans/history.ts";
import type { PostPage } from "../site.ts";
import { fill, type Strings } from "./strings.ts";
import { chartView } from "./chart.ts";
import { truncate } from "./format.ts";

type P = PostPage;

export interface PostItemView {
  date: string;
  day: string;
  url: string;
  title: string;
  categoryLinks: PostPage["categoryLinks"];
  /** The first 140 characters of the excerpt's text. */
  excerpt: string;
}

function postItem(p: P): PostItemView {
  return {
    date: p.date,
    day: p.day,
    url: p.url,
    title: p.title,
    categoryLinks: p.categories.length ? p.categoryLinks : [],
    excerpt: p.excerptText ? truncate(p.excerptText, 140) : "",
  };
}

export function archiveIndexView(archives: Archives<P>) {
  return { archives };
}

export function yearView(year: YearArchive<P>, archiveUrl: string, t: Strings) {
  const chronological = [...year.months].reverse();
  const chart = chartView(
    chronological.map((m) => m.key),
    [
      { name: t.chartPosts, cls: "posts", values: chronological.map((m) => m.postCount) },
      { name: t.chartTasks, cls: "tasks", values: chronological.map((m) => m.taskCount) },
    ],
    fill(t.yearChartTitle, { year: year.year }),
    `chart-${year.year}`,
  );
  return { year, chart, up: { title: t.allArchives, url: archiveUrl } };
}

/** A finished task, with the commit that dates it when no heading does. */
interface FinishedTaskView {
  url: string;
  text: string;
  commit: DatedCommit | null;
}

export function monthView(month: MonthArchive<P>) {
  return {
    month,
    posts: month.posts.map(postItem),
    taskGroups: month.taskGroups.map((g) => ({
      plan: g.plan,
      tasks: g.tasks.map((t): FinishedTaskView => ({ url: t.url, text: t.text, commit: t.doneSource === "commit" ? (t.history?.done ?? null) : null })),
    })),
    up: { title: month.year, url: month.yearUrl },
  };
}

export const termTitle = (kind: "category" | "tag", t: Strings): string => (kind === "category" ? t.categoriesTitle : t.tagsTitle);

export function termIndexView(kind: "category" | "tag", terms: readonly Term<P>[], t: Strings) {
  return { title: termTitle(kind, t), terms };
}

export function termView(kind: "category" | "tag", term: Term<P>, indexUrl: string, t: Strings) {
  return { title: termTitle(kind, t), term, indexUrl, posts: term.posts.map(postItem) };
}
