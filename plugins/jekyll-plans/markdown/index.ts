/**
 * The one markdown-it configuration posts are parsed with: kramdown-compatible
 * GFM (no hard wrap, kramdown's typography, raw HTML), heading ids, `{:toc}`, IALs,
 * task lists and build-time code highlighting.
 */
import hljs from "highlight.js/lib/common";
import MarkdownIt, { type MarkdownIt as MarkdownItInstance } from "markdown-it";
import { headingIdsPlugin } from "./headings.ts";
import abbr from "markdown-it-abbr";
import deflist from "markdown-it-deflist";
import { fencesPlugin } from "./fences.ts";
import { footnotesPlugin } from "./footnotes.ts";
import { htmlBlocksPlugin } from "./html-blocks.ts";
import { htmlMarkdownPlugin } from "./html-markdown.ts";
import { htmlSpansPlugin } from "./html-spans.ts";
import { ialPlugin } from "./ial.ts";
import { mathPlugin } from "./math.ts";
import { isAllowedLink } from "./policy.ts";
import { tasksPlugin } from "./tasks.ts";
import { tocPlugin, type TocLevels } from "./toc.ts";
import { kramdownInlinePlugin, typographyPlugin } from "./typography.ts";
import { listsPlugin } from "./lists.ts";
import { quotesPlugin } from "./quotes.ts";
import { eobPlugin } from "./eob.ts";
import { tablesPlugin } from "./tables.ts";
import { emphasisPlugin } from "./emphasis.ts";

export interface MarkdownOptions {
  /** Heading levels that get TOC entries. Default `{ min: 1, max: 4 }` (kramdown's `toc_levels: 1..4`). */
  tocLevels?: TocLevels;
  /** Highlight fenced code at build time. Default `true`. */
  highlight?: boolean;
  /** kramdown's `hard_wrap`: a single newline in a paragraph becomes `<br />`. Default `false`, as in Jekyll 4. */
  hardWrap?: boolean;
  /** kramdown's `auto_ids`: headings get ids from their text. Default `true`. */
  autoIds?: boolean;
  /** Line numbers beside code blocks from this number (Rouge's `line_numbers`), or none. Default `false`. */
  lineNumbers?: false | number;
  /** kramdown's `math_engine: mathjax`: `$$…$$` is math. Default `true`. */
  math?: boolean;
  /**
   * The intrinsic size of an image, by its `src`, when the caller can know it (a file of the
   * site): it becomes the image's `width` and `height`, so that the page does not move as
   * lazily loaded images arrive. An IAL's own width or height wins.
   */
  imageSize?: (src: string) => { width: number; height: number } | undefined;
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

/**
 * A rendered code block (`<pre …><code …>CODE</code></pre>`) with line numbers beside its
 * code, in the table Rouge writes for kramdown's `line_numbers` (its classes, so that a Jekyll
 * theme's styles apply): a gutter of numbers from `start`, one per line of `code`, left out of
 * the search index.
 */
function withLineNumbers(html: string, code: string, start: number): string {
  const m = /^(<pre[^>]*><code[^>]*>)([\s\S]*)(<\/code><\/pre>\n?)$/.exec(html);
  if (!m) return html;
  const count = Math.max(1, code.replace(/\n$/, "").split("\n").length);
  const numbers = Array.from({ length: count }, (_, i) => `${start + i}\n`).join("");
  return (
    `${m[1]}<table class="rouge-table"><tbody><tr>` +
    `<td class="rouge-gutter gl" data-pagefind-ignore aria-hidden="true"><pre class="lineno">${numbers}</pre></td>` +
    `<td class="rouge-code"><pre>${m[2]}</pre></td></tr></tbody></table>${m[3]}`
  );
}

/** How deep blocks may nest (lists in lists in quotes…) before a post is refused. */
export const MAX_NESTING = 400;

export function createMarkdown(options: MarkdownOptions = {}): MarkdownItInstance {
  const md = new MarkdownIt({
    html: true,
    // Jekyll runs kramdown with hard_wrap: false: a newline in a paragraph stays a newline.
    breaks: options.hardWrap ?? false,
    // kramdown's typography, not markdown-it's (see typography.ts).
    typographer: false,
    linkify: false,
    // kramdown writes void elements as XHTML (`<br />`, `<img … />`).
    xhtmlOut: true,
    highlight: options.highlight === false ? null : highlightCode,
  });
  // Deep nesting is kept: past this depth the post is refused (file:line) rather than cut.
  // (A markdown-it option that @types/markdown-it does not list.)
  (md.options as { maxNesting?: number }).maxNesting = MAX_NESTING;
  const tokenize = md.block.tokenize;
  md.block.tokenize = function (state, startLine, endLine) {
    // markdown-it silently drops the rest of a block nested deeper than maxNesting.
    if (state.level >= MAX_NESTING && startLine < endLine && state.env.nestingTooDeep === undefined) state.env.nestingTooDeep = startLine;
    tokenize.call(this, state, startLine, endLine);
  };
  // Links and images of markdown syntax pass the same policy as raw HTML.
  md.validateLink = isAllowedLink;
  // kramdown writes a link's address as the post gives it (`#1-当前工作`, not
  // `#1-%E5%BD%93…`; a browser encodes it the same way when it follows it), and an
  // autolink's text as written (`<mailto:a@b>` reads `a@b`, as kramdown shows it).
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (url) => url.replace(/^mailto:/i, "");
  md.use(ialPlugin);
  md.use(footnotesPlugin);
  md.use(deflist);
  md.use(abbr);
  if (options.math !== false) md.use(mathPlugin);
  md.use(htmlMarkdownPlugin);
  // Before the HTML blocks, which keep track of the quote they are read in.
  md.use(quotesPlugin);
  md.use(eobPlugin);
  md.use(htmlBlocksPlugin);
  md.use(fencesPlugin);
  md.use(htmlSpansPlugin);
  md.use(headingIdsPlugin, options.autoIds ?? true);
  md.use(tasksPlugin);
  md.use(tocPlugin, options.tocLevels ?? { min: 1, max: 4 }, options.autoIds ?? true);
  md.use(typographyPlugin);
  md.use(kramdownInlinePlugin);
  // Images load as the reader scrolls to them (an IAL may say otherwise).
  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, renderOptions, env, self) => {
    const token = tokens[idx]!;
    if (token.attrIndex("loading") < 0) token.attrSet("loading", "lazy");
    if (token.attrIndex("decoding") < 0) token.attrSet("decoding", "async");
    const size = options.imageSize && token.attrIndex("width") < 0 && token.attrIndex("height") < 0 ? options.imageSize(token.attrGet("src") ?? "") : undefined;
    if (size) {
      token.attrSet("width", String(size.width));
      token.attrSet("height", String(size.height));
    }
    return image(tokens, idx, renderOptions, env, self);
  };
  // A code block scrolls sideways when its lines are long: it takes the keyboard's focus, so
  // that it can be scrolled without a mouse.
  for (const rule of ["fence", "code_block"] as const) {
    const render = md.renderer.rules[rule]!;
    const start = options.lineNumbers;
    md.renderer.rules[rule] = (tokens, idx, renderOptions, env, self) => {
      const html = render(tokens, idx, renderOptions, env, self).replace(/^<pre>/, '<pre tabindex="0">');
      return start === undefined || start === false ? html : withLineNumbers(html, tokens[idx]!.content, start);
    };
  }
  md.use(listsPlugin);
  md.use(tablesPlugin);
  md.use(emphasisPlugin);
  // Strike-through as kramdown writes it.
  md.renderer.rules.s_open = () => "<del>";
  md.renderer.rules.s_close = () => "</del>";
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
