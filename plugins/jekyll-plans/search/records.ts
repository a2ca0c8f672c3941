/**
 * What goes into the search index, derived from the site model: one document per
 * post (its body, with the title weighted up, filters, sort and meta), one per
 * progress page, and one record per task, linked to the task's anchor. The
 * header, footer, navigation, TOC and progress widgets are never part of it.
 */
import { escapeHtml } from "../markdown/text.ts";
import type { Plan, PlanTask } from "../plans/model.ts";
import type { PostPage } from "../site.ts";

/** Filter names as readers see them in the search UI. */
export interface SearchLabels {
  kind: string;
  category: string;
  tag: string;
  year: string;
  status: string;
  post: string;
  plan: string;
  progress: string;
  task: string;
  done: string;
  open: string;
}

export const DEFAULT_LABELS: SearchLabels = {
  kind: "类型",
  category: "分类",
  tag: "标签",
  year: "年份",
  status: "状态",
  post: "文章",
  plan: "计划",
  progress: "进度",
  task: "任务",
  done: "已完成",
  open: "未完成",
};

/** An HTML document for Pagefind to parse (headings with ids become sub-results). */
export interface SearchPage {
  type: "page";
  url: string;
  html: string;
}

/** A record without a page of its own: a task. */
export interface SearchRecord {
  type: "record";
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

export type SearchDocument = SearchPage | SearchRecord;

/** Selectors Pagefind leaves out of the text it indexes. */
export const EXCLUDE_SELECTORS = ["#markdown-toc", ".progress-cookie", ".plan-summary", ".chart", "svg"];

/**
 * Pagefind's UI inserts filter values as HTML, and Pagefind decodes entities in the
 * values it reads from pages, so escaping cannot keep a category such as
 * `<img src=x onerror=…>` from running on the search page. Filter values therefore
 * carry no HTML-special characters: `< > & " '` become their fullwidth forms. Names
 * are shown exactly everywhere else.
 */
export function filterValue(value: string): string {
  return value.replace(/[<>&"']/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function escapedFilters(filters: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(filters).map(([name, values]) => [filterValue(name), values.map(filterValue)]));
}

function filterSpans(filters: Record<string, string[]>): string {
  return Object.entries(escapedFilters(filters))
    .flatMap(([name, values]) => values.map((v) => `<span data-pagefind-filter="${escapeHtml(name)}">${escapeHtml(v)}</span>`))
    .join("");
}

function document(lang: string, title: string, body: string, filters: Record<string, string[]>, meta: Record<string, string>, sort: Record<string, string>): string {
  const metaSpans = Object.entries(meta)
    .map(([k, v]) => `<span data-pagefind-meta="${escapeHtml(k)}">${escapeHtml(v)}</span>`)
    .join("");
  const sortSpans = Object.entries(sort)
    .map(([k, v]) => `<span data-pagefind-sort="${escapeHtml(k)}">${escapeHtml(v)}</span>`)
    .join("");
  return (
    `<!doctype html><html lang="${escapeHtml(lang)}"><head><title>${escapeHtml(title)}</title></head><body>` +
    `<main data-pagefind-body>` +
    `<h1 data-pagefind-weight="10" data-pagefind-meta="title">${escapeHtml(title)}</h1>` +
    `<div data-pagefind-ignore>${filterSpans(filters)}${metaSpans}${sortSpans}</div>` +
    body +
    `</main></body></html>`
  );
}

export interface SearchInput {
  posts: readonly PostPage[];
  /** Rendered body HTML by post URL. */
  html: ReadonlyMap<string, string>;
  plans: readonly Plan[];
  /** Rendered progress page HTML by plan slug. */
  progressHtml: ReadonlyMap<string, string>;
  lang: string;
  labels: SearchLabels;
}

export function searchDocuments(input: SearchInput): SearchDocument[] {
  const { labels, lang } = input;
  const out: SearchDocument[] = [];
  const postByUrl = new Map(input.posts.map((p) => [p.url, p]));
  for (const post of input.posts) {
    const filters: Record<string, string[]> = {
      [labels.kind]: [post.plan ? labels.plan : labels.post],
      [labels.year]: [post.day.slice(0, 4)],
    };
    if (post.categories.length) filters[labels.category] = post.categories;
    if (post.tags.length) filters[labels.tag] = post.tags;
    const meta: Record<string, string> = { date: post.day };
    if (post.excerptText) meta.excerpt = post.excerptText;
    out.push({ type: "page", url: post.url, html: document(lang, post.title, input.html.get(post.url) ?? "", filters, meta, { date: post.day }) });
  }
  for (const plan of input.plans) {
    const post = postByUrl.get(plan.postUrl);
    const day = post?.day ?? "";
    const common: Record<string, string[]> = { [labels.year]: day ? [day.slice(0, 4)] : [] };
    if (post?.categories.length) common[labels.category] = post.categories;
    if (post?.tags.length) common[labels.tag] = post.tags;
    out.push({
      type: "page",
      url: plan.progressUrl,
      html: document(lang, `${plan.title} · ${labels.progress}`, input.progressHtml.get(plan.slug) ?? "", { ...common, [labels.kind]: [labels.progress] }, { date: day }, { date: day }),
    });
    for (const task of plan.tasks) out.push(taskRecord(task, plan, day, common, labels));
  }
  return out;
}

function taskRecord(task: PlanTask, plan: Plan, day: string, common: Record<string, string[]>, labels: SearchLabels): SearchRecord {
  const status = task.done ? labels.done : labels.open;
  return {
    type: "record",
    url: task.url,
    content: task.text,
    meta: {
      title: `${task.done ? "☑" : "☐"} ${task.text}`,
      status,
      plan: plan.title,
      ...(task.month ? { date: task.month } : day ? { date: day } : {}),
    },
    filters: escapedFilters({ ...common, [labels.kind]: [labels.task], [labels.status]: [status] }),
    sort: { date: task.month ?? day },
  };
}
