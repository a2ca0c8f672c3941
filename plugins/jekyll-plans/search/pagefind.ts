/**
 * Glue: the Pagefind indexes, made on threads of their own (index-worker.js) so that they are
 * built beside Eleventy's render instead of after it: one thread, with its own Pagefind
 * service, per index (the posts' and the plans'), kept on the process: Eleventy imports the
 * configuration (and this module) again on each rebuild of the preview, which keeps the
 * threads and Pagefind's services between rebuilds.
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
  /**
   * The stream (see streamSearchDocuments) whose index this job finishes: it is sent only the
   * documents that differ from those streamed.
   */
  stream?: string;
}

export interface IndexStats {
  /** Documents indexed. */
  pages: number;
  /** Documents sent to Pagefind for it: all of them, or those that changed since the kept index's last job. */
  sent: number;
  /** The files written, relative to the job's folder. */
  files: string[];
}

type Reply = { id: number; stats: IndexStats } | { id: number; error: string };

interface SearchThread {
  worker: Worker;
  pending: Map<number, { resolve(stats: IndexStats): void; reject(e: Error): void }>;
  next: number;
}

const THREADS = Symbol.for("eleventy-plugin-jekyll-plans.search-threads");
const store = globalThis as { [THREADS]?: Map<number, SearchThread> };
const threads = (store[THREADS] ??= new Map());

/**
 * The search thread of a lane: the jobs of one request each go to a lane of their own (their
 * place in the request: the posts' index first, the plans' second), so that the two indexes
 * are made at once by two Pagefind services (one service handles one request at a time).
 */
function thread(lane: number, background: boolean): SearchThread {
  const existing = threads.get(lane);
  if (existing) return existing;
  // Beside this module in the sources and in dist/ (the build copies it there).
  const worker = new Worker(new URL("./index-worker.js", import.meta.url), { workerData: { background } });
  const t: SearchThread = { worker, pending: new Map(), next: 0 };
  const fail = (e: Error) => {
    if (threads.get(lane) === t) threads.delete(lane);
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
  // The thread keeps the process alive only while it has work (see writeSearchIndexes); after
  // the listeners, since a "message" listener holds the thread's port again.
  worker.unref();
  threads.set(lane, t);
  return t;
}

/**
 * Starts writing the bundles of `jobs`, each on the search thread of its lane (its place in
 * `jobs`); resolves with each one's figures once every file is written. A lane's requests run
 * one after another. `background` (the preview): the threads, started by their first request,
 * and Pagefind's services run at a lower CPU priority, so that they use what Eleventy leaves
 * and give way to it.
 */
export function writeSearchIndexes(jobs: readonly IndexJob[], { background = false } = {}): Promise<IndexStats[]> {
  return Promise.all(
    jobs.map((job, lane) => {
      const t = thread(lane, background);
      const id = t.next++;
      const done = new Promise<IndexStats>((resolve, reject) => t.pending.set(id, { resolve, reject }));
      // Held while it works, so that the process waits for the index; let go once it is idle,
      // so that a preview or a build that failed before its end can exit.
      t.worker.ref();
      t.worker.postMessage({ id, job });
      return done;
    }),
  );
}

/**
 * Sends documents ahead of the job that will write their bundle: the search thread adds them
 * to an index of their own, kept under `stream` (one stream at a time: a new one drops the
 * last), which the job naming `stream` finishes; after the `end` part, the thread builds the
 * index's files ahead of that job. Nothing is answered; should Pagefind refuse one, the
 * stream is dropped and the job makes its index afresh (and names the document).
 */
export function streamSearchDocuments(
  stream: string,
  settings: { language: string; exclude: string[] },
  docs: readonly SearchDocument[],
  { end = false }: { end?: boolean } = {},
): void {
  // The posts' lane (see writeSearchIndexes).
  thread(0, false).worker.postMessage({ stream, language: settings.language, exclude: settings.exclude, docs, end });
}

/** Stops Pagefind's service processes and the search threads (so that a build can exit). */
export async function closeSearch(): Promise<void> {
  const all = [...threads.values()];
  threads.clear();
  await Promise.all(
    all.map((t) => {
      const exited = new Promise<void>((resolve) => t.worker.once("exit", () => resolve()));
      t.worker.ref();
      t.worker.postMessage({ close: true });
      return exited;
    }),
  );
}
