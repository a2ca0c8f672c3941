/**
 * Archives: posts published and tasks finished, by month and year (cut in the
 * site's time zone), and posts by category and tag. Pure data; linear in the
 * number of posts and tasks.
 */
import { DateTime } from "luxon";
import type { Plan, PlanTask } from "../plans/model.ts";
import { MAX_NAME_BYTES } from "../posts/url.ts";

const utf8 = new TextEncoder();

/** What the archives need of a post. */
export interface ArchivablePost {
  title: string;
  url: string;
  date: string;
  categories: string[];
  tags: string[];
}

export interface Link {
  title: string;
  url: string;
}

export interface TaskGroup {
  plan: { title: string; postUrl: string; progressUrl: string };
  tasks: PlanTask[];
}

export interface MonthArchive<P extends ArchivablePost = ArchivablePost> {
  /** `2021-07` */
  key: string;
  year: string;
  /** `07` */
  month: string;
  /** `2021年7月` in the site's locale. */
  title: string;
  /** First day of the month, ISO, for `<time datetime>`: `2021-07`. */
  datetime: string;
  url: string;
  yearUrl: string;
  posts: P[];
  taskGroups: TaskGroup[];
  postCount: number;
  taskCount: number;
  /** The nearest earlier month with anything. */
  previous: Link | null;
  /** The nearest later month with anything. */
  next: Link | null;
}

export interface YearArchive<P extends ArchivablePost = ArchivablePost> {
  year: string;
  url: string;
  /** Months with anything, newest first. */
  months: MonthArchive<P>[];
  postCount: number;
  taskCount: number;
  previous: Link | null;
  next: Link | null;
}

export interface Term<P extends ArchivablePost = ArchivablePost> {
  /** As written in front matter. */
  name: string;
  /** URL segment: jekyll-archives' "pretty" slug, Unicode letters kept. */
  slug: string;
  /** The page's URL, percent-encoded for use in `href`. */
  url: string;
  /** The page's URL as written to disk (raw UTF-8). */
  path: string;
  posts: P[];
  count: number;
}

export interface ArchiveSettings {
  timeZone: string;
  locale: string;
  monthPermalink: string;
  yearPermalink: string;
  categoryPermalink: string;
  tagPermalink: string;
}

export interface Archives<P extends ArchivablePost = ArchivablePost> {
  /** Newest first. */
  years: YearArchive<P>[];
  /** Newest first. */
  months: MonthArchive<P>[];
  categories: Term<P>[];
  tags: Term<P>[];
}

/**
 * jekyll-archives' slug (Jekyll's `slugify`, mode "pretty"): runs of characters other
 * than letters, digits and `._~!$&'()+,;=@` become `-`, lowercased. `c/c++` → `c-c++`,
 * `内核 源码` → `内核-源码`.
 */
export function termSlug(name: string): string {
  const slug = name
    .replace(/[^\p{L}\p{M}\p{N}._~!$&'()+,;=@]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .toLowerCase();
  // `.` and `..` are not names of a folder but steps out of one: `/category/../` is the home page.
  return slug === "." || slug === ".." ? "" : slug;
}

/** Fills `:year`, `:month`, `:name` into a permalink pattern. */
export function fillPermalink(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:([a-z]+)/g, (whole, key: string) => {
    const v = values[key];
    if (v === undefined) throw new Error(`unknown placeholder ${whole} in archive permalink "${pattern}"`);
    return v;
  });
}

/** Percent-encodes a path for `href` (keeps `/` and characters that are safe in paths). */
export function hrefOf(path: string): string {
  return path
    .split("/")
    .map((seg) => encodeURIComponent(seg).replace(/%2B/gi, "+").replace(/%40/g, "@").replace(/%2C/gi, ","))
    .join("/");
}

export function monthTitle(key: string, zone: string, locale: string): string {
  const [y, m] = key.split("-").map(Number) as [number, number];
  return DateTime.fromObject({ year: y, month: m }, { zone, locale }).toLocaleString({ year: "numeric", month: "long" });
}

function terms<P extends ArchivablePost>(posts: readonly P[], names: (p: P) => string[], pattern: string, warn: (msg: string) => void): Term<P>[] {
  const byName = new Map<string, P[]>();
  for (const p of posts) for (const n of new Set(names(p))) (byName.get(n) ?? byName.set(n, []).get(n)!).push(p);
  const used = new Map<string, string>();
  const out: Term<P>[] = [];
  for (const [name, list] of [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let slug = termSlug(name) || "-";
    // A folder name longer than a file system allows (a paragraph pasted into `tags`) is cut
    // to fit, whole characters, with room for a `-2` that tells it from another.
    if (utf8.encode(slug).length > MAX_NAME_BYTES) {
      const whole = slug;
      const chars = [...slug];
      while (utf8.encode(chars.join("")).length > MAX_NAME_BYTES - 4) chars.pop();
      slug = chars.join("");
      warn(
        `"${[...name].slice(0, 20).join("")}…" makes a URL segment of ${utf8.encode(whole).length} bytes, more than the ${MAX_NAME_BYTES} a file system allows: its page's is cut to ${utf8.encode(slug).length}`,
      );
    }
    if (used.has(slug)) {
      let n = 2;
      while (used.has(`${slug}-${n}`)) n++;
      warn(`"${name}" and "${used.get(slug)}" make the same URL segment "${slug}"; "${name}" gets "${slug}-${n}"`);
      slug = `${slug}-${n}`;
    }
    used.set(slug, name);
    const path = fillPermalink(pattern, { name: slug });
    out.push({ name, slug, path, url: hrefOf(path), posts: list, count: list.length });
  }
  return out;
}

/**
 * Builds every archive. `postMonth` gives a post's `YYYY-MM` in the site's zone.
 * `posts` newest first.
 */
export function buildArchives<P extends ArchivablePost>(
  posts: readonly P[],
  postMonth: (p: P) => string,
  plans: readonly Plan[],
  settings: ArchiveSettings,
  warn: (msg: string) => void = () => {},
): Archives<P> {
  const months = new Map<string, { posts: P[]; groups: Map<Plan, PlanTask[]> }>();
  const slot = (key: string) => months.get(key) ?? months.set(key, { posts: [], groups: new Map() }).get(key)!;
  for (const p of posts) slot(postMonth(p)).posts.push(p);
  for (const plan of plans) {
    for (const t of plan.tasks) {
      if (!t.done || !t.doneMonth) continue;
      const groups = slot(t.doneMonth).groups;
      (groups.get(plan) ?? groups.set(plan, []).get(plan)!).push(t);
    }
  }

  const keys = [...months.keys()].sort().reverse();
  const monthList: MonthArchive<P>[] = keys.map((key) => {
    const [year, month] = key.split("-") as [string, string];
    const m = months.get(key)!;
    const taskGroups = [...m.groups.entries()].map(([plan, tasks]) => ({
      plan: { title: plan.title, postUrl: plan.postUrl, progressUrl: plan.progressUrl },
      tasks,
    }));
    return {
      key,
      year,
      month,
      title: monthTitle(key, settings.timeZone, settings.locale),
      datetime: key,
      url: hrefOf(fillPermalink(settings.monthPermalink, { year, month })),
      yearUrl: hrefOf(fillPermalink(settings.yearPermalink, { year })),
      posts: m.posts,
      taskGroups,
      postCount: m.posts.length,
      taskCount: taskGroups.reduce((n, g) => n + g.tasks.length, 0),
      previous: null,
      next: null,
    };
  });
  monthList.forEach((m, i) => {
    const newer = monthList[i - 1];
    const older = monthList[i + 1];
    m.next = newer ? { title: newer.title, url: newer.url } : null;
    m.previous = older ? { title: older.title, url: older.url } : null;
  });

  const years: YearArchive<P>[] = [];
  for (const m of monthList) {
    const last = years[years.length - 1];
    if (last?.year === m.year) last.months.push(m);
    else years.push({ year: m.year, url: m.yearUrl, months: [m], postCount: 0, taskCount: 0, previous: null, next: null });
  }
  years.forEach((y, i) => {
    y.postCount = y.months.reduce((n, m) => n + m.postCount, 0);
    y.taskCount = y.months.reduce((n, m) => n + m.taskCount, 0);
    const newer = years[i - 1];
    const older = years[i + 1];
    y.next = newer ? { title: newer.year, url: newer.url } : null;
    y.previous = older ? { title: older.year, url: older.url } : null;
  });

  return {
    years,
    months: monthList,
    categories: terms(posts, (p) => p.categories, settings.categoryPermalink, warn),
    tags: terms(posts, (p) => p.tags, settings.tagPermalink, warn),
  };
}
