import { DateTime } from "luxon";
import path from "node:path";
import type { TocLevels } from "./markdown/toc.ts";
import type { JekyllConfig, SiteMeta } from "./root/config.ts";
import { isSiteUrl } from "./markdown/policy.ts";
import { checkPermalinkPattern } from "./posts/url.ts";
import { DEFAULT_LABELS, type SearchLabels, type TaskIndexing } from "./search/records.ts";
import type { SiteSettings } from "./site.ts";
import { DEFAULT_STRINGS, type Strings } from "./pages/strings.ts";

/** Options of the plugin. Every field is optional; defaults are in {@link DEFAULTS}. */
export interface JekyllPlansOptions {
  /**
   * A whole Jekyll site root (relative to the working directory, or absolute): its
   * `_config.yml` gives the options not set here, its `_posts` are the posts, its pages
   * (`about.markdown`) are published at Jekyll's URLs and its other files are copied as
   * Jekyll copies them. Default: none (only `postsDir` is read).
   */
  siteRoot?: string;
  /** An environment variable that, when set, overrides `siteRoot`; `false` turns it off. Default `"BLOG_ROOT"`. */
  siteRootEnv?: string | false;
  /**
   * The Jekyll `_posts` folder, relative to the working directory or absolute;
   * it may lie outside the Eleventy input folder. Default `"<siteRoot>/_posts"`, or
   * `"content/_posts"` without a site root.
   */
  postsDir?: string;
  /**
   * An environment variable that, when set, overrides `postsDir` (so a build can be
   * pointed at another blog without editing the config). `false` turns it off.
   * Default `"BLOG_POSTS"`.
   */
  postsDirEnv?: string | false;
  /** IANA time zone in which dates are read and months are cut. Default `"Asia/Shanghai"`. */
  timeZone?: string;
  /** Locale for dates shown to readers. Default `"zh-CN"`. */
  locale?: string;
  /**
   * Jekyll permalink pattern for posts (front matter `permalink` wins).
   * Default `"/:year/:month/:day/:title/"`.
   */
  permalink?: string;
  /** Jekyll's `excerpt_separator`. Default `"\n\n\n\n"`. */
  excerptSeparator?: string;
  /** Heading levels listed in the TOC (kramdown's `toc_levels`). Default `{ min: 1, max: 4 }`. */
  tocLevels?: TocLevels;
  /** Layout for posts whose front matter names none. Default `"post"`. */
  defaultLayout?: string;
  /** Highlight fenced code at build time. Default `true`. */
  highlight?: boolean;
  /** kramdown's `hard_wrap`: a newline inside a paragraph is a line break. Default `false`, as in Jekyll. */
  hardWrap?: boolean;
  /**
   * Line numbers beside code blocks, as Rouge writes them for kramdown's
   * `syntax_highlighter_opts.block.line_numbers` (numbered from `start_line`): `false`, `true`
   * (from 1), or the first line's number. Default `false`.
   */
  lineNumbers?: boolean | number;
  /** kramdown's `auto_ids`: headings get ids from their text. Default `true`. */
  autoIds?: boolean;
  /** kramdown's `math_engine`: `"mathjax"` reads `$$…$$` as math and loads MathJax on pages with math; `false` leaves it as text. Default `"mathjax"`. */
  math?: "mathjax" | false;
  /** The site's title, description, URL and author: page titles, header and feed. Default: `_config.yml`'s, else empty. */
  site?: Partial<SiteMeta>;
  /**
   * Raw HTML in posts: `"sanitize"` publishes it less what runs script (the policy in
   * `markdown/policy.ts`: `<script>`, event handlers, `javascript:`/`vbscript:` URLs,
   * `data:` URLs other than images); `"trust"` publishes it exactly as written.
   * Default `"sanitize"`.
   */
  rawHtml?: "sanitize" | "trust";
  /**
   * Which posts are plans: `"tasks"`, every post with task items (front matter
   * `plan: false` opts out); `"front-matter"`, only posts with `plan: true`. Default `"tasks"`.
   */
  detectPlans?: "tasks" | "front-matter";
  /** Hours in a day, for estimates written in hours (`4h`). Default `8`. */
  hoursPerDay?: number;
  /** Working days in a week, for estimates in weeks (`2 周`, `2 weeks`). Default `5`. */
  daysPerWeek?: number;
  /** Working days in a month, for estimates in months (`3 个月`, `1 month`). Default `20`. */
  daysPerMonth?: number;
  /**
   * The date open tasks are compared with to be overdue, `YYYY-MM-DD`. Default: the
   * day of the build in `timeZone` (the one output that depends on the clock; set it
   * for reproducible builds).
   */
  referenceDate?: string;
  /**
   * Read when each task was done from version control: when the posts are in a git
   * repository, a done task without a dated heading takes the month of the commit that
   * ticked it (`git` must be on the PATH; a shallow clone or an untracked post falls back
   * to the headings with a note). Default `true`.
   */
  history?: boolean;
  /**
   * Keep each post's parse, highlight and plan on disk between builds, so that a build redoes
   * only the posts that changed: `true` keeps them in `.cache/jekyll-plans/` (relative to the
   * folder Eleventy runs in), a string names another folder, `false` keeps nothing. An entry is
   * used only for the same text, the same plugin code and dependencies, the same options, and
   * images of the same size: the output is the same either way. Default `false`: writing the
   * cache costs a cold build time and disk (94 MB and about 5 % for a post of 50,000 tasks).
   */
  cache?: boolean | string;
  /**
   * How alike (0–1, Dice over character bigrams of the normalised texts) two task texts
   * must be to count as one task, from commit to commit and from plan to plan of a series.
   * Equal texts always match; `1` matches equal texts only. Default `0.8`.
   */
  taskSimilarity?: number;
  /** Where the progress pages go: `<progressPath>` (dashboard), `<progressPath><slug>/`. Default `"/progress/"`. */
  progressPath?: string;
  /** Layout that wraps the generated pages (progress, dashboard). Default `"base.njk"`. */
  pageLayout?: string;
  /**
   * Archive pages, each of which can be switched off (`enabled: false`), moved
   * (`permalink`) or given a layout of the site's (`layout`, used when that file exists
   * in the includes folder; it receives the page's data and the built-in HTML as `content`).
   */
  archives?: {
    index?: ArchivePageOptions;
    year?: ArchivePageOptions;
    month?: ArchivePageOptions;
    category?: TermPageOptions;
    tag?: TermPageOptions;
  };
  /** The Atom feed (@11ty/eleventy-plugin-rss); `false` turns it off. */
  feed?: FeedOptions | false;
  /** The Pagefind search index and page; `false` turns search off. */
  search?: SearchOptions | false;
  /**
   * The words of the generated pages (titles, headings, labels), any of them replaced:
   * `{ dashboardTitle: "Plans", days: "{n} d" }`. Keys and defaults (Chinese) are in
   * `pages/strings.ts`; `{name}` is filled in.
   */
  strings?: Partial<Strings>;
}

export interface SearchOptions {
  /** URL of the search page. Default `"/search/"`. */
  path?: string;
  /** Where the index and Pagefind's UI are written, below the output folder. Default `"/pagefind/"`. */
  bundlePath?: string;
  /**
   * Language of the index (ISO 639-1); Chinese (`"zh"`) and Japanese get word
   * segmentation. Default: the language of `locale`.
   */
  language?: string;
  /** Filter names and values shown in the search UI. Defaults are Chinese (`类型`, `分类` …). */
  labels?: Partial<SearchLabels>;
  /**
   * `"records"`: tasks in the plans' index, filterable by 状态 (done/open): one document
   * per plan, status and year, each task a sub-result linked to its anchor.
   * `"sections"`: tasks are sub-results of their post, found and linked the same way
   * but without the status filter; a little faster to index on large blogs.
   * Default `"records"`.
   */
  tasks?: TaskIndexing;
}

export interface ArchivePageOptions {
  enabled?: boolean;
  /** `:year` and `:month` are filled in. */
  permalink?: string;
  layout?: string;
}

export interface TermPageOptions extends ArchivePageOptions {
  /** The page listing every name with its count. */
  indexPermalink?: string;
}

export interface FeedOptions {
  /** Default `"/feed.xml"`. */
  path?: string;
  /** How many of the latest posts. Default `20`. */
  limit?: number;
  /** Feed title. Default `"Blog"`. */
  title?: string;
  subtitle?: string;
  /** Absolute URL of the site, for absolute links in the feed. Default `"http://localhost:8080/"`. */
  base?: string;
  /** Default `"zh-CN"`. */
  language?: string;
  author?: { name: string; email?: string };
}

export type ResolvedOptions = Required<
  Omit<JekyllPlansOptions, "siteRoot" | "siteRootEnv" | "postsDirEnv" | "referenceDate" | "archives" | "feed" | "search" | "site" | "strings" | "lineNumbers">
> & {
  /** The first line's number, or no line numbers. */
  lineNumbers: false | number;
  strings: Strings;
  siteRoot: string | undefined;
  siteRootEnv: string | false;
  site: SiteMeta;
  /** `exclude`/`include` of the site root's `_config.yml`, and what of it cannot be honoured. */
  jekyll: Pick<JekyllConfig, "exclude" | "include" | "ignored" | "variables" | "sass">;
  search: { path: string; bundlePath: string; language: string | undefined; labels: SearchLabels; tasks: TaskIndexing } | false;
  postsDirEnv: string | false;
  referenceDate: string | undefined;
  archives: {
    index: Required<ArchivePageOptions>;
    year: Required<ArchivePageOptions>;
    month: Required<ArchivePageOptions>;
    category: Required<TermPageOptions>;
    tag: Required<TermPageOptions>;
  };
  feed: (Required<Omit<FeedOptions, "author">> & { author: { name: string; email?: string } }) | false;
};

export const DEFAULTS: ResolvedOptions = {
  siteRoot: undefined,
  siteRootEnv: "BLOG_ROOT",
  postsDir: "content/_posts",
  postsDirEnv: "BLOG_POSTS",
  timeZone: "Asia/Shanghai",
  locale: "zh-CN",
  permalink: "/:year/:month/:day/:title/",
  // Jekyll's own default is "\n\n"; this blog separates its intro with three blank lines.
  excerptSeparator: "\n\n\n\n",
  tocLevels: { min: 1, max: 4 },
  defaultLayout: "post",
  highlight: true,
  hardWrap: false,
  lineNumbers: false,
  autoIds: true,
  math: "mathjax",
  site: { title: "", description: "", url: "", author: { name: "" } },
  jekyll: { exclude: [], include: [], ignored: [], variables: {}, sass: { loadPaths: ["_sass"], style: "expanded", sourceMap: "always" } },
  rawHtml: "sanitize",
  detectPlans: "tasks",
  hoursPerDay: 8,
  daysPerWeek: 5,
  daysPerMonth: 20,
  referenceDate: undefined,
  history: true,
  cache: false,
  taskSimilarity: 0.8,
  progressPath: "/progress/",
  pageLayout: "base.njk",
  archives: {
    index: { enabled: true, permalink: "/archive/", layout: "archive-index.njk" },
    year: { enabled: true, permalink: "/archive/:year/", layout: "archive-year.njk" },
    month: { enabled: true, permalink: "/archive/:year/:month/", layout: "archive-month.njk" },
    category: { enabled: true, permalink: "/category/:name/", indexPermalink: "/category/", layout: "archive-category.njk" },
    tag: { enabled: true, permalink: "/tag/:name/", indexPermalink: "/tag/", layout: "archive-tag.njk" },
  },
  feed: {
    path: "/feed.xml",
    limit: 20,
    // title, subtitle, base and author default to the site's (option `site`, `_config.yml`).
    title: "",
    subtitle: "",
    base: "",
    language: "zh-CN",
    author: { name: "" },
  },
  search: { path: "/search/", bundlePath: "/pagefind/", language: undefined, labels: DEFAULT_LABELS, tasks: "records" },
  strings: DEFAULT_STRINGS,
};

/** The site root the options and the environment name, if any. */
export function siteRootOf(options: JekyllPlansOptions, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = options.siteRootEnv === undefined ? DEFAULTS.siteRootEnv : options.siteRootEnv;
  return (name && env[name]) || options.siteRoot || undefined;
}

/**
 * What Jekyll 4.3 (kramdown 2.4) uses where a site root's `_config.yml` says nothing, when it
 * differs from this plugin's defaults (which are the blog's): a root builds at the URLs Jekyll
 * gave it. (Jekyll's time zone is the machine's; a build never depends on it: `timeZone`.)
 */
export const JEKYLL_DEFAULTS = { permalink: "date", excerptSeparator: "\n\n", tocLevels: { min: 1, max: 6 } } as const;

/** Options a site root's `_config.yml` may give, under their plugin names. */
const FROM_CONFIG = ["permalink", "timeZone", "excerptSeparator", "tocLevels", "hardWrap", "autoIds", "math", "lineNumbers"] as const;

/**
 * Merges `options` over `_config.yml` (when a site root has one) and the defaults into a
 * fresh object and checks it; throws naming the option.
 */
export function resolveOptions(options: JekyllPlansOptions = {}, env: NodeJS.ProcessEnv = process.env, config?: JekyllConfig): ResolvedOptions {
  const known = new Set([...Object.keys(DEFAULTS).filter((k) => k !== "jekyll")]);
  const fromConfig: Partial<JekyllPlansOptions> = {};
  if (config) for (const key of FROM_CONFIG) if (config[key] !== undefined && options[key] === undefined) Object.assign(fromConfig, { [key]: config[key] });
  const siteRoot = siteRootOf(options, env);
  if (siteRoot) {
    for (const [key, value] of Object.entries(JEKYLL_DEFAULTS) as [keyof typeof JEKYLL_DEFAULTS, unknown][]) {
      if (fromConfig[key] === undefined && options[key] === undefined) Object.assign(fromConfig, { [key]: value });
    }
  }
  const site: SiteMeta = {
    ...DEFAULTS.site,
    ...config?.site,
    ...Object.fromEntries(Object.entries(options.site ?? {}).filter(([, v]) => v !== undefined)),
  };
  site.author = { ...site.author };
  options = { ...fromConfig, ...options };
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new Error(`[jekyll-plans] unknown option "${key}"; known options: ${[...known].join(", ")}`);
  }
  const merged: ResolvedOptions = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    siteRoot,
    postsDir: options.postsDir ?? (siteRoot ? path.join(siteRoot, "_posts") : DEFAULTS.postsDir),
    site,
    jekyll: {
      exclude: [...(config?.exclude ?? [])],
      include: [...(config?.include ?? [])],
      ignored: [...(config?.ignored ?? [])],
      variables: config?.variables ?? {},
      sass: config?.sass ?? DEFAULTS.jekyll.sass,
    },
    tocLevels: { ...DEFAULTS.tocLevels, ...options.tocLevels },
    archives: {
      index: { ...DEFAULTS.archives.index, ...options.archives?.index },
      year: { ...DEFAULTS.archives.year, ...options.archives?.year },
      month: { ...DEFAULTS.archives.month, ...options.archives?.month },
      category: { ...DEFAULTS.archives.category, ...options.archives?.category },
      tag: { ...DEFAULTS.archives.tag, ...options.archives?.tag },
    },
    feed:
      options.feed === false
        ? false
        : ({
            ...(DEFAULTS.feed as object),
            title: site.title || "Blog",
            subtitle: site.description,
            base: site.url || "http://localhost:8080/",
            author: { ...site.author },
            ...Object.fromEntries(Object.entries(options.feed ?? {}).filter(([, v]) => v !== undefined)),
          } as ResolvedOptions["feed"]),
    search:
      options.search === false
        ? false
        : {
            ...(DEFAULTS.search as Exclude<ResolvedOptions["search"], false>),
            ...Object.fromEntries(Object.entries(options.search ?? {}).filter(([, v]) => v !== undefined)),
            labels: { ...DEFAULT_LABELS, ...options.search?.labels },
          },
    strings: { ...DEFAULT_STRINGS, ...options.strings },
  };
  for (const [key, value] of Object.entries(options.strings ?? {})) {
    if (!Object.hasOwn(DEFAULT_STRINGS, key))
      throw new Error(`[jekyll-plans] option strings.${key}: unknown; known: ${Object.keys(DEFAULT_STRINGS).join(", ")}`);
    if (typeof value !== "string") throw new Error(`[jekyll-plans] option strings.${key}: expected a string, got ${JSON.stringify(value)}`);
  }
  if (merged.search && merged.search.tasks !== "records" && merged.search.tasks !== "sections") {
    throw new Error(`[jekyll-plans] option search.tasks: expected "records" or "sections", got ${JSON.stringify(merged.search.tasks)}`);
  }
  if (merged.search && !merged.search.language) merged.search.language = merged.locale.split("-")[0]!.toLowerCase();
  if (merged.search && !/^\/(.*\/)?$/.test(merged.search.bundlePath)) {
    throw new Error(`[jekyll-plans] option search.bundlePath: expected a path that starts and ends with "/", got ${JSON.stringify(merged.search.bundlePath)}`);
  }
  for (const [kind, page] of Object.entries(merged.archives)) {
    const needs = kind === "year" ? [":year"] : kind === "month" ? [":year", ":month"] : kind === "index" ? [] : [":name"];
    for (const placeholder of needs) {
      if (!page.permalink.includes(placeholder)) {
        throw new Error(`[jekyll-plans] option archives.${kind}.permalink: "${page.permalink}" lacks ${placeholder}, so its pages would share one URL`);
      }
    }
  }
  if (merged.postsDirEnv && env[merged.postsDirEnv]) merged.postsDir = env[merged.postsDirEnv]!;
  if (!DateTime.local().setZone(merged.timeZone).isValid) {
    throw new Error(`[jekyll-plans] option timeZone: "${merged.timeZone}" is not an IANA time zone (e.g. "Asia/Shanghai")`);
  }
  if ((merged.lineNumbers as unknown) === true) merged.lineNumbers = 1;
  if (merged.lineNumbers !== false && !Number.isSafeInteger(merged.lineNumbers))
    throw new Error(
      `[jekyll-plans] option lineNumbers: expected true, false or the first line's number (an integer), got ${JSON.stringify(merged.lineNumbers)}`,
    );
  const { min, max } = merged.tocLevels;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max <= 6 && min <= max)) {
    throw new Error(`[jekyll-plans] option tocLevels: expected 1 <= min <= max <= 6, got ${JSON.stringify(merged.tocLevels)}`);
  }
  if (merged.site.url && !isSiteUrl(merged.site.url)) {
    throw new Error(`[jekyll-plans] option site.url: expected the site's address, such as "https://example.com/", got ${JSON.stringify(merged.site.url)}`);
  }
  if (merged.feed && !isSiteUrl(merged.feed.base)) {
    throw new Error(`[jekyll-plans] option feed.base: expected the site's address, such as "https://example.com/", got ${JSON.stringify(merged.feed.base)}`);
  }
  const permalink = typeof merged.permalink === "string" ? checkPermalinkPattern(merged.permalink) : { error: "" };
  if ("error" in permalink) {
    throw new Error(
      `[jekyll-plans] option permalink: expected a style (pretty, date, …) or a pattern such as "/:year/:month/:day/:title/", got ${JSON.stringify(merged.permalink)}${permalink.error ? `: ${permalink.error}` : ""}`,
    );
  }
  merged.permalink = permalink.pattern;
  if (merged.math !== "mathjax" && merged.math !== false) {
    throw new Error(`[jekyll-plans] option math: expected "mathjax" or false, got ${JSON.stringify(merged.math)}`);
  }
  if (merged.rawHtml !== "sanitize" && merged.rawHtml !== "trust") {
    throw new Error(`[jekyll-plans] option rawHtml: expected "sanitize" or "trust", got ${JSON.stringify(merged.rawHtml)}`);
  }
  if (merged.detectPlans !== "tasks" && merged.detectPlans !== "front-matter") {
    throw new Error(`[jekyll-plans] option detectPlans: expected "tasks" or "front-matter", got ${JSON.stringify(merged.detectPlans)}`);
  }
  if (!(typeof merged.hoursPerDay === "number" && merged.hoursPerDay > 0 && merged.hoursPerDay <= 24)) {
    throw new Error(`[jekyll-plans] option hoursPerDay: expected a number of hours between 0 and 24, got ${JSON.stringify(merged.hoursPerDay)}`);
  }
  for (const [key, max] of [
    ["daysPerWeek", 7],
    ["daysPerMonth", 31],
  ] as const) {
    if (!(typeof merged[key] === "number" && merged[key] > 0 && merged[key] <= max)) {
      throw new Error(`[jekyll-plans] option ${key}: expected a number of days between 0 and ${max}, got ${JSON.stringify(merged[key])}`);
    }
  }
  if (merged.referenceDate !== undefined && !DateTime.fromISO(merged.referenceDate, { zone: merged.timeZone }).isValid) {
    throw new Error(`[jekyll-plans] option referenceDate: expected a date such as "2021-08-01", got ${JSON.stringify(merged.referenceDate)}`);
  }
  if (typeof merged.history !== "boolean") {
    throw new Error(`[jekyll-plans] option history: expected true or false, got ${JSON.stringify(merged.history)}`);
  }
  if (!(typeof merged.cache === "boolean" || (typeof merged.cache === "string" && merged.cache.trim() !== ""))) {
    throw new Error(`[jekyll-plans] option cache: expected true, false or a folder, got ${JSON.stringify(merged.cache)}`);
  }
  if (!(typeof merged.taskSimilarity === "number" && merged.taskSimilarity > 0 && merged.taskSimilarity <= 1)) {
    throw new Error(`[jekyll-plans] option taskSimilarity: expected a number above 0 and at most 1, got ${JSON.stringify(merged.taskSimilarity)}`);
  }
  if (!/^\/(.*\/)?$/.test(merged.progressPath)) {
    throw new Error(`[jekyll-plans] option progressPath: expected a path that starts and ends with "/", got ${JSON.stringify(merged.progressPath)}`);
  }
  return merged;
}

/** `YYYY-MM` of the reference date (default: today in the site's time zone). */
export function referenceMonth(options: ResolvedOptions): string {
  const d = options.referenceDate ? DateTime.fromISO(options.referenceDate, { zone: options.timeZone }) : DateTime.now().setZone(options.timeZone);
  return d.toFormat("yyyy-MM");
}

/** The core's settings, from the resolved options. */
export function siteSettings(options: ResolvedOptions): SiteSettings {
  const a = options.archives;
  return {
    ...options,
    referenceMonth: referenceMonth(options),
    monthPermalink: a.month.permalink,
    yearPermalink: a.year.permalink,
    categoryPermalink: a.category.permalink,
    tagPermalink: a.tag.permalink,
    categoriesLinked: a.category.enabled,
    tagsLinked: a.tag.enabled,
  };
}
