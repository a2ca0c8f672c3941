/**
 * What goes into the search index, derived from the site model: one document per
 * post (its body, with the title weighted up, filters, sort and meta), one per
 * progress page, and one record per task, linked to the task's anchor. The
 * header, footer, navigation, TOC and progress widgets are never part of it.
 *
 * Two indexes: the posts' (what the search page lists), and the plans' (progress pages
 * and tasks, shown in a block of their own). One-line task records in the posts' index
 * would lower its average page length, which Pagefind's ranking weighs, and push long posts
 * below short ones (BENCHMARKS.md, "Search quality").
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

/** Which index a document goes into: the posts' (`<bundlePath>`) or the plans' (`<bundlePath>plans/`). */
export type SearchBundle = "posts" | "plans";

/** The plans' index, below the posts' bundle path. */
export const PLANS_BUNDLE = "plans/";

/** An HTML document for Pagefind to parse (headings with ids become sub-results). */
export interface SearchPage {
  type: "page";
  bundle: SearchBundle;
  url: string;
  html: string;
}

/** A record without a page of its own: a task. */
export interface SearchRecord {
  type: "record";
  bundle: SearchBundle;
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

function document(
  lang: string,
  title: string,
  body: string,
  filters: Record<string, string[]>,
  meta: Record<string, string>,
  sort: Record<string, string>,
): string {
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

/**
 * How tasks are indexed. `"records"`: one record per task, with the 状态 filter.
 * `"sections"`: each task is a sub-result of its post (found and linked the same
 * way, no status filter), which indexes about twice as fast on large blogs.
 */
export type TaskIndexing = "records" | "sections";

export interface SearchInput {
  posts: readonly PostPage[];
  /** Rendered body HTML by post URL. */
  html: ReadonlyMap<string, string>;
  plans: readonly Plan[];
  lang: string;
  labels: SearchLabels;
  tasks: TaskIndexing;
}

/** Selectors to leave out of the index for a way of indexing tasks. */
export function excludeSelectors(tasks: TaskIndexing): string[] {
  // As sub-results, tasks are indexed from their headings, not from the lists.
  return tasks === "sections" ? [...EXCLUDE_SELECTORS, ".task-list"] : EXCLUDE_SELECTORS;
}

function taskHeadings(plan: Plan): string {
  return plan.tasks.map((t) => `<h6 id="${escapeHtml(t.id)}">${t.done ? "☑" : "☐"} ${escapeHtml(t.text)}</h6>`).join("");
}

/** A progress page for the index: what it is about, not the tasks again (their posts have them). */
function progressSummary(plan: Plan): string {
  const sections: string[] = [];
  const walk = (list: Plan["sections"]): void => {
    for (const s of list) {
      if (s.total > 0) sections.push(`<li>${escapeHtml(s.text)}：${s.done}/${s.total}</li>`);
      walk(s.children);
    }
  };
  walk(plan.sections);
  return `<p>完成 ${plan.done}/${plan.total}，未完成 ${plan.open} 项。</p><ul>${sections.join("")}</ul>`;
}

export function searchDocuments(input: SearchInput): SearchDocument[] {
  const { labels, lang } = input;
  const out: SearchDocument[] = [];
  const postByUrl = new Map(input.posts.map((p) => [p.url, p]));
  const planByUrl = new Map(input.plans.map((p) => [p.postUrl, p]));
  for (const post of input.posts) {
    const filters: Record<string, string[]> = {
      [labels.kind]: [post.plan ? labels.plan : labels.post],
      [labels.year]: [post.day.slice(0, 4)],
    };
    if (post.categories.length) filters[labels.category] = post.categories;
    if (post.tags.length) filters[labels.tag] = post.tags;
    const meta: Record<string, string> = { date: post.day };
    if (post.excerptText) meta.excerpt = post.excerptText;
    const plan = planByUrl.get(post.url);
    const body = (input.html.get(post.url) ?? "") + (plan && input.tasks === "sections" ? taskHeadings(plan) : "");
    out.push({ type: "page", bundle: "posts", url: post.url, html: document(lang, post.title, body, filters, meta, { date: post.day }) });
  }
  for (const plan of input.plans) {
    const post = postByUrl.get(plan.postUrl);
    const day = post?.day ?? "";
    const common: Record<string, string[]> = { [labels.year]: day ? [day.slice(0, 4)] : [] };
    if (post?.categories.length) common[labels.category] = post.categories;
    if (post?.tags.length) common[labels.tag] = post.tags;
    out.push({
      type: "page",
      bundle: "plans",
      url: plan.progressUrl,
      html: document(
        lang,
        `${plan.title} · ${labels.progress}`,
        progressSummary(plan),
        { ...common, [labels.kind]: [labels.progress] },
        { date: day },
        { date: day },
      ),
    });
    if (input.tasks === "records") for (const task of plan.tasks) out.push(taskRecord(task, plan, day, labels));
  }
  return out;
}

/**
 * A task's record. Its year is the year of the month it was done (a dated heading or the
 * commit that ticked it), else of the month it was planned in, else the plan post's; it
 * carries no category or tag of the post, which would count every task
 * of a plan in the post's categories and tags.
 */
function taskRecord(task: PlanTask, plan: Plan, day: string, labels: SearchLabels): SearchRecord {
  const status = task.done ? labels.done : labels.open;
  const month = (task.done ? task.doneMonth : null) ?? task.month;
  const year = (month ?? day).slice(0, 4);
  return {
    type: "record",
    bundle: "plans",
    url: task.url,
    content: task.text,
    meta: {
      title: `${task.done ? "☑" : "☐"} ${task.text}`,
      status,
      plan: plan.title,
      ...(month ? { date: month } : day ? { date: day } : {}),
    },
    filters: escapedFilters({ ...(year ? { [labels.year]: [year] } : {}), [labels.kind]: [labels.task], [labels.status]: [status] }),
    sort: { date: month ?? day },
  };
}
