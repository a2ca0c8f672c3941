/**
 * The one markdown-it configuration posts are parsed with: kramdown-compatible
 * GFM (hard line breaks, typography, raw HTML), heading ids, `{:toc}`, IALs,
 * task lists and build-time code highlighting.
 */
import hljs from "highlight.js/lib/common";
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from "markdown-it";
import { headingIdsPlugin } from "./headings.ts";
import { ialPlugin } from "./ial.ts";
import { isAllowedLink } from "./policy.ts";
import { tasksPlugin } from "./tasks.ts";
import { tocPlugin, type TocLevels } from "./toc.ts";

export interface MarkdownOptions {
  /** Heading levels that get TOC entries. Default `{ min: 1, max: 4 }` (kramdown's `toc_levels: 1..4`). */
  tocLevels?: TocLevels;
  /** Highlight fenced code at build time. Default `true`. */
  highlight?: boolean;
}

/** Fence languages as Rouge (Jekyll's highlighter) names them → highlight.js names. */
const LANGUAGE_ALIASES: Record<string, string> = {
  shell: "bash",
  sh: "bash",
  zsh: "bash",
  console: "bash",
  "c++": "cpp",
  golang: "go",
  js: "javascript",
  ts: "typescript",
  yml: "yaml",
  conf: "ini",
};

/** Highlights `code` as `lang`; returns "" (markdown-it then escapes it plainly) for unknown languages. */
export function highlightCode(code: string, lang: string): string {
  const name = LANGUAGE_ALIASES[lang.toLowerCase()] ?? lang.toLowerCase();
  if (!name || !hljs.getLanguage(name)) return "";
  return hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
}

export function createMarkdown(options: MarkdownOptions = {}): MarkdownItInstance {
  const md = new MarkdownIt({
    html: true,
    // kramdown's GFM parser turns single newlines into <br /> (hard_wrap: true).
    breaks: true,
    typographer: true,
    linkify: false,
    highlight: options.highlight === false ? null : highlightCode,
  });
  // Links and images of markdown syntax pass the same policy as raw HTML.
  md.validateLink = isAllowedLink;
  md.use(ialPlugin);
  md.use(headingIdsPlugin);
  md.use(tasksPlugin);
  md.use(tocPlugin, options.tocLevels ?? { min: 1, max: 4 });
  // Registered last with after("inline"), so it runs before every rule that adds HTML tokens of ours.
  md.core.ruler.after("inline", "detect_raw_html", (state) => {
    state.env.rawHtml ||= state.tokens.some((t) => t.type === "html_block" || t.children?.some((c) => c.type === "html_inline"));
  });
  return md;
}

export { buildToc, renderToc, tocOf, type TocEntry, type TocLevels } from "./toc.ts";
export { headingsOf, type HeadingInfo } from "./headings.ts";
export { gfmHeadingId } from "./slug.ts";
export { escapeHtml, inlineText } from "./text.ts";
export type { TaskMark } from "./tasks.ts";
export { sanitizePostHtml } from "./sanitize.ts";
export { isAllowedAttribute, isAllowedLink, isAllowedUrl } from "./policy.ts";
