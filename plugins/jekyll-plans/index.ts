/**
 * Eleventy plugin: publishes a Jekyll `_posts` folder at Jekyll's URLs with
 * kramdown's heading ids, TOC, IALs and task lists.
 *
 *   eleventyConfig.addPlugin(jekyllPlans, { postsDir: "content/_posts" });
 *
 * Each post is parsed once, here; Eleventy receives finished HTML as a virtual
 * JavaScript template, so no template language ever runs over a post body.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { InputError } from "./diagnostics.ts";
import { createLog } from "./log.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { createMarkdown } from "./markdown/index.ts";
import { referenceMonth, resolveOptions, siteRootOf, type JekyllPlansOptions, type ResolvedOptions } from "./options.ts";
import { readJekyllConfig, registerSiteRoot } from "./root/register.ts";
import { renderDashboard, renderPlanPage, renderSeriesPage } from "./pages/progress.ts";
import { progressJson } from "./pages/json.ts";
import { standalonePage } from "./pages/html.ts";
import { renderArchiveIndex, renderMonth, renderTerm, renderTermIndex, renderYear } from "./pages/archive.ts";
import { renderAtomFeed } from "./pages/feed.ts";
import { renderSearchPage } from "./pages/search.ts";
import { excludeSelectors, PLANS_BUNDLE, searchDocuments } from "./search/records.ts";
import { closeSearch, writeSearchIndex } from "./search/pagefind.ts";
import { buildSite, type PostPass } from "./site.ts";
import { PostCache } from "./posts/cache.ts";
import { readPosts } from "./posts/load.ts";
import { gitHistory } from "./posts/git.ts";
import { imageSizer } from "./posts/images.ts";
import { expandPermalink, outputPathOf } from "./posts/url.ts";
import { dateInZone, parsePostFileName } from "./posts/dates.ts";
import { escapeHtml } from "./markdown/text.ts";
import { cleanStaleOutput, filesBelow, outputClashes } from "./output.ts";
import { addErrorBanner, followFolders, isPreview, REBUILD_TRIGGER } from "./watch.ts";

export type { EleventyConfig } from "./eleventy.ts";
export type { JekyllPlansOptions } from "./options.ts";
export type { Post } from "./posts/post.ts";
export type { PostPage, SiteModel } from "./site.ts";

const POSTS_VIRTUAL_DIR = "_posts";
/** Layouts the plugin provides when the site has none of that name (a Jekyll post says `layout: post`). */
const FALLBACK_LAYOUTS = ["default", "post", "page"];

/** Where the plugin's own scripts go: MathJax (from the mathjax package) and the image zoom. */
const ASSETS_DIR = "/assets/jekyll-plans";

/** The scripts a page's HTML needs: MathJax when it has math, the zoom for `data-action="zoom"` images. */
/** The URLs posts with errors would have had, from their file names (when those can be read). */
function brokenPostUrls(errors: readonly { file: string }[], postsDir: string, options: ResolvedOptions): { file: string; url: string }[] {
  const out: { file: string; url: string }[] = [];
  for (const file of new Set(errors.map((e) => e.file))) {
    if (!path.resolve(file).startsWith(path.resolve(postsDir))) continue;
    const name = parsePostFileName(path.basename(file));
    const date = name && dateInZone(name.year, name.month, name.day, options.timeZone);
    if (!name || !date) continue;
    try {
      out.push({ file, url: expandPermalink(options.permalink, { date, slug: name.slug, categories: [] }) });
    } catch {
      continue;
    }
  }
  return out;
}

function scriptsFor(html: string, math: boolean): string {
  let out = "";
  if (math) out += `\n<script src="${ASSETS_DIR}/mathjax/config.js"></script>\n<script async src="${ASSETS_DIR}/mathjax/tex-svg-full.js"></script>`;
  if (html.includes('data-action="zoom"') && /\sdata-action="zoom"/.test(html)) out += `\n<script defer src="${ASSETS_DIR}/zoom.js"></script>`;
  return out ? `${out}\n` : "";
}
const GENERATED_DIR = "_jekyll-plans";
/** The Eleventy collection every post is in (`collections.jekyllPosts`), for sites that want one. */
const POSTS_COLLECTION = "jekyllPosts";

/**
 * Kept across the preview's configuration resets (this module is not reloaded), so a
 * saved post is the only one parsed again. Entries are keyed by file, source text and settings.
 */
const postCache = new PostCache<PostPass>();

/**
 * A build piped into `head -1` loses its stdout; Eleventy would go on writing into the
 * closed pipe forever. The process ends instead, with the exit code it had so far.
 */
function endOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    // Once per process: the plugin runs again on every rebuild of the preview.
    if ((stream as { jekyllPlansGuard?: boolean }).jekyllPlansGuard) continue;
    (stream as { jekyllPlansGuard?: boolean }).jekyllPlansGuard = true;
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}

export default function jekyllPlans(eleventyConfig: EleventyConfig, userOptions: JekyllPlansOptions = {}): void {
  eleventyConfig.versionCheck?.(">=3.0");
  endOnClosedOutput();
  const log = createLog(eleventyConfig.logger);
  const root = siteRootOf(userOptions);
  const options = resolveOptions(userOptions, process.env, root ? readJekyllConfig(root) : undefined);
  const md = createMarkdown({
    tocLevels: options.tocLevels,
    highlight: options.highlight,
    hardWrap: options.hardWrap,
    autoIds: options.autoIds,
    math: options.math !== false,
    imageSize: imageSizer([...(options.siteRoot ? [options.siteRoot] : []), eleventyConfig.directories.input]),
  });
  // Markdown pages of the site itself get the same ids, TOC and IALs.
  eleventyConfig.setLibrary("md", md);

  const postsDir = options.postsDir;
  const toGlob = (p: string): string => path.relative(process.cwd(), p).split(path.sep).join("/") || ".";
  // Posts are read by the plugin, never by Eleventy: every Jekyll `_posts` folder
  // in the input (also when the build is pointed at another one), and postsDir.
  eleventyConfig.ignores.add(`${toGlob(path.resolve(eleventyConfig.directories.input))}/**/_posts/**`);
  const relToInput = path.relative(path.resolve(eleventyConfig.directories.input), path.resolve(postsDir));
  if (!relToInput.startsWith("..") && !path.isAbsolute(relToInput)) {
    eleventyConfig.ignores.add(`${toGlob(path.resolve(postsDir))}/**`);
  }
  // A change to a post (or to the site root's files) re-runs this function, which re-reads them.
  eleventyConfig.addWatchTarget(postsDir, { resetConfig: true });
  if (options.siteRoot) eleventyConfig.addWatchTarget(options.siteRoot, { resetConfig: true });
  if (isPreview()) {
    followFolders([postsDir, ...(options.siteRoot ? [options.siteRoot] : [])], eleventyConfig.directories.output);
    eleventyConfig.addWatchTarget(REBUILD_TRIGGER, { resetConfig: true });
  }

  const a = options.archives;
  const settings = {
    ...options,
    postsDir,
    referenceMonth: referenceMonth(options),
    monthPermalink: a.month.permalink,
    yearPermalink: a.year.permalink,
    categoryPermalink: a.category.permalink,
    tagPermalink: a.tag.permalink,
    categoriesLinked: a.category.enabled,
    tagsLinked: a.tag.enabled,
  };
  postCache.begin(JSON.stringify(settings));
  const readStart = performance.now();
  const { sources, problems } = readPosts(postsDir);
  const modelStart = performance.now();
  const history = options.history ? gitHistory(path.resolve(postsDir)) : null;
  const site = buildSite(md, settings, sources, postCache, history ? (file) => history.historyOf(file) : undefined);
  for (const note of new Set(history?.notes)) log.info(note);
  const timings = { read: Math.round(modelStart - readStart), model: Math.round(performance.now() - modelStart) };
  site.diagnostics.items.unshift(...problems);
  const layoutsDir = path.resolve(eleventyConfig.directories.layouts ?? eleventyConfig.directories.includes);
  // A layout may be named with or without its extension (`post` or `post.njk`).
  const layoutFiles = existsSync(layoutsDir) ? readdirSync(layoutsDir, { recursive: true, encoding: "utf8" }).map((f) => f.split(path.sep).join("/")) : [];
  const layouts = new Set([...layoutFiles, ...layoutFiles.map((f) => f.replace(/\.[^./]+$/, ""))]);
  // Jekyll's usual layouts, for a site that has none of its own: plain ones of the plugin's.
  const layoutsRel = path.relative(path.resolve(eleventyConfig.directories.input), layoutsDir).split(path.sep).join("/");
  for (const name of FALLBACK_LAYOUTS) {
    if (layouts.has(name)) continue;
    eleventyConfig.addTemplate(`${layoutsRel}/${name}.njk`, readFileSync(new URL(`./layouts/${name}.njk`, import.meta.url), "utf8"));
    layouts.add(name).add(`${name}.njk`);
  }
  const missingLayout = new Set<string>();
  for (const p of site.parsed) {
    if (!layouts.has(p.post.layout)) {
      missingLayout.add(p.post.url);
      site.diagnostics.error(
        p.post.sourcePath,
        `layout "${p.post.layout}" does not exist in ${path.relative(process.cwd(), layoutsDir) || "."}/ (front matter layout)`,
        p.layoutLine,
      );
    }
  }
  for (const w of site.diagnostics.warnings) log.problem(w);
  const errors = site.diagnostics.errors;
  // A build stops on errors. The preview goes on without what is broken, and shows the
  // errors on every page until they are fixed (the author is looking at the browser).
  if (errors.length > 0 && !isPreview()) throw new InputError(errors);
  for (const e of errors) log.problem(e);
  if (errors.length > 0) addErrorBanner(eleventyConfig, errors);

  /** Every URL the plugin publishes, so that a site root's file with one of them gives way. */
  const taken = new Set<string>();
  const generated = new Set<string>();
  for (const [i, parsed] of site.parsed.entries()) {
    const page = site.model.posts[i]!; // same order as site.parsed
    const html = site.html.get(parsed.post.url)!;
    const virtualPath = `${POSTS_VIRTUAL_DIR}/${parsed.post.relativePath.replace(/\.[^./]+$/, "")}.11ty.js`;
    const body = html + scriptsFor(html, parsed.post.math);
    taken.add(parsed.post.url);
    // Front matter reaches templates as `post.*` only: never as Eleventy's own keys or site data.
    eleventyConfig.addTemplate(
      virtualPath,
      { render: () => body },
      {
        title: parsed.post.title,
        layout: missingLayout.has(parsed.post.url) ? false : parsed.post.layout,
        date: parsed.dateTime.toJSDate(),
        permalink: outputPathOf(parsed.post.url),
        // Jekyll's tags are not Eleventy collections (they could clash with Eleventy's own names).
        tags: [POSTS_COLLECTION],
        post: page,
      },
    );
  }
  eleventyConfig.addGlobalData("blog", { ...site.model, site: options.site });
  if (errors.length > 0) {
    // In the preview, a post that cannot be built shows its errors at its URL.
    for (const [i, { file, url }] of brokenPostUrls(errors, postsDir, options).entries()) {
      if (taken.has(url)) continue;
      taken.add(url);
      const body = `<h1>这篇文章无法构建</h1><p><code>${escapeHtml(file)}</code></p>`;
      eleventyConfig.addTemplate(
        `${GENERATED_DIR}/errors/${i}.11ty.js`,
        { render: () => standalonePage("构建错误", options.locale, body) },
        { layout: false, eleventyExcludeFromCollections: true, permalink: outputPathOf(url) },
      );
    }
  }
  // MathJax and the image zoom are copied once, whether or not a page uses them.
  eleventyConfig.addPassthroughCopy({
    [fileURLToPath(import.meta.resolve("mathjax/es5/tex-svg-full.js"))]: `${ASSETS_DIR}/mathjax/tex-svg-full.js`,
    [fileURLToPath(new URL("./assets/mathjax-config.js", import.meta.url))]: `${ASSETS_DIR}/mathjax/config.js`,
    [fileURLToPath(new URL("./assets/zoom.js", import.meta.url))]: `${ASSETS_DIR}/zoom.js`,
  });

  /**
   * A generated page. Its HTML comes from a pure function; a site overrides it by
   * putting a layout named `override` into its includes folder, which receives the
   * same data and the built-in HTML as `content`.
   */
  const includesDir = path.resolve(eleventyConfig.directories.includes);
  const hasLayout = (name: string): boolean => existsSync(path.join(includesDir, name));
  const addPage = (name: string, url: string, data: Record<string, unknown>, render: () => string | Promise<string>, override?: string): void => {
    const raw = data.layout === false;
    const layout = raw ? false : override && hasLayout(override) ? override : hasLayout(options.pageLayout) ? options.pageLayout : false;
    // Without any layout of the site's, a generated page is a whole document of its own.
    const body = raw || layout ? render : async () => standalonePage(String(data.title ?? ""), options.locale, await render());
    taken.add(url);
    generated.add(url);
    eleventyConfig.addTemplate(
      `${GENERATED_DIR}/${name}.11ty.js`,
      { render: body },
      {
        eleventyExcludeFromCollections: true,
        ...data,
        layout,
        permalink: outputPathOf(url),
      },
    );
  };

  const dashboardUrl = options.progressPath;
  const seriesOf = new Map(site.model.planSeries.flatMap((series) => series.plans.map((plan) => [plan, series] as const)));
  const planUrls = new Set(site.model.plans.map((plan) => plan.progressUrl));
  for (const plan of site.model.plans) {
    addPage(
      `progress${plan.progressUrl}index`,
      plan.progressUrl,
      { title: `${plan.title} · 进度`, plan },
      () => renderPlanPage(plan, dashboardUrl, seriesOf.get(plan)),
      "progress-plan.njk",
    );
  }
  for (const series of site.model.planSeries) {
    if (planUrls.has(series.url)) continue; // a plan's own page; the model has warned
    addPage(
      `progress/_series/${series.slug}`,
      series.url,
      { title: `${series.title} · 进度`, plan: series.plans[0], series },
      () => renderSeriesPage(series, dashboardUrl),
      "progress-plan.njk",
    );
  }
  addPage(
    "progress/index",
    dashboardUrl,
    { title: "计划进度", plans: site.model.plans, planSeries: site.model.planSeries },
    () => renderDashboard(site.model.planSeries, site.model.donePerMonth),
    "progress-dashboard.njk",
  );
  addPage("progress-json", "/progress.json", { layout: false }, () => progressJson(site.model.plans, site.model.planSeries, options));

  const archives = site.model.archives;
  if (a.index.enabled) {
    addPage("archive/index", a.index.permalink, { title: "归档", archives }, () => renderArchiveIndex(archives), a.index.layout);
  }
  if (a.year.enabled) {
    for (const year of archives.years) {
      addPage(`archive/${year.year}`, year.url, { title: `${year.year} 年`, archive: year }, () => renderYear(year, a.index.permalink), a.year.layout);
    }
  }
  if (a.month.enabled) {
    for (const month of archives.months) {
      addPage(`archive/${month.key}`, month.url, { title: month.title, archive: month }, () => renderMonth(month), a.month.layout);
    }
  }
  for (const kind of ["category", "tag"] as const) {
    const page = a[kind];
    if (!page.enabled) continue;
    const terms = kind === "category" ? archives.categories : archives.tags;
    const label = kind === "category" ? "分类" : "标签";
    addPage(`${kind}/index`, page.indexPermalink, { title: label, terms }, () => renderTermIndex(kind, terms), page.layout.replace(/\.njk$/, "-index.njk"));
    terms.forEach((term, i) => {
      addPage(`${kind}/${i}`, term.url, { title: `${label}：${term.name}`, term }, () => renderTerm(kind, term, page.indexPermalink), page.layout);
    });
  }

  if (options.feed) {
    const feed = options.feed;
    const entries = site.model.posts
      .slice(0, feed.limit)
      .map((p) => ({ title: p.title, url: p.url, date: p.date, html: site.html.get(p.url)!, text: p.excerptText }));
    addPage("feed", feed.path, { layout: false }, () => renderAtomFeed(entries, feed));
  }

  let searchDocs: ReturnType<typeof searchDocuments> = [];
  if (options.search) {
    const search = options.search;
    addPage("search", search.path, { title: "搜索" }, () =>
      renderSearchPage(search.bundlePath, site.model.plans.length > 0 ? `${search.bundlePath}${PLANS_BUNDLE}` : null, options.locale, search.labels),
    );
    searchDocs = searchDocuments({
      posts: site.model.posts,
      html: site.html,
      plans: site.model.plans,
      lang: options.locale,
      labels: search.labels,
      tasks: search.tasks,
    });
  }

  // After every build (also each rebuild of the preview): the search index, so that it always
  // matches the pages, then the files earlier builds wrote and this one did not are removed.
  const copied = [`${ASSETS_DIR}/mathjax/tex-svg-full.js`, `${ASSETS_DIR}/mathjax/config.js`, `${ASSETS_DIR}/zoom.js`];
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode, results }: EleventyAfter) => {
    if (outputMode !== "fs") return;
    let searchStats: { pages: number; records: number; ms: number } | null = null;
    const written = [...copied, ...results.flatMap((r) => (typeof r.outputPath === "string" ? [path.relative(directories.output, r.outputPath)] : []))];
    if (options.search) {
      const search = options.search;
      const out = path.join(directories.output, search.bundlePath);
      try {
        // The posts' index, then the plans' below it (so that writing the first leaves the second).
        searchStats = { pages: 0, records: 0, ms: 0 };
        for (const [bundle, dir] of [
          ["posts", out],
          ["plans", path.join(out, PLANS_BUNDLE)],
        ] as const) {
          const stats = await writeSearchIndex(
            searchDocs.filter((d) => d.bundle === bundle),
            dir,
            search.language!,
            excludeSelectors(search.tasks),
          );
          searchStats = { pages: searchStats.pages + stats.pages, records: searchStats.records + stats.records, ms: searchStats.ms + stats.ms };
        }
      } finally {
        // Pagefind runs as a child process; a build must not wait on it, even after an error.
        if (runMode === "build") await closeSearch();
      }
      written.push(...filesBelow(directories.output, out));
    }
    const cleanStart = performance.now();
    const removed = cleanStaleOutput(directories.output, written);
    if (removed.length > 0)
      log.info(
        `removed ${removed.length} file${removed.length === 1 ? "" : "s"} of an earlier build: ${removed.slice(0, 5).join(", ")}${removed.length > 5 ? " …" : ""}`,
      );
    const plans = site.model.plans;
    log.info(
      `${site.model.posts.length} posts, ${plans.length} plan${plans.length === 1 ? "" : "s"} (${plans.reduce((n, p) => n + p.total, 0)} tasks), ${results.length} pages` +
        (searchStats ? `, ${searchStats.pages + searchStats.records} search records` : "") +
        ` · read ${timings.read} ms, model ${timings.model} ms` +
        (searchStats ? `, search ${searchStats.ms} ms` : "") +
        `, clean ${Math.round(performance.now() - cleanStart)} ms`,
    );
  });

  const takenFolders = [`${ASSETS_DIR}/`, ...(options.search ? [options.search.bundlePath] : [])];
  const clashes = outputClashes(site.model.posts, {
    generated,
    folders: takenFolders,
    passthrough: eleventyConfig.passthroughCopies ?? {},
    input: eleventyConfig.directories.input,
  });
  if (clashes.length > 0) throw new InputError(clashes);

  if (options.siteRoot) {
    // The site's own home and 404 pages (Eleventy templates of its input), when it has them, win too.
    const own = readdirSync(path.resolve(eleventyConfig.directories.input));
    if (own.some((f) => /^index\.(?!md$|markdown$|html?$)/.test(f))) taken.add("/");
    if (own.some((f) => /^404\.(?!md$|markdown$|html?$)/.test(f))) taken.add("/404.html");
    copied.push(
      ...registerSiteRoot(eleventyConfig, log, {
        options: { ...options, siteRoot: options.siteRoot },
        md,
        model: site.model,
        taken,
        takenFolders,
        layouts,
        scriptsFor,
      }),
    );
  }
}

interface EleventyAfter {
  directories: { output: string };
  outputMode: string;
  runMode: string;
  results: { outputPath: string | false }[];
}

// Eleventy's plugin identity: the package it comes from, and added once per site
// (a second addPlugin would register every page twice).
Object.assign(jekyllPlans, { eleventyPackage: "eleventy-plugin-jekyll-plans", eleventyPluginOptions: { unique: true } });
