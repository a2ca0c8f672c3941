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

/**
 * The function a markdown-it ruler holds under `name`, to wrap it (the ruler has no getter by
 * name). Throws naming the rule when it is not there (a dependency that changed its rules).
 */
export function ruleFunction<F>(ruler: unknown, name: string): F {
  const rule = (ruler as { __rules__: { name: string; fn: F }[] }).__rules__.find((r) => r.name === name);
  if (!rule) throw new Error(`[jekyll-plans] markdown-it has no rule "${name}" to build on`);
  return rule.fn;
}
