/**
 * kramdown's end-of-block marker: a line that is only `^` (at its container's first column)
 * ends the block above it and is not shown. It ends a paragraph, a quote and a list item's
 * lazy lines, and two lists on either side of it stay two lists.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { lineText } from "./tokens.ts";

/** Whether `line` is an end-of-block marker (`EOB_MARKER`: `^`, then only white space). */
export function isEobLine(state: StateBlock, line: number): boolean {
  return /^\^[ \t]*$/.test(lineText(state, line));
}

function eob(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  // At the container's first column; left of it, it ends the blocks of the container (which
  // end there) and is read by the container's own container.
  if (state.sCount[startLine]! > state.blkIndent || (!silent && state.sCount[startLine]! < state.blkIndent)) return false;
  if (!isEobLine(state, startLine)) return false;
  if (silent) return true;
  // A token that shows nothing, so that the blocks either side stay apart.
  const token = state.push("kramdown_eob", "", 0);
  token.hidden = true;
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

export function eobPlugin(md: MarkdownIt): void {
  md.block.ruler.before("paragraph", "kramdown_eob", eob, { alt: ["paragraph", "reference", "blockquote", "list"] });
  md.renderer.rules.kramdown_eob = () => "";
}
