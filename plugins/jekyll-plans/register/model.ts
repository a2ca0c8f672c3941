/** Glue: the posts read from disk (and their git history), turned into the site's model. */
import path from "node:path";
import type MarkdownIt from "markdown-it";
import type { Log } from "../log.ts";
import { siteSettings, type ResolvedOptions } from "../options.ts";
import { PostCache, type CacheStats, type DependencyTracker } from "../posts/cache.ts";
import { gitHistory } from "../posts/git.ts";
import { readPosts } from "../posts/load.ts";
import { postFolders } from "../root/files.ts";
import { diskStore, pluginFingerprint } from "../posts/store.ts";
import { buildSite, restoredPass, storablePass, type BuiltPost, type BuiltSite, type PostPass } from "../site.ts";

/** Where option `cache: true` keeps posts, relative to the folder Eleventy runs in. */
const CACHE_DIR = ".cache/jekyll-plans";

/**
 * Kept across the preview's configuration resets (this module is not reloaded), so a
 * saved post is the only one parsed again. Entries are keyed by file, source text and settings.
 */
const postCache = new PostCache<PostPass>();

/** Waits until the post cache has written this build's posts to disk (and tidied what is gone). */
export const flushPostCache = (): Promise<void> => postCache.flush();

export interface LoadedSite {
  site: BuiltSite;
  /** The folders the posts were read from: the posts' folder and a site root's other `_posts` folders. */
  folders: string[];
  timings: { read: number; model: number };
  cache: CacheStats;
}

/** Each post as soon as it is read (see buildSite). */
export type OnPost = (built: BuiltPost, html: string) => void;

/** Reads the posts, their history when asked, and builds the model; problems of reading join its diagnostics. */
export function loadSite(md: MarkdownIt, options: ResolvedOptions, log: Log, tracker?: DependencyTracker, onPost?: OnPost): LoadedSite {
  const settings = siteSettings(options);
  const key = JSON.stringify(settings);
  const dir = options.cache === false ? null : path.resolve(options.cache === true ? CACHE_DIR : options.cache);
  const warn = (message: string) => log.problem({ severity: "warning", file: dir ?? "", message });
  const store = dir ? diskStore<PostPass>(dir, `${pluginFingerprint()}\n${key}`, { encode: storablePass, decode: restoredPass }, warn) : undefined;
  postCache.begin(key, store, tracker);
  const readStart = performance.now();
  const { sources, problems } = readPosts(options.postsDir);
  const folders = [path.resolve(options.postsDir)];
  // A site root's `_posts` folders below its own (`tech/_posts`): their folders are categories.
  if (options.siteRoot) {
    for (const { folder, categories } of postFolders(options.siteRoot, options.jekyll)) {
      if (path.resolve(options.siteRoot, folder) === path.resolve(options.postsDir)) continue;
      folders.push(path.resolve(options.siteRoot, folder));
      const nested = readPosts(path.join(options.siteRoot, folder));
      sources.push(...nested.sources.map((s) => ({ ...s, relativePath: `${folder}/${s.relativePath}`, categories })));
      problems.push(...nested.problems);
    }
  }
  const modelStart = performance.now();
  const history = options.history ? gitHistory(path.resolve(options.postsDir)) : null;
  const site = buildSite(md, settings, sources, postCache, history ? (file) => history.historyOf(file) : undefined, onPost);
  for (const note of new Set(history?.notes)) log.info(note);
  const timings = { read: Math.round(modelStart - readStart), model: Math.round(performance.now() - modelStart) };
  site.diagnostics.items.unshift(...problems);
  return { site, folders, timings, cache: postCache.stats };
}
