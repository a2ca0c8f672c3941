import type { DateTime } from "luxon";

export interface UrlParts {
  date: DateTime;
  /** The slug from the file name (or front matter `slug`). */
  slug: string;
  categories: readonly string[];
}

/** Jekyll's built-in permalink styles. */
export const PERMALINK_STYLES: Record<string, string> = {
  date: "/:categories/:year/:month/:day/:title:output_ext",
  pretty: "/:categories/:year/:month/:day/:title/",
  ordinal: "/:categories/:year/:y_day/:title:output_ext",
  none: "/:categories/:title:output_ext",
  weekdate: "/:categories/:year/W:week/:short_day/:title:output_ext",
};

/** A pattern as written, or the one a style's name stands for. */
const templateOf = (pattern: string): string => (Object.hasOwn(PERMALINK_STYLES, pattern) ? PERMALINK_STYLES[pattern]! : pattern);

/** The placeholders Jekyll 4.3 fills in a post's permalink (its `Drops::UrlDrop`). */
const PLACEHOLDERS = [
  "year",
  "month",
  "day",
  "i_month",
  "i_day",
  "short_month",
  "long_month",
  "short_year",
  "y_day",
  "w_year",
  "week",
  "w_day",
  "short_day",
  "long_day",
  "hour",
  "minute",
  "second",
  "title",
  "slug",
  "categories",
  "slugified_categories",
  "output_ext",
] as const;

/**
 * Expands a Jekyll permalink pattern (`/:year/:month/:day/:title/`), with the
 * placeholders Jekyll documents for posts. Unknown placeholders are an error
 * rather than a literal `:name` in a URL.
 */
/**
 * Jekyll's `Utils.escape_path`: every character but RFC 3986's unreserved and
 * sub-delims, `:`, `@` and `/` is percent-encoded (UTF-8), `%` included.
 */
export function escapePath(path: string): string {
  return Array.from(path, (c) =>
    /^[A-Za-z0-9_.\-~!$&'()*+,;=:@/]$/.test(c) ? c : encodeURIComponent(c).replace(/[!'()*]/g, (x) => `%${x.charCodeAt(0).toString(16).toUpperCase()}`),
  ).join("");
}

/** The file path a URL is written to (Jekyll's `unescape_path`); a malformed escape is kept as written. */
export function unescapePath(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/**
 * Jekyll's `Utils.slugify`: `pretty` mode (`:title`, case kept) keeps letters, marks,
 * digits and `._~!$&'()+,;=@`; the default mode (`:slug`, lowercased) keeps letters,
 * marks and digits. Other runs become `-`, trimmed at both ends.
 */
export function jekyllSlugify(text: string, mode: "pretty" | "default"): string {
  const other = mode === "pretty" ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{M}\p{L}\p{Nd}]+/gu;
  const slug = text.replace(other, "-").replace(/^-+|-+$/g, "");
  return mode === "pretty" ? slug : slug.toLowerCase();
}

export function expandPermalink(pattern: string, parts: UrlParts, options: { unknown: "error" | "keep" } = { unknown: "error" }): string {
  const template = templateOf(pattern);
  // Names of months and days as Ruby's strftime writes them (%b, %B, %a, %A): English.
  const d = parts.date.setLocale("en-US");
  const values: Record<(typeof PLACEHOLDERS)[number], string> = {
    year: d.toFormat("yyyy"),
    month: d.toFormat("MM"),
    day: d.toFormat("dd"),
    i_month: String(d.month),
    i_day: String(d.day),
    short_month: d.toFormat("LLL"),
    long_month: d.toFormat("LLLL"),
    short_year: d.toFormat("yy"),
    y_day: d.toFormat("ooo"),
    w_year: d.toFormat("kkkk"),
    week: d.toFormat("WW"),
    w_day: d.toFormat("E"),
    short_day: d.toFormat("EEE"),
    long_day: d.toFormat("EEEE"),
    hour: d.toFormat("HH"),
    minute: d.toFormat("mm"),
    second: d.toFormat("ss"),
    title: jekyllSlugify(parts.slug, "pretty"),
    slug: jekyllSlugify(parts.slug, "default"),
    categories: [...new Set(parts.categories.map((c) => c.toLowerCase()))].join("/"),
    slugified_categories: [...new Set(parts.categories.map((c) => jekyllSlugify(c, "default")))].join("/"),
    output_ext: ".html",
  };
  const url = template.replace(/:([a-z_]+)/g, (whole, name: string) => {
    // Own keys only: `:constructor` is no placeholder (an object's `constructor` is a function).
    const value = Object.hasOwn(values, name) ? (values as Record<string, string>)[name] : undefined;
    if (value === undefined) {
      if (options.unknown === "keep") return whole;
      throw new Error(`unknown placeholder ${whole} in permalink pattern "${pattern}"`);
    }
    return escapePath(value);
  });
  // An empty :categories leaves `//`.
  return url.replace(/\/{2,}/g, "/");
}

/**
 * Why a URL has an empty part where the slug goes, if it has one: a slug with no letter or
 * digit (`%`, `???`) slugifies to nothing under the pattern's `:title` or `:slug`, and the post
 * lands on its date's folder (`/2021/07/29/`). Jekyll builds the same URL and warns ("Empty
 * `slug` generated").
 */
export function emptySlugReason(pattern: string, slug: string): string | undefined {
  const template = templateOf(pattern);
  for (const name of ["title", "slug"] as const) {
    if (new RegExp(`:${name}(?![a-z_])`).test(template) && jekyllSlugify(slug, name === "title" ? "pretty" : "default") === "") {
      return `its slug "${slug}" has no letter or digit a URL keeps, so the :${name} part of its URL is empty; give it a front matter slug`;
    }
  }
  return undefined;
}

/**
 * The site's permalink pattern (`_config.yml`'s `permalink`, the option `permalink`), checked
 * once: one of Jekyll's styles (`date`, `pretty`, `ordinal`, `weekdate`, `none`), or a path made
 * of the placeholders a post has (`/:year/:month/:day/:title/`; a missing leading `/` is added,
 * as Jekyll adds it). A pattern that every post's URL would inherit a fault from is refused
 * here: a scheme or a host, `?`, `#`, a control character, a segment `.` or `..`, a placeholder
 * posts do not have.
 */
export function checkPermalinkPattern(value: string): { pattern: string } | { error: string } {
  const style = value.trim();
  if (Object.hasOwn(PERMALINK_STYLES, style)) return { pattern: style };
  const checked = checkPermalinkPath(value);
  if ("error" in checked) return checked;
  const unknown = [...checked.path.matchAll(/:([a-z_]+)/g)].map((m) => m[1]!).filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return { error: `permalink "${value}" has ${unknown.map((n) => `:${n}`).join(", ")}, which posts do not have (they have :${PLACEHOLDERS.join(", :")})` };
  }
  return { pattern: checked.path };
}

/**
 * A front matter `permalink` as a URL path inside the site, or the reason it is not one.
 * As in Jekyll, placeholders are filled in and a missing leading `/` is added; unlike
 * Jekyll, which quietly rewrites `..`, a path that climbs, a URL with a scheme or a host,
 * and characters no path holds are refused, so that no post can be written outside the
 * output folder or turn its links into script.
 */
export function frontMatterPermalink(value: string, parts: UrlParts): { url: string } | { error: string } {
  const checked = checkPermalinkPath(value);
  if ("error" in checked) return checked;
  const url = expandPermalink(checked.path, parts, { unknown: "keep" });
  if (climbs(url)) return { error: `permalink "${value}" climbs out of its folder with . or ..; write the path from the site's root` };
  const long = longPermalinkError(url);
  return long ? { error: long } : { url };
}

/** Why the URL a permalink makes cannot be written (a name or a path longer than a file system allows), if it cannot. */
export function longPermalinkError(url: string): string | undefined {
  const long = overlong(url);
  if (!long) return undefined;
  return "name" in long
    ? `permalink makes a file or folder name ${startOf(long.name)} of ${long.bytes} bytes, more than the ${MAX_NAME_BYTES} a file system allows; shorten it`
    : `permalink makes a path of ${long.bytes} bytes, more than the ${MAX_PATH_BYTES} this build writes (a file system allows ${PATH_MAX} with the output folder's own path); shorten it`;
}

/**
 * A post's URL from the site's permalink pattern, or the reason it has none: a category
 * or slug made of dots only (`..`) would be a segment that climbs out of its folder, and
 * its page would land on another (`/category/../` is the home page).
 */
export function patternPermalink(pattern: string, parts: UrlParts): { url: string } | { error: string } {
  const url = expandPermalink(pattern, parts);
  if (climbs(url)) return { error: `its URL ${url} (permalink pattern "${pattern}") has a segment . or .. from its categories or slug; rename them` };
  const long = overlong(url);
  if (long)
    return {
      error:
        "name" in long
          ? `its URL (permalink pattern "${pattern}") has a file or folder name ${startOf(long.name)} of ${long.bytes} bytes from its categories or slug, more than the ${MAX_NAME_BYTES} a file system allows; shorten them`
          : `its URL (permalink pattern "${pattern}") makes a path of ${long.bytes} bytes from its categories or slug, more than the ${MAX_PATH_BYTES} this build writes; shorten them`,
    };
  return { url };
}

/** The most bytes a file or folder name may have: NAME_MAX of Linux's file systems (and, in practice, of macOS's and Windows'). */
export const MAX_NAME_BYTES = 255;

const utf8 = new TextEncoder();

/** PATH_MAX of Linux: the most bytes of a path the system takes, the output folder's included. */
const PATH_MAX = 4096;
/** The most bytes of the path a URL is written to, below the output folder: a quarter of PATH_MAX is left for the folder's own path. */
export const MAX_PATH_BYTES = 3072;

/**
 * What makes the file a URL is written to impossible to write: the first name in its path (its
 * folders, then the file) longer than a file system allows, or else the whole path too long.
 */
export function overlong(url: string): { name: string; bytes: number } | { path: string; bytes: number } | undefined {
  const path = outputPathOf(url);
  for (const name of path.split("/")) {
    const bytes = utf8.encode(name).length;
    if (bytes > MAX_NAME_BYTES) return { name, bytes };
  }
  const bytes = utf8.encode(path).length;
  return bytes > MAX_PATH_BYTES ? { path, bytes } : undefined;
}

/** `"abcdefghijklmnopqrst…"`: the start of a long name, for a message. */
const startOf = (name: string): string => `"${[...name].slice(0, 20).join("")}…"`;

const climbs = (url: string): boolean =>
  unescapePath(url)
    .split("/")
    .some((segment) => segment === ".." || segment === ".");

/**
 * A permalink as written, checked to be a path of the site (a leading `/` is added, as
 * Jekyll adds it), or the reason it is not one.
 */
export function checkPermalinkPath(value: string): { path: string } | { error: string } {
  const raw = value.trim();
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\?#]/.test(raw)) return { error: `permalink "${value}" holds a character no URL path may (control, \\, ? or #)` };
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw)) return { error: `permalink "${value}" is a URL with a scheme, not a path of the site` };
  if (raw.startsWith("//")) return { error: `permalink "${value}" names another host, not a path of the site` };
  const path = raw.startsWith("/") ? raw : `/${raw}`;
  if (climbs(path)) return { error: `permalink "${value}" climbs out of its folder with . or ..; write the path from the site's root` };
  return { path };
}

/** The file a page's URL is written to, relative to the output folder: `/a/` → `a/index.html`, `/a` → `a.html`. */
export function outputPathOf(url: string): string {
  const path = unescapePath(url);
  if (path.endsWith("/")) return `${path}index.html`;
  return /\.[A-Za-z0-9]+$/.test(path.split("/").pop() ?? "") ? path : `${path}.html`;
}
