/**
 * Lists as kramdown renders them, which is not CommonMark's tight/loose rule:
 *
 * - kramdown decides per item whether its first paragraph is wrapped in `<p>`
 *   (`parser/kramdown/list.rb`): it is left bare ("transparent") when no blank line
 *   follows it inside the item, or when it is the last item and only a blank line
 *   follows; and the last item of a list of several is bare only if an earlier item
 *   is bare or does not start with a paragraph. Later paragraphs always get `<p>`.
 * - A bullet list goes on when the bullet character changes (`*`, then `-`).
 * - An ordered list is numbered from 1 whatever its first number (kramdown writes no `start`),
 *   and only `1.` starts one: `1)` is text. Any item's marker ends a paragraph (`2.` too).
 * - A rule (`***`, `___`) does not end a paragraph, a quote's lazy line or a list item: it is
 *   text of the paragraph, unless it also reads as a bullet (`- - -`, `* * *`).
 */
import type { MarkdownIt, StateBlock, StateCore, Token } from "markdown-it";
import { endsLazyText } from "./html-blocks.ts";
import { closeIndex, lineText, wrapBlockRule } from "./tokens.ts";

/** Joins bullet lists that follow each other directly: kramdown reads them as one. */
function joinBulletLists(tokens: Token[]): void {
  for (let i = 1; i < tokens.length - 1; i++) {
    const close = tokens[i]!;
    const open = tokens[i + 1]!;
    if (close.type === "bullet_list_close" && open.type === "bullet_list_open" && close.level === open.level) {
      tokens.splice(i, 2);
      i--;
    }
  }
}

interface Item {
  /** The item's first block is a paragraph (its `paragraph_open` index). */
  paragraph: number | null;
  /** A blank line follows the first paragraph inside the item. */
  blankAfter: boolean;
  /** Blocks after the first paragraph (and the blank line) inside the item. */
  moreBlocks: boolean;
}

function itemsOf(tokens: readonly Token[], listOpen: number, isBlank: (line: number) => boolean): Item[] {
  const items: Item[] = [];
  const listClose = closeIndex(tokens, listOpen);
  for (let i = listOpen + 1; i < listClose; i++) {
    const li = tokens[i]!;
    if (li.type !== "list_item_open" || li.level !== tokens[listOpen]!.level + 1) continue;
    const liClose = closeIndex(tokens, i);
    const first = tokens[i + 1];
    if (first?.type !== "paragraph_open" || i + 1 >= liClose) {
      items.push({ paragraph: null, blankAfter: false, moreBlocks: true });
    } else {
      const end = first.map?.[1] ?? 0;
      const paragraphClose = closeIndex(tokens, i + 1);
      items.push({ paragraph: i + 1, blankAfter: isBlank(end), moreBlocks: paragraphClose + 1 < liClose });
    }
    i = liClose;
  }
  return items;
}

function kramdownListsRule(state: StateCore): void {
  const tokens = state.tokens;
  joinBulletLists(tokens);
  const lines = state.src.split("\n");
  // A line is blank for a list when nothing is left of it but the `>` of the quotes the list
  // is in (`   >` between two items of a list in a quote in an item).
  let quotes = 0;
  const isBlank = (line: number): boolean => {
    if (line >= lines.length) return false;
    let rest = lines[line]!;
    for (let q = 0; q < quotes && /^\s*>/.test(rest); q++) rest = rest.replace(/^\s*>/, "");
    return rest.trim() === "";
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "blockquote_open") quotes++;
    else if (t.type === "blockquote_close") quotes--;
    if (t.type !== "bullet_list_open" && t.type !== "ordered_list_open") continue;
    const items = itemsOf(tokens, i, isBlank);
    const bare: boolean[] = [];
    items.forEach((item, n) => {
      const last = n === items.length - 1;
      let transparent = false;
      if (item.paragraph !== null) {
        const alone = !item.blankAfter || (last && !item.moreBlocks);
        const earlier = !last || items.length === 1 || items.slice(0, n).some((e, k) => e.paragraph === null || bare[k]);
        transparent = alone && earlier;
      }
      bare.push(transparent);
    });
    // Every paragraph in the list gets <p>, but for the bare first ones.
    if (t.type === "ordered_list_open") t.attrs = t.attrs?.filter(([name]) => name !== "start") ?? null;
    const close = closeIndex(tokens, i);
    const firsts = new Map(items.flatMap((item, n) => (item.paragraph === null ? [] : [[item.paragraph, bare[n]!] as const])));
    for (let k = i + 1; k < close; k++) {
      const p = tokens[k]!;
      if (p.type !== "paragraph_open" || p.level !== t.level + 2) continue;
      const hidden = firsts.get(k) ?? false;
      p.hidden = hidden;
      tokens[closeIndex(tokens, k)]!.hidden = hidden;
    }
  }
}

/**
 * The column where the text of the item whose marker (a bullet, or with `ordered` a number
 * and `.`) is on `line` starts, as markdown-it reckons it; -1 when the line holds no marker
 * (kramdown's LIST_START: a marker followed by a space or a tab; a bare `-` is text).
 */
function itemIndent(state: StateBlock, line: number, ordered: boolean): number {
  const marker = (ordered ? /^\d{1,9}\.(?=[ \t])/ : /^[*+-](?=[ \t])/).exec(lineText(state, line));
  if (!marker) return -1;
  const max = state.eMarks[line]!;
  let pos = state.bMarks[line]! + state.tShift[line]! + marker[0].length;
  const initial = state.sCount[line]! + marker[0].length;
  let offset = initial;
  for (; pos < max; pos++) {
    const ch = state.src.charCodeAt(pos);
    if (ch === 0x09) offset += 4 - ((offset + state.bsCount[line]!) % 4);
    else if (ch === 0x20) offset++;
    else break;
  }
  const after = pos >= max ? 1 : offset - initial;
  return initial + (after > 4 ? 1 : after);
}

/**
 * kramdown's lazy lines of the list that starts on `startLine`: a line left of its item's text
 * that follows a line of the item (not a blank one) belongs to the item, whatever it holds (a
 * heading, a fence, a quote, another kind of list), unless it is the next item's marker, an
 * IAL, an end-of-block `^` or an HTML line that ends lazy lines. markdown-it takes such a line
 * into an item only to go on with a paragraph. Each is given the item's indentation for the
 * time the list is read, plus its own (the lines and their old indentation are returned, to be
 * restored).
 */
function lazyLines(state: StateBlock, startLine: number, endLine: number): [number, number][] {
  const ordered = /^\d/.test(lineText(state, startLine));
  let indent = itemIndent(state, startLine, ordered);
  const changed: [number, number][] = [];
  if (indent < 0) return changed;
  let blank = false;
  for (let n = startLine + 1; n < endLine; n++) {
    if (state.isEmpty(n)) {
      blank = true;
      continue;
    }
    const column = state.sCount[n]!;
    // Left of the list's own container: not this list's.
    if (column < state.blkIndent) break;
    if (column < indent) {
      const next = column - state.blkIndent <= 3 ? itemIndent(state, n, ordered) : -1;
      if (next >= 0) indent = next;
      else if (blank || endsLazyText(state, n)) break;
      else {
        changed.push([n, column]);
        // kramdown appends a lazy line as it is: its own indentation (from the list's
        // container) stays, after the item's (` # x` is text, not a heading).
        state.sCount[n] = indent + column - state.blkIndent;
      }
    }
    blank = false;
  }
  return changed;
}

/** markdown-it plugin: kramdown's list rendering (core rule `kramdown_lists`) and where lists and rules start. */
export function listsPlugin(md: MarkdownIt): void {
  wrapBlockRule(md, "list", (list) => (state, startLine, endLine, silent) => {
    const line = lineText(state, startLine);
    // `1)` is text, and so is a marker alone on its line (`-`, `*`, `1.`): kramdown's items
    // have a space or a tab after the marker (`+ ` is an empty item).
    if (/^\d+\)/.test(line) || /^(?:[*+-]|\d{1,9}\.)$/.test(line)) return false;
    // kramdown ends a paragraph at any item's marker followed by a space (LIST_START):
    // `2.` too, and an empty item (CommonMark lets only `1.` and items with text do so).
    if (silent && state.parentType === "paragraph" && state.sCount[startLine]! - state.blkIndent < 4 && /^(?:\d{1,9}\.|[*+-])[ \t]/.test(line)) return true;
    if (silent) return list(state, startLine, endLine, silent);
    const lazy = lazyLines(state, startLine, endLine);
    try {
      return list(state, startLine, endLine, silent);
    } finally {
      for (const [line, column] of lazy.reverse()) state.sCount[line] = column;
    }
  });
  wrapBlockRule(md, "hr", (hr) => (state, startLine, endLine, silent) => {
    const bulletLike = /^[-*+][ \t]/.test(lineText(state, startLine));
    // Right under a bullet list's line, a rule that also reads as a bullet (`- - -`, `* * *`)
    // at the list's column is its next item, as kramdown reads it (its list takes any line
    // that starts an item before anything else): the list's own rule reads it.
    if (bulletLike && !state.isEmpty(startLine - 1) && state.sCount[startLine]! - state.blkIndent < 4) {
      if (silent && state.parentType === "list") return false;
      const last = state.tokens[state.tokens.length - 1];
      if (!silent && last?.type === "bullet_list_close" && last.level === state.level) return false;
    }
    return (!silent || bulletLike) && hr(state, startLine, endLine, silent);
  });
  md.core.ruler.after("block", "kramdown_lists", kramdownListsRule);
}
