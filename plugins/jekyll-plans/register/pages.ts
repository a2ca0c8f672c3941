/**
 * Glue: the generated pages (progress, dashboard, JSON, archives, categories and tags,
 * feed, search page) as virtual templates, each printed by a template of the plugin from a
 * view of the model. A site wraps one in a layout of its own by putting a layout of the page's
 * name into its layouts folder, which receives the same data and the page's HTML as `content`.
 */
import { virtualTemplate, type EleventyConfig } from "../eleventy.ts";
import type { ResolvedOptions } from "../options.ts";
import { barView } from "../pages/chart.ts";
import type { Counts } from "../plans/model.ts";
import type { MonthArchive } from "../archive/model.ts";
import { archiveIndexView, monthView, termIndexView, termTitle, termView, yearView } from "../pages/archive.ts";
import { feedView } from "../pages/feed.ts";
import { progressJson } from "../pages/json.ts";
import { dashboardView, planPageView, seriesPageView } from "../pages/progress.ts";
import { searchPageView } from "../pages/search.ts";
import { fill } from "../pages/strings.ts";
import { outputPathOf } from "../posts/url.ts";
import { PLANS_BUNDLE, searchDocuments, type SearchDocument } from "../search/records.ts";
import type { BuiltSite } from "../site.ts";
import { isPreview } from "../watch.ts";
import { GENERATED_DIR } from "./posts.ts";
import type { PageTemplates } from "./templates.ts";

/**
 * The posts a generated page shows, by URL, or "all" (a page over the whole blog): the preview's
 * quick update renders again, for a saved post, the pages that show it (see quick.ts).
 */
export type Shows = readonly string[] | "all";

type AddPage = (name: string, url: string, data: Record<string, unknown>, render: () => string | Promise<string>, shows: Shows, override?: string) => void;

const monthShows = (m: MonthArchive): string[] => [...m.posts.map((p) => p.url), ...m.taskGroups.map((g) => g.plan.postUrl)];

/** How a generated page is added: in the override layout, else the site's page layout, else as a whole document. */
function pageAdder(
  eleventyConfig: EleventyConfig,
  options: ResolvedOptions,
  layouts: ReadonlySet<string>,
  taken: Set<string>,
  generated: Set<string>,
  templates: PageTemplates,
): AddPage {
  const hasLayout = (name: string): boolean => layouts.has(name);
  return (name, url, data, render, shows, override) => {
    const raw = data.layout === false;
    const layout = raw ? false : override && hasLayout(override) ? override : hasLayout(options.pageLayout) ? options.pageLayout : false;
    const body =
      raw || layout ? render : async () => templates.render("document", { title: String(data.title ?? ""), lang: options.locale, body: await render() });
    taken.add(url);
    generated.add(url);
    eleventyConfig.addTemplate(`${GENERATED_DIR}/${name}.11ty.js`, virtualTemplate({ render: body, shows }), {
      eleventyExcludeFromCollections: true,
      ...data,
      layout,
      permalink: outputPathOf(url),
    });
  };
}

/** Registers every generated page; returns what the search index gets, when asked for (made only then). */
export function registerPages(
  eleventyConfig: EleventyConfig,
  site: BuiltSite,
  options: ResolvedOptions,
  taken: Set<string>,
  generated: Set<string>,
  templates: PageTemplates,
  /** The layout names the site has (`dir.layouts` when it sets one, else its includes). */
  layouts: ReadonlySet<string>,
): () => SearchDocument[] {
  const t = options.strings;
  const addPage = pageAdder(eleventyConfig, options, layouts, taken, generated, templates);
  const render = templates.render;
  // The progress bar of the plugin's pages, for the site's own layouts: {% jekyllPlansProgressBar post.plan, "计划进度" %}.
  eleventyConfig.addShortcode("jekyllPlansProgressBar", (counts: Counts, label: string) =>
    templates.macro("charts", "bar", barView(counts, String(label ?? ""))),
  );
  const model = site.model;

  const dashboardUrl = options.progressPath;
  const seriesOf = new Map(model.planSeries.flatMap((series) => series.plans.map((plan) => [plan, series] as const)));
  const planUrls = new Set(model.plans.map((plan) => plan.progressUrl));
  for (const plan of model.plans) {
    addPage(
      `progress${plan.progressUrl}index`,
      plan.progressUrl,
      { title: fill(t.progressTitle, { title: plan.title }), plan },
      () => render("progress-plan", planPageView(plan, dashboardUrl, t, seriesOf.get(plan))),
      (seriesOf.get(plan)?.plans ?? [plan]).map((p) => p.postUrl),
      "progress-plan.njk",
    );
  }
  for (const series of model.planSeries) {
    if (planUrls.has(series.url)) continue; // a plan's own page; the model has warned
    const data = { title: fill(t.progressTitle, { title: series.title }), plan: series.plans[0], series };
    const view = () => render("progress-series", seriesPageView(series, dashboardUrl, t));
    addPage(
      `progress/_series/${series.slug}`,
      series.url,
      data,
      view,
      series.plans.map((p) => p.postUrl),
      "progress-plan.njk",
    );
  }
  const dashboard = { title: t.dashboardTitle, plans: model.plans, planSeries: model.planSeries };
  addPage(
    "progress/index",
    dashboardUrl,
    dashboard,
    () => render("progress-dashboard", dashboardView(model.planSeries, model.donePerMonth, t)),
    "all",
    "progress-dashboard.njk",
  );
  addPage("progress-json", "/progress.json", { layout: false }, () => progressJson(model.plans, model.planSeries, options), "all");

  const a = options.archives;
  const archives = model.archives;
  if (a.index.enabled) {
    addPage(
      "archive/index",
      a.index.permalink,
      { title: t.archiveTitle, archives },
      () => render("archive-index", archiveIndexView(archives)),
      "all",
      a.index.layout,
    );
  }
  if (a.year.enabled) {
    for (const year of archives.years) {
      const view = () => render("archive-year", yearView(year, a.index.permalink, t));
      const shows = year.months.flatMap(monthShows);
      addPage(`archive/${year.year}`, year.url, { title: fill(t.yearTitle, { year: year.year }), archive: year }, view, shows, a.year.layout);
    }
  }
  if (a.month.enabled) {
    for (const month of archives.months) {
      const view = () => render("archive-month", monthView(month));
      addPage(`archive/${month.key}`, month.url, { title: month.title, archive: month }, view, monthShows(month), a.month.layout);
    }
  }
  for (const kind of ["category", "tag"] as const) {
    const page = a[kind];
    if (!page.enabled) continue;
    const terms = kind === "category" ? archives.categories : archives.tags;
    const label = termTitle(kind, t);
    const indexLayout = page.layout.replace(/\.njk$/, "-index.njk");
    addPage(`${kind}/index`, page.indexPermalink, { title: label, terms }, () => render("terms", termIndexView(kind, terms, t)), "all", indexLayout);
    terms.forEach((term, i) => {
      const view = () => render("term", termView(kind, term, page.indexPermalink, t));
      const shows = term.posts.map((p) => p.url);
      addPage(`${kind}/${i}`, term.url, { title: fill(t.termTitle, { kind: label, name: term.name }), term }, view, shows, page.layout);
    });
  }

  if (options.feed) {
    const feed = options.feed;
    const entries = model.posts
      .slice(0, feed.limit)
      .map((p) => ({ title: p.title, url: p.url, date: p.date, html: site.html.get(p.url)!, text: p.excerptText }));
    addPage("feed", feed.path, { layout: false }, async () => render("feed.xml", await feedView(entries, feed)), "all");
  }

  if (!options.search) return () => [];
  const search = options.search;
  const plansBundle = model.plans.length > 0 ? `${search.bundlePath}${PLANS_BUNDLE}` : null;
  addPage(
    "search",
    search.path,
    { title: t.searchTitle },
    () => render("search", searchPageView(search.bundlePath, plansBundle, options.locale, search.labels, t, isPreview())),
    [],
  );
  return () => searchDocuments({ posts: model.posts, html: site.html, plans: model.plans, lang: options.locale, labels: search.labels, tasks: search.tasks });
}
