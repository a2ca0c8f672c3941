/**
 * The whole blog as data: every post read once, in a fixed order, with what
 * the pages need precomputed (previous/next, years), so that templates only
 * loop and print.
 */
import { DateTime } from "luxon";
import type { MarkdownIt } from "markdown-it";
import { Diagnostics } from "./diagnostics.ts";
import type { PostCache } from "./posts/cache.ts";
import { readPost, renderPost, type ParsedPost, type Post, type PostSettings, type PostSource } from "./posts/post.ts";
import { addProgressCookies } from "./plans/cookies.ts";
import { mergeMonths } from "./plans/month.ts";
import { escapePath, jekyllSlugify, outputPathOf } from "./posts/url.ts";
import { buildPlan, countsOf, isPlan, type Counts, type MonthCount, type Plan } from "./plans/model.ts";
import { buildArchives, type Archives, type ArchiveSettings } from "./archive/model.ts";
import { taskDates, taskStatesOf, withHistory, withSeriesLife, type PostHistory, type PostVersion, type TaskState } from "./plans/history.ts";

/** A post with its neighbours, as the post layout sees it. */
/** A plan's counts as the post layout shows them under the title. */
export interface PlanSummary extends Counts {
  progressUrl: string;
}

export interface TermLink {
  title: string;
  /** Null when that archive is switched off. */
  url: string | null;
}

export interface PostPage extends Post {
  /** Set when the post is a plan. */
  plan: PlanSummary | null;
  categoryLinks: TermLink[];
  tagLinks: TermLink[];
  /** The next older post. */
  previous: PostLink | null;
  /** The next newer post. */
  next: PostLink | null;
}

export interface PostLink {
  title: string;
  url: string;
  date: string;
}

/** The plans that share a slug (one per year, say), newest first. */
export interface PlanSeries extends Counts {
  slug: string;
  /** `<progressPath><slug>/`: the series table and its newest plan's progress. */
  url: string;
  /** The newest plan's title. */
  title: string;
  plans: Plan[];
}

export interface YearGroup {
  year: string;
  posts: PostPage[];
}

export interface SiteModel {
  /** Newest first. */
  posts: PostPage[];
  /** Newest year first, posts newest first. */
  years: YearGroup[];
  /** The plan posts, newest first. */
  plans: Plan[];
  /** The plans grouped by slug, newest series first. */
  planSeries: PlanSeries[];
  /** Tasks done per month across all plans. */
  donePerMonth: MonthCount[];
  archives: Archives<PostPage>;
}

/** A post after its one pass: plain data, its plan, and its HTML (its tokens are gone). */
export interface BuiltPost {
  post: Post;
  dateTime: ParsedPost["dateTime"];
  layoutLine?: number;
  plan: Plan | null;
}

/** One post as the site publishes it: what was read, its page data and its body HTML. */
export interface PostRecord {
  built: BuiltPost;
  page: PostPage;
  html: string;
}

export interface BuiltSite {
  model: SiteModel;
  /** Every post, newest first (the order of `model.posts`). */
  records: PostRecord[];
  /** Rendered body HTML by post URL. */
  html: Map<string, string>;
  diagnostics: Diagnostics;
}

export interface SiteSettings extends PostSettings, ArchiveSettings {
  postsDir: string;
  categoriesLinked: boolean;
  tagsLinked: boolean;
  detectPlans: "tasks" | "front-matter";
  hoursPerDay: number;
  daysPerWeek: number;
  daysPerMonth: number;
  referenceMonth: string;
  progressPath: string;
  /** Similarity (0–1) at or above which two task texts are one task (plans/history.ts). */
  taskSimilarity: number;
}

/**
 * A post's version history, asked for plan posts only (the caller reads version control):
 * the history's HEAD and the post's committed versions; null when the post has none.
 */
export type HistoryOf = (sourcePath: string) => (PostHistory & { head: string }) | null;

/** Task states of committed versions: the caller keeps the same version objects across builds. */
const versionTasks = new WeakMap<PostVersion, TaskState[]>();

const linkOf = (p: Post): PostLink => ({ title: p.title, url: p.url, date: p.date });

/** A post after its pass, as the cache keeps it. */
export type PostPass = { built: BuiltPost; html: string } | null;

/** A post's pass as data a store outside the process can keep (structured-clone data: no class instances). */
export function storablePass(pass: PostPass): unknown {
  if (!pass) return null;
  const { dateTime, ...built } = pass.built;
  return { built, at: { iso: dateTime.toISO(), zone: dateTime.zoneName }, html: pass.html };
}

/** The pass `storablePass` kept. */
export function restoredPass(data: unknown): PostPass {
  if (data === null) return null;
  const { built, at, html } = data as { built: Omit<BuiltPost, "dateTime">; at: { iso: string; zone: string }; html: string };
  return { built: { ...built, dateTime: DateTime.fromISO(at.iso, { zone: at.zone }) }, html };
}

/**
 * Builds the site model from the posts' sources (read by the caller). With a `cache` (kept by the caller
 * across builds, and begun with the same settings), unchanged posts are not parsed again.
 * `onPost` is given each post as soon as it is read, in the sources' order, before the model
 * is whole (a post it is given may yet be left out: its URL taken by another).
 */
export function buildSite(
  md: MarkdownIt,
  settings: SiteSettings,
  sources: readonly PostSource[],
  cache?: PostCache<PostPass>,
  historyOf?: HistoryOf,
  onPost?: (built: BuiltPost, html: string) => void,
): BuiltSite {
  const diagnostics = new Diagnostics();
  const parsed: BuiltPost[] = [];
  const html = new Map<string, string>();
  for (const { file, relativePath: rel, text: source, categories } of sources) {
    const make = () => {
      const own = new Diagnostics();
      return { value: passPost(md, file, rel, source, settings, own, categories), diagnostics: own.items };
    };
    const { value, diagnostics: found } = cache ? cache.get(file, source, make) : make();
    diagnostics.items.push(...found);
    if (!value) continue;
    onPost?.(value.built, value.html);
    if (!html.has(value.built.post.url)) html.set(value.built.post.url, value.html);
    // A copy: the plan is replaced below (dates, series), the cached entry stays as parsed.
    parsed.push({ ...value.built });
  }
  cache?.retain(new Set(sources.map((s) => s.file)));

  // Of two posts written to one file (`/a/` and `/a/index.html`, `/%61/` and `/a/`) the first
  // (by path) is kept: the error names both.
  const byFile = new Map<string, BuiltPost>();
  for (const p of [...parsed]) {
    const file = outputPathOf(p.post.url);
    const other = byFile.get(file);
    if (other) {
      const same = other.post.url === p.post.url ? `URL ${p.post.url} is also the URL of` : `URL ${p.post.url} is written to ${file}, as ${other.post.url} of`;
      diagnostics.error(p.post.sourcePath, `${same} ${other.post.sourcePath}; give one of them a permalink or another slug`);
      parsed.splice(parsed.indexOf(p), 1);
    } else byFile.set(file, p);
  }

  // Newest first, as Jekyll's site.posts: it sorts by date, then by path (character by
  // character), and reverses, so of two posts of one instant the later path comes first
  // (and is the other's `next`). The order never depends on the file system.
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  parsed.sort((a, b) => b.dateTime.toMillis() - a.dateTime.toMillis() || byPath(b.post.relativePath, a.post.relativePath));

  const progressUrls = new Map<string, string>();
  for (const { plan } of parsed) {
    if (!plan) continue;
    const other = progressUrls.get(plan.progressUrl);
    if (other) diagnostics.error(plan.postUrl, `progress page ${plan.progressUrl} is also the one of ${other}; give one of the posts another permalink`);
    progressUrls.set(plan.progressUrl, plan.postUrl);
  }

  // Dates from version control, then the links between the plans of a series: new plans
  // (the cached ones stay as they were parsed).
  const withDates = new Map<Plan, Plan>();
  for (const p of parsed) {
    const history = p.plan && historyOf ? historyOf(p.post.sourcePath) : null;
    if (!p.plan || !history) continue;
    const versions = history.versions.map((v) => ({
      commit: v.commit,
      tasks: versionTasks.get(v) ?? versionTasks.set(v, taskStatesOf(md, v.text)).get(v)!,
    }));
    withDates.set(p.plan, withHistory(p.plan, taskDates(versions, p.plan.tasks, settings.taskSimilarity), history.head, settings.timeZone));
  }
  let planList = parsed.flatMap((p) => (p.plan ? [withDates.get(p.plan) ?? p.plan] : []));
  const linked = new Map<string, Plan>();
  for (const members of groupBySlug(planList).values()) {
    if (members.length > 1) for (const plan of withSeriesLife(members, settings.taskSimilarity)) linked.set(plan.progressUrl, plan);
  }
  planList = planList.map((p) => linked.get(p.progressUrl) ?? p);
  const finalPlan = new Map(planList.map((p) => [p.postUrl, p]));
  for (const p of parsed) if (p.plan) p.plan = finalPlan.get(p.post.url) ?? p.plan;
  const planSeries = planSeriesOf(planList, settings.progressPath);
  for (const series of planSeries) {
    const plan = parsed.find((p) => p.plan?.progressUrl === series.url);
    if (plan)
      diagnostics.warn(
        plan.post.sourcePath,
        `the series page of "${series.slug}" (${series.url}) is this plan's own progress page; the series gets no page of its own`,
      );
  }

  const posts: PostPage[] = parsed.map((p, i) => ({
    ...p.post,
    plan: p.plan ? summaryOf(p.plan) : null,
    categoryLinks: [],
    tagLinks: [],
    previous: parsed[i + 1] ? linkOf(parsed[i + 1]!.post) : null,
    next: i > 0 ? linkOf(parsed[i - 1]!.post) : null,
  }));

  // `day` is the date in the site's zone (YYYY-MM-DD): years and months are cut from it.
  const years: YearGroup[] = [];
  for (const post of posts) {
    const year = post.day.slice(0, 4);
    const last = years[years.length - 1];
    if (last?.year === year) last.posts.push(post);
    else years.push({ year, posts: [post] });
  }

  const archives = buildArchives(
    posts,
    (p) => p.day.slice(0, 7),
    planList,
    settings,
    (msg) => diagnostics.warn(settings.postsDir, msg),
  );
  const categoryUrl = new Map(archives.categories.map((t) => [t.name, t.url]));
  const tagUrl = new Map(archives.tags.map((t) => [t.name, t.url]));
  for (const post of posts) {
    post.categoryLinks = post.categories.map((c) => ({ title: c, url: settings.categoriesLinked ? categoryUrl.get(c)! : null }));
    post.tagLinks = post.tags.map((t) => ({ title: t, url: settings.tagsLinked ? tagUrl.get(t)! : null }));
  }
  return {
    model: { posts, years, plans: planList, planSeries, donePerMonth: mergeMonths(planList.map((p) => p.donePerMonth)), archives },
    records: parsed.map((built, i) => ({ built, page: posts[i]!, html: html.get(built.post.url)! })),
    html,
    diagnostics,
  };
}

/** One pass over one post: parse, read its plan, add cookies, render; its tokens are not kept. */
function passPost(
  md: MarkdownIt,
  file: string,
  rel: string,
  source: string,
  settings: SiteSettings,
  diagnostics: Diagnostics,
  categories?: readonly string[],
): PostPass {
  const p = readPost(file, rel, source, md, settings, diagnostics, categories);
  if (!p || p.post.frontMatter.published === false) return null;
  const plan = planOf(md, p, settings, diagnostics);
  if (plan) addProgressCookies(md, p.tokens, plan);
  return { built: { post: p.post, dateTime: p.dateTime, plan, ...(p.layoutLine ? { layoutLine: p.layoutLine } : {}) }, html: renderPost(md, p, settings) };
}

function planOf(md: MarkdownIt, p: ParsedPost, settings: SiteSettings, diagnostics: Diagnostics): Plan | null {
  const taskCount = p.tokens.filter((t) => t.type === "list_item_open" && t.meta?.task).length;
  if (!isPlan(p.post.frontMatter, taskCount, settings.detectPlans)) return null;
  return buildPlan(
    md,
    {
      title: p.post.title,
      slug: p.post.slug,
      postUrl: p.post.url,
      day: p.post.day,
      progressUrl: planProgressUrl(settings.progressPath, p.post.url),
      sourcePath: p.post.sourcePath,
      tokens: p.tokens,
      bodyLine: p.bodyLine,
      env: p.env,
    },
    settings,
    diagnostics,
  );
}

/**
 * A plan's progress page: the post's own URL below `progressPath`
 * (`/2020/11/23/plan/` → `/progress/2020/11/23/plan/`), so that plans which share a
 * slug (a new plan every year) never share a page.
 */
export function planProgressUrl(progressPath: string, postUrl: string): string {
  const rest = postUrl
    .replace(/^\/+/, "")
    .replace(/(?:index)?\.html?$/, "")
    .replace(/\/*$/, "");
  return rest ? `${progressPath}${rest}/` : progressPath;
}

/**
 * Plans grouped by slug, newest plan first within a series and newest series first:
 * the author writes a new `plan` post every year, and `<progressPath><slug>/` shows the series.
 */
export function planSeriesOf(plans: readonly Plan[], progressPath: string): PlanSeries[] {
  return [...groupBySlug(plans).entries()].map(([slug, members]) => ({
    slug,
    url: `${progressPath}${escapePath(jekyllSlugify(slug, "pretty"))}/`,
    title: members[0]!.title,
    plans: members,
    ...countsOf(members.flatMap((p) => p.tasks)),
  }));
}

/** Plans by slug, in the order given (newest first). */
function groupBySlug(plans: readonly Plan[]): Map<string, Plan[]> {
  const bySlug = new Map<string, Plan[]>();
  for (const plan of plans) (bySlug.get(plan.slug) ?? bySlug.set(plan.slug, []).get(plan.slug)!).push(plan);
  return bySlug;
}

function summaryOf(plan: Plan): PlanSummary {
  const { done, total, open, percent, openDays, openWithoutEstimate, progressUrl } = plan;
  return { done, total, open, percent, openDays, openWithoutEstimate, progressUrl };
}
