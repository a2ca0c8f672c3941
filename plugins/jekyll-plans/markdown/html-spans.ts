/**
 * HTML inside a paragraph as kramdown reads it (its `span_html` parser), in place of
 * CommonMark's inline HTML:
 *
 * - A tag is what kramdown's pattern matches (`<img width=160/>` is `width="160"`; an
 *   unquoted value with punctuation, `<img src=/a.png>`, makes no tag: it is text).
 * - A block element's tag (`<div>`, `<p>`, `<iframe>`, `<table>`…) is text, and so is an end
 *   tag that closes no element open at that point (`</span>` after text, `</b>` while an `<i>`
 *   inside it is open), and `<?…?>`.
 * - The content of an element that is not a phrase element (`<font>`, `<kbd>`, `<u>`,
 *   `<mark>`, `<code>`, an unknown name) is text as written, up to its end tag: no emphasis,
 *   no typography (`<font>**a** ...</font>` keeps its asterisks and dots). A phrase element's
 *   (`<b>`, `<span>`, `<a>`…) content is markdown.
 * - Tags are written as kramdown writes them: attributes double-quoted, `<br />`.
 *
 * Text is published as written (`&lt;div&gt;`), as Jekyll published it.
 */
import type { MarkdownIt, StateInline } from "markdown-it";
import { BLOCK_ELEMENTS, closeTagAt, closes, markupEnd, scanElement, scannerOf, SPAN_CONTENT, startTagAt, VOID_ELEMENTS, writeStartTag } from "./html-scan.ts";

/** The phrase elements open in this inline text, innermost last. */
const openIn = new WeakMap<StateInline, string[]>();

function pushText(state: StateInline, text: string): void {
  // A `text_special` token (as an escape is) until markdown-it joins it into the text, so
  // that kramdown's typography leaves its quotes straight.
  const token = state.push("text_special", "", 0);
  token.content = text;
  token.markup = text;
  token.info = "html";
}

/** An `html_inline` token; `text`: the text of the element it holds, for ids (`inlineText`). */
function pushHtml(state: StateInline, html: string, text?: string): void {
  const token = state.push("html_inline", "", 0);
  token.content = html;
  if (text) token.meta = { text };
}

function spanHtml(state: StateInline, silent: boolean): boolean {
  if (!state.md.options.html) return false;
  const pos = state.pos;
  const src = state.src;
  if (src.charCodeAt(pos) !== 0x3c /* < */) return false;
  const max = state.posMax;
  const s = scannerOf(src);
  if (src.startsWith("<!--", pos)) {
    const end = markupEnd(s, pos, max, false);
    if (end < 0) return false;
    if (!silent) pushHtml(state, src.slice(pos, end));
    state.pos = end;
    return true;
  }
  // (In silent mode, markdown-it only measures a link's text: nothing is opened or closed.)
  const open = openIn.get(state) ?? [];
  openIn.set(state, open);
  const close = closeTagAt(src, pos, max);
  if (close) {
    const top = open[open.length - 1];
    const closing = top !== undefined && closes(top, close.name);
    if (!silent) {
      if (closing) pushHtml(state, `</${top}>`);
      else pushText(state, src.slice(pos, close.end));
      if (closing) open.pop();
    }
    state.pos = close.end;
    return true;
  }
  // Not a tag for kramdown (`<?php`, `<img src=/a.png>`): the `<` is text.
  const tag = startTagAt(s, pos, max);
  if (!tag) return false;
  if (BLOCK_ELEMENTS.has(tag.name)) {
    if (!silent) pushText(state, src.slice(pos, tag.end));
  } else if (tag.selfClosed || VOID_ELEMENTS.has(tag.name)) {
    if (!silent) pushHtml(state, writeStartTag(tag, true));
  } else if (SPAN_CONTENT.has(tag.name)) {
    if (!silent) {
      pushHtml(state, writeStartTag(tag, true));
      open.push(tag.name);
    }
  } else {
    // Its content is text, to its end tag (or the end of the paragraph).
    const element = scanElement(s, pos, tag, max, true);
    if (!silent) pushHtml(state, element.html, element.text);
    state.pos = element.end;
    return true;
  }
  state.pos = tag.end;
  return true;
}

export function htmlSpansPlugin(md: MarkdownIt): void {
  md.inline.ruler.at("html_inline", spanHtml);
}
