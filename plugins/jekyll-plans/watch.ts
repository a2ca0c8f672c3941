/**
 * Glue for the preview. Eleventy rebuilds when its file watcher reports a change or an
 * addition, but not a deletion or a rename away, and its watcher can miss events: an
 * event for a path that is still waiting for its write to finish is dropped, and that
 * path then stays "waiting" for the life of the process once it is gone. So the plugin
 * does not trust events alone. It compares the state of its folders (names, sizes and
 * modification times) with the state the last build read: a file gone rebuilds at once;
 * any other difference that Eleventy has not rebuilt for within a second rebuilds too.
 * A rebuild is asked for by writing a file of the plugin's own that Eleventy watches (in
 * the system's temporary folder, never in the user's folders).
 */
import { existsSync, lstatSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import type { Diagnostic } from "./diagnostics.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { escapeHtml } from "./markdown/text.ts";
import path from "node:path";

/** The file whose change makes Eleventy rebuild (one per process). */
export const REBUILD_TRIGGER = path.join(os.tmpdir(), `jekyll-plans-rebuild-${process.pid}`);

/** How often the folders are compared with what the last build read. */
const POLL_MS = 250;
/** How long Eleventy's own watcher gets to rebuild for a change before the plugin asks. */
export const GRACE_MS = 1000;

/** A folder's files: relative path → "size mtime". */
type Snapshot = Map<string, string>;

export interface PreviewState {
  dirs: string[];
  skip: Set<string>;
  /** What the last build read. */
  built: Snapshot;
  /** The state seen at the last poll, and since when the folders differ from `built`. */
  seen?: Snapshot;
  differSince?: number;
  timer?: NodeJS.Timeout;
}

// Kept on the process: Eleventy re-imports the configuration (and this module) on a rebuild.
const STATE = Symbol.for("eleventy-plugin-jekyll-plans.preview");
const store = globalThis as { [STATE]?: PreviewState };

/** Whether Eleventy runs as the preview (`--serve` or `--watch`). */
export function isPreview(): boolean {
  return process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";
}

/**
 * The files below `dirs`, without hidden entries, `node_modules` and the folders in
 * `skip` (the output). Symbolic links are recorded, not followed: the walk always ends.
 */
export function snapshot(dirs: readonly string[], skip: ReadonlySet<string> = new Set()): Snapshot {
  const files: Snapshot = new Map();
  const walk = (abs: string): void => {
    let entries;
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch {
      return; // a folder that went away or cannot be read: the build reports it
    }
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const p = path.join(abs, e.name);
      if (skip.has(p)) continue;
      if (e.isDirectory()) walk(p);
      else {
        const st = lstatSync(p, { throwIfNoEntry: false });
        if (st) files.set(p, `${st.size} ${st.mtimeMs}`);
      }
    }
  };
  for (const d of new Set(dirs)) walk(d);
  return files;
}

const same = (a: Snapshot, b: Snapshot): boolean => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
const lost = (built: Snapshot, now: Snapshot): string | undefined => [...built.keys()].find((k) => !now.has(k));

/**
 * One comparison of the folders with what the last build read, at time `now` (ms): why a
 * rebuild is needed now, or nothing. A file gone asks at once (Eleventy never rebuilds
 * for it); another difference asks once it has stood still for the grace period, and
 * again after each further period until a build reads it.
 */
export function poll(state: PreviewState, now: number): string | undefined {
  const current = snapshot(state.dirs, state.skip);
  if (same(current, state.built)) {
    state.differSince = undefined;
    state.seen = current;
    return undefined;
  }
  const changing = !state.seen || !same(current, state.seen);
  state.seen = current;
  const gone = lost(state.built, current);
  if (changing || state.differSince === undefined) {
    state.differSince = now;
    return gone !== undefined && changing ? `gone: ${gone}` : undefined;
  }
  if (now - state.differSince < GRACE_MS) return undefined;
  state.differSince = now;
  return `changed: ${[...current].find(([k, v]) => state.built.get(k) !== v)?.[0] ?? gone}`;
}

/** What a build of the preview records before it reads `dirs` (skipping the output folder). */
export function followState(dirs: readonly string[], output: string, state?: PreviewState): PreviewState {
  const next: PreviewState = state ?? { dirs: [], skip: new Set(), built: new Map() };
  next.dirs = dirs.map((d) => path.resolve(d));
  next.skip = new Set([path.resolve(output)]);
  next.built = snapshot(next.dirs, next.skip);
  next.seen = next.built;
  next.differSince = undefined;
  return next;
}

/**
 * Called by each build of the preview before it reads `dirs`: records what it reads and
 * keeps one poller per process comparing the folders with it.
 */
export function followFolders(dirs: readonly string[], output: string): void {
  const state = (store[STATE] = followState(dirs, output, store[STATE]));
  if (!existsSync(REBUILD_TRIGGER)) {
    writeFileSync(REBUILD_TRIGGER, "");
    // Removed when the preview ends (Eleventy ends it with process.exit on Ctrl-C).
    process.once("exit", () => rmSync(REBUILD_TRIGGER, { force: true }));
  }
  if (!state.timer) {
    state.timer = setInterval(() => {
      const why = poll(state, Date.now());
      if (why) writeFileSync(REBUILD_TRIGGER, `${why}\n`);
    }, POLL_MS);
    state.timer.unref();
  }
}

/**
 * The preview's errors on every page it serves: a banner at the top of each HTML page
 * naming each file and line, until the next rebuild without errors.
 */
export function addErrorBanner(eleventyConfig: EleventyConfig, errors: readonly Diagnostic[]): void {
  const items = errors.map((e) => `<li><code>${escapeHtml(e.file)}${e.line ? `:${e.line}` : ""}</code> ${escapeHtml(e.message)}</li>`).join("");
  const banner =
    `<div id="jekyll-plans-errors" role="alert" style="position:sticky;top:0;z-index:2000;margin:0;padding:.75rem 1rem;background:#8b0000;color:#fff;font:14px/1.5 system-ui,sans-serif">` +
    `<strong>${errors.length} error${errors.length === 1 ? "" : "s"} in the site's sources</strong> — the preview shows the site without what is broken; fix and save to clear this.` +
    `<ul style="margin:.5rem 0 0;padding-left:1.25rem">${items}</ul></div>`;
  eleventyConfig.addTransform("jekyll-plans-errors", function (this: { page?: { outputPath?: unknown } }, content: unknown) {
    const outputPath = String(this.page?.outputPath ?? "");
    if (typeof content !== "string" || !outputPath.endsWith(".html")) return content;
    const body = /<body[^>]*>/i.exec(content);
    return body ? content.slice(0, body.index + body[0].length) + banner + content.slice(body.index + body[0].length) : banner + content;
  });
}
