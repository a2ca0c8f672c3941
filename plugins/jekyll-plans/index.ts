/**
 * Eleventy plugin: publishes a Jekyll `_posts` folder at Jekyll's URLs with
 * kramdown's heading ids, TOC, IALs and task lists.
 *
 *   eleventyConfig.addPlugin(jekyllPlans, { postsDir: "content/_posts" });
 *
 * The entry is a registry: resolve options, read the sources, build the model (a build sends
 * each post's search document ahead as it is read), then register posts, generated pages, the
 * after-build work, the preview's quick update (which builds the model and registers the pages
 * again for a saved post) and the site root's files.
 */
import path from "node:path";
import { InputError } from "./diagnostics.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { createLog } from "./log.ts";
import { createMarkdown } from "./markdown/index.ts";
import { resolveOptions, siteRootOf, type JekyllPlansOptions } from "./options.ts";
import { outputClashes } from "./output.ts";
import { imageSizer, trackedSizer } from "./posts/images.ts";
import { onAfterBuild } from "./register/after.ts";
import { endOnClosedOutput } from "./register/guard.ts";
import { checkLayouts, provideLayouts } from "./register/layouts.ts";
import { loadSite } from "./register/model.ts";
import { registerPages } from "./register/pages.ts";
import { ASSET_FILES, ASSETS_FOLDER, registerBrokenPosts, registerPosts, scriptsFor } from "./register/posts.ts";
import { reportProblems } from "./register/problems.ts";
import { searchStream } from "./register/stream.ts";
import { claimSources } from "./register/sources.ts";
import { quickPreview, recordingConfig, type QuickContext, type Recording } from "./register/quick.ts";
import { pageTemplates } from "./register/templates.ts";
import { readJekyllConfig, registerSiteRoot } from "./root/register.ts";
import { isPreview } from "./watch.ts";

export type { EleventyConfig } from "./eleventy.ts";
export type { JekyllPlansOptions } from "./options.ts";
export type { Post } from "./posts/post.ts";
export type { PostPage, SiteModel } from "./site.ts";

export default function jekyllPlans(eleventyConfig: EleventyConfig, userOptions: JekyllPlansOptions = {}): void {
  eleventyConfig.versionCheck?.(">=3.0");
  endOnClosedOutput();
  const log = createLog(eleventyConfig.logger);
  const root = siteRootOf(userOptions);
  const options = resolveOptions(userOptions, process.env, root ? readJekyllConfig(root) : undefined);
  const { tocLevels, highlight, hardWrap, autoIds, lineNumbers } = options;
  // The images a post shows are recorded with it in the post cache.
  const images = trackedSizer(imageSizer([...(options.siteRoot ? [options.siteRoot] : []), eleventyConfig.directories.input]));
  const md = createMarkdown({ tocLevels, highlight, hardWrap, autoIds, lineNumbers, math: options.math !== false, imageSize: images.size });
  // Markdown pages of the site itself get the same ids, TOC and IALs.
  eleventyConfig.setLibrary("md", md);
  claimSources(eleventyConfig, options);

  // A build sends the posts' search documents ahead, as the posts are read.
  const stream = searchStream(options);
  const { site, folders, timings, cache } = loadSite(md, options, log, images.tracker, stream?.onPost);
  stream?.end();
  // The preview keeps what it registers and what Eleventy renders of it, to update a saved post's pages quickly.
  const recording: Recording = { templates: new Map(), texts: new Map() };
  const rendered: QuickContext["rendered"] = new Map();
  const config = isPreview() ? recordingConfig(eleventyConfig, recording, rendered) : eleventyConfig;
  const layouts = provideLayouts(config);
  const missingLayout = checkLayouts(site, layouts);
  const errors = reportProblems(eleventyConfig, site.diagnostics, log);

  /** Every URL the plugin publishes, so that a site root's file with one of them gives way. */
  const taken = new Set<string>();
  const generated = new Set<string>();
  registerPosts(config, site, options, missingLayout, taken);
  const templates = pageTemplates(layouts.path, options.strings);
  registerBrokenPosts(config, errors, options, taken, templates);
  const searchDocs = registerPages(config, site, options, taken, generated, templates, layouts.names)();
  const copied = [...ASSET_FILES];
  const indexAhead = onAfterBuild(eleventyConfig, { options, site, searchDocs, stream: stream?.name, copied, timings, cache, log });
  quickPreview({
    eleventyConfig,
    log,
    recording,
    rendered,
    siteData: new Map(),
    folders,
    sources: new Set(site.records.map((r) => path.resolve(r.built.post.sourcePath))),
    hadErrors: errors.length > 0,
    layoutsDir: layouts.path,
    alwaysReload: options.search ? [options.search.path] : [],
    rebuild(into) {
      const again = loadSite(md, options, { info() {}, problem() {} }, images.tracker).site;
      const missing = checkLayouts(again, layouts);
      if (again.diagnostics.errors.length > 0) return undefined;
      registerPosts(into, again, options, missing, new Set());
      const docs = registerPages(into, again, options, new Set(), new Set(), templates, layouts.names);
      return { site: again, searchAhead: () => indexAhead(docs()) };
    },
  });

  const takenFolders = [ASSETS_FOLDER, ...(options.search ? [options.search.bundlePath] : [])];
  const passthrough = eleventyConfig.passthroughCopies ?? {};
  const clashes = outputClashes(site.model.posts, { generated, folders: takenFolders, passthrough, input: eleventyConfig.directories.input });
  if (clashes.length > 0) throw new InputError(clashes);

  if (options.siteRoot) {
    const context = {
      options: { ...options, siteRoot: options.siteRoot },
      md,
      model: site.model,
      postHtml: site.html,
      taken,
      takenFolders,
      layouts: layouts.names,
      scriptsFor,
    };
    copied.push(...registerSiteRoot(eleventyConfig, log, context));
  }
}

// Eleventy's plugin identity: the package it comes from, and added once per site
// (a second addPlugin would register every page twice).
Object.assign(jekyllPlans, { eleventyPackage: "eleventy-plugin-jekyll-plans", eleventyPluginOptions: { unique: true } });
