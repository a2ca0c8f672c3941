/**
 * Block-level HTML as kramdown reads it (its `block_html` parser with `parse_block_html: false`,
 * Jekyll's default), in place of CommonMark's HTML blocks:
 *
 * - A line that starts (after at most three spaces) with a complete start tag of an element
 *   that is not a span element (`<div>`, `<video …>`, `<font>`, `<details>`, any unknown name)
 *   opens a block that ends at the element's matching end tag, blank lines or not. What it
 *   holds is HTML, not markdown: nested elements are matched by name, `<script>` and `<style>`
 *   hold text up to their own end tag, and a `<` that starts no tag, or an end tag that
 *   closes nothing open, is text (written `&lt;…`). An element with no end tag is closed
 *   where its container (the post, a list item, a quote) ends, with a warning.
 * - What follows the end tag on its line starts a block of its own (`<font>a</font> text`
 *   is the element, then a paragraph).
 * - Such a line ends a paragraph, a quote's lazy line or a list item's; a comment or a
 *   `<script>` line does not (it is HTML inside the paragraph). A span element (`<img>`,
 *   `<a>`, `<br>`…) at the start of a line is text of a paragraph (html-spans.ts).
 *
 * (CommonMark ends most HTML blocks at a blank line, keeps the rest of their line inside
 * them, and reads markdown after the blank line: `<details>` … `* item` became a list where
 * Jekyll published the text as written.)
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { markupEnd, NAME, scanElement, scannerOf, scanner, SPAN_ELEMENTS, startTagAt, type Scanner, type StartTag } from "./html-scan.ts";
import { isEobLine } from "./eob.ts";
import { lineText, wrapBlockRule } from "./tokens.ts";

/** What a line holds at `pos` for kramdown's block_html: a comment, a block element's start tag, or neither. */
function blockStart(s: Scanner, pos: number, limit: number): { comment: number } | { tag: StartTag } | null {
  const comment = s.text.startsWith("<!--", pos) ? markupEnd(s, pos, limit) : -1;
  if (comment >= 0) return { comment };
  const tag = startTagAt(s, pos, limit);
  if (!tag || SPAN_ELEMENTS.has(tag.name.toLowerCase())) return null;
  return { tag };
}

/** Unclosed elements, for the post's warnings: the (0-based) line of each and its name. */
export interface UnclosedHtml {
  line: number;
  name: string;
}

/** The last answer of itemEnd: items are read from top to bottom. */
let lastItem: { src: string; blkIndent: number; endLine: number; from: number; end: number } | undefined;

/**
 * Where the list item holding `line` ends: at the first line left of its text (the list has
 * given its lazy lines the item's indentation, lists.ts, as kramdown counts them the item's).
 */
function itemEnd(state: StateBlock, line: number, endLine: number): number {
  const m = lastItem;
  if (m && m.src === state.src && m.blkIndent === state.blkIndent && m.endLine === endLine && line >= m.from && line < m.end) return m.end;
  let n = line + 1;
  while (n < endLine && (state.isEmpty(n) || state.sCount[n]! >= state.blkIndent)) n++;
  lastItem = { src: state.src, blkIndent: state.blkIndent, endLine, from: line, end: n };
  return n;
}

/** How many elements one after another on a line are read as blocks of their own. */
const MAX_SAME_LINE = 64;

function htmlBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (!state.md.options.html) return false;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (state.src.charCodeAt(pos) !== 0x3c /* < */) return false;
  // In a list item, the item's lines (markdown-it gives the item the list's end).
  if (state.parentType === "list") endLine = itemEnd(state, startLine, endLine);
  // The container's text as it stands in the source (quote markers and indentation included):
  // enough to find the line the element ends on.
  const limit = state.eMarks[endLine - 1]!;
  const env = state.env as { unclosedHtml?: UnclosedHtml[]; sameLineHtml?: number };
  const source = scannerOf(state.src);
  const start = blockStart(source, pos, limit);
  if (!start) return false;
  // A comment, or a `<script>`, is span-level HTML within a paragraph: it does not end one.
  if (silent) return "tag" in start && start.tag.name !== "script";

  let endPos: number;
  if ("comment" in start) endPos = start.comment;
  else endPos = scanElement(source, pos, start.tag, limit).end;
  let last = startLine;
  while (last < endLine - 1 && state.eMarks[last]! < endPos - 1) last++;

  // The same element read from the container's own lines (without quote markers and the
  // item's indentation), as kramdown reads it: what is published, and where it ends.
  const read = (lastLine: number) => {
    // With the last line's newline: an element closed where its container ends keeps it.
    const text = state.getLines(startLine, lastLine + 1, state.blkIndent, true);
    const s = scanner(text);
    const at = text.indexOf("<");
    const found = blockStart(s, at, text.length);
    if (!found) return null;
    if ("comment" in found) return { text, end: found.comment, closed: true, html: text.slice(at, found.comment), name: "" };
    const { end, closed, html } = scanElement(s, at, found.tag, text.length);
    return { text, name: found.tag.name, end, closed, html };
  };
  let element = read(last);
  if (element && !element.closed && last < endLine - 1) element = read((last = endLine - 1));
  if (!element) return false;

  if (!element.closed) (env.unclosedHtml ??= []).push({ line: startLine, name: element.name });
  // The line the element ends on, and what follows it there.
  // (An element closed where its container ends ends on the container's last line, whose
  // newline the text holds.)
  const endLineIndex = element.closed ? startLine + (element.text.slice(0, element.end).match(/\n/g)?.length ?? 0) : last;
  const lineEnd = element.text.indexOf("\n", element.end);
  const rest = element.text.slice(element.end, lineEnd < 0 ? element.text.length : lineEnd);

  const token = state.push("html_block", "", 0);
  token.map = [startLine, endLineIndex + 1];
  token.content = element.html + "\n";

  const depth = env.sameLineHtml ?? 0;
  if (/^[ \t]*$/.test(rest) || depth >= MAX_SAME_LINE) {
    // (Past the bound, a line of that many elements one after another: its rest is HTML too.)
    if (!/^[ \t]*$/.test(rest)) token.content = element.html + rest + "\n";
    // A `<script>` or `<style>` that ends its line is followed by a block boundary, as a blank
    // line would be (kramdown reads their raw text apart: a setext header or a table can
    // start under one, not under a `<div>`).
    else if (element.closed && (element.name === "script" || element.name === "style")) token.meta = { ...token.meta, blockBoundaryAfter: true };
    state.line = endLineIndex + 1;
    return true;
  }
  // The rest of the line is read as a line of its own, at the container's indentation plus
  // its own leading white space (`<font>a</font>    code` is the element, then code).
  const line = endLineIndex;
  const saved = [state.bMarks[line]!, state.tShift[line]!, state.sCount[line]!, state.bsCount[line]!] as const;
  const indent = /^[ \t]*/.exec(rest)![0];
  state.bMarks[line] = state.eMarks[line]! - rest.length;
  state.tShift[line] = indent.length;
  state.sCount[line] = state.blkIndent + [...indent].reduce((w, c) => (c === "\t" ? w + 4 - (w % 4) : w + 1), 0);
  state.bsCount[line] = 0;
  if (line > startLine) {
    // markdown-it's loop reads the line next, from its new start (no one reads it after).
    state.line = line;
    return true;
  }
  // On the element's own first line: markdown-it's loop needs the rule to move past that line,
  // so the rest is read here, with the lines a paragraph would take after it.
  let next = line + 1;
  const terminators = state.md.block.ruler.getRules("paragraph");
  for (; next < endLine && !state.isEmpty(next); next++) {
    if (state.sCount[next]! - state.blkIndent > 3 || state.sCount[next]! < 0) continue;
    if (terminators.some((rule) => rule(state, next, endLine, true))) break;
  }
  env.sameLineHtml = depth + 1;
  state.md.block.tokenize(state, line, next);
  env.sameLineHtml = depth;
  [state.bMarks[line], state.tShift[line], state.sCount[line], state.bsCount[line]] = saved;
  state.line = Math.max(state.line, line + 1);
  return true;
}

// kramdown's LAZY_END_HTML_START and LAZY_END_HTML_STOP: `<name` (not a span element nor
// `<script`, complete tag or not) or `</name>` (not a span element) at the start of a line.
const LAZY_END_HTML = new RegExp(String.raw`^ {0,3}<(\/?)(${NAME.source})(?:[ \t\n\v\f\r]*>|)`, "u");

/**
 * A line of HTML that a quote or a list item does not take lazily (kramdown ends them there),
 * though a paragraph at the top takes it: an end tag or an incomplete start tag, which the
 * HTML rule above does not read as a block; and a block IAL. Only ever a terminator: it makes
 * no tokens.
 */
function lazyEnd(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  // (The paragraph asking has made itself the parent type: the container is on the stack.)
  const containers = (state.env as { htmlContainers?: string[] }).htmlContainers;
  const container = containers?.[containers.length - 1];
  if (!silent || (container !== "list" && container !== "blockquote")) return false;
  return endsLazyLines(state, startLine) || isIalLine(state, startLine);
}

/** A line that is a block IAL (`{: .x}`, `{:toc}`): it ends a quote's or a list item's lazy lines. */
export function isIalLine(state: StateBlock, line: number): boolean {
  return /^\{:(?!\/)[^}]*\}[ \t]*$/.test(lineText(state, line));
}

/** `name` (a container's rule: list, blockquote) keeps its name on a stack while it runs, for lazyEnd. */
function tracked(md: MarkdownIt, name: "list" | "blockquote"): void {
  wrapBlockRule(md, name, (rule) => (state, startLine, endLine, silent) => {
    if (silent) return rule(state, startLine, endLine, silent);
    const containers = ((state.env as { htmlContainers?: string[] }).htmlContainers ??= []);
    containers.push(name);
    try {
      return rule(state, startLine, endLine, silent);
    } finally {
      containers.pop();
    }
  });
}

/** Whether `line` is an HTML line that a quote or list item does not take lazily (kramdown's LAZY_END_HTML_…). */
export function endsLazyLines(state: StateBlock, line: number): boolean {
  const m = LAZY_END_HTML.exec(lineText(state, line));
  if (!m) return false;
  const name = m[2]!.toLowerCase();
  return !SPAN_ELEMENTS.has(name) && (m[1] ? m[0].endsWith(">") : name !== "script");
}

/**
 * kramdown's LAZY_END but for the blank line: a line that ends the lines a list item, a quote
 * or indented code takes lazily (an IAL, an end-of-block `^`, or an HTML line that ends lazy
 * lines).
 */
export function endsLazyText(state: StateBlock, line: number): boolean {
  return isIalLine(state, line) || isEobLine(state, line) || endsLazyLines(state, line);
}

export function htmlBlocksPlugin(md: MarkdownIt): void {
  md.block.ruler.at("html_block", htmlBlock, { alt: ["paragraph", "reference", "blockquote"] });
  md.block.ruler.after("html_block", "kramdown_lazy_end", lazyEnd, { alt: ["paragraph", "blockquote"] });
  tracked(md, "list");
  tracked(md, "blockquote");
}
