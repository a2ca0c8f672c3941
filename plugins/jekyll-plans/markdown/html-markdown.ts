/**
 * kramdown's `markdown="1"`: an HTML block whose opening tag carries it has its
 * content parsed as markdown (`<div markdown="1">` … `</div>`), and the attribute is
 * not published. The opening and closing tags stand on lines of their own.
 */
import type { MarkdownIt, StateBlock } from "markdown-it";
import { MAX_NESTING } from "./index.ts";
import { lineText } from "./tokens.ts";

const OPEN = /^<([A-Za-z][A-Za-z0-9-]*)(\s[^>]*?)?\smarkdown\s*=\s*(["']?)(1|block)\3([^>]*)>\s*$/;

function markdownBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const start = state.bMarks[startLine]! + state.tShift[startLine]!;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const line = state.src.slice(start, state.eMarks[startLine]);
  const m = OPEN.exec(line);
  if (!m) return false;
  const tag = m[1]!.toLowerCase();
  const sameOpen = new RegExp(`^<${tag}(?:\\s[^>]*)?>`, "i");
  const close = new RegExp(`^</${tag}\\s*>\\s*$`, "i");
  let depth = 1;
  let closeLine = -1;
  for (let n = startLine + 1; n < endLine; n++) {
    const text = lineText(state, n);
    if (sameOpen.test(text)) depth++;
    else if (close.test(text) && --depth === 0) {
      closeLine = n;
      break;
    }
  }
  if (closeLine < 0) return false;
  // Each such block parses its content in a call of its own: past MAX_NESTING the post is
  // refused (file:line), as blocks nested that deep are, before the calls exhaust the stack.
  const nested = (state.env as { markdownBlocks?: number }).markdownBlocks ?? 0;
  if (nested >= MAX_NESTING) {
    state.env.nestingTooDeep ??= startLine;
    return false;
  }
  if (silent) return true;
  const attrs = `${m[2] ?? ""}${m[5] ?? ""}`.replace(/\s+$/, "");
  const open = state.push("html_block", "", 0);
  open.content = `<${m[1]}${attrs}>\n`;
  // What follows starts at a block boundary (a setext header may, headings.ts).
  open.meta = { markdownBlockOpen: true };
  open.map = [startLine, startLine + 1];
  const oldParent = state.parentType;
  const oldLineMax = state.lineMax;
  state.parentType = "kramdown_markdown_block" as typeof state.parentType;
  state.lineMax = closeLine;
  (state.env as { markdownBlocks?: number }).markdownBlocks = nested + 1;
  state.md.block.tokenize(state, startLine + 1, closeLine);
  (state.env as { markdownBlocks?: number }).markdownBlocks = nested;
  state.parentType = oldParent;
  state.lineMax = oldLineMax;
  const end = state.push("html_block", "", 0);
  end.content = `</${m[1]}>\n`;
  end.map = [closeLine, closeLine + 1];
  state.line = closeLine + 1;
  return true;
}

export function htmlMarkdownPlugin(md: MarkdownIt): void {
  md.block.ruler.before("html_block", "kramdown_markdown_block", markdownBlock, { alt: ["paragraph", "reference", "blockquote"] });
}
