/**
 * A site root's standalone pages (`about.markdown`, `links.html`, `robots.txt` with
 * front matter) as Jekyll publishes them: at Jekyll's page URL, Liquid first, then
 * markdown for markdown pages, raw HTML under the same policy as posts.
 */
import type { MarkdownIt } from "markdown-it";
import type { Liquid } from "liquidjs";
import type { Diagnostics } from "../diagnostics.ts";
import { sanitizePostHtml } from "../markdown/sanitize.ts";
import { readFrontMatter, type FrontMatter } from "../posts/frontmatter.ts";
import { MARKDOWN_EXTENSION } from "../posts/dates.ts";
import { pageVariables } from "./variables.ts";
import { checkPermalinkPath, escapePath, jekyllSlugify, longPermalinkError, PERMALINK_STYLES } from "../posts/url.ts";
import { runLiquid } from "./liquid.ts";

export interface RootPage {
  /** Path below the root, `about.markdown`. */
  relativePath: string;
  sourcePath: string;
  url: string;
  title: string;
  /** The layout the page asks for (`page`), or null. */
  layout: string | null;
  /** Written without a layout: not HTML (`robots.txt`), or `layout: null`. */
  raw: boolean;
  html: string;
  /** The page has math (`$$…$$`) or zoomable images. */
  math: boolean;
}

export interface RootPageSettings {
  /** The site's permalink style (Jekyll's `permalink`), which decides `/about/` or `/about.html`. */
  permalink: string;
  rawHtml: "sanitize" | "trust";
}

/** The suffix Jekyll gives page URLs for a permalink style (`Utils.add_permalink_suffix`). */
function suffixOf(style: string): string {
  if (style === "pretty") return "/";
  if (Object.hasOwn(PERMALINK_STYLES, style)) return ":output_ext";
  if (style.endsWith("/")) return "/";
  if (style.endsWith(":output_ext")) return ":output_ext";
  return "";
}

/** Jekyll's URL of a page: front matter `permalink`, else `/:path/:basename` by the site's style. */
export function rootPageUrl(relativePath: string, permalink: unknown, style: string, html: boolean): { url: string } | { error: string } {
  const dir = relativePath.includes("/") ? relativePath.slice(0, relativePath.lastIndexOf("/")) : "";
  const file = relativePath.slice(relativePath.lastIndexOf("/") + 1);
  const ext = /\.[^.]+$/.exec(file)?.[0] ?? "";
  const basename = file.slice(0, file.length - ext.length);
  // Markdown becomes .html; an HTML page keeps its own extension (`.htm`), as Jekyll's converters do.
  const outputExt = html && /^\.(?:md|markdown|mkd|mkdn|mkdown)$/i.test(ext) ? ".html" : ext;
  let template: string;
  if (typeof permalink === "string" && permalink.trim()) {
    const checked = checkPermalinkPath(permalink);
    if ("error" in checked) return checked;
    template = checked.path;
  } else if (!html) template = "/:path/:basename:output_ext";
  else if (basename === "index") template = "/:path/";
  else template = `/:path/:basename${suffixOf(style)}`;
  const values: Record<string, string> = {
    path: escapePath(dir),
    basename: escapePath(basename),
    name: escapePath(jekyllSlugify(basename, "default")),
    output_ext: outputExt,
  };
  const url = template.replace(/:(path|basename|name|output_ext)\b/g, (_, key: string) => values[key]!).replace(/\/{2,}/g, "/");
  const long = longPermalinkError(url);
  return long ? { error: long } : { url };
}

/** Whether a page is written as HTML (markdown or an HTML file), which decides its URL. */
export function isHtmlPage(relativePath: string): boolean {
  return MARKDOWN_EXTENSION.test(relativePath) || /\.html?$/i.test(relativePath);
}

/** A page's front matter and URL, read once; null (with the problem in `diagnostics`) when it has none. */
export interface LocatedPage {
  fm: FrontMatter;
  url: string;
}

/** Reads a page's front matter and finds its URL; problems go to `diagnostics` naming the file. */
export function locateRootPage(sourcePath: string, relativePath: string, source: string, permalink: string, diagnostics: Diagnostics): LocatedPage | null {
  const fm = readFrontMatter(sourcePath, source, diagnostics);
  if (!fm) return null;
  const located = rootPageUrl(relativePath, fm.data.permalink, permalink, isHtmlPage(relativePath));
  if ("error" in located) {
    // The permalink's line, when the page has one (what the problem comes from).
    const line = typeof fm.data.permalink === "string" ? source.split("\n").findIndex((l) => /^["']?permalink["']?\s*:/.test(l)) + 1 : 0;
    diagnostics.error(sourcePath, located.error, line > 0 ? line : undefined);
    return null;
  }
  return { fm, url: located.url };
}

/** Builds one located page; problems go to `diagnostics` naming the file. */
export function buildRootPage(
  sourcePath: string,
  relativePath: string,
  { fm, url }: LocatedPage,
  md: MarkdownIt,
  liquid: Liquid,
  site: Record<string, unknown>,
  settings: RootPageSettings,
  diagnostics: Diagnostics,
): RootPage | null {
  const data = fm.data;
  const markdown = MARKDOWN_EXTENSION.test(relativePath);
  const html = isHtmlPage(relativePath);
  const title = typeof data.title === "string" ? data.title : typeof data.title === "number" ? String(data.title) : "";
  const body = runLiquid(
    liquid,
    fm.body,
    { site, page: pageVariables({ data, url, path: relativePath }) },
    { file: sourcePath, firstLine: fm.bodyLine, kind: "page", diagnostics },
  );
  if (body === null) return null;
  const env: Record<string, unknown> = { sourcePath };
  let out = body;
  if (markdown) out = md.render(body, env);
  else if (html) env.rawHtml = true;
  if (html && env.rawHtml && settings.rawHtml === "sanitize") out = sanitizePostHtml(out);
  const layout = data.layout === null || data.layout === false ? null : typeof data.layout === "string" && data.layout ? data.layout : "page";
  return {
    relativePath,
    sourcePath,
    url,
    title,
    layout,
    raw: !html || layout === null,
    html: out,
    math: env.math === true,
  };
}
