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
};

/**
 * Expands a Jekyll permalink pattern (`/:year/:month/:day/:title/`), with the
 * placeholders Jekyll documents for posts. Unknown placeholders are an error
 * rather than a literal `:name` in a URL.
 */
export function expandPermalink(pattern: string, parts: UrlParts): string {
  const template = PERMALINK_STYLES[pattern] ?? pattern;
  const d = parts.date;
  const values: Record<string, string> = {
    year: d.toFormat("yyyy"),
    month: d.toFormat("MM"),
    day: d.toFormat("dd"),
    i_month: String(d.month),
    i_day: String(d.day),
    short_year: d.toFormat("yy"),
    y_day: d.toFormat("ooo"),
    hour: d.toFormat("HH"),
    minute: d.toFormat("mm"),
    second: d.toFormat("ss"),
    title: parts.slug,
    slug: parts.slug,
    categories: parts.categories.map((c) => c.toLowerCase()).join("/"),
    output_ext: ".html",
  };
  const url = template.replace(/:([a-z_]+)/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`unknown placeholder ${whole} in permalink pattern "${pattern}"`);
    return value;
  });
  // An empty :categories leaves `//`.
  return url.replace(/\/{2,}/g, "/");
}
