import { DateTime } from "luxon";
import type { TocLevels } from "./markdown/toc.ts";

/** Options of the plugin. Every field is optional; defaults are in {@link DEFAULTS}. */
export interface JekyllPlansOptions {
  /**
   * The Jekyll `_posts` folder, relative to the working directory or absolute;
   * it may lie outside the Eleventy input folder. Default `"content/_posts"`.
   */
  postsDir?: string;
  /**
   * An environment variable that, when set, overrides `postsDir` (so a build can be
   * pointed at another blog without editing the config). `false` turns it off.
   * Default `"BLOG_POSTS"`.
   */
  postsDirEnv?: string | false;
  /** IANA time zone in which dates are read and months are cut. Default `"Asia/Shanghai"`. */
  timeZone?: string;
  /** Locale for dates shown to readers. Default `"zh-CN"`. */
  locale?: string;
  /**
   * Jekyll permalink pattern for posts (front matter `permalink` wins).
   * Default `"/:year/:month/:day/:title/"`.
   */
  permalink?: string;
  /** Jekyll's `excerpt_separator`. Default `"\n\n\n\n"`. */
  excerptSeparator?: string;
  /** Heading levels listed in the TOC (kramdown's `toc_levels`). Default `{ min: 1, max: 4 }`. */
  tocLevels?: TocLevels;
  /** Layout for posts whose front matter names none. Default `"post"`. */
  defaultLayout?: string;
  /** Highlight fenced code at build time. Default `true`. */
  highlight?: boolean;
}

export type ResolvedOptions = Required<Omit<JekyllPlansOptions, "postsDirEnv">> & { postsDirEnv: string | false };

export const DEFAULTS: ResolvedOptions = {
  postsDir: "content/_posts",
  postsDirEnv: "BLOG_POSTS",
  timeZone: "Asia/Shanghai",
  locale: "zh-CN",
  permalink: "/:year/:month/:day/:title/",
  // Jekyll's own default is "\n\n"; this blog separates its intro with three blank lines.
  excerptSeparator: "\n\n\n\n",
  tocLevels: { min: 1, max: 4 },
  defaultLayout: "post",
  highlight: true,
};

/** Merges `options` over the defaults into a fresh object and checks it; throws naming the option. */
export function resolveOptions(options: JekyllPlansOptions = {}, env: NodeJS.ProcessEnv = process.env): ResolvedOptions {
  const known = new Set(Object.keys(DEFAULTS));
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new Error(`[jekyll-plans] unknown option "${key}"; known options: ${[...known].join(", ")}`);
  }
  const merged: ResolvedOptions = {
    ...DEFAULTS,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    tocLevels: { ...DEFAULTS.tocLevels, ...options.tocLevels },
  };
  if (merged.postsDirEnv && env[merged.postsDirEnv]) merged.postsDir = env[merged.postsDirEnv]!;
  if (!DateTime.local().setZone(merged.timeZone).isValid) {
    throw new Error(`[jekyll-plans] option timeZone: "${merged.timeZone}" is not an IANA time zone (e.g. "Asia/Shanghai")`);
  }
  const { min, max } = merged.tocLevels;
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max <= 6 && min <= max)) {
    throw new Error(`[jekyll-plans] option tocLevels: expected 1 <= min <= max <= 6, got ${JSON.stringify(merged.tocLevels)}`);
  }
  if (typeof merged.permalink !== "string" || !merged.permalink.startsWith("/") && !merged.permalink.startsWith(":")) {
    throw new Error(`[jekyll-plans] option permalink: expected a pattern such as "/:year/:month/:day/:title/", got ${JSON.stringify(merged.permalink)}`);
  }
  return merged;
}
