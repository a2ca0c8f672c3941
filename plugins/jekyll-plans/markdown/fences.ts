/**
 * Fenced code as kramdown's GFM parser reads it (`FENCED_CODEBLOCK_MATCH`): a fence is code
 * only when a closing fence (the same character, at least as long, alone on its line) follows
 * inside the same container, and its info string is one word (`` ```c ``, `` ``` c ``, not
 * `` ```c extra ``). Otherwise the line is text of a paragraph, and does not end one; what
 * follows is read as markdown (CommonMark would make the rest of the post code). A fence's
 * indentation is not taken off its code's lines.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { endsLazyText } from "./html-blocks.ts";
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

/** Whether `line` is indented code in its container (4 columns or more). */
const indented = (state: StateBlock, line: number): boolean => !state.isEmpty(line) && state.sCount[line]! - state.blkIndent >= 4;

/** Whether `line` goes on with indented code lazily (kramdown's lazy lines of a code block). */
function lazyCodeLine(state: StateBlock, line: number): boolean {
  return !state.isEmpty(line) && state.sCount[line]! >= state.blkIndent && !endsLazyText(state, line);
}

function kramdownCode(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (!indented(state, startLine)) return false;
  if (silent) return true;
  // Groups of indented lines, each with its lazy lines, blank lines or none between them.
  let line = startLine;
  let end = startLine;
  for (;;) {
    while (line < endLine && indented(state, line)) end = ++line;
    while (line < endLine && !indented(state, line) && lazyCodeLine(state, line)) end = ++line;
    let next = line;
    while (next < endLine && state.isEmpty(next)) next++;
    if (next >= endLine || !indented(state, next)) break;
    line = next;
  }
  const lines: string[] = [];
  for (let n = startLine; n < end; n++) {
    if (indented(state, n) || state.isEmpty(n)) lines.push(state.getLines(n, n + 1, 4 + state.blkIndent, false));
    // A lazy line is joined to the line above with a space, its own indentation kept.
    else lines[lines.length - 1] += ` ${state.getLines(n, n + 1, state.blkIndent, false)}`;
  }
  const token = state.push("code_block", "code", 0);
  token.content = `${lines.join("\n")}\n`;
  token.map = [startLine, end];
  state.line = end;
  return true;
}

export function fencesPlugin(md: MarkdownIt): void {
  wrapBlockRule(md, "code", () => kramdownCode);
  wrapBlockRule(md, "fence", (fence) => (state, startLine, endLine, silent) => {
    if (!isKramdownFence(state, startLine, endLine) || !fence(state, startLine, endLine, silent)) return false;
    // The code's lines keep the indentation they have in their container: kramdown strips
    // the fence's own indentation from none of them (`  ```` … `  code` is "  code").
    const token = state.tokens[state.tokens.length - 1];
    if (!silent && token?.type === "fence") token.content = state.getLines(startLine + 1, state.line - 1, state.blkIndent, true);
    return true;
  });
}
