/**
 * Table rows split as kramdown splits them: a `|` inside a code span (`` `a || b` ``) or a
 * `<code>` element belongs to the cell, where markdown-it's table rule (GFM's) ends the cell
 * there. And, as in kramdown, a `\|` inside a code span stays as written.
 *
 * Before the block rules run, such a pipe on a line that could be a table row (one that has
 * a `|` outside code too) is stood in for by a private-use character of the same length; once
 * they have run, the source and every token get their pipes back. Every position and line of
 * the source stays where it was, and each line is scanned once.
 */
import type { MarkdownIt, StateBlock, StateCore } from "markdown-it";
import { atBlockBoundary, lineText, wrapBlockRule } from "./tokens.ts";

/** Stands in for a protected `|` (a private-use character; not used when the source holds it). */
const STAND_IN = "\uE000";
const STAND_INS = /\uE000/g;

/** The line with every `|` inside a code span or a `<code>` element replaced by STAND_IN. */
export function protectCodePipes(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === "\\") {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === "`") {
      let n = 1;
      while (line[i + n] === "`") n++;
      const fence = "`".repeat(n);
      // The closing run is exactly as long as the opening one.
      let close = line.indexOf(fence, i + n);
      while (close >= 0 && line[close + n] === "`") {
        let end = close;
        while (line[end] === "`") end++;
        close = line.indexOf(fence, end);
      }
      if (close < 0) {
        out += fence;
        i += n;
        continue;
      }
      out += fence + line.slice(i + n, close).replaceAll("|", STAND_IN) + fence;
      i = close + n;
      continue;
    }
    if (ch === "<" && /^<code\b[^>]*>/i.test(line.slice(i, i + 64))) {
      const close = line.toLowerCase().indexOf("</code>", i);
      if (close >= 0) {
        out += line.slice(i, close).replaceAll("|", STAND_IN);
        i = close;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/** The source each parse started from, while its block rules see the stand-ins. */
const originals = new WeakMap<StateCore, string>();

function protectRule(state: StateCore): void {
  const src = state.src;
  if (!src.includes("|") || src.includes(STAND_IN)) return;
  const lines = src.split("\n");
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes("|") || !(line.includes("`") || /<code\b/i.test(line))) continue;
    const safe = protectCodePipes(line);
    // Only a row has a pipe outside code: elsewhere (a reference's label) nothing changes.
    if (safe !== line && /(?:^|[^\\])\|/.test(safe)) {
      lines[i] = safe;
      changed = true;
    }
  }
  if (!changed) return;
  originals.set(state, src);
  state.src = lines.join("\n");
}

function restoreRule(state: StateCore): void {
  const src = originals.get(state);
  if (src === undefined) return;
  originals.delete(state);
  state.src = src;
  for (const t of state.tokens) {
    if (t.content.includes(STAND_IN)) t.content = t.content.replace(STAND_INS, "|");
    if (t.info.includes(STAND_IN)) t.info = t.info.replace(STAND_INS, "|");
  }
}

/** The alignment of each cell of a delimiter row (`|:--|--:|`: left, right), or null for another line. */
export function delimiterAligns(line: string): string[] | null {
  const cells = line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|");
  if (!cells.every((c) => /^\s*:?-+:?\s*$/.test(c))) return null;
  return cells.map((c) => {
    const t = c.trim();
    return t.endsWith(":") ? (t.startsWith(":") ? "center" : "right") : t.startsWith(":") ? "left" : "";
  });
}

/** The shortest delimiter cell of each alignment. */
const ALIGNED_CELL: Record<string, string> = { "": "-", left: ":-", right: "-:", center: ":-:" };

/** A row's cells as markdown-it's table rule splits them (`\|` is a pipe in the cell), outer pipes dropped. */
export function rowCells(line: string): string[] {
  const text = line.trim();
  const cells: string[] = [];
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && text[i + 1] === "|") {
      current += "|";
      i++;
    } else if (ch === "|") {
      cells.push(current);
      current = "";
    } else current += ch;
  }
  cells.push(current);
  if (cells.length > 1 && cells[0]!.trim() === "") cells.shift();
  if (cells.length > 1 && cells.at(-1)!.trim() === "") cells.pop();
  return cells;
}

/**
 * A table as wide as its widest row, as kramdown makes it: markdown-it keeps as many cells as
 * the header row has and drops the others of a longer row. The missing cells are added, empty in
 * the header and shorter rows, with their text in the longer ones.
 */
function widenTable(state: StateBlock, from: number): void {
  const tokens = state.tokens;
  const rows: { open: number; close: number; cells: string[] | null }[] = [];
  let inBody = false;
  for (let i = from; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "tbody_open") inBody = true;
    if (t.type !== "tr_open") continue;
    let close = i + 1;
    while (tokens[close]!.type !== "tr_close") close++;
    const line = t.map?.[0];
    const cells = inBody && line !== undefined ? rowCells(lineText(state, line)) : null;
    rows.push({ open: i, close, cells });
    i = close;
  }
  const count = (row: { open: number; close: number }) => (row.close - row.open - 1) / 3;
  const widest = rows.reduce((most, r) => Math.max(most, count(r), r.cells?.length ?? 0), 0);
  if (rows.every((r) => count(r) >= widest)) return;
  // The alignment the delimiter row gives a column the header row does not have.
  const first = tokens[from]!.map?.[0];
  const aligns = (first === undefined ? null : delimiterAligns(lineText(state, first + 1))) ?? [];
  // The table's tokens again, in one pass, with the cells each row lacks before its tr_close.
  const table = tokens.splice(from);
  let next = 0;
  for (const row of rows) {
    const at = row.close - from;
    while (next < at) tokens.push(table[next++]!);
    const cell = table[row.open - from + 1]!;
    for (let k = count(row); k < widest; k++) {
      const open = new state.Token(`${cell.tag}_open`, cell.tag, 1);
      open.level = cell.level;
      if (aligns[k]) open.attrs = [["style", `text-align:${aligns[k]}`]];
      const inline = new state.Token("inline", "", 0);
      inline.content = (row.cells?.[k] ?? "").trim();
      inline.children = [];
      inline.level = cell.level + 1;
      inline.map = table[row.open - from]!.map;
      const close = new state.Token(`${cell.tag}_close`, cell.tag, -1);
      close.level = cell.level;
      tokens.push(open, inline, close);
    }
  }
  while (next < table.length) tokens.push(table[next++]!);
}

/**
 * Whether the rows below a table's delimiter row end where kramdown lets a table end: at a
 * blank line, the end of the block, or an IAL line. kramdown reads a table's rows as long as
 * they hold a `|` and takes the whole for a paragraph when a line without one follows
 * (`| 1 | 2 |` then `after`), where markdown-it made that line a row.
 */
function endsAtBoundary(state: StateBlock, startLine: number, endLine: number): boolean {
  // Only a table's rows are looked at: the line below must be a delimiter row.
  if (startLine + 1 >= endLine || delimiterAligns(lineText(state, startLine + 1)) === null) return true;
  for (let line = startLine + 2; line < endLine; line++) {
    if (state.sCount[line]! < state.blkIndent) return true;
    const text = lineText(state, line).trim();
    if (text === "") return true;
    if (!/(?:^|[^\\])\|/.test(text)) return /^\{:[^}]*\}$/.test(text);
  }
  return true;
}

/** How many characters of source each render may copy to give a table its delimiter row. */
const COPY_BUDGET = 50_000_000;
const copied = new WeakMap<object, number>();

/**
 * A delimiter row with as many cells as the header row (the first ones keeping their
 * alignment), written in the row's own length; null if it does not fit or the row is not one.
 */
export function delimiterFor(header: string, delimiter: string): string | null {
  const aligns = delimiterAligns(delimiter);
  if (aligns === null) return null;
  const count = rowCells(header).length;
  if (!header.includes("|") || count === aligns.length) return null;
  const row = Array.from({ length: count }, (_, i) => ALIGNED_CELL[aligns[i] ?? ""]).join("|");
  // With its outer pipes when they fit: markdown-it reads `- ` at a line's start as a list.
  const piped = `|${row}|`;
  if (piped.length <= delimiter.length) return piped.padEnd(delimiter.length, " ");
  return row.length <= delimiter.length && !/^-\s*$/.test(row) ? row.padEnd(delimiter.length, " ") : null;
}

/**
 * kramdown makes a table of a header row and a delimiter row with another number of cells
 * (`a | b | c` over `---|---`); markdown-it's rule does not. Runs `rule` with the delimiter row
 * rewritten to the header's cells, in its own length, so that every position of the source
 * stays (the source is copied for it, within a budget per render).
 */
function withDelimiterRow(state: StateBlock, startLine: number, rule: () => boolean): boolean {
  const line = startLine + 1;
  if (line >= state.lineMax || state.sCount[line]! - state.blkIndent >= 4) return false;
  const src = state.src;
  const begin = state.bMarks[line]! + state.tShift[line]!;
  const end = state.eMarks[line]!;
  const row = delimiterFor(lineText(state, startLine), src.slice(begin, end));
  const spent = copied.get(state.env as object) ?? 0;
  if (row === null || spent + src.length > COPY_BUDGET) return false;
  copied.set(state.env as object, spent + src.length);
  state.src = src.slice(0, begin) + row + src.slice(end);
  try {
    return rule();
  } finally {
    state.src = src;
  }
}

/** A line that could be a row for kramdown: a `|` that is not escaped nor inside code. */
const hasRowPipe = (text: string): boolean => text.includes("|") && /(?:^|[^\\])\|/.test(protectCodePipes(text));

/**
 * Whether the line holds a `|` at all (asked of the source, before any of the line's text is
 * made; within the line only: a search to the end of the source, on every line of a post of
 * 50,000 lines without a `|`, made the build quadratic: 15.9 s instead of 1.5 s).
 */
const lineHasPipe = (state: StateBlock, line: number): boolean => state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]!).includes("|");

/** A table's separator line for kramdown (`|---|:-:|`, `+---+`), or its footer's (`|===|`). */
const isSeparator = (text: string): boolean => /^[+|: \t-]*-[+|: \t-]*$/.test(text.trim()) || /^[+|: \t=]*=[+|: \t=]*$/.test(text.trim());

/**
 * kramdown's table without a separator line: at a block boundary, lines that each hold a `|`
 * (not escaped, not in code) up to a blank line, an IAL line or the end of their container
 * are the rows of a table with a body only (`ps aux | grep nginx` alone is a table of two
 * cells), as wide as its widest row. markdown-it's rule needs a delimiter row under the first.
 * Tables with a separator line somewhere else are left to that rule.
 */
function headerlessTable(state: StateBlock, startLine: number, endLine: number): boolean {
  if (!lineHasPipe(state, startLine)) return false;
  if (state.sCount[startLine]! - state.blkIndent >= 4 || !atBlockBoundary(state, startLine)) return false;
  // Math (`$$ a | b $$`) is read before tables too; it is made of a paragraph (math.ts).
  if (lineText(state, startLine).startsWith("$$")) return false;
  const rows: string[][] = [];
  let line = startLine;
  for (; line < endLine && state.sCount[line]! >= state.blkIndent; line++) {
    const text = lineText(state, line);
    if (text.trim() === "" || !hasRowPipe(text)) break;
    if (isSeparator(text)) return false;
    rows.push(rowCells(text));
  }
  if (rows.length === 0) return false;
  const after = line < endLine && state.sCount[line]! >= state.blkIndent ? lineText(state, line).trim() : "";
  if (after !== "" && !/^\{:[^}]*\}$/.test(after)) return false;
  const columns = Math.max(...rows.map((r) => r.length));
  state.push("table_open", "table", 1).map = [startLine, line];
  state.push("tbody_open", "tbody", 1).map = [startLine, line];
  rows.forEach((cells, i) => {
    state.push("tr_open", "tr", 1).map = [startLine + i, startLine + i + 1];
    for (let c = 0; c < columns; c++) {
      state.push("td_open", "td", 1);
      const inline = state.push("inline", "", 0);
      inline.content = (cells[c] ?? "").trim();
      inline.map = [startLine + i, startLine + i + 1];
      inline.children = [];
      state.push("td_close", "td", -1);
    }
    state.push("tr_close", "tr", -1);
  });
  state.push("tbody_close", "tbody", -1);
  state.push("table_close", "table", -1);
  state.line = line;
  return true;
}

export function tablesPlugin(md: MarkdownIt): void {
  wrapBlockRule(
    md,
    "table",
    (table) => (state, startLine, endLine, silent) => {
      // A header row holds a `|` (markdown-it's rule asks the same, and so does the rewrite of the delimiter row).
      if (!lineHasPipe(state, startLine)) return false;
      const from = state.tokens.length;
      if (!endsAtBoundary(state, startLine, endLine)) return false;
      // `a | b` over `---`: a setext header for kramdown, which reads those before tables.
      if (startLine + 1 < endLine && /^[-=]+[ \t]*$/.test(lineText(state, startLine + 1))) return false;
      if (!table(state, startLine, endLine, silent) && !withDelimiterRow(state, startLine, () => table(state, startLine, endLine, silent))) return false;
      if (silent) return true;
      widenTable(state, from);
      // Cells aligned as kramdown writes them: `text-align: left`, not `text-align:left`.
      for (let i = from; i < state.tokens.length; i++) {
        const t = state.tokens[i]!;
        const style = t.type === "th_open" || t.type === "td_open" ? t.attrGet("style") : null;
        if (typeof style === "string") t.attrSet("style", style.replace(/^text-align:(?=\S)/, "text-align: "));
      }
      return true;
    },
    // Not after a paragraph's line: kramdown starts a table only after a blank line.
    ["reference"],
  );
  // After every other block rule (kramdown reads quotes, lists, headers, HTML and math first).
  md.block.ruler.before("paragraph", "kramdown_headerless_table", (state, startLine, endLine, silent) => !silent && headerlessTable(state, startLine, endLine));
  md.core.ruler.before("block", "kramdown_table_pipes", protectRule);
  md.core.ruler.after("block", "kramdown_table_pipes_back", restoreRule);
}
