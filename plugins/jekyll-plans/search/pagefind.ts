/**
 * Glue: the Pagefind index, made on a thread of its own (index-worker.js) so that it is
 * built beside Eleventy's render instead of after it. One thread per process, kept on the
 * process: Eleventy imports the configuration (and this module) again on each rebuild of
 * the preview, which keeps the thread and Pagefind's service between rebuilds.
 */
import { Worker } from "node:worker_threads";
import type { SearchDocument } from "./records.ts";

export interface IndexJob {
  /** The bundle's folder. */
  outputPath: string;
  docs: readonly SearchDocument[];
  language: string;
  exclude: string[];
  /**
   * Keep the bundle's index alive after writing it (the preview), so that the next job for the
   * same folder and settings sends Pagefind only the documents that changed.
   */
  keep?: boolean;
}

export interface IndexStats {
  /** Documents indexed. */
  pages: number;
  /** Documents sent to Pagefind for it: all of them, or those that changed since the kept index's last job. */
  sent: number;
  /** The files written, relative to the job's folder. */
  files: string[];
}

type Reply = { id: number; stats: IndexStats[] } | { id: number; error: string };

interface SearchThread {
  worker: Worker;
  pending: Map<number, { resolve(stats: IndexStats[]): void; reject(e: Error): void }>;
  next: number;
}

const THREAD = Symbol.for("eleventy-plugin-jekyll-plans.search-thread");
const store = globalThis as { [THREAD]?: SearchThread };

function thread(background: boolean): SearchThread {
  const existing = store[THREAD];
  if (existing) return existing;
  // Beside this module in the sources and in dist/ (the build copies it there).
  const worker = new Worker(new URL("./index-worker.js", import.meta.url), { workerData: { background } });
  // The thread keeps the process alive only while it has work (see writeSearchIndexes).
  worker.unref();
  const t: SearchThread = { worker, pending: new Map(), next: 0 };
  const fail = (e: Error) => {
    if (store[THREAD] === t) store[THREAD] = undefined;
    for (const p of t.pending.values()) p.reject(e);
    t.pending.clear();
  };
  worker.on("message", (reply: Reply) => {
    const p = t.pending.get(reply.id);
    t.pending.delete(reply.id);
    if ("error" in reply) p?.reject(new Error(reply.error));
    else p?.resolve(reply.stats);
    if (t.pending.size === 0) worker.unref();
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`[jekyll-plans] search: the search thread stopped (exit code ${code})`)));
  store[THREAD] = t;
  return t;
}

/**
 * Starts writing the bundles of `jobs` on the search thread; resolves with each one's
 * figures once every file is written. Requests run one after another. `background` (the
 * preview): the thread, started by the first request, and Pagefind's service run at a lower
 * CPU priority, so that they use what Eleventy leaves and give way to it.
 */
export function writeSearchIndexes(jobs: readonly IndexJob[], { background = false } = {}): Promise<IndexStats[]> {
  const t = thread(background);
  const id = t.next++;
  const done = new Promise<IndexStats[]>((resolve, reject) => t.pending.set(id, { resolve, reject }));
  // Held while it works, so that the process waits for the index; let go once it is idle,
  // so that a preview or a build that failed before its end can exit.
  t.worker.ref();
  t.worker.postMessage({ id, jobs });
  return done;
}

/** Stops Pagefind's service process and the search thread (so that a build can exit). */
export async function closeSearch(): Promise<void> {
  const t = store[THREAD];
  if (!t) return;
  store[THREAD] = undefined;
  const exited = new Promise<void>((resolve) => t.worker.once("exit", () => resolve()));
  t.worker.ref();
  t.worker.postMessage({ close: true });
  await exited;
}
