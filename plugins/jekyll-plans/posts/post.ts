/**
 * A post: one source file, parsed once into front matter and markdown-it tokens,
 * from which everything else (HTML, headings, TOC, tasks) is derived.
 */
import type { MarkdownIt, Token } from "markdown-it";
import type { DateTime } from "luxon";
import type { Diagnostics } from "../diagnostics.ts";
import { headingsOf, type HeadingInfo } from "../markdown/headings.ts";
import type { UnclosedHtml } from "../markdown/html-blocks.ts";
import { MAX_NESTING } from "../markdown/index.ts";
import { inlineText } from "../markdown/text.ts";
import { renderToc, tocOf, type TocEntry } from "../markdown/toc.ts";
import { sanitizePostHtml } from "../markdown/sanitize.ts";
import { dateInZone, MARKDOWN_EXTENSION, parseFrontMatterDate, parsePostFileName } from "./dates.ts";
import { readFrontMatter } from "./frontmatter.ts";
import { emptySlugReason, frontMatterPermalink, patternPermalink } from "./url.ts";

/** A post file's path and text, as the pure core takes them. */
export interface PostSource {
  /** Path as the build was given it (absolute or relative to the working directory). */
  file: string;
  /** Path below the posts folder, `/`-separated. */
  relativePath: string;
  text: string;
  /** Categories from the folders above its `_posts` folder (`tech/_posts/…`: `tech`), before its own. */
  categories?: readonly string[];
}

/** What the post reader needs to know about the site. */
export interface PostSettings {
  timeZone: string;
  permalink: string;
  excerptSeparator: string;
  defaultLayout: string;
  /** `"trust"` publishes raw HTML as written; `"sanitize"` removes what runs script. */
  rawHtml: "sanitize" | "trust";
}

/** A heading of a post, with its 1-based source line. */
export interface PostHeading extends HeadingInfo {
  sourceLine: number;
}

/** A post as templates see it: plain data. */
export interface Post {
  /** Path of the source file as given to the build (absolute or relative to the working directory). */
  sourcePath: string;
  /** Path below the posts folder, e.g. `2020/2020-11-23-plan.md`. */
  relativePath: string;
  slug: string;
  title: string;
  /** ISO 8601 with the site's offset, e.g. `2020-11-23T00:00:00.000+08:00`. */
  date: string;
  /** The calendar day in the site's time zone, `2020-11-23`. */
  day: string;
  url: string;
  layout: string;
  categories: string[];
  tags: string[];
  /** The front matter as written. */
  frontMatter: Record<string, unknown>;
  headings: PostHeading[];
  /** The TOC where `{:toc}` stood (null when the post has none) — also for a sidebar. */
  toc: TocEntry[] | null;
  /** The TOC as HTML for a sidebar: `<ul class="toc">`, without the in-page ids. */
  tocHtml: string;
  excerptHtml: string;
  excerptText: string;
  /** The post has math (`$$…$$`): its page loads MathJax. */
  math: boolean;
}

/** A post with what the build keeps beside the plain data. */
export interface ParsedPost {
  post: Post;
  dateTime: DateTime;
  tokens: Token[];
  /** 1-based source line where the markdown body starts. */
  bodyLine: number;
  /** 1-based line of `layout:` in the front matter, when present. */
  layoutLine?: number;
  env: Record<string, unknown>;
  /** The post has no excerpt separator: its excerpt is the whole body. */
  wholeExcerpt: boolean;
}

/** `tool`, `tmux usage` or a YAML list → an array of names. */
export function namesOf(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  // A nested list is flattened (Jekyll's Array() would nest it); mappings are no names.
  if (Array.isArray(value))
    return value
      .flat(Infinity)
      .filter((v) => v !== null && v !== undefined && typeof v !== "object")
      .map((v) => String(v).trim())
      .filter(Boolean);
  if (typeof value === "object") return [];
  return String(value).split(/\s+/).filter(Boolean);
}

/** Whether a categories/tags value holds something that is not a name (a mapping). */
function hasMapping(value: unknown): boolean {
  return Array.isArray(value) ? value.some(hasMapping) : value !== null && typeof value === "object";
}

/**
 * Reads one post. Problems go to `diagnostics` naming `sourcePath`; returns null
 * when the post cannot be built at all.
 */
export function readPost(
  sourcePath: string,
  relativePath: string,
  source: string,
  md: MarkdownIt,
  settings: PostSettings,
  diagnostics: Diagnostics,
  pathCategories: readonly string[] = [],
): ParsedPost | null {
  const fileName = relativePath.split("/").pop() ?? relativePath;
  const name = parsePostFileName(fileName);
  if (!name) {
    diagnostics.error(sourcePath, `file name "${fileName}" is not YYYY-MM-DD-slug.md (or .markdown, .html …), so it has no date; rename it`);
    return null;
  }

  const fm = readFrontMatter(sourcePath, source, diagnostics);
  if (!fm) return null;
  const data = fm.data;
  // Lines of the front matter's keys, for messages: only the front matter is scanned.
  const frontLines = source.slice(0, source.length - fm.body.length).split("\n");
  const lineOf = (key: string): number | undefined => {
    const i = frontLines.findIndex((l) => l.startsWith(`${key}:`));
    return i >= 0 ? i + 1 : undefined;
  };

  let dateTime = dateInZone(name.year, name.month, name.day, settings.timeZone);
  if (!dateTime) {
    diagnostics.error(sourcePath, `the date in the file name (${fileName.slice(0, 10)}) does not exist`);
    return null;
  }
  if (data.date !== undefined && data.date !== null) {
    const parsed = parseFrontMatterDate(String(data.date), settings.timeZone);
    if (!parsed) {
      diagnostics.error(
        sourcePath,
        `front matter date "${String(data.date)}" is not a real date (expected e.g. 2021-07-31 or 2021-07-31 23:30:00 +0800)`,
        lineOf("date"),
      );
      return null;
    }
    dateTime = parsed;
  }

  let title: string;
  if (data.title === undefined || data.title === null) {
    title = name.slug.replace(/-/g, " ");
  } else if (typeof data.title === "string") {
    title = data.title;
  } else if (typeof data.title === "number" || typeof data.title === "boolean") {
    title = String(data.title);
    diagnostics.warn(sourcePath, `title is a ${typeof data.title} (${title}); it is used as text — quote it to silence this`, lineOf("title"));
  } else {
    diagnostics.error(sourcePath, `title must be text, got ${Array.isArray(data.title) ? "a list" : "a mapping"}`, lineOf("title"));
    return null;
  }

  const slug = typeof data.slug === "string" && data.slug.trim() ? data.slug.trim() : name.slug;
  // As Jekyll: the folders above a nested `_posts` first, then the post's own, each once.
  const categories = [...new Set([...pathCategories, ...namesOf(data.categories ?? data.category)])];
  const tags = namesOf(data.tags);
  for (const key of ["categories", "category", "tags"]) {
    if (hasMapping(data[key])) diagnostics.warn(sourcePath, `${key} holds a mapping (key: value), which is not a name; it is left out`, lineOf(key));
  }
  let url: string;
  try {
    const parts = { date: dateTime, slug, categories };
    if (typeof data.permalink === "string" && data.permalink.trim()) {
      const permalink = frontMatterPermalink(data.permalink, parts);
      if ("error" in permalink) {
        diagnostics.error(sourcePath, permalink.error, lineOf("permalink"));
        return null;
      }
      url = permalink.url;
      const empty = emptySlugReason(data.permalink, slug);
      if (empty) diagnostics.warn(sourcePath, empty, lineOf("permalink"));
    } else {
      const permalink = patternPermalink(settings.permalink, parts);
      if ("error" in permalink) {
        diagnostics.error(sourcePath, permalink.error, lineOf(typeof data.slug === "string" && /^\s*\.{1,2}\s*$/.test(data.slug) ? "slug" : "categories"));
        return null;
      }
      url = permalink.url;
      const empty = emptySlugReason(settings.permalink, slug);
      if (empty) diagnostics.warn(sourcePath, empty, typeof data.slug === "string" && data.slug.trim() ? lineOf("slug") : undefined);
    }
  } catch (e) {
    diagnostics.error(sourcePath, (e as Error).message);
    return null;
  }

  const env: Record<string, unknown> = { sourcePath };
  const tokens = MARKDOWN_EXTENSION.test(fileName) ? md.parse(fm.body, env) : htmlBody(md, fm.body, env);
  if (typeof env.nestingTooDeep === "number") {
    diagnostics.error(
      sourcePath,
      `blocks nested more than ${MAX_NESTING} deep (lists in lists, quotes in quotes): what is below would be lost; flatten it`,
      fm.bodyLine + env.nestingTooDeep,
    );
    return null;
  }
  for (const { line, name } of (env.unclosedHtml as UnclosedHtml[] | undefined) ?? []) {
    diagnostics.warn(
      sourcePath,
      `<${name}> has no end tag: everything after it to the end of the post (or of its list item or quote) is published as HTML, not markdown, as Jekyll's kramdown reads it; close it with </${name}>`,
      fm.bodyLine + line,
    );
  }
  const headings = headingsOf(tokens).map((h) => ({ ...h, sourceLine: fm.bodyLine + h.line }));
  // Entries hold their headings' raw HTML: cleaned as the body is, for layouts that print them.
  const cleanToc = (entries: TocEntry[]): TocEntry[] => entries.map((e) => ({ ...e, html: safe(e.html, env, settings), children: cleanToc(e.children) }));
  const rawToc = tocOf(tokens);
  const toc = rawToc && cleanToc(rawToc);
  // Jekyll reads the excerpt as a document of its own (a list or a TOC that the separator
  // cuts is the part above it); without a separator, the excerpt is the body.
  const excerptSource = excerptOf(fm.body, settings.excerptSeparator);
  const excerptEnv: Record<string, unknown> = { sourcePath };
  const excerptTokens = excerptSource === null ? tokens : md.parse(excerptSource, excerptEnv);

  const post: Post = {
    sourcePath,
    relativePath,
    slug,
    title,
    date: dateTime.toISO() ?? "",
    day: dateTime.toFormat("yyyy-MM-dd"),
    url,
    layout: typeof data.layout === "string" && data.layout ? data.layout : settings.defaultLayout,
    categories,
    tags,
    frontMatter: data,
    headings,
    toc,
    tocHtml: toc ? renderToc(toc, false, false) : "",
    // A post without the separator is its own excerpt: its HTML is the body's, rendered once (renderPost).
    excerptHtml: excerptSource === null ? "" : safe(md.renderer.render(excerptTokens, md.options, excerptEnv), excerptEnv, settings),
    excerptText: plainText(excerptTokens),
    math: env.math === true,
  };
  const layoutLine = lineOf("layout");
  return { post, dateTime, tokens, bodyLine: fm.bodyLine, env, wholeExcerpt: excerptSource === null, ...(layoutLine ? { layoutLine } : {}) };
}

/** An HTML post is its body as written (Jekyll converts nothing), as one raw HTML block. */
function htmlBody(md: MarkdownIt, body: string, env: Record<string, unknown>): Token[] {
  const state = new md.core.State(body, md, env);
  const token = new state.Token("html_block", "", 0);
  token.content = body;
  token.map = [0, body.split("\n").length];
  env.rawHtml = true;
  return [token];
}

/**
 * The excerpt's markdown, as Jekyll takes it (Excerpt#extract_excerpt): the body before the
 * separator, with the link reference definitions below it that it uses. Null without a
 * separator.
 */
function excerptOf(body: string, separator: string): string | null {
  const at = separator ? body.indexOf(separator) : -1;
  if (at < 0) return null;
  const head = body.slice(0, at);
  const tail = body.slice(at + separator.length);
  const definitions = [...tail.matchAll(/^ {0,3}(\[[^\]\n]+\])(:.+)$/gm)].filter((m) => head.includes(m[1]!)).map((m) => m[1]! + m[2]!);
  return definitions.length ? `${head}\n\n${definitions.join("\n")}` : head;
}

function plainText(tokens: readonly Token[]): string {
  const parts: string[] = [];
  for (const t of tokens) if (t.type === "inline") parts.push(inlineText(t.children ?? []));
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** Renders a parsed post's body (sanitized when it holds raw HTML). */
export function renderPost(md: MarkdownIt, parsed: ParsedPost, settings: Pick<PostSettings, "rawHtml">): string {
  const html = safe(md.renderer.render(parsed.tokens, md.options, parsed.env), parsed.env, settings);
  if (parsed.wholeExcerpt) parsed.post.excerptHtml = html;
  return html;
}

/** Markdown's own output is safe by construction (links and IALs pass the policy); raw HTML is sanitized. */
function safe(html: string, env: Record<string, unknown>, settings: Pick<PostSettings, "rawHtml">): string {
  return env.rawHtml && settings.rawHtml === "sanitize" ? sanitizePostHtml(html) : html;
}
