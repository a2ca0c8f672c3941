/**
 * Glue: every build (also each rebuild of the preview) writes the search index, so that it
 * always matches the pages: made on the search thread, beside Eleventy's render in a build
 * and after it in the preview, and waited for; then the files earlier builds wrote and
 * this one did not are removed; then one summary line.
 */
import path from "node:path";
import type { EleventyConfig } from "../eleventy.ts";
import type { Log } from "../log.ts";
import type { ResolvedOptions } from "../options.ts";
import { cleanStaleOutput } from "../output.ts";
import { flushPostCache } from "./model.ts";
import { closeSearch, writeSearchIndexes, type IndexStats } from "../search/pagefind.ts";
import { excludeSelectors, PLANS_BUNDLE, type SearchDocument } from "../search/records.ts";
import type { CacheStats } from "../posts/cache.ts";
import type { BuiltSite } from "../site.ts";

interface EleventyBefore {
  directories: { output: string };
  outputMode: string;
  runMode: string;
}

interface EleventyAfter extends EleventyBefore {
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
  // The search documents come from the model, which exists before Eleventy renders, so a
  // build can make the index meanwhile. A failure is kept and thrown after the render, as
  // the build's error.
  let indexing: Promise<{ stats: IndexStats[]; ms: number } | Error> | undefined;
  const search = options.search;
  const bundles = (output: string) => {
    if (!search) return [];
    const out = path.join(output, search.bundlePath);
    // The posts' index, then the plans' below it.
    return [
      { dir: out, docs: searchDocs.filter((d) => d.bundle === "posts") },
      { dir: path.join(out, PLANS_BUNDLE), docs: searchDocs.filter((d) => d.bundle === "plans") },
    ];
  };
  const startIndexing = (output: string) => {
    if (!search) return;
    const exclude = excludeSelectors(search.tasks);
    const jobs = bundles(output).map((b) => ({ outputPath: b.dir, docs: b.docs, language: search.language!, exclude }));
    const start = performance.now();
    indexing = writeSearchIndexes(jobs).then(
      (stats) => ({ stats, ms: Math.round(performance.now() - start) }),
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
  };
  eleventyConfig.on("eleventy.before", ({ directories, outputMode, runMode }: EleventyBefore) => {
    indexing = undefined;
    // A build makes the index beside the render. The preview makes it after the pages: a
    // saved post's page comes first (made beside, it waited for Pagefind's CPU: at 2,000
    // posts 4.5–6.3 s instead of 2.8–3.5 s).
    if (outputMode === "fs" && runMode === "build") startIndexing(directories.output);
  });
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode, results }: EleventyAfter) => {
    // The post cache has been writing while Eleventy rendered; the build ends when it is done.
    const cacheWritten = flushPostCache();
    if (outputMode !== "fs") {
      await cacheWritten;
      return;
    }
    let searchStats: { pages: number; records: number; ms: number; waited: number } | null = null;
    const written = [...copied, ...results.flatMap((r) => (typeof r.outputPath === "string" ? [path.relative(directories.output, r.outputPath)] : []))];
    if (search) {
      if (!indexing) startIndexing(directories.output);
      const waitStart = performance.now();
      try {
        const done = await indexing!;
        if (done instanceof Error) throw done;
        const { stats, ms } = done;
        const waited = Math.round(performance.now() - waitStart);
        const dirs = bundles(directories.output).map((b) => b.dir);
        stats.forEach((s, i) => written.push(...s.files.map((f) => path.relative(directories.output, path.join(dirs[i]!, f)).split(path.sep).join("/"))));
        const sum = (key: "pages" | "records") => stats.reduce((n, s) => n + s[key], 0);
        searchStats = { pages: sum("pages"), records: sum("records"), ms, waited };
      } finally {
        // Pagefind runs as a child process of the search thread; a build must not wait on
        // either, even after an error.
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
        (searchStats ? `, search ${searchStats.ms} ms (${searchStats.waited} ms after the pages)` : "") +
        `, clean ${Math.round(performance.now() - cleanStart)} ms`,
    );
  });
}
