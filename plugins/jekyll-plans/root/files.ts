/**
 * The files of a Jekyll site root, sorted as Jekyll would use them (glue: it reads the
 * file system; what is done with each file is decided by pure modules):
 * - pages: markdown or HTML files that start with front matter;
 * - templates: other files that start with front matter (`robots.txt` with Liquid);
 * - styles: Sass files (`.scss`, `.sass`) that start with front matter, compiled to CSS;
 * - static files: everything else, copied as they are.
 * Left out, as Jekyll leaves them out: names starting with `_`, `.` or `#` or ending in
 * `~` (unless listed in `include`), Jekyll's default `exclude` and the config's `exclude`.
 * Symbolic links are not followed (as in Jekyll's safe mode, GitHub Pages' mode).
 */
import { closeSync, lstatSync, openSync, readdirSync, readSync } from "node:fs";
import path from "node:path";
import { JEKYLL_DEFAULT_EXCLUDE, JEKYLL_DEFAULT_INCLUDE } from "./config.ts";

export interface RootFiles {
  /** Paths relative to the root, `/`-separated, sorted. */
  pages: string[];
  templates: string[];
  styles: string[];
  statics: string[];
  /** Things left out that a user would want to know about: `path: why`. */
  skipped: { path: string; why: string }[];
}

export const PAGE_EXTENSION = /\.(?:md|markdown|mkd|mkdn|mkdown|html?)$/i;
/** Sass files: with front matter, Jekyll compiles them to CSS. */
export const STYLE_EXTENSION = /\.s[ac]ss$/i;
/** Files with front matter that need a converter this build does not have. */
const UNCONVERTED = /\.(?:coffee|textile)$/i;

/** `exclude`/`include` entries as Jekyll matches them: a name, a path prefix or a glob. */
function matcher(patterns: readonly string[]): (rel: string) => boolean {
  const tests = patterns.map((raw) => {
    const pattern = raw.replace(/^\/+|\/+$/g, "");
    const glob = new RegExp(
      `^${pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]")}$`,
    );
    return (rel: string) => rel === pattern || rel.startsWith(`${pattern}/`) || glob.test(rel) || glob.test(rel.split("/").pop()!);
  });
  return (rel) => tests.some((t) => t(rel));
}

function startsWithFrontMatter(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(8);
    const n = readSync(fd, buffer, 0, 8, 0);
    return /^(?:\uFEFF)?---[ \t]*\r?\n/.test(buffer.subarray(0, n).toString("utf8"));
  } finally {
    closeSync(fd);
  }
}

/**
 * Lists a site root. `skip` names folders handled elsewhere (the posts folder, the
 * Eleventy output) by their absolute path.
 */
export function listRootFiles(root: string, options: { exclude: readonly string[]; include: readonly string[]; skip: readonly string[] }): RootFiles {
  const excluded = matcher([...JEKYLL_DEFAULT_EXCLUDE, ...options.exclude]);
  const included = matcher([...JEKYLL_DEFAULT_INCLUDE, ...options.include]);
  const skip = new Set(options.skip.map((p) => path.resolve(p)));
  const out: RootFiles = { pages: [], templates: [], styles: [], statics: [], skipped: [] };
  const walk = (dir: string, relDir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const rel = relDir ? `${relDir}/${name}` : name;
      const abs = path.join(dir, name);
      if (skip.has(path.resolve(abs))) continue;
      const hidden = /^[_.#]/.test(name) || name.endsWith("~");
      // A `_posts` below the root's holds posts (see postFolders).
      if ((hidden || excluded(rel)) && !included(rel)) continue;
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) {
        out.skipped.push({ path: rel, why: "a symbolic link (not followed)" });
      } else if (stat.isDirectory()) {
        walk(abs, rel);
      } else if (!stat.isFile()) {
        out.skipped.push({ path: rel, why: "not a regular file" });
      } else if (!startsWithFrontMatter(abs)) {
        out.statics.push(rel);
      } else if (PAGE_EXTENSION.test(name)) {
        out.pages.push(rel);
      } else if (STYLE_EXTENSION.test(name)) {
        out.styles.push(rel);
      } else if (UNCONVERTED.test(name)) {
        out.skipped.push({ path: rel, why: "needs a converter (CoffeeScript, Textile) this build does not run" });
      } else {
        out.templates.push(rel);
      }
    }
  };
  walk(root, "");
  return out;
}

/**
 * The `_posts` folders below a root's own (`tech/_posts`, `a/b/_posts`), as Jekyll reads them:
 * their posts are the site's, with the folders above as their first categories. Folders Jekyll
 * leaves out (`_`, `.`, `exclude`) and symbolic links are not entered.
 */
export function postFolders(root: string, options: { exclude: readonly string[]; include: readonly string[] }): { folder: string; categories: string[] }[] {
  const excluded = matcher([...JEKYLL_DEFAULT_EXCLUDE, ...options.exclude]);
  const included = matcher([...JEKYLL_DEFAULT_INCLUDE, ...options.include]);
  const out: { folder: string; categories: string[] }[] = [];
  const walk = (dir: string, relDir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!entry.isDirectory()) continue;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.name === "_posts") {
        if (relDir && !excluded(rel)) out.push({ folder: rel, categories: relDir.split("/") });
        continue;
      }
      const hidden = /^[_.#]/.test(entry.name) || entry.name.endsWith("~");
      if ((hidden || excluded(rel)) && !included(rel)) continue;
      walk(path.join(dir, entry.name), rel);
    }
  };
  walk(root, "");
  return out;
}
