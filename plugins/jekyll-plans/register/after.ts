/**
 * Glue: every build (also each rebuild of the preview) writes the search index, so that it
 * always matches the pages: made on the search thread, beside Eleventy's render in a build
 * (and waited for); in the preview beside the render for a small index, after the pages for
 * a large one, never waited for (the browser reloads at once); then the files earlier builds
 * wrote and this one did not are removed; then one summary line.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "../eleventy.ts";
import type { Log } from "../log.ts";
import type { ResolvedOptions } from "../options.ts";
import { cleanStaleOutput, recordOutput } from "../output.ts";
import { flushPostCache } from "./model.ts";
import { INDEX_STATE_FILE } from "../pages/search.ts";
import { closeSearch, writeSearchIndexes } from "../search/pagefind.ts";
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
  /** The stream that sent the posts' documents ahead while the model was built (a build's; see stream.ts). */
  stream?: string;
  /** Output paths of the files copied as they are (the plugin's and the site root's). */
  copied: readonly string[];
  timings: { read: number; model: number };
  /** How many posts the post cache gave (of them, how many from disk) and how many were built. */
  cache: CacheStats;
  log: Log;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The most search documents for which the preview makes its index beside the render. */
const PREVIEW_BESIDE_RENDER = 500;

/**
 * The preview's rebuilds, kept on the process (Eleventy loads the configuration, and this
 * module, again on a rebuild): how many have started, and the index work still to finish.
 */
const PREVIEW = Symbol.for("eleventy-plugin-jekyll-plans.preview-index");
const preview = ((globalThis as { [PREVIEW]?: { generation: number; background: Promise<void> } })[PREVIEW] ??= {
  generation: 0,
  background: Promise.resolve(),
});

/**
 * Writes what the preview's search page reads: whether the index is being made. Written
 * whole or not at all (a file of its own, then renamed): a page that read it half-written
 * would take the index for ready.
 */
function writeIndexState(file: string, state: "updating" | "ready" | "failed"): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const next = `${file}.${process.pid}.tmp`;
  writeFileSync(next, `${JSON.stringify({ state })}\n`);
  renameSync(next, file);
}

/** Gives the preview's index the documents of a model built since the last build (see quick.ts). */
export type IndexAhead = (docs: readonly SearchDocument[]) => void;

export function onAfterBuild(eleventyConfig: EleventyConfig, { options, site, searchDocs, stream, copied, timings, cache, log }: AfterBuild): IndexAhead {
  // The search documents come from the model, which exists before Eleventy renders, so a
  // build can make the index meanwhile. A failure is kept and thrown after the render, as
  // the build's error.
  const search = options.search;
  type Indexed = { pages: number; sent: number; ms: number; files: string[] };
  let indexing: Promise<Indexed | Error> | undefined;
  const startIndexing = (
    settings: Exclude<ResolvedOptions["search"], false>,
    output: string,
    keep: boolean,
    docs: readonly SearchDocument[] = searchDocs,
  ): Promise<Indexed | Error> => {
    const byBundle = { posts: docs.filter((d) => d.bundle === "posts"), plans: docs.filter((d) => d.bundle === "plans") };
    const exclude = excludeSelectors(settings.tasks);
    const posts = path.join(output, settings.bundlePath);
    // The posts' index, and the plans' below it.
    const jobs = [
      { outputPath: posts, docs: byBundle.posts, language: settings.language!, exclude, keep, ...(keep || !stream ? {} : { stream }) },
      { outputPath: path.join(posts, PLANS_BUNDLE), docs: byBundle.plans, language: settings.language!, exclude, keep },
    ];
    const start = performance.now();
    return writeSearchIndexes(jobs, { background: keep }).then(
      (stats) => ({
        pages: stats.reduce((n, s) => n + s.pages, 0),
        sent: stats.reduce((n, s) => n + s.sent, 0),
        ms: Math.round(performance.now() - start),
        // Relative to the output folder, as the stale-file cleaning reads them.
        files: stats.flatMap((s, i) => s.files.map((f) => path.relative(output, path.join(jobs[i]!.outputPath, f)).split(path.sep).join("/"))),
      }),
      (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
    );
  };
  /** This build's turn among the preview's rebuilds. */
  let generation = 0;
  /** The preview's index of this rebuild, when it is made beside the render; null: overtaken before its turn. */
  let previewIndexing: Promise<Indexed | Error | null> | undefined;
  const stateFile = (output: string, settings: Exclude<ResolvedOptions["search"], false>) => path.join(output, settings.bundlePath, INDEX_STATE_FILE);
  const fail = (folder: string, message: string) => log.problem({ severity: "error", file: folder, message: `the search index was not written: ${message}` });
  const markUpdating = (output: string, settings: Exclude<ResolvedOptions["search"], false>): void => {
    const file = stateFile(output, settings);
    try {
      writeIndexState(file, "updating");
    } catch (e) {
      fail(path.dirname(file), e instanceof Error ? e.message : String(e));
    }
  };
  /** The output folder of the last build written to disk. */
  let lastOutput: string | undefined;
  eleventyConfig.on("eleventy.before", ({ directories, outputMode, runMode }: EleventyBefore) => {
    generation = ++preview.generation;
    if (outputMode === "fs") lastOutput = directories.output;
    indexing = undefined;
    previewIndexing = undefined;
    if (!search || outputMode !== "fs") return;
    // A build makes the index beside the render.
    if (runMode === "build") indexing = startIndexing(search, directories.output, false);
    // So does the preview for a small index (the search thread and Pagefind give way to
    // Eleventy; see writeSearchIndexes), after the last rebuild's index. A large one is made
    // after the pages: beside them, the saved post's page came later (at 2,000 posts 4.5 s
    // instead of 3.8 s, medians of 6 saves), while for the blog's own 61 documents the page
    // was as soon (685 against 700 ms) and the search 0.26 s sooner (953 against 1,210 ms;
    // medians of 20 saves).
    else if (searchDocs.length <= PREVIEW_BESIDE_RENDER) {
      markUpdating(directories.output, search);
      const mine = generation;
      previewIndexing = preview.background.then(() => (mine === preview.generation ? startIndexing(search, directories.output, true) : null));
      preview.background = previewIndexing.then(() => undefined);
    }
  });
  eleventyConfig.on("eleventy.after", async ({ directories, outputMode, runMode, results }: EleventyAfter) => {
    // The post cache has been writing while Eleventy rendered; the build ends when it is done.
    const cacheWritten = flushPostCache();
    if (outputMode !== "fs") {
      await cacheWritten;
      return;
    }
    const written = [...copied, ...results.flatMap((r) => (typeof r.outputPath === "string" ? [path.relative(directories.output, r.outputPath)] : []))];
    if (search && runMode !== "build") {
      // The preview: Eleventy reloads the browser once this handler is done, so it does not
      // wait for the index, which is finished (or made) in the background (at 2,000 posts the
      // reload waited ~20 s for it). Meanwhile the search page says so, from the state file.
      await cacheWritten;
      const state = stateFile(directories.output, search);
      const folder = path.dirname(state);
      const mine = generation;
      const beside = previewIndexing;
      if (!beside) markUpdating(directories.output, search);
      // The pages of a deleted post go now; the index's old files when the new ones are written.
      const bundle = `${path.relative(directories.output, folder).split(path.sep).join("/")}/`;
      reportRemoved(cleanStaleOutput(directories.output, written, (f) => f.startsWith(bundle)));
      // One index at a time, in the order of the rebuilds; a rebuild that a newer one has
      // overtaken before its index began leaves the index and the cleaning to it (cleaning
      // against the newer one's pages could remove one of them).
      preview.background = preview.background.then(async () => {
        try {
          // The preview's index stays alive between rebuilds and gets only what changed.
          const done = beside ? await beside : mine === preview.generation ? await startIndexing(search, directories.output, true) : null;
          if (done === null) return;
          if (done instanceof Error) {
            writeIndexState(state, "failed");
            fail(folder, done.message);
          } else if (mine === preview.generation) {
            writeIndexState(state, "ready");
            summary(directories.output, results.length, [...written, ...done.files, path.relative(directories.output, state)], { ...done, waited: done.ms });
          } else recordOutput(directories.output, done.files);
        } catch (e) {
          // Whatever fails, the chain goes on: the next rebuild still gets its index.
          fail(folder, e instanceof Error ? e.message : String(e));
        }
      });
      return;
    }
    let searchStats: (Indexed & { waited: number }) | null = null;
    if (search) {
      const waitStart = performance.now();
      try {
        const done = await (indexing ?? startIndexing(search, directories.output, false));
        if (done instanceof Error) throw done;
        searchStats = { ...done, waited: Math.round(performance.now() - waitStart) };
        written.push(...done.files);
      } finally {
        // Pagefind runs as a child process of the search thread; a build must not wait on
        // either, even after an error.
        if (runMode === "build") await closeSearch();
      }
    }
    await cacheWritten;
    summary(directories.output, results.length, written, searchStats);
  });
  const reportRemoved = (removed: string[]): void => {
    if (removed.length > 0) {
      log.info(`removed ${plural(removed.length, "file")} of an earlier build: ${removed.slice(0, 5).join(", ")}${removed.length > 5 ? " …" : ""}`);
    }
  };
  /** Removes what earlier builds wrote and this one did not, then prints the summary line. */
  const summary = (output: string, pages: number, written: readonly string[], searchStats: (Indexed & { waited: number }) | null): void => {
    const cleanStart = performance.now();
    reportRemoved(cleanStaleOutput(output, written));
    const plans = site.model.plans;
    log.info(
      `${site.model.posts.length} posts, ${plural(plans.length, "plan")} (${plans.reduce((n, p) => n + p.total, 0)} tasks), ${pages} pages` +
        (searchStats ? `, ${searchStats.pages} search records` : "") +
        ` · read ${timings.read} ms, model ${timings.model} ms (${cache.misses} posts built, ${cache.hits} cached${cache.stored ? `, ${cache.stored} from disk` : ""})` +
        (searchStats
          ? `, search ${searchStats.ms} ms (${searchStats.waited} ms after the pages${searchStats.sent < searchStats.pages ? `, ${searchStats.sent} documents sent` : ""})`
          : "") +
        `, clean ${Math.round(performance.now() - cleanStart)} ms`,
    );
  };
  /**
   * The preview's quick update hands over the search documents of the model it built, so that
   * search shows a saved post before the rebuild's index: made in the background, after the
   * index under way (the rebuild's own then finds nothing changed, and writes nothing).
   */
  return (docs) => {
    const output = lastOutput;
    if (!search || !output) return;
    markUpdating(output, search);
    const state = stateFile(output, search);
    const started = preview.generation;
    preview.background = preview.background.then(async () => {
      try {
        const done = await startIndexing(search, output, true, docs);
        if (done instanceof Error) {
          writeIndexState(state, "failed");
          fail(path.dirname(state), done.message);
          return;
        }
        recordOutput(output, done.files);
        // A rebuild begun meanwhile says when its own index is written.
        if (started === preview.generation) writeIndexState(state, "ready");
        log.info(`preview: search index updated ahead of the rebuild in ${done.ms} ms (${plural(done.sent, "document")} sent)`);
      } catch (e) {
        fail(path.dirname(state), e instanceof Error ? e.message : String(e));
      }
    });
  };
}
