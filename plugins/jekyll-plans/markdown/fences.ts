/**
 * Fenced code as kramdown's GFM parser reads it (`FENCED_CODEBLOCK_MATCH`): a fence is code
 * only when a closing fence (the same character, at least as long, alone on its line) follows
 * inside the same container, and its info string is one word (`` ```c ``, `` ``` c ``, not
 * `` ```c extra ``). Otherwise the line is text of a paragraph, and does not end one; what
 * follows is read as markdown (CommonMark would make the rest of the post code). A fence's
 * indentation is not taken off its code's lines.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { lineText, wrapBlockRule } from "./tokens.ts";

const OPENING = /^([`~])\1{2,}/;

/** Whether the fence opened on `startLine` is one kramdown reads as code. */
function isKramdownFence(state: StateBlock, startLine: number, endLine: number): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = lineText(state, startLine);
  const open = OPENING.exec(line);
  if (!open) return false;
  const info = line.slice(open[0].length).trim();
  if (/\s/.test(info)) return false;
  const marker = open[1]!.charCodeAt(0);
  const length = open[0].length;
  for (let n = startLine + 1; n < endLine; n++) {
    // A line left of the container's indentation ends the container (markdown-it's fence
    // stops there too): no closing fence inside it.
    if (state.sCount[n]! < state.blkIndent && !state.isEmpty(n)) return false;
    if (state.sCount[n]! - state.blkIndent >= 4) continue;
    const start = state.bMarks[n]! + state.tShift[n]!;
    if (state.src.charCodeAt(start) !== marker) continue;
    const end = state.skipChars(start, marker);
    if (end - start >= length && state.skipSpaces(end) >= state.eMarks[n]!) return true;
  }
  return false;
}

export function fencesPlugin(md: MarkdownIt): void {
  wrapBlockRule(md, "fence", (fence) => (state, startLine, endLine, silent) => {
    if (!isKramdownFence(state, startLine, endLine) || !fence(state, startLine, endLine, silent)) return false;
    // The code's lines keep the indentation they have in their container: kramdown strips
    // the fence's own indentation from none of them (`  ```` … `  code` is "  code").
    const token = state.tokens[state.tokens.length - 1];
    if (!silent && token?.type === "fence") token.content = state.getLines(startLine + 1, state.line - 1, state.blkIndent, true);
    return true;
  });
}
