import type { Token } from "markdown-it";

/** Index of the token that closes the block opened at `open` (itself for a token that opens nothing). */
export function closeIndex(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]!.nesting;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}
