/**
 * A site root's Sass files (`.scss`, `.sass` with front matter) compiled to CSS, as Jekyll's
 * jekyll-sass-converter compiles them: after their Liquid, `@import` and `@use` looking next to
 * the file, then in `sass_dir` (`_sass`) and `load_paths`. Dart Sass (the `sass` package, the
 * language's reference implementation) compiles them; it is loaded only for a site that has
 * Sass files. Sass's expanded or compressed style stands for libsass's (`compact` is expanded).
 *
 * What a stylesheet loads must be inside the site root, through no symbolic link out of it (as
 * Jekyll's safe mode keeps `load_paths` inside the site): one that loads anything else is an
 * error, and nothing of it is published. Glue: Sass reads the file system.
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { SassSettings } from "./config.ts";
import { STYLE_EXTENSION } from "./files.ts";

type Sass = typeof import("sass");
let sass: Sass | undefined;

/**
 * A Sass file that does not compile: why, and where: the file (relative to the root, when
 * inside it) and the line in the text Sass read (for the compiled file, its text after its
 * front matter).
 */
export class SassError extends Error {
  constructor(
    message: string,
    readonly file: string | undefined,
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** Whether `file` is inside `root` (both real paths). */
const inside = (root: string, file: string): boolean => {
  const rel = path.relative(root, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
};

/** A compiled Sass file: its CSS and, when asked for, its source map (JSON, sources relative to the map). */
export interface CompiledSass {
  css: string;
  map?: string;
}

/**
 * The CSS of the Sass file `file` (relative to `root`), whose text after its front matter and
 * Liquid is `source`; with `withMap`, its source map too (with the sources' text, as Jekyll's),
 * and the CSS names it, as Jekyll's does. Throws a SassError naming the file and line at fault.
 */
export function compileSass(root: string, file: string, source: string, settings: SassSettings, withMap = false): CompiledSass {
  sass ??= createRequire(import.meta.url)("sass") as Sass;
  const realRoot = realpathSync(root);
  const entry = pathToFileURL(path.join(root, file));
  let result: ReturnType<Sass["compileString"]>;
  try {
    result = sass.compileString(source, {
      syntax: /\.sass$/i.test(file) ? "indented" : "scss",
      // Loads next to the file (Sass reads them from the file system), then in the load paths.
      url: entry,
      loadPaths: settings.loadPaths.map((p) => path.resolve(root, p)),
      style: settings.style,
      // Sass's deprecation notices (`@import`, global functions) are about the language, not
      // the site: Jekyll's libsass prints none.
      logger: sass.Logger.silent,
      sourceMap: withMap,
      sourceMapIncludeSources: withMap,
    });
  } catch (e) {
    if (!(e instanceof sass.Exception)) throw e;
    const at = e.span.url ? fileURLToPath(e.span.url) : path.join(root, file);
    const relative = path.relative(root, at);
    throw new SassError(e.sassMessage, relative.startsWith("..") ? undefined : relative.split(path.sep).join("/"), e.span.start.line + 1);
  }
  // Every file it read is the site's: none outside the root, none through a link out of it.
  for (const url of result.loadedUrls) {
    if (url.protocol !== "file:" || url.href === entry.href) continue;
    let real: string;
    try {
      real = realpathSync(fileURLToPath(url));
    } catch {
      real = fileURLToPath(url);
    }
    if (!inside(realRoot, real)) throw new SassError(`loads ${fileURLToPath(url)}, which is outside the site root`, file, undefined);
  }
  if (!withMap || !result.sourceMap) return { css: result.css };
  const cssFile = path.join(realRoot, file.replace(STYLE_EXTENSION, ".css"));
  const map = {
    ...result.sourceMap,
    file: path.basename(cssFile),
    // Paths from the map's folder (the sources are inside the root), not the machine's file: URLs.
    sources: result.sourceMap.sources.map((s) =>
      s.startsWith("file:")
        ? path
            .relative(path.dirname(cssFile), realpathSync(fileURLToPath(s)))
            .split(path.sep)
            .join("/")
        : s,
    ),
  };
  return { css: `${result.css}\n\n/*# sourceMappingURL=${path.basename(cssFile)}.map */`, map: JSON.stringify(map) };
}
