/**
 * Glue: after every build (also each rebuild of the preview), the search index, so that it
 * always matches the pages; then the files earlier builds wrote and this one did not are
 * removed; then one summary line.
 */
import path from "node:path";
import type { EleventyConfig } from "../eleventy.ts";
import type { Log } from "../log.ts";
import type { ResolvedOptions } from "../options.ts";
import { cleanStaleOutput } from "../output.ts";
import { flushPostCache } from "./model.ts";
import { closeSearch, writeSearchIndex } from "../search/pagefind.ts";
import { excludeSelectors, PLANS_BUNDLE, type SearchDocument } from "../search/records.ts";
import type { CacheStats } from "../posts/cache.ts";
import type { BuiltSite } from "../site.ts";

interface EleventyAfter {
  directories: { output: string };
  outputMode: string;
  runMode: string;
  results: { outputPath: string | false }[];
}

export interface AfterBuild {
  options: ResolvedOptions;
  site: BuiltSite;
  searchDocs: readonly SearchDocument[];
  /** Output paths of the files copied as they are (the plugin's and the site root's). */
  copied: readonly string[];
  timings: { read: number; model: number };
  /** How many posts the post cache gave (of them, how many from disk) and how many were built. */
  cache: CacheStats;
  log: Log;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function onAfterBuild(eleventyConfig: EleventyConfig, { options, site, searchDocs, copied, timings, cache, log }: AfterBuild): void {
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode, results }: EleventyAfter) => {
    // The post cache has been writing while Eleventy rendered; the build ends when it is done.
    const cacheWritten = flushPostCache();
    if (outputMode !== "fs") {
      await cacheWritten;
      return;
    }
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
          const docs = searchDocs.filter((d) => d.bundle === bundle);
          const stats = await writeSearchIndex(docs, dir, search.language!, excludeSelectors(search.tasks));
          searchStats = { pages: searchStats.pages + stats.pages, records: searchStats.records + stats.records, ms: searchStats.ms + stats.ms };
          written.push(...stats.files.map((f) => path.relative(directories.output, path.join(dir, f)).split(path.sep).join("/")));
        }
      } finally {
        // Pagefind runs as a child process; a build must not wait on it, even after an error.
        if (runMode === "build") await closeSearch();
      }
    }
    const cleanStart = performance.now();
    const removed = cleanStaleOutput(directories.output, written);
    if (removed.length > 0) {
      log.info(`removed ${plural(removed.length, "file")} of an earlier build: ${removed.slice(0, 5).join(", ")}${removed.length > 5 ? " …" : ""}`);
    }
    await cacheWritten;
    const plans = site.model.plans;
    log.info(
      `${site.model.posts.length} posts, ${plural(plans.length, "plan")} (${plans.reduce((n, p) => n + p.total, 0)} tasks), ${results.length} pages` +
        (searchStats ? `, ${searchStats.pages + searchStats.records} search records` : "") +
        ` · read ${timings.read} ms, model ${timings.model} ms (${cache.misses} posts built, ${cache.hits} cached${cache.stored ? `, ${cache.stored} from disk` : ""})` +
        (searchStats ? `, search ${searchStats.ms} ms` : "") +
        `, clean ${Math.round(performance.now() - cleanStart)} ms`,
    );
  });
}
