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
import { isAllowedAttribute } from "./policy.ts";

export interface Ial {
  /** `key="value"` pairs, `#id` as `id`, in source order. */
  attrs: [string, string][];
  /** `.class` names. */
  classes: string[];
  /** Bare words, such as `toc` in `{:toc}` (kramdown's reference names). */
  refs: string[];
}

const IAL_SOURCE = /^\{:\s*([^}\n]*?)\s*\}|^\{([#.][^}\n]*?)\s*\}/;
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

/** Matches an IAL at the start of `text`; `braceOnly` allows `{#id}` / `{.cls}` without a colon. */
export function matchIal(text: string, braceOnly = false): { ial: Ial; length: number } | null {
  const m = IAL_SOURCE.exec(text);
  if (!m) return null;
  if (m[2] !== undefined && !braceOnly) return null;
  const ial = parseIal(m[1] ?? m[2] ?? "");
  return ial ? { ial, length: m[0].length } : null;
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

function ialInlineRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b /* { */) return false;
  const rest = state.src.slice(state.pos, state.posMax);
  let found = matchIal(rest);
  let braceOnly = false;
  if (!found) {
    // `{#id}` / `{.cls}` are kramdown syntax only at the end of a heading line.
    found = matchIal(rest, true);
    if (!found || rest.slice(found.length).trim() !== "") return false;
    braceOnly = true;
  }
  if (!silent) {
    const token = state.push("kramdown_ial", "", 0);
    token.meta = { ial: found.ial, braceOnly };
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

function applyIalRule(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const inline = tokens[i]!;
    if (inline.type !== "inline" || !inline.children) continue;
    const children = inline.children;
    const blockOpen = tokens[i - 1];

    // A paragraph made only of IALs applies them to the block before it.
    const meaningful = children.filter((c) => !isBlank(c) && !isBreak(c));
    if (
      !meaningful.some((c) => c.meta?.braceOnly) &&
      blockOpen?.type === "paragraph_open" &&
      meaningful.length > 0 &&
      meaningful.every(isIal)
    ) {
      const target = openerOf(tokens, i - 2);
      if (target >= 0) {
        for (const c of meaningful) applyIal(tokens[target]!, c.meta!.ial as Ial);
        // Drop paragraph_open, inline and paragraph_close.
        tokens.splice(i - 1, 3);
        i -= 2;
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
      const prev = children[j - 1];
      if (prev?.type === "image") {
        applyIal(prev, ial);
      } else if (prev?.type === "link_close") {
        for (let k = j - 1; k >= 0; k--) {
          if (children[k]!.type === "link_open" && children[k]!.level === prev.level) {
            applyIal(children[k]!, ial);
            break;
          }
        }
      } else if (blockOpen && (isBreak(prev) || blockOpen.type === "heading_open") && children.slice(j + 1).every(isBlank)) {
        // The lazy last line of a paragraph, or the end of a heading line.
        applyIal(blockOpen, ial);
        if (isBreak(prev)) {
          children.splice(j - 1, 1);
          j--;
        }
      }
      // Anything else (an IAL after plain text) has no element to attach to;
      // kramdown drops it, and so do we.
      children.splice(j, 1);
      j--;
    }
    // Trailing spaces left before a removed heading IAL.
    const last = children[children.length - 1];
    if (last?.type === "text") last.content = last.content.replace(/[ \t]+$/, "");
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

