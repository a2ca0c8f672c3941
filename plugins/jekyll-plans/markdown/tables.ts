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
import type { MarkdownIt, StateCore } from "markdown-it";

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

export function tablesPlugin(md: MarkdownIt): void {
  md.core.ruler.before("block", "kramdown_table_pipes", protectRule);
  md.core.ruler.after("block", "kramdown_table_pipes_back", restoreRule);
}
