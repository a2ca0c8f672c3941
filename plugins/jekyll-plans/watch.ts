/**
 * Glue for the preview: Eleventy rebuilds when a watched file changes or is added, but
 * not when one is deleted or renamed away. The plugin watches its folders itself and,
 * when a file disappears, touches a file of its own that Eleventy watches (in the
 * system's temporary folder, never in the user's folders), so the site is rebuilt
 * without the deleted post.
 */
import { existsSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import os from "node:os";
import type { Diagnostic } from "./diagnostics.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { escapeHtml } from "./markdown/text.ts";
import path from "node:path";

/** The file whose change makes Eleventy rebuild (one per process). */
export const REBUILD_TRIGGER = path.join(os.tmpdir(), `jekyll-plans-rebuild-${process.pid}`);

const watchers = new Map<string, FSWatcher>();

/** Whether Eleventy runs as the preview (`--serve` or `--watch`). */
export function isPreview(): boolean {
  return process.env.ELEVENTY_RUN_MODE === "serve" || process.env.ELEVENTY_RUN_MODE === "watch";
}

/** Rebuilds when a file below one of `dirs` is deleted or renamed away. Kept across config resets. */
export function rebuildOnDelete(dirs: readonly string[]): void {
  if (!existsSync(REBUILD_TRIGGER)) writeFileSync(REBUILD_TRIGGER, "");
  for (const dir of dirs.map((d) => path.resolve(d))) {
    if (watchers.has(dir) || !existsSync(dir)) continue;
    const watcher = watch(dir, { recursive: true }, (event, name) => {
      if (event !== "rename" || !name || existsSync(path.join(dir, name.toString()))) return;
      writeFileSync(REBUILD_TRIGGER, `${Date.now()} ${name.toString()}\n`);
    });
    watcher.on("error", () => watchers.delete(dir));
    watcher.unref();
    watchers.set(dir, watcher);
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
    `<strong>${errors.length} error${errors.length === 1 ? "" : "s"} in the posts</strong> — the preview shows the site without what is broken; fix and save to clear this.` +
    `<ul style="margin:.5rem 0 0;padding-left:1.25rem">${items}</ul></div>`;
  eleventyConfig.addTransform("jekyll-plans-errors", function (this: { page?: { outputPath?: unknown } }, content: unknown) {
    const outputPath = String(this.page?.outputPath ?? "");
    if (typeof content !== "string" || !outputPath.endsWith(".html")) return content;
    const body = /<body[^>]*>/i.exec(content);
    return body ? content.slice(0, body.index + body[0].length) + banner + content.slice(body.index + body[0].length) : banner + content;
  });
}
