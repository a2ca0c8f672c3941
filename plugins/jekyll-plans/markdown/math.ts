/**
 * kramdown's math (`math_engine: mathjax`): `$$…$$` inside text is inline math,
 * written `\(…\)`; a paragraph that is nothing but `$$…$$` is display math, written
 * `\[…\]`. The TeX is escaped as text; MathJax typesets it in the browser, and
 * `env.math` tells the page to load MathJax.
 */
import type { MarkdownIt, StateCore, StateInline } from "markdown-it";
import { escapeHtml } from "./text.ts";

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos } = state;
  if (src.charCodeAt(pos) !== 0x24 || src.charCodeAt(pos + 1) !== 0x24) return false;
  const end = src.indexOf("$$", pos + 2);
  if (end < 0 || end === pos + 2) return false;
  if (!silent) {
    const token = state.push("kramdown_math", "", 0);
    token.content = src.slice(pos + 2, end);
    token.markup = "$$";
    state.env.math = true;
  }
  state.pos = end + 2;
  return true;
}

/** A paragraph that is only math becomes display math. */
function mathBlocks(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 1; i < tokens.length - 1; i++) {
    const inline = tokens[i]!;
    if (inline.type !== "inline" || tokens[i - 1]!.type !== "paragraph_open" || tokens[i - 1]!.hidden) continue;
    const children = (inline.children ?? []).filter((c) => !(c.type === "text" && c.content.trim() === ""));
    if (children.length !== 1 || children[0]!.type !== "kramdown_math") continue;
    const block = new state.Token("kramdown_math_block", "", 0);
    block.block = true;
    block.content = children[0]!.content;
    block.map = inline.map;
    tokens.splice(i - 1, 3, block);
  }
}

export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before("escape", "kramdown_math", mathInline);
  md.core.ruler.after("inline", "kramdown_math_block", mathBlocks);
  md.renderer.rules.kramdown_math = (tokens, idx) => `\\(${escapeHtml(tokens[idx]!.content.trim())}\\)`;
  md.renderer.rules.kramdown_math_block = (tokens, idx) => `\\[${escapeHtml(tokens[idx]!.content.trim())}\\]\n`;
}
