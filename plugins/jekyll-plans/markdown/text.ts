import type { Token } from "markdown-it";

/** Options for {@link inlineText}. */
export interface InlineTextOptions {
  /** Apply `transform` to plain text runs only (not to code spans). */
  transform?: (text: string) => string;
}

/**
 * The plain text of inline tokens as kramdown sees it for ids: text, code span
 * content and link text; image alt text and raw HTML are left out.
 */
export function inlineText(children: readonly Token[], options: InlineTextOptions = {}): string {
  let out = "";
  for (const t of children) {
    if (t.type === "text") out += options.transform ? options.transform(t.content) : t.content;
    else if (t.type === "code_inline") out += t.content;
    else if (t.type === "softbreak" || t.type === "hardbreak") out += " ";
  }
  return out;
}

/** HTML-escapes text for element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
