/**
 * HTML inside a paragraph as kramdown reads it (its `span_html` parser): a block element's tag
 * there (`<div>`, `<p>`, `<iframe>`, `<table>`…) is text, and so is an end tag that closes no
 * element open at that point (`</span>` after text, `</b>` while an `<i>` inside it is open).
 * So is `<?…?>` or `<!…>` other than a comment. All are published as text (`&lt;div&gt;`), as
 * Jekyll published them, where CommonMark would pass them to the browser to end the paragraph
 * or be dropped.
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";

// kramdown's HTML_BLOCK_ELEMENTS.
const BLOCK_ELEMENTS = new Set(
  "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split(
    " ",
  ),
);
// HTML_ELEMENTS_WITHOUT_BODY: nothing to close.
const VOID_ELEMENTS = new Set("area base br col command embed hr img input keygen link meta param source track wbr".split(" "));

/**
 * The tag as text, as written: a `text_special` token (as an escape is) until markdown-it
 * joins it into the text, so that kramdown's typography leaves its quotes straight.
 */
function asText(token: Token): void {
  token.type = "text_special";
  token.info = "html";
  token.markup = token.content;
}

const TAG = /^<(\/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(\/?)>$/;

function spanHtml(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const open: string[] = [];
    for (const token of block.children) {
      if (token.type !== "html_inline") continue;
      const m = TAG.exec(token.content);
      if (!m) {
        // A processing instruction (`<?php … ?>`) or a declaration is text; a comment is kept.
        if (!token.content.startsWith("<!--")) asText(token);
        continue;
      }
      const [, closing, rawName, selfClosed] = m;
      const name = rawName!.toLowerCase();
      if (!closing) {
        if (BLOCK_ELEMENTS.has(name)) asText(token);
        else if (!selfClosed && !VOID_ELEMENTS.has(name)) open.push(name);
      } else if (open[open.length - 1] === name) open.pop();
      else asText(token);
    }
  }
}

export function htmlSpansPlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_span_html", spanHtml);
}
