import type { MarkdownIt, StateBlock, Token } from "markdown-it";
import type { RuleBlock } from "markdown-it/lib/parser_block.mjs";

/** Index of the token that closes the block opened at `open` (itself for a token that opens nothing). */
export function closeIndex(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

/**
 * The function a markdown-it ruler holds under `name`, to wrap it (the ruler has no getter by
 * name). Throws naming the rule when it is not there (a dependency that changed its rules).
 */
export function ruleFunction<F>(ruler: unknown, name: string): F {
  return ruleOf<F>(ruler, name).fn;
}

function ruleOf<F>(ruler: unknown, name: string): { fn: F; alt: string[] } {
  const rule = (ruler as { __rules__: { name: string; fn: F; alt: string[] }[] }).__rules__.find((r) => r.name === name);
  if (!rule) throw new Error(`[jekyll-plans] markdown-it has no rule "${name}" to build on`);
  return rule;
}

/**
 * Puts `wrap(rule)` in the place of the block rule `name`, where it ends the same blocks as the
 * rule did (its `alt`; markdown-it's `at` would forget them) unless `alt` says otherwise.
 */
export function wrapBlockRule(md: MarkdownIt, name: string, wrap: (rule: RuleBlock) => RuleBlock, alt?: string[]): void {
  const rule = ruleOf<RuleBlock>(md.block.ruler, name);
  md.block.ruler.at(name, wrap(rule.fn), { alt: alt ?? [...rule.alt] });
}

/** A line of a block without its indentation (and, in a quote, its `>`). */
export function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
}

/** Tokens that open a container: the first block inside one starts at a block boundary. */
const CONTAINER_OPENS = new Set(["list_item_open", "blockquote_open", "dd_open", "footnote_open"]);

/**
 * kramdown's after_block_boundary?: whether a block starting on `line` follows a blank line or
 * starts its container (the post, a list item, a quote, a `markdown="1"` element), or follows
 * a `<script>` or `<style>` block. Setext headers and tables start only there.
 */
export function atBlockBoundary(state: StateBlock, line: number): boolean {
  const last = state.tokens[state.tokens.length - 1];
  return (
    !last ||
    CONTAINER_OPENS.has(last.type) ||
    (last.type === "html_block" && (last.meta?.markdownBlockOpen === true || last.meta?.blockBoundaryAfter === true)) ||
    state.isEmpty(line - 1)
  );
}
