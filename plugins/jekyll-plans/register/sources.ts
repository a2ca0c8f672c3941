/**
 * Glue: which files are the plugin's to read, and the preview following them. Posts are read
 * by the plugin, never by Eleventy; a change to one re-runs the plugin, which re-reads them.
 */
import path from "node:path";
import type { EleventyConfig } from "../eleventy.ts";
import type { ResolvedOptions } from "../options.ts";
import { followFolders, isPreview, REBUILD_TRIGGER } from "../watch.ts";

export function claimSources(eleventyConfig: EleventyConfig, options: ResolvedOptions): void {
  const postsDir = options.postsDir;
  const toGlob = (p: string): string => path.relative(process.cwd(), p).split(path.sep).join("/") || ".";
  // Every Jekyll `_posts` folder in the input (also when the build is pointed at another one), and postsDir.
  eleventyConfig.ignores.add(`${toGlob(path.resolve(eleventyConfig.directories.input))}/**/_posts/**`);
  const relToInput = path.relative(path.resolve(eleventyConfig.directories.input), path.resolve(postsDir));
  if (!relToInput.startsWith("..") && !path.isAbsolute(relToInput)) {
    eleventyConfig.ignores.add(`${toGlob(path.resolve(postsDir))}/**`);
  }
  eleventyConfig.addWatchTarget(postsDir, { resetConfig: true });
  if (options.siteRoot) eleventyConfig.addWatchTarget(options.siteRoot, { resetConfig: true });
  if (isPreview()) {
    followFolders([postsDir, ...(options.siteRoot ? [options.siteRoot] : [])], eleventyConfig.directories.output);
    eleventyConfig.addWatchTarget(REBUILD_TRIGGER, { resetConfig: true });
  }
}
