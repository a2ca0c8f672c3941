/**
 * A site root's standalone pages (`about.markdown`, `links.html`, `robots.txt` with
 * front matter) as Jekyll publishes them: at Jekyll's page URL, Liquid first, then
 * markdown for markdown pages, raw HTML under the same policy as posts.
 */
import type { MarkdownIt } from "markdown-it";
import type { Liquid } from "liquidjs";
import type { Diagnostics } from "../diagnostics.ts";
import { sanitizePostHtml } from "../markdown/sanitize.ts";
import { readFrontMatter } from "../posts/frontmatter.ts";
import { MARKDOWN_EXTENSION } from "../posts/dates.ts";
import { pageVariables } from "./variables.ts";
import { checkPermalinkPath, escapePath, jekyllSlugify, PERMALINK_STYLES } from "../posts/url.ts";
import { LiquidPageError, renderLiquid, stripLiquid } from "./liquid.ts";

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
  return { url };
}

/** Whether a page is written as HTML (markdown or an HTML file), which decides its URL. */
export function isHtmlPage(relativePath: string): boolean {
  return MARKDOWN_EXTENSION.test(relativePath) || /\.html?$/i.test(relativePath);
}

/** Builds one page; problems go to `diagnostics` naming the file. */
export function buildRootPage(
  sourcePath: string,
  relativePath: string,
  source: string,
  md: MarkdownIt,
  liquid: Liquid,
  site: Record<string, unknown>,
  settings: RootPageSettings,
  diagnostics: Diagnostics,
): RootPage | null {
  const fm = readFrontMatter(sourcePath, source, diagnostics);
  if (!fm) return null;
  const data = fm.data;
  const markdown = MARKDOWN_EXTENSION.test(relativePath);
  const html = isHtmlPage(relativePath);
  const located = rootPageUrl(relativePath, data.permalink, settings.permalink, html);
  if ("error" in located) {
    diagnostics.error(sourcePath, located.error);
    return null;
  }
  const title = typeof data.title === "string" ? data.title : typeof data.title === "number" ? String(data.title) : "";
  let body: string;
  try {
    body = renderLiquid(liquid, fm.body, { site, page: pageVariables({ data, url: located.url, path: relativePath }) });
  } catch (e) {
    if (!(e instanceof LiquidPageError)) throw e;
    const line = e.line === undefined ? undefined : fm.bodyLine + e.line - 1;
    if (e.limit) {
      diagnostics.error(sourcePath, `Liquid: ${e.message}: the page's Liquid does too much to publish (a loop that does not end?)`, line);
      return null;
    }
    diagnostics.warn(sourcePath, `Liquid: ${e.message}; the page is published without its Liquid`, line);
    body = stripLiquid(fm.body);
  }
  const env: Record<string, unknown> = { sourcePath };
  let out = body;
  if (markdown) out = md.render(body, env);
  else if (html) env.rawHtml = true;
  if (html && env.rawHtml && settings.rawHtml === "sanitize") out = sanitizePostHtml(out);
  const layout = data.layout === null || data.layout === false ? null : typeof data.layout === "string" && data.layout ? data.layout : "page";
  return {
    relativePath,
    sourcePath,
    url: located.url,
    title,
    layout,
    raw: !html || layout === null,
    html: out,
    math: env.math === true,
  };
}
