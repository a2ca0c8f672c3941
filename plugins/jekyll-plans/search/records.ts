/**
 * What goes into the search index, derived from the site model: one document per
 * post (its body, with the title weighted up, filters, sort and meta), one per
 * progress page, and the tasks of each plan, grouped by status and year into one
 * document whose sections are the tasks, each linked to the task's anchor. The
 * header, footer, navigation, TOC and progress widgets are never part of it.
 *
 * Two indexes: the posts' (what the search page lists), and the plans' (progress pages
 * and tasks, shown in a block of their own). Short task documents in the posts' index
 * would lower its average page length, which Pagefind's ranking weighs, and push long posts
 * below short ones (BENCHMARKS.md, "Search quality").
 */
import { escapeHtml } from "../markdown/text.ts";
import type { Plan, PlanTask } from "../plans/model.ts";
import type { Post } from "../posts/post.ts";
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

/**
 * An HTML document for Pagefind to parse (headings with ids become sub-results). `url` is
 * its key in the index; a `url` meta, when it has one, is where its results lead.
 */
export interface SearchDocument {
  bundle: SearchBundle;
  url: string;
  html: string;
}

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

/**
 * A document for Pagefind. The title is a weighted heading before the body, or with
 * `titled: false` only its meta (then no word of it finds the document).
 */
function document(
  lang: string,
  title: string,
  body: string,
  filters: Record<string, string[]>,
  meta: Record<string, string>,
  sort: Record<string, string>,
  titled = true,
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
    (titled ? `<h1 data-pagefind-weight="10" data-pagefind-meta="title">${escapeHtml(title)}</h1>` : "") +
    `<div data-pagefind-ignore>${titled ? "" : `<span data-pagefind-meta="title">${escapeHtml(title)}</span>`}${filterSpans(filters)}${metaSpans}${sortSpans}</div>` +
    body +
    `</main></body></html>`
  );
}

/**
 * How tasks are indexed. `"records"`: in the plans' index, with the 状态 filter (grouped:
 * one document per plan, status and year, each task a section at its anchor).
 * `"sections"`: each task is a sub-result of its post (found and linked the same
 * way, no status filter), which indexes faster on large blogs.
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

/** Tasks as headings with their anchors' ids, ☑ done or ☐ open. */
function taskHeadings(tasks: readonly PlanTask[]): string {
  return tasks.map((t) => `<h6 id="${escapeHtml(t.id)}">${t.done ? "☑" : "☐"} ${escapeHtml(t.text)}</h6>`).join("");
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

/** What a post's document is made of (a post as read has it, before the model is whole). */
export type IndexedPost = Pick<Post, "url" | "title" | "day" | "categories" | "tags" | "excerptText">;

/**
 * A post's document in the posts' index: its body HTML, and with tasks indexed as sections
 * its plan's tasks (`tasks`, else null); `isPlan` makes its kind a plan.
 */
export function postDocument(
  post: IndexedPost,
  isPlan: boolean,
  html: string,
  tasks: readonly PlanTask[] | null,
  lang: string,
  labels: SearchLabels,
): SearchDocument {
  const filters: Record<string, string[]> = {
    [labels.kind]: [isPlan ? labels.plan : labels.post],
    [labels.year]: [post.day.slice(0, 4)],
  };
  if (post.categories.length) filters[labels.category] = post.categories;
  if (post.tags.length) filters[labels.tag] = post.tags;
  const meta: Record<string, string> = { date: post.day };
  if (post.excerptText) meta.excerpt = post.excerptText;
  const body = html + (tasks ? taskHeadings(tasks) : "");
  return { bundle: "posts", url: post.url, html: document(lang, post.title, body, filters, meta, { date: post.day }) };
}

export function searchDocuments(input: SearchInput): SearchDocument[] {
  const { labels, lang } = input;
  const out: SearchDocument[] = [];
  const postByUrl = new Map(input.posts.map((p) => [p.url, p]));
  const planByUrl = new Map(input.plans.map((p) => [p.postUrl, p]));
  for (const post of input.posts) {
    const plan = planByUrl.get(post.url);
    out.push(postDocument(post, Boolean(post.plan), input.html.get(post.url) ?? "", plan && input.tasks === "sections" ? plan.tasks : null, lang, labels));
  }
  for (const plan of input.plans) {
    const post = postByUrl.get(plan.postUrl);
    const day = post?.day ?? "";
    const common: Record<string, string[]> = { [labels.year]: day ? [day.slice(0, 4)] : [] };
    if (post?.categories.length) common[labels.category] = post.categories;
    if (post?.tags.length) common[labels.tag] = post.tags;
    out.push({
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
    if (input.tasks === "records") out.push(...taskGroups(plan, day, labels, lang));
  }
  return out;
}

/**
 * At most this many tasks in one document: a search page loads a whole document (its
 * fragment) to list the tasks found in it, so a plan of thousands of tasks is split.
 */
const GROUP_SIZE = 100;

/**
 * A plan's tasks as documents of the plans' index: one per status and year (and per
 * GROUP_SIZE tasks), each task a heading with its anchor's id, so that Pagefind lists the
 * tasks a query finds as the document's sub-results, each linked to its task (the document's
 * `url` meta is the post's).
 * A task's year is the year of the month it was done (a dated heading or the commit that
 * ticked it), else of the month it was planned in, else the plan post's. A group carries
 * no category or tag of the post, which would count every task of a plan in the post's
 * categories and tags. One document per task made Pagefind five times the documents and
 * files at 2,000 posts, and the build about a sixth slower (BENCHMARKS.md).
 */
function taskGroups(plan: Plan, day: string, labels: SearchLabels, lang: string): SearchDocument[] {
  const groups = new Map<string, { done: boolean; year: string; tasks: { task: PlanTask; date: string }[] }>();
  for (const task of plan.tasks) {
    const date = (task.done ? task.doneMonth : null) ?? task.month ?? day;
    const key = `${task.done ? "done" : "open"}-${date.slice(0, 4)}`;
    const group = groups.get(key) ?? { done: task.done, year: date.slice(0, 4), tasks: [] };
    group.tasks.push({ task, date });
    groups.set(key, group);
  }
  const out: SearchDocument[] = [];
  for (const [key, g] of groups) {
    const status = g.done ? labels.done : labels.open;
    const filters = { ...(g.year ? { [labels.year]: [g.year] } : {}), [labels.kind]: [labels.task], [labels.status]: [status] };
    for (let at = 0; at < g.tasks.length; at += GROUP_SIZE) {
      const part = g.tasks.slice(at, at + GROUP_SIZE);
      // The latest month of its tasks.
      const date = part.reduce((latest, t) => (t.date > latest ? t.date : latest), "");
      const meta = { url: plan.postUrl, plan: plan.title, status, ...(date ? { date } : {}) };
      const tasks = part.map((t) => t.task);
      out.push({
        bundle: "plans",
        url: `${plan.postUrl}#tasks-${key}${at === 0 ? "" : `-${at / GROUP_SIZE + 1}`}`,
        html: document(lang, `${plan.title} · ${status}`, taskHeadings(tasks), filters, meta, date ? { date } : {}, false),
      });
    }
  }
  return out;
}
