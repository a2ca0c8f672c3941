// @ts-check
/**
 * The search index's own thread. The build hands it the search documents as soon as it has
 * them (before Eleventy renders), and it feeds them to Pagefind's service and writes the
 * bundle while the main thread renders and writes the pages: fed from the main thread,
 * Pagefind waits until Eleventy is done. Plain JavaScript, so that it runs the same from the
 * plugin's sources (through tsx, which a worker does not inherit) and from dist/.
 *
 * Messages in: { id, job: { outputPath, docs, language, exclude, keep, stream } } (one bundle),
 * { stream, language, exclude, docs, end } (documents ahead of their job), or { close: true }.
 * Out: { id, stats: { pages, sent, files } }, or { id, error }. Each index has a thread of its own.
 *
 * A build streams its posts' documents while its model is still being built, so that
 * Pagefind's service (one process, which handles one request at a time) parses them on the
 * other core meanwhile; the job that names the stream then sends only what differs from
 * what was streamed (a post left out of the model, a URL two posts had).
 *
 * With `keep` (the preview), a bundle's index stays alive after it is written, and the next
 * job for the same folder and settings sends it only the documents that changed: Pagefind
 * replaces a page when a document with its URL is added again, and drops a page whose new
 * document has no content, which is how a document that is gone leaves it. A bundle where
 * nothing changed, and whose files are all still in place, is not built or written again.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import * as pagefind from "pagefind";

// The preview's index is background work: this thread, and Pagefind's service, which it
// starts later and which inherits the setting, run at a lower CPU priority, so that the
// saved post's pages, rendered beside them, come first. On Linux a thread's priority is its
// own (elsewhere it would be the whole process's, Eleventy's too: left as it is).
if (workerData?.background && process.platform === "linux") {
  try {
    os.setPriority(10);
  } catch {
    // not permitted here: the index is made at the usual priority
  }
}

/**
 * @typedef {{ url: string, html: string }} Doc
 * @typedef {{ outputPath: string, docs: Doc[], language: string, exclude: string[], keep?: boolean, stream?: string }} Job
 * @typedef {{ key: string, index: import("pagefind").PagefindIndex, docs: Map<string, string>, files: string[] }} Kept
 * @typedef {{ key: string, index: import("pagefind").PagefindIndex, docs: Map<string, string>, built?: Awaited<ReturnType<import("pagefind").PagefindIndex["getFiles"]>> }} Streamed
 * @typedef {{ stream: string, language: string, exclude: string[], docs: Doc[], end?: boolean }} StreamPart
 */

/** The preview's live indexes by folder: the index, its settings, each document's HTML by URL, the files it wrote. */
/** @type {Map<string, Kept>} */
const kept = new Map();

/**
 * The streams begun and not yet finished by their job, by name (at most one); null: one that
 * failed, whose job makes its index afresh.
 * @type {Map<string, Streamed | null>}
 */
const streams = new Map();

/**
 * Adds a stream's documents to its index (made at its first part, in place of any other); at
 * its last part (`end`), builds the index's files, which its job takes when it has nothing
 * to add (the job comes once Eleventy has its configuration: this is done meanwhile).
 * @param {StreamPart} part
 */
async function addToStream({ stream, language, exclude, docs, end = false }) {
  let s = streams.get(stream);
  if (s === null) return;
  try {
    if (!s) {
      await dropStreams();
      s = { key: JSON.stringify([language, exclude]), index: await newIndex(language, exclude), docs: new Map() };
      streams.set(stream, s);
    }
    const index = s.index;
    const results = await Promise.all(docs.map((doc) => index.addHTMLFile({ url: doc.url, content: doc.html })));
    if (results.some((r) => r.errors.length > 0)) throw new Error("refused");
    for (const doc of docs) s.docs.set(doc.url, doc.html);
    if (end) s.built = await index.getFiles();
  } catch {
    // The job finds no stream and sends every document itself, which names the one refused.
    await s?.index.deleteIndex().catch(() => {});
    streams.set(stream, null);
  }
}

/** Deletes every stream's index. */
async function dropStreams() {
  for (const s of streams.values()) await s?.index.deleteIndex().catch(() => {});
  streams.clear();
}

/** What takes a page out of an index: a document with its URL and no content. */
const EMPTY = "<!doctype html><html><head></head><body><main data-pagefind-body></main></body></html>";

/**
 * Indexes one bundle's documents and writes its files (index and UI) to `outputPath`.
 * Pagefind's extended binary, which the npm package ships, segments Chinese text.
 * @param {Job} job
 */
async function writeBundle({ outputPath, docs, language, exclude, keep = false, stream }) {
  const key = JSON.stringify([language, exclude]);
  /** @type {(Streamed & { files?: string[] }) | undefined} */
  let live = kept.get(outputPath);
  kept.delete(outputPath);
  if (live && (!keep || live.key !== key)) {
    await live.index.deleteIndex();
    live = undefined;
  }
  const streamed = stream === undefined ? undefined : streams.get(stream);
  if (stream !== undefined) streams.delete(stream);
  /** Documents the stream had sent. */
  let ahead = 0;
  if (streamed && (live || streamed.key !== key)) await streamed.index.deleteIndex();
  else if (streamed) {
    live = streamed;
    ahead = streamed.docs.size;
  }
  /** @type {Map<string, string>} */
  const now = new Map(docs.map((d) => [d.url, d.html]));
  /** @type {{ url: string, html: string }[]} */
  let send = docs;
  if (live) {
    const before = live.docs;
    send = docs.filter((d) => before.get(d.url) !== d.html);
    for (const url of before.keys()) if (!now.has(url)) send.push({ url, html: EMPTY });
  }
  // Nothing changed and its files are all still there: nothing to build or write (a save that
  // leaves one of the two indexes as it was; Pagefind would build all its files again).
  const files = live?.files;
  if (live && files && send.length === 0 && files.every((f) => existsSync(path.join(outputPath, f)))) {
    kept.set(outputPath, { ...live, files });
    return { pages: docs.length, sent: 0, files };
  }
  const index = live?.index ?? (await newIndex(language, exclude));
  /** @type {string[]} */
  const written = [];
  let done = false;
  try {
    // Sent all at once: the requests travel one pipe in this order, and the service
    // answers them without a round trip each (on the corpus 210 ms instead of 340 ms).
    const results = await Promise.all(
      send.map((doc) =>
        index.addHTMLFile({ url: doc.url, content: doc.html }).catch((/** @type {unknown} */ e) => {
          // The service failing on a document (it parses each request as JSON) names the page.
          throw new Error(`[jekyll-plans] search: Pagefind failed on ${doc.url}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`);
        }),
      ),
    );
    results.forEach((res, i) => {
      if (res.errors.length) throw new Error(`[jekyll-plans] search: Pagefind refused ${send[i]?.url}: ${res.errors.join("; ")}`);
    });
    // The bundle's files are taken and written here rather than by writeFiles: the same
    // bytes, 16 % less time at 12,000 records (bench: 1.91 s against 2.29 s, medians of 3
    // interleaved runs), and the build knows every file it wrote (stale ones get removed).
    // A streamed index given nothing more has its files built already.
    const bundle = ahead > 0 && send.length === 0 && streamed?.built ? streamed.built : await index.getFiles();
    if (bundle.errors.length) throw new Error(`[jekyll-plans] search: Pagefind could not build ${outputPath}: ${bundle.errors.join("; ")}`);
    for (const file of bundle.files) {
      const target = path.resolve(outputPath, file.path);
      if (path.relative(outputPath, target).startsWith("..")) throw new Error(`[jekyll-plans] search: Pagefind gave a file outside its folder: ${file.path}`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content);
      written.push(path.relative(outputPath, target));
    }
    done = true;
    // Documents sent for this bundle: with a stream, also those it sent.
    return { pages: docs.length, sent: send.length + ahead, files: written };
  } finally {
    // Kept only when it holds exactly these documents; after a failure the next job starts afresh.
    if (keep && done) kept.set(outputPath, { key, index, docs: now, files: written });
    else await index.deleteIndex();
  }
}

/**
 * @param {string} language
 * @param {string[]} exclude
 */
async function newIndex(language, exclude) {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language, excludeSelectors: exclude });
  if (!index) throw new Error(`[jekyll-plans] search: Pagefind could not start an index: ${errors.join("; ")}`);
  return index;
}

const port = parentPort;
if (!port) throw new Error("[jekyll-plans] search: index-worker.js runs as a worker thread");

// One request at a time, in the order they came (a preview's rebuild waits for the last).
let queue = Promise.resolve();
port.on("message", (/** @type {{ id: number, job: Job } | StreamPart | { close: true }} */ message) => {
  queue = queue.then(async () => {
    if ("stream" in message) return addToStream(message);
    if ("close" in message) {
      kept.clear();
      streams.clear();
      await pagefind.close();
      port.close();
      return;
    }
    try {
      port.postMessage({ id: message.id, stats: await writeBundle(message.job) });
    } catch (e) {
      port.postMessage({ id: message.id, error: e instanceof Error ? e.message : String(e) });
    }
  });
});
