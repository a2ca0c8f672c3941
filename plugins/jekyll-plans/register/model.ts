/** Glue: the posts read from disk (and their git history), turned into the site's model. */
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { Log } from "../log.ts";
import { siteSettings, type ResolvedOptions } from "../options.ts";
import { PostCache } from "../posts/cache.ts";
import { gitHistory } from "../posts/git.ts";
import { readPosts } from "../posts/load.ts";
import { buildSite, type BuiltSite, type PostPass } from "../site.ts";

/**
 * Kept across the preview's configuration resets (this module is not reloaded), so a
 * saved post is the only one parsed again. Entries are keyed by file, source text and settings.
 */
const postCache = new PostCache<PostPass>();

export interface LoadedSite {
  site: BuiltSite;
  timings: { read: number; model: number };
}

/** Reads the posts, their history when asked, and builds the model; problems of reading join its diagnostics. */
export function loadSite(md: MarkdownIt, options: ResolvedOptions, log: Log): LoadedSite {
  const settings = siteSettings(options);
  postCache.begin(JSON.stringify(settings));
  const readStart = performance.now();
  const { sources, problems } = readPosts(options.postsDir);
  const modelStart = performance.now();
  const history = options.history ? gitHistory(path.resolve(options.postsDir)) : null;
  const site = buildSite(md, settings, sources, postCache, history ? (file) => history.historyOf(file) : undefined);
  for (const note of new Set(history?.notes)) log.info(note);
  const timings = { read: Math.round(modelStart - readStart), model: Math.round(performance.now() - modelStart) };
  site.diagnostics.items.unshift(...problems);
  return { site, timings };
}
