import type { StateBlock, Token } from "markdown-it";

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
  const rule = (ruler as { __rules__: { name: string; fn: F }[] }).__rules__.find((r) => r.name === name);
  if (!rule) throw new Error(`[jekyll-plans] markdown-it has no rule "${name}" to build on`);
  return rule.fn;
}

/** Tokens that open a container: the first block inside one starts at a block boundary. */
const CONTAINER_OPENS = new Set(["list_item_open", "blockquote_open", "dd_open", "footnote_open"]);

/**
 * kramdown's after_block_boundary?: whether a block starting on `line` follows a blank line or
 * starts its container (the post, a list item, a quote, a `markdown="1"` element). Setext
 * headers and tables start only there.
 */
export function atBlockBoundary(state: StateBlock, line: number): boolean {
  const last = state.tokens[state.tokens.length - 1];
  return !last || CONTAINER_OPENS.has(last.type) || (last.type === "html_block" && last.meta?.markdownBlockOpen === true) || state.isEmpty(line - 1);
}
