/**
 * Emphasis where kramdown finds it, not where CommonMark's flanking rules do
 * (`parser/kramdown/emphasis.rb`):
 * - `*` opens emphasis before any character but white space, and closes it after any
 *   character but white space (`void*，…void*` is emphasis in kramdown);
 * - `_` does not open after a letter (or a letter and `-`), nor close before a letter or digit;
 * - emphasis opened by one `*` or `_` does not close at a run of exactly two (`_FILE__`).
 * markdown-it's own rules tokenize and pair the markers; these adjust what each marker may do
 * before the pairing and undo the pairs kramdown would not make after it.
 */
import type { MarkdownIt, StateInline } from "markdown-it";
import { ruleFunction } from "./tokens.ts";

interface Delimiter {
  marker: number;
  length: number;
  end: number;
  open: boolean;
  close: boolean;
}

const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const SPACE = /\s/u;
const ALPHA = /\p{Alphabetic}/u;
const ALNUM = /[\p{Alphabetic}\p{Nd}]/u;

/** The character before `pos` (a whole code point), or "" at the start. */
function charBefore(src: string, pos: number): string {
  if (pos <= 0) return "";
  const code = src.codePointAt(pos - 1)!;
  if (code >= 0xdc00 && code <= 0xdfff && pos >= 2) return String.fromCodePoint(src.codePointAt(pos - 2)!);
  return String.fromCodePoint(code);
}

function adjust(state: StateInline, start: number, first: number): void {
  const src = state.src;
  let end = start;
  while (end < state.posMax && src.charCodeAt(end) === src.charCodeAt(start)) end++;
  const before = charBefore(src, start);
  const after = end < state.posMax ? String.fromCodePoint(src.codePointAt(end)!) : "";
  const marker = src.charCodeAt(start);
  let open = after !== "" && !SPACE.test(after);
  let close = before !== "" && !SPACE.test(before);
  if (marker === UNDERSCORE) {
    const letterBefore = ALPHA.test(before) || (before === "-" && ALPHA.test(charBefore(src, start - 1)));
    open &&= !letterBefore;
    close &&= !ALNUM.test(after);
  }
  for (let i = first; i < state.delimiters.length; i++) {
    const d = state.delimiters[i] as Delimiter;
    d.open = open;
    d.close = close;
  }
}

/** Undoes the pairs of one opening marker and a closing run of exactly two. */
function unpair(delimiters: Delimiter[]): void {
  for (const opener of delimiters) {
    if (opener.end < 0 || (opener.marker !== STAR && opener.marker !== UNDERSCORE)) continue;
    const closer = delimiters[opener.end]!;
    if (opener.length === 1 && closer.length === 2) opener.end = -1;
  }
}

export function emphasisPlugin(md: MarkdownIt): void {
  const tokenize = ruleFunction<(state: StateInline, silent: boolean) => boolean>(md.inline.ruler, "emphasis");
  md.inline.ruler.at("emphasis", (state, silent) => {
    const start = state.pos;
    const first = state.delimiters.length;
    if (!tokenize(state, silent)) return false;
    adjust(state, start, first);
    return true;
  });
  md.inline.ruler2.after("balance_pairs", "kramdown_emphasis_pairs", (state) => {
    unpair(state.delimiters as unknown as Delimiter[]);
    for (const meta of state.tokens_meta) if (meta?.delimiters) unpair(meta.delimiters as unknown as Delimiter[]);
    return true;
  });
}
