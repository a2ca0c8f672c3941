/**
 * A Jekyll site root's `_config.yml`, read into the plugin's options. Only what the
 * plugin has a use for is read; every explicit option of the plugin wins over it.
 */
import { isSiteUrl } from "../markdown/policy.ts";
import { dropUnsafeKeys, FrontMatterError, parseYaml } from "../posts/frontmatter.ts";
import { checkPermalinkPattern } from "../posts/url.ts";

/** The site's own metadata: header, `<title>`, feed. */
export interface SiteMeta {
  title: string;
  description: string;
  /** Absolute URL of the published site, e.g. `https://example.com/`. */
  url: string;
  author: { name: string; email?: string };
}

/** What a `_config.yml` says, as the plugin's option names. */
export interface JekyllConfig {
  permalink?: string;
  timeZone?: string;
  excerptSeparator?: string;
  tocLevels?: { min: number; max: number };
  hardWrap?: boolean;
  autoIds?: boolean;
  lineNumbers?: false | number;
  math?: "mathjax" | false;
  site: Partial<SiteMeta>;
  /** Jekyll's `exclude`, added to its defaults. */
  exclude: string[];
  /** Jekyll's `include`: names that `_`, `.` or `exclude` would leave out. */
  include: string[];
  /** Settings that are read but cannot be honoured, for a warning each. */
  ignored: string[];
  /** Jekyll's `sass` settings (jekyll-sass-converter's): where partials are, the output style. */
  sass: SassSettings;
  /** Every setting as written (keys naming JavaScript's object machinery dropped): Liquid's `site.*`. */
  variables: Record<string, unknown>;
}

/** How a site root's Sass files are compiled, from `_config.yml`'s `sass`. */
export interface SassSettings {
  /** Folders `@import` and `@use` look in, relative to the root: `sass_dir` (default `_sass`), then `load_paths`. */
  loadPaths: string[];
  /** `style: compressed` is Sass's compressed output; any other style (`expanded`, libsass's `compact`, `nested`) its expanded one. */
  style: "expanded" | "compressed";
  /** `sourcemap`: when a `.css.map` is written beside the CSS (Jekyll's default: always). */
  sourceMap: "always" | "never" | "development";
}

/** Jekyll 4.3's default `exclude`. */
export const JEKYLL_DEFAULT_EXCLUDE = [
  ".sass-cache",
  ".jekyll-cache",
  "gemfiles",
  "Gemfile",
  "Gemfile.lock",
  "node_modules",
  "vendor/bundle/",
  "vendor/cache/",
  "vendor/gems/",
  "vendor/ruby/",
];
/** Jekyll 4.3's default `include`. */
export const JEKYLL_DEFAULT_INCLUDE = [".htaccess"];

/** The line of a top-level key of the file, if it can be found. */
function lineOfKey(source: string, key: string): number | undefined {
  const line = source.split("\n").findIndex((l) => new RegExp(`^["']?${key}["']?\\s*:`).test(l));
  return line >= 0 ? line + 1 : undefined;
}

/** `_config.yml`'s `sass` (anything but a mapping is Jekyll's defaults). */
function sassSettings(value: unknown): SassSettings {
  const sass = (value && typeof value === "object" && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const dir = typeof sass.sass_dir === "string" && sass.sass_dir.trim() ? sass.sass_dir.trim() : "_sass";
  const map = String(sass.sourcemap ?? "always").toLowerCase();
  return {
    loadPaths: [dir, ...list(sass.load_paths)],
    style: String(sass.style ?? "").toLowerCase() === "compressed" ? "compressed" : "expanded",
    sourceMap: map === "never" || map === "development" ? map : "always",
  };
}

const text = (v: unknown): string | undefined => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : typeof v === "string" ? [v] : []);

/** kramdown's `toc_levels`: `1..4`, `2..3`, `[2, 3]`, `"1,2,3"` → the range they span. */
export function tocLevelsOf(value: unknown): { min: number; max: number } | null {
  let levels: number[] = [];
  if (Array.isArray(value)) levels = value.map(Number);
  else if (typeof value === "number") levels = [value];
  else if (typeof value === "string") {
    const range = /^\s*(\d)\s*\.\.\s*(\d)\s*$/.exec(value);
    levels = range
      ? [Number(range[1]), Number(range[2])]
      : value
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number);
  }
  if (levels.length === 0 || levels.some((n) => !Number.isInteger(n) || n < 1 || n > 6)) return null;
  return { min: Math.min(...levels), max: Math.max(...levels) };
}

/**
 * Reads `_config.yml`'s text. Throws a FrontMatterError (with the line) for YAML that
 * does not parse, and names settings of the wrong kind in the message.
 */
export function parseJekyllConfig(source: string): JekyllConfig {
  const data = parseYaml(source, 0, "in _config.yml");
  dropUnsafeKeys(data);
  const config: JekyllConfig = { site: {}, exclude: [], include: [], ignored: [], variables: data, sass: sassSettings(data.sass) };
  const permalink = text(data.permalink);
  if (permalink) {
    const checked = checkPermalinkPattern(permalink);
    if ("error" in checked) throw new FrontMatterError(checked.error, lineOfKey(source, "permalink"));
    config.permalink = checked.pattern;
  }
  const zone = text(data.timezone);
  if (zone) config.timeZone = zone;
  if (typeof data.excerpt_separator === "string") config.excerptSeparator = data.excerpt_separator;
  const kramdown = (data.kramdown && typeof data.kramdown === "object" ? data.kramdown : {}) as Record<string, unknown>;
  if (kramdown.toc_levels !== undefined) {
    const levels = tocLevelsOf(kramdown.toc_levels);
    if (!levels) throw new FrontMatterError(`kramdown.toc_levels: expected a range such as 1..4, got ${JSON.stringify(kramdown.toc_levels)}`);
    config.tocLevels = levels;
  }
  if (typeof kramdown.hard_wrap === "boolean") config.hardWrap = kramdown.hard_wrap;
  // Rouge's line numbers for code blocks (`span` options are for inline code, which has none).
  const highlighterOptions = kramdown.syntax_highlighter_opts;
  const block = highlighterOptions && typeof highlighterOptions === "object" ? (highlighterOptions as Record<string, unknown>).block : undefined;
  if (block && typeof block === "object") {
    const { line_numbers: on, start_line: start } = block as Record<string, unknown>;
    if (on === true) config.lineNumbers = Number.isSafeInteger(start) ? (start as number) : 1;
    else if (on === false) config.lineNumbers = false;
  }
  if (typeof kramdown.auto_ids === "boolean") config.autoIds = kramdown.auto_ids;
  if ("math_engine" in kramdown) {
    const engine = kramdown.math_engine;
    config.math = engine === "mathjax" ? "mathjax" : false;
    if (engine !== "mathjax" && engine !== null && engine !== false)
      config.ignored.push(`kramdown.math_engine: ${String(engine)} (only mathjax is supported; math is left as text)`);
  }
  if (data.markdown !== undefined && String(data.markdown).toLowerCase() !== "kramdown")
    config.ignored.push(`markdown: ${String(data.markdown)} (posts are rendered as kramdown renders them)`);
  if (text(data.baseurl)) config.ignored.push(`baseurl: ${String(data.baseurl)} (pages are published at the site's root)`);
  const collections =
    data.collections && typeof data.collections === "object"
      ? Array.isArray(data.collections)
        ? data.collections.map(String)
        : Object.keys(data.collections)
      : [];
  const others = collections.filter((name) => name !== "posts");
  if (others.length > 0) config.ignored.push(`collections: ${others.join(", ")} (only the posts are published; other collections' documents are not)`);
  for (const key of ["plugins", "gems"]) {
    const plugins = list(data[key]);
    if (plugins.length > 0)
      config.ignored.push(`${key}: ${plugins.join(", ")} (Jekyll's plugins do not run here; the feed, archives and search are this build's own)`);
  }
  for (const key of ["title", "description", "url"] as const) {
    const value = text(data[key]);
    if (value !== undefined) config.site[key] = value;
  }
  if (config.site.url !== undefined && !isSiteUrl(config.site.url)) {
    throw new FrontMatterError(
      `url: expected the site's address, such as https://example.com/, got ${JSON.stringify(config.site.url)}`,
      lineOfKey(source, "url"),
    );
  }
  const author = data.author;
  if (typeof author === "string") config.site.author = { name: author };
  else if (author && typeof author === "object" && typeof (author as { name?: unknown }).name === "string") {
    const { name, email } = author as { name: string; email?: unknown };
    config.site.author = typeof email === "string" ? { name, email } : { name };
  }
  config.exclude = list(data.exclude);
  config.include = list(data.include);
  return config;
}
