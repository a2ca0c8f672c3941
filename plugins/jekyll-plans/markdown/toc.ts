/**
 * kramdown's `{:toc}`: the list that carries the `toc` reference is replaced by
 * a table of contents of the document's headings.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import { headingsOf, type HeadingInfo } from "./headings.ts";
import { escapeHtml } from "./text.ts";

/** One TOC entry; `children` nest as kramdown nests them. */
export interface TocEntry {
  id: string;
  text: string;
  /** The heading's inline HTML with links unwrapped (code, emphasis and raw HTML kept: a post's model cleans it). */
  html: string;
  level: number;
  children: TocEntry[];
}

/** Which heading levels get TOC entries, inclusive. kramdown's `toc_levels`. */
export interface TocLevels {
  min: number;
  max: number;
}

/**
 * Nests headings into a TOC: each entry is a child of the closest earlier entry
 * of a smaller level; skipped levels create no empty entries.
 */
export function buildToc(headings: readonly (HeadingInfo & { html?: string })[], levels: TocLevels): TocEntry[] {
  const root: TocEntry[] = [];
  const stack: TocEntry[] = [];
  for (const h of headings) {
    if (h.noToc || h.level < levels.min || h.level > levels.max) continue;
    const entry: TocEntry = { id: h.id, text: h.text, html: h.html ?? escapeHtml(h.text), level: h.level, children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    (stack.length > 0 ? stack[stack.length - 1]!.children : root).push(entry);
    stack.push(entry);
  }
  return root;
}

/**
 * Renders a TOC the way kramdown does: `<ul id="markdown-toc">` with `markdown-toc-ID`
 * anchors. With `inPage: false` (a second copy, e.g. for a sidebar) it carries no ids,
 * so that a page never repeats one.
 */
export function renderToc(entries: readonly TocEntry[], ordered = false, inPage = true): string {
  if (entries.length === 0) return "";
  const tag = ordered ? "ol" : "ul";
  const list = (items: readonly TocEntry[], top: boolean): string =>
    `<${tag}${top ? (inPage ? ' id="markdown-toc"' : ' class="toc"') : ""}>\n` +
    items
      .map((e) => {
        const id = escapeHtml(e.id);
        const sub = e.children.length > 0 ? list(e.children, false) : "";
        return `<li><a href="#${id}"${inPage ? ` id="markdown-toc-${id}"` : ""}>${e.html}</a>${sub}</li>\n`;
      })
      .join("") +
    `</${tag}>\n`;
  return list(entries, true);
}

const hasTocRef = (t: Token): boolean => Array.isArray(t.meta?.ialRefs) && (t.meta.ialRefs as string[]).includes("toc");
const isListOpen = (t: Token): boolean => t.type === "bullet_list_open" || t.type === "ordered_list_open";

/** Index of the token that closes the block opened at `openIndex`. */
function closerOf(tokens: readonly Token[], openIndex: number): number {
  const open = tokens[openIndex]!;
  for (let i = openIndex + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.level === open.level && t.nesting === -1) return i;
  }
  return tokens.length - 1;
}

const DROPPED_IN_TOC = new Set(["link_open", "link_close", "image", "footnote_ref"]);

/** A raw `<a …>` or `</a>` tag. */
const RAW_LINK_TAG = /^<\/?a(?=[\s/>])/i;

/**
 * Inline HTML of a heading for its TOC entry, as kramdown writes it: links unwrapped (raw
 * `<a>` tags too: an entry is a link, and a link in a link is split by the browser's parser);
 * markdown images and footnote markers dropped (a marker's link and id belong to the
 * heading); raw HTML kept (`<font color="red">`, `<code>`, `<img>`).
 */
function headingHtml(md: MarkdownIt, children: readonly Token[], env: Record<string, unknown>): string {
  const kept = children.filter((c) => !DROPPED_IN_TOC.has(c.type) && !(c.type === "html_inline" && RAW_LINK_TAG.test(c.content)));
  return md.renderer.renderInline(kept as Token[], md.options, env);
}

function tocRule(md: MarkdownIt, levels: TocLevels, autoIds: boolean) {
  return (state: StateCore): void => {
    const tokens = state.tokens;
    let headings: (HeadingInfo & { html: string })[] | null = null;
    for (let i = 0; i < tokens.length; i++) {
      if (!hasTocRef(tokens[i]!)) continue;
      // The marker is on the list itself or on a paragraph inside one of its items.
      let listIndex = i;
      if (!isListOpen(tokens[i]!)) {
        listIndex = -1;
        for (let k = i - 1; k >= 0; k--) {
          if (isListOpen(tokens[k]!) && tokens[k]!.level < tokens[i]!.level && closerOf(tokens, k) > i) {
            listIndex = k;
            break;
          }
        }
        if (listIndex < 0) continue;
      }
      headings ??= collectHeadings(md, tokens, state.env, autoIds);
      const entries = buildToc(headings, levels);
      const end = closerOf(tokens, listIndex);
      const toc = new state.Token("kramdown_toc", "", 0);
      toc.block = true;
      toc.map = tokens[listIndex]!.map;
      toc.meta = { toc: entries, ordered: tokens[listIndex]!.type === "ordered_list_open" };
      tokens.splice(listIndex, end - listIndex + 1, toc);
      i = listIndex;
    }
  };
}

function collectHeadings(md: MarkdownIt, tokens: readonly Token[], env: Record<string, unknown>, autoIds: boolean): (HeadingInfo & { html: string })[] {
  const out: (HeadingInfo & { html: string })[] = [];
  const infos = headingsOf(tokens);
  let n = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.type !== "heading_open" || !tokens[i]!.meta?.heading) continue;
    const info = infos[n++]!;
    // kramdown lists the headings that have an id: all of them with auto ids, even one whose
    // text gives an empty id (`## !!!`: an entry linked to `#`), else those with `{#id}`.
    if (info.id || autoIds) out.push({ ...info, html: headingHtml(md, tokens[i + 1]?.children ?? [], env) });
  }
  return out;
}

/** The TOC entries of a parsed document (from its first `{:toc}`); null without a marker or without headings. */
export function tocOf(tokens: readonly Token[]): TocEntry[] | null {
  const t = tokens.find((x) => x.type === "kramdown_toc");
  const entries = (t?.meta?.toc as TocEntry[] | undefined) ?? [];
  return entries.length > 0 ? entries : null;
}

/** markdown-it plugin: `{:toc}` lists become the TOC (core rule `kramdown_toc`). */
export function tocPlugin(md: MarkdownIt, levels: TocLevels, autoIds = true): void {
  // Last, so that the TOC shows the headings after typography (curly quotes, dashes).
  md.core.ruler.push("kramdown_toc", tocRule(md, levels, autoIds));
  md.renderer.rules.kramdown_toc = (tokens: Token[], idx: number) => renderToc(tokens[idx]!.meta!.toc as TocEntry[], Boolean(tokens[idx]!.meta!.ordered));
}
