/**
 * kramdown inline attribute lists (IAL): `{: key="value" .class #id}`.
 *
 * - After an image or a link on the same line, the attributes go on that `<img>`/`<a>`.
 * - On a line of its own right after a block (or as the lazy last line of a
 *   paragraph), they go on that block.
 * - At the end of a heading line, `{#id}` / `{:.no_toc}` go on the heading.
 *
 * The IAL text itself never reaches the output (outside code, which markdown-it
 * parses before this rule can see it).
 */
import type { MarkdownIt, StateCore, StateInline, Token } from "markdown-it";
import { closeIndex } from "./tokens.ts";
import { isAllowedAttribute } from "./policy.ts";

export interface Ial {
  /** `key="value"` pairs, `#id` as `id`, in source order. */
  attrs: [string, string][];
  /** `.class` names. */
  classes: string[];
  /** Bare words, such as `toc` in `{:toc}` (kramdown's reference names). */
  refs: string[];
}

const ATTR_PART = /\s*(?:([A-Za-z_:][-\w:.]*)\s*=\s*(?:"((?:\\.|[^"\\])*)"|'((?:\\.|[^'\\])*)')|#([^\s#.}]+)|\.([^\s#.}]+)|([A-Za-z_][-\w]*))\s*/y;

/**
 * Parses the inside of an IAL (`key="v" .cls #id ref`). Returns null when the
 * text is not a well-formed attribute list, so that `{: not really}` in prose is
 * left alone as text.
 */
export function parseIal(body: string): Ial | null {
  const ial: Ial = { attrs: [], classes: [], refs: [] };
  ATTR_PART.lastIndex = 0;
  let pos = 0;
  const text = body.trim();
  while (pos < text.length) {
    ATTR_PART.lastIndex = pos;
    const m = ATTR_PART.exec(text);
    if (!m || m[0].length === 0) return null;
    pos = ATTR_PART.lastIndex;
    if (m[1] !== undefined) {
      const value = (m[2] ?? m[3] ?? "").replace(/\\(.)/g, "$1");
      ial.attrs.push([m[1], value]);
    } else if (m[4] !== undefined) ial.attrs.push(["id", m[4]]);
    else if (m[5] !== undefined) ial.classes.push(m[5]);
    else if (m[6] !== undefined) ial.refs.push(m[6]);
  }
  return ial;
}

/** Applies an IAL to a token's attributes (classes are appended, others set). */
export function applyIal(token: Token, ial: Ial): void {
  for (const [name, value] of ial.attrs) {
    // The same policy as raw HTML: no event handlers, no script URLs.
    if (!isAllowedAttribute(token.tag.toLowerCase(), name.toLowerCase(), value)) continue;
    token.attrSet(name, value);
  }
  for (const cls of ial.classes) token.attrJoin("class", cls);
  if (ial.refs.length > 0) {
    token.meta = { ...(token.meta ?? {}), ialRefs: [...((token.meta?.ialRefs as string[]) ?? []), ...ial.refs] };
  }
}

/**
 * What the inline rule has found out about one inline text: the next `}` and line end
 * seen from a position, where the blanks before a `}` begin, and where the text's
 * trailing blanks begin. A `{` is tried at every position, and a line of `{:{:{:…` would
 * otherwise be scanned to its end from each one (quadratic: seconds for 40 KB).
 */
interface Scan {
  next: Record<"}" | "\n", { from: number; at: number }>;
  blanksBefore: Map<number, number>;
  blankFrom: Map<number, number>;
}
const scans = new WeakMap<StateInline, Scan>();
const SPACE = /\s/;
const SPACES = /\s*/y;

/** The first `char` at or after `pos` in the inline text, or -1. */
function nextIndex(src: string, scan: Scan, char: "}" | "\n", pos: number): number {
  const seen = scan.next[char];
  if (pos >= seen.from && (seen.at < 0 || pos <= seen.at)) return seen.at;
  const at = src.indexOf(char, pos);
  scan.next[char] = { from: pos, at };
  return at;
}

/**
 * An IAL at `pos`: `{:` attributes `}`, or `{#id}` / `{.cls}` (`braceOnly`). Its text
 * ends at the first `}`, and blanks around the attributes may span lines; the
 * attributes themselves may not.
 */
function ialAt(src: string, scan: Scan, pos: number, posMax: number): { ial: Ial; length: number; braceOnly: boolean } | null {
  const colon = src.charCodeAt(pos + 1) === 0x3a; /* : */
  if (!colon && !/[#.]/.test(src.charAt(pos + 1))) return null;
  const close = nextIndex(src, scan, "}", pos);
  if (close < 0 || close >= posMax) return null;
  let start = pos + 1;
  if (colon) {
    SPACES.lastIndex = pos + 2;
    SPACES.exec(src);
    start = Math.min(SPACES.lastIndex, close);
  }
  let end = scan.blanksBefore.get(close);
  if (end === undefined) {
    end = close;
    while (end > 0 && SPACE.test(src.charAt(end - 1))) end--;
    scan.blanksBefore.set(close, end);
  }
  end = Math.max(end, start);
  const newline = nextIndex(src, scan, "\n", start);
  if (newline >= 0 && newline < end) return null;
  const ial = parseIal(src.slice(start, end));
  return ial ? { ial, length: close + 1 - pos, braceOnly: !colon } : null;
}

function ialInlineRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
  let scan = scans.get(state);
  if (!scan) {
    const unknown = { from: Infinity, at: -1 };
    scans.set(state, (scan = { next: { "}": unknown, "\n": unknown }, blanksBefore: new Map(), blankFrom: new Map() }));
  }
  const found = ialAt(state.src, scan, state.pos, state.posMax);
  if (!found) return false;
  if (found.braceOnly) {
    // `{#id}` / `{.cls}` are kramdown syntax only at the end of a heading line.
    let blankFrom = scan.blankFrom.get(state.posMax);
    if (blankFrom === undefined) scan.blankFrom.set(state.posMax, (blankFrom = state.src.slice(0, state.posMax).trimEnd().length));
    if (state.pos + found.length < blankFrom) return false;
  }
  if (!silent) {
    const token = state.push("kramdown_ial", "", 0);
    token.meta = { ial: found.ial, braceOnly: found.braceOnly };
    token.content = state.src.slice(state.pos, state.pos + found.length);
  }
  state.pos += found.length;
  return true;
}

const isIal = (t: Token | undefined): boolean => t?.type === "kramdown_ial";
const isBlank = (t: Token | undefined): boolean => t?.type === "text" && t.content.trim() === "";
const isBreak = (t: Token | undefined): boolean => t?.type === "softbreak" || t?.type === "hardbreak";

/** Index of the opening token of the block that ends at `closeIndex`. */
function openerOf(tokens: Token[], closeIndex: number): number {
  const close = tokens[closeIndex];
  if (!close) return -1;
  if (close.nesting === 0) return closeIndex; // fence, code_block, hr, html_block
  let depth = 0;
  for (let i = closeIndex; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.level === close.level) {
      if (t.nesting === -1) depth++;
      if (t.nesting === 1 && --depth === 0) return i;
    }
  }
  return -1;
}

/** Span elements an IAL right after them applies to: closing token type → opening token type. */
const SPAN_OPENERS: Record<string, string> = { link_close: "link_open", strong_close: "strong_open", em_close: "em_open", s_close: "s_open" };

/** The block an IAL paragraph at `paragraphOpen` applies to: the block right above it, else the next one. */
function ialTarget(tokens: Token[], paragraphOpen: number, lines: readonly string[]): number {
  const own = tokens[paragraphOpen]!;
  const previous = openerOf(tokens, paragraphOpen - 1);
  const line = own.map?.[0] ?? 0;
  // A quote marker alone (`>`) is a blank line inside the quote.
  const rightUnder = line > 0 && (lines[line - 1] ?? "").replace(/^[\s>]*/, "") !== "";
  if (previous >= 0 && tokens[previous]!.level === own.level && rightUnder) return previous;
  // Separated by a blank line (or first): kramdown gives it to the block that follows.
  const next = tokens[paragraphOpen + 3];
  return next && next.nesting !== -1 && next.level === own.level ? paragraphOpen + 3 : -1;
}

/** `| a |` … then `{: .cls}`: markdown-it reads the IAL line as a last row of one cell. */
function tableIal(tokens: Token[], inlineIndex: number, ials: Ial[]): boolean {
  const tdOpen = tokens[inlineIndex - 1];
  const trOpen = tokens[inlineIndex - 2];
  if (tdOpen?.type !== "td_open" || trOpen?.type !== "tr_open") return false;
  const trClose = closeIndex(tokens, inlineIndex - 2);
  const rowInlines = tokens.slice(inlineIndex + 1, trClose).filter((t) => t.type === "inline");
  if (rowInlines.some((t) => t.content.trim() !== "") || tokens[trClose + 1]?.type !== "tbody_close") return false;
  let tableOpen = inlineIndex;
  while (tableOpen >= 0 && tokens[tableOpen]!.type !== "table_open") tableOpen--;
  if (tableOpen < 0) return false;
  for (const ial of ials) applyIal(tokens[tableOpen]!, ial);
  // Drop the row, and the body if it was its only row.
  const onlyRow = tokens[inlineIndex - 3]?.type === "tbody_open";
  tokens.splice(onlyRow ? inlineIndex - 3 : inlineIndex - 2, trClose - (inlineIndex - 2) + 1 + (onlyRow ? 2 : 0));
  return true;
}

/**
 * A lazy IAL line at the end of a list or block quote applies to that container:
 * kramdown ends the container at the IAL line. From the paragraph at `paragraphOpen`,
 * climbs while the block is the last one of its container; -1 when it is in none.
 */
function containerOf(tokens: readonly Token[], paragraphOpen: number): number {
  let block = paragraphOpen;
  let target = -1;
  for (;;) {
    const close = closeIndex(tokens, block);
    const parentClose = tokens[close + 1];
    if (!parentClose || parentClose.nesting !== -1) return target;
    let parent = block - 1;
    while (parent >= 0 && !(tokens[parent]!.nesting === 1 && tokens[parent]!.level === parentClose.level)) parent--;
    if (parent < 0) return target;
    const type = tokens[parent]!.type;
    if (type === "blockquote_open" || /_list_open$/.test(type)) target = parent;
    else if (type !== "list_item_open") return target;
    block = parent;
  }
}

function applyIalRule(state: StateCore): void {
  const tokens = state.tokens;
  const lines = state.src.split("\n");
  for (let i = 0; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== "inline" || !inline.children) continue;
    const children = inline.children;
    const blockOpen = tokens[i - 1];

    // A paragraph (or table cell) made only of IALs applies them to a block.
    const meaningful = children.filter((c) => !isBlank(c) && !isBreak(c));
    if (!meaningful.some((c) => c.meta?.braceOnly) && meaningful.length > 0 && meaningful.every(isIal)) {
      const ials = meaningful.map((c) => c.meta!.ial as Ial);
      if (blockOpen?.type === "paragraph_open") {
        const target = ialTarget(tokens, i - 1, lines);
        for (const ial of target >= 0 ? ials : []) applyIal(tokens[target]!, ial);
        // Drop paragraph_open, inline and paragraph_close; an IAL with nothing to apply to is dropped too.
        tokens.splice(i - 1, 3);
        i -= 2;
        continue;
      }
      if (tableIal(tokens, i, ials)) {
        i -= 3;
        continue;
      }
    }

    for (let j = 0; j < children.length; j++) {
      const child = children[j]!;
      if (!isIal(child)) continue;
      if (child.meta?.braceOnly && blockOpen?.type !== "heading_open") {
        child.type = "text";
        continue;
      }
      const ial = child.meta!.ial as Ial;
      // markdown-it leaves an empty text token where a `**` delimiter was.
      let before = j - 1;
      while (before >= 0 && children[before]!.type === "text" && children[before]!.content === "") before--;
      const prev = children[before];
      const opener = prev ? SPAN_OPENERS[prev.type] : undefined;
      if (prev?.type === "image" || prev?.type === "code_inline") {
        applyIal(prev, ial);
      } else if (opener) {
        for (let k = before; k >= 0; k--) {
          if (children[k]!.type === opener && children[k]!.level === prev!.level) {
            applyIal(children[k]!, ial);
            break;
          }
        }
      } else if (blockOpen && (isBreak(prev) || blockOpen.type === "heading_open") && children.slice(j + 1).every(isBlank)) {
        // The lazy last line of a paragraph (at the end of a list or quote: that container), or the end of a heading line.
        const container = isBreak(prev) && blockOpen.type === "paragraph_open" ? containerOf(tokens, i - 1) : -1;
        applyIal(container >= 0 ? tokens[container]! : blockOpen, ial);
        if (isBreak(prev)) {
          children.splice(j - 1, 1);
          j--;
        }
      } else {
        // After plain text an IAL has nothing to attach to: kramdown prints it as text.
        child.type = "text";
        continue;
      }
      children.splice(j, 1);
      j--;
    }
    // Trailing spaces left before a removed heading IAL.
    const last = children[children.length - 1];
    if (last?.type === "text" && blockOpen?.type === "heading_open") last.content = last.content.replace(/[ \t]+$/, "");
  }
}

/**
 * markdown-it plugin: kramdown IALs. Registers the inline rule and the core rule
 * `kramdown_ial` (which runs right after inline parsing).
 */
export function ialPlugin(md: MarkdownIt): void {
  md.inline.ruler.push("kramdown_ial", ialInlineRule);
  md.core.ruler.after("inline", "kramdown_ial", applyIalRule);
  md.renderer.rules.kramdown_ial = () => "";
}
