/** Glue: the site's layouts, the plugin's fallbacks for Jekyll's usual names, and posts that name none. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { EleventyConfig } from "../eleventy.ts";
import type { BuiltSite } from "../site.ts";

/** Layouts the plugin provides when the site has none of that name (a Jekyll post says `layout: post`). */
const FALLBACK_LAYOUTS = ["default", "post", "page"];

export interface Layouts {
  /** Names a post or page may give, with and without the extension (`post`, `post.njk`). */
  names: Set<string>;
  /** The layouts folder, relative to the working folder, for messages. */
  dir: string;
  /** The same, absolute. */
  path: string;
}

/** The site's layouts, plus the plugin's plain ones for those of Jekyll's usual names it lacks. */
export function provideLayouts(eleventyConfig: EleventyConfig): Layouts {
  const layoutsDir = path.resolve(eleventyConfig.directories.layouts ?? eleventyConfig.directories.includes);
  const files = existsSync(layoutsDir) ? readdirSync(layoutsDir, { recursive: true, encoding: "utf8" }).map((f) => f.split(path.sep).join("/")) : [];
  const names = new Set([...files, ...files.map((f) => f.replace(/\.[^./]+$/, ""))]);
  const layoutsRel = path.relative(path.resolve(eleventyConfig.directories.input), layoutsDir).split(path.sep).join("/");
  for (const name of FALLBACK_LAYOUTS) {
    if (names.has(name)) continue;
    eleventyConfig.addTemplate(`${layoutsRel}/${name}.njk`, readFileSync(new URL(`../layouts/${name}.njk`, import.meta.url), "utf8"));
    names.add(name).add(`${name}.njk`);
  }
  return { names, dir: path.relative(process.cwd(), layoutsDir) || ".", path: layoutsDir };
}

/** The URLs of posts whose layout does not exist; each is an error naming the post and its line. */
export function checkLayouts(site: BuiltSite, layouts: Layouts): Set<string> {
  const missing = new Set<string>();
  for (const { built: p } of site.records) {
    if (layouts.names.has(p.post.layout)) continue;
    missing.add(p.post.url);
    site.diagnostics.error(p.post.sourcePath, `layout "${p.post.layout}" does not exist in ${layouts.dir}/ (front matter layout)`, p.layoutLine);
  }
  return missing;
}
