import type { Token } from "markdown-it";

/** Options for {@link inlineText}. */
export interface InlineTextOptions {
  /** Apply `transform` to plain text runs only (not to code spans). */
  transform?: (text: string) => string;
}

/**
 * The plain text of inline tokens as kramdown sees it for ids (kramdown-parser-gfm's
 * `raw_text`): text, code span and math content, escaped characters and character
 * references as the characters they stand for, the text inside links, emphasis and raw
 * HTML elements; image alt text, raw HTML tags and footnote markers are left out.
 */
export function inlineText(children: readonly Token[], options: InlineTextOptions = {}): string {
  let out = "";
  for (const t of children) {
    if (t.type === "text") out += options.transform ? options.transform(t.content) : t.content;
    // `\_` and `&#x4e2d;` (markdown-it's text_special until its text_join rule) are kept as
    // written: typography does not touch them.
    else if (t.type === "code_inline" || t.type === "text_special" || t.type === "kramdown_math") out += t.content;
    else if (t.type === "softbreak" || t.type === "hardbreak") out += " ";
    // A raw HTML element whose content is text (`<font>`, `<code>`, `<kbd>`…): that text.
    else if (t.type === "html_inline" && typeof t.meta?.text === "string") out += t.meta.text;
  }
  return out;
}

/** HTML-escapes text for element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
