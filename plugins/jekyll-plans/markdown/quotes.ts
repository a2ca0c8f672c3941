/**
 * Quotes as kramdown reads them (`parser/kramdown/blockquote.rb`): a quote is its first line
 * and every line after it up to a blank line, a block IAL, an end-of-block `^` or an HTML line
 * that ends lazy lines (kramdown's LAZY_END), whether it starts with `>` or not; the `> ` of the
 * lines that have one is taken off, and what is left is read as blocks. So a line under a
 * quote's line is the quote's whatever it holds: `> a` over `## b` puts the heading in the
 * quote, and a fence, a list or a `---` (a setext underline) under it too. markdown-it's quote
 * takes a line without `>` only to go on with a paragraph, and ends at an empty `>` line.
 *
 * The marker and the columns after it are read as markdown-it's own quote rule reads them
 * (markdown-it, MIT licence), tabs included.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { endsLazyText } from "./html-blocks.ts";
import { wrapBlockRule } from "./tokens.ts";

/** Whether `line` starts with a quote's `>` (at most 3 columns into its container). */
function isQuoteLine(state: StateBlock, line: number): boolean {
  return state.sCount[line]! - state.blkIndent < 4 && state.src.charCodeAt(state.bMarks[line]! + state.tShift[line]!) === 0x3e;
}

/** The line after the quote that starts on `startLine` (kramdown's extent). */
function quoteEnd(state: StateBlock, startLine: number, endLine: number): number {
  let line = startLine + 1;
  for (; line < endLine; line++) {
    if (state.isEmpty(line) || state.sCount[line]! < state.blkIndent) break;
    if (isQuoteLine(state, line)) continue;
    if (endsLazyText(state, line)) break;
  }
  return line;
}

/** Takes the `>` and the space after it off `line`, as markdown-it's quote rule does. */
function stripMarker(state: StateBlock, line: number): void {
  let pos = state.bMarks[line]! + state.tShift[line]! + 1;
  const max = state.eMarks[line]!;
  let initial = state.sCount[line]! + 1;
  let spaceAfterMarker = false;
  let adjustTab = false;
  if (state.src.charCodeAt(pos) === 0x20) {
    pos++;
    initial++;
    spaceAfterMarker = true;
  } else if (state.src.charCodeAt(pos) === 0x09) {
    spaceAfterMarker = true;
    if ((state.bsCount[line]! + initial) % 4 === 3) {
      pos++;
      initial++;
    } else adjustTab = true;
  }
  let offset = initial;
  state.bMarks[line] = pos;
  for (; pos < max; pos++) {
    const ch = state.src.charCodeAt(pos);
    if (!state.md.utils.isSpace(ch)) break;
    offset += ch === 0x09 ? 4 - ((offset + state.bsCount[line]! + (adjustTab ? 1 : 0)) % 4) : 1;
  }
  state.bsCount[line] = state.sCount[line]! + 1 + (spaceAfterMarker ? 1 : 0);
  state.sCount[line] = offset - initial;
  state.tShift[line] = pos - state.bMarks[line]!;
}

function kramdownQuote(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (!isQuoteLine(state, startLine)) return false;
  if (silent) return true;
  const end = quoteEnd(state, startLine, endLine);
  const saved: [number, number, number, number][] = [];
  for (let line = startLine; line < end; line++) {
    saved.push([state.bMarks[line]!, state.tShift[line]!, state.sCount[line]!, state.bsCount[line]!]);
    // A line without `>` is read as it is, its indentation counted from the quote's container.
    if (isQuoteLine(state, line)) stripMarker(state, line);
    else state.sCount[line] = Math.max(0, state.sCount[line]! - state.blkIndent);
  }
  const { parentType, lineMax, blkIndent } = state;
  state.parentType = "blockquote";
  state.lineMax = end;
  state.blkIndent = 0;
  const open = state.push("blockquote_open", "blockquote", 1);
  open.markup = ">";
  open.map = [startLine, 0];
  state.md.block.tokenize(state, startLine, end);
  state.push("blockquote_close", "blockquote", -1).markup = ">";
  open.map[1] = state.line;
  state.parentType = parentType;
  state.lineMax = lineMax;
  state.blkIndent = blkIndent;
  saved.forEach(([b, t, s, bs], i) => {
    [state.bMarks[startLine + i], state.tShift[startLine + i], state.sCount[startLine + i], state.bsCount[startLine + i]] = [b, t, s, bs];
  });
  return true;
}

/** markdown-it plugin: kramdown's quotes, in place of markdown-it's. */
export function quotesPlugin(md: MarkdownIt): void {
  wrapBlockRule(md, "blockquote", () => kramdownQuote);
}
