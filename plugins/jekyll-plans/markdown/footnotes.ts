/**
 * Footnotes (`text[^1]` … `[^1]: note`) through markdown-it-footnote, rendered as
 * kramdown renders them: `<sup id="fnref:NAME" role="doc-noteref"><a href="#fn:NAME"
 * class="footnote" rel="footnote">N</a></sup>`, and at the end of the post
 * `<div class="footnotes" role="doc-endnotes"><ol><li id="fn:NAME" role="doc-endnote">`
 * with a `↩` back link per reference. kramdown has no inline footnotes (`^[…]`).
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";
import footnote from "markdown-it-footnote";
import { escapeHtml } from "./text.ts";
import { ruleFunction } from "./tokens.ts";

interface FootnoteMeta {
  id: number;
  subId: number;
  label?: string;
}

/** kramdown names a footnote by its label (`fn:note`); an unlabelled one by its number. */
function nameOf(token: Token): string {
  const meta = token.meta as unknown as FootnoteMeta;
  return escapeHtml(meta.label ?? String(meta.id + 1));
}

const refId = (token: Token): string => {
  const { subId } = token.meta as unknown as FootnoteMeta;
  return `fnref:${nameOf(token)}${subId > 0 ? `:${subId}` : ""}`;
};

/** An array whose `concat` appends to it and returns it, instead of copying it. */
function appendingInPlace(tokens: Token[]): Token[] {
  return Object.defineProperty(tokens, "concat", {
    configurable: true,
    value(this: Token[], ...more: Token[][]) {
      for (const list of more) for (const token of list) this.push(token);
      return this;
    },
  });
}

/**
 * markdown-it-footnote's `footnote_tail` adds each footnote to the end of the post with
 * `state.tokens = state.tokens.concat(…)`: a copy of every token of the post per footnote,
 * so 4,000 footnotes took seconds and 40,000 minutes. Run with token arrays that append in
 * place, it does the same in linear time.
 */
function linearTail(tail: (state: StateCore) => void): (state: StateCore) => void {
  return (state) => {
    let tokens = appendingInPlace(state.tokens);
    Object.defineProperty(state, "tokens", {
      configurable: true,
      enumerable: true,
      get: () => tokens,
      set: (value: Token[]) => (tokens = appendingInPlace(value)),
    });
    try {
      tail(state);
    } finally {
      delete (state as { tokens?: Token[] }).tokens;
      delete (tokens as { concat?: unknown }).concat;
      state.tokens = tokens;
    }
  };
}

export function footnotesPlugin(md: MarkdownIt): void {
  md.use(footnote);
  md.core.ruler.at("footnote_tail", linearTail(ruleFunction<(state: StateCore) => void>(md.core.ruler, "footnote_tail")));
  md.inline.ruler.disable("footnote_inline");
  const rules = md.renderer.rules;
  rules.footnote_ref = (tokens, idx) =>
    `<sup id="${refId(tokens[idx]!)}" role="doc-noteref"><a href="#fn:${nameOf(tokens[idx]!)}" class="footnote" rel="footnote">${(tokens[idx]!.meta as unknown as FootnoteMeta).id + 1}</a></sup>`;
  rules.footnote_block_open = () => `<div class="footnotes" role="doc-endnotes">\n<ol>\n`;
  rules.footnote_block_close = () => `</ol>\n</div>\n`;
  rules.footnote_open = (tokens, idx) => `<li id="fn:${nameOf(tokens[idx]!)}" role="doc-endnote">`;
  rules.footnote_close = () => `</li>\n`;
  rules.footnote_anchor = (tokens, idx) => {
    const { subId } = tokens[idx]!.meta as unknown as FootnoteMeta;
    return `${subId > 0 ? " " : "\u00a0"}<a href="#${refId(tokens[idx]!)}" class="reversefootnote" role="doc-backlink">&#8617;${subId > 0 ? `<sup>${subId + 1}</sup>` : ""}</a>`;
  };
}
