/**
 * Heading ids as kramdown assigns them, recorded on each `heading_open` token's
 * `meta.heading` so that the TOC, the plan model and layouts read them from the
 * same tokens the page is rendered from.
 */
import type { MarkdownIt, StateBlock, StateCore, Token } from "markdown-it";
import { atBlockBoundary, lineText, wrapBlockRule } from "./tokens.ts";
import { gfmHeadingId, IdCounter, stripTypographicDashes } from "./slug.ts";
import { inlineText } from "./text.ts";

/** What the heading rule records about a heading. */
export interface HeadingInfo {
  /** 1 for `#`, 2 for `##` … */
  level: number;
  /** The anchor id, e.g. `1-当前工作`. */
  id: string;
  /** Plain text, e.g. `1. 当前工作`. */
  text: string;
  /** Marked `{:.no_toc}`: gets an id but no TOC entry. */
  noToc: boolean;
  /** 0-based source line of the heading (body-relative). */
  line: number;
}

function headingIdRule(state: StateCore, autoIds: boolean): void {
  const counter = new IdCounter();
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i]!;
    if (open.type !== "heading_open") continue;
    const children = tokens[i + 1]?.children ?? [];
    const text = inlineText(children).trim();
    const explicit = open.attrGet("id")?.toString() ?? null;
    // Without auto ids (kramdown's `auto_ids: false`) only `{#id}` gives a heading an id.
    const id = explicit ?? (autoIds ? counter.next(gfmHeadingId(inlineText(children, { transform: stripTypographicDashes }))) : "");
    if (id) open.attrSet("id", id);
    const classes = String(open.attrGet("class") ?? "").split(/\s+/);
    const heading: HeadingInfo = {
      level: Number(open.tag.slice(1)),
      id,
      text,
      noToc: classes.includes("no_toc"),
      line: open.map?.[0] ?? 0,
    };
    open.meta = { ...(open.meta ?? {}), heading };
  }
}

/** The headings of a parsed document, in order. */
export function headingsOf(tokens: readonly Token[]): HeadingInfo[] {
  const out: HeadingInfo[] = [];
  for (const t of tokens) if (t.type === "heading_open" && t.meta?.heading) out.push(t.meta.heading as HeadingInfo);
  return out;
}

/**
 * kramdown's setext header: a line of text right at a block boundary (the start of the post or
 * of its container, or after a blank line), underlined on the very next line, at the line's
 * start, by `=` or `-` (mixed, the first deciding the level). A paragraph of several lines above
 * `---`, or one right under another block, is no header: the line is text (`—`).
 */
function setextHeading(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const next = startLine + 1;
  if (silent || next >= endLine || state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (!atBlockBoundary(state, startLine) || state.sCount[next] !== state.blkIndent) return false;
  const underline = lineText(state, next);
  const m = /^([-=])[-=]*[ \t\r\f\v]*$/.exec(underline);
  const text = lineText(state, startLine).trim();
  if (!m || !text) return false;
  const level = m[1] === "=" ? 1 : 2;
  state.line = next + 1;
  const open = state.push("heading_open", `h${level}`, 1);
  open.markup = m[1]!;
  open.map = [startLine, state.line];
  const inline = state.push("inline", "", 0);
  inline.content = text;
  inline.map = [startLine, next];
  inline.children = [];
  state.push("heading_close", `h${level}`, -1).markup = m[1]!;
  return true;
}

/** markdown-it plugin: kramdown's headers, and GFM heading ids (core rule `kramdown_heading_ids`). */
export function headingIdsPlugin(md: MarkdownIt, autoIds = true): void {
  md.block.ruler.at("lheading", setextHeading);
  // kramdown's GFM headers start at the block's first column (`^#{1,6}[\t ]+`): ` # x`,
  // indented by a space, is text of a paragraph, and does not end one.
  wrapBlockRule(
    md,
    "heading",
    (heading) => (state, startLine, endLine, silent) => state.sCount[startLine] === state.blkIndent && heading(state, startLine, endLine, silent),
  );
  md.core.ruler.after("kramdown_ial", "kramdown_heading_ids", (state) => headingIdRule(state, autoIds));
}
