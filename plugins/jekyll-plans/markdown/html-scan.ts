/**
 * kramdown's reading of HTML (its `parser/html.rb`), shared by block and span HTML: tags as its
 * regular expressions match them, elements matched by name, text that starts no tag escaped,
 * and tags written again as kramdown writes them (attributes quoted, `<br />`).
 */

// kramdown's HTML_SPAN_ELEMENTS: at the start of a line they begin a paragraph.
export const SPAN_ELEMENTS = new Set(
  "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u var".split(
    " ",
  ),
);
// HTML_BLOCK_ELEMENTS: inside a paragraph their tags are text.
export const BLOCK_ELEMENTS = new Set(
  "address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th thead tfoot tr ul".split(
    " ",
  ),
);
// HTML_CONTENT_MODEL_SPAN: inside a paragraph, their content is markdown; any other element's
// content is text as written (`<font>**a**</font>` keeps its asterisks).
export const SPAN_CONTENT = new Set(
  "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt".split(
    " ",
  ),
);
// HTML_ELEMENTS_WITHOUT_BODY: closed by their start tag.
export const VOID_ELEMENTS = new Set("area base br col command embed hr img input keygen link meta param source track wbr".split(" "));
// The names kramdown knows as HTML (compared in lower case); other names keep their case.
const KNOWN_ELEMENTS = new Set([
  ...SPAN_ELEMENTS,
  ...BLOCK_ELEMENTS,
  ...VOID_ELEMENTS,
  ..."details figure noscript object script style math option textarea pre code kbd samp var".split(" "),
]);

// REXML's name (kramdown's UNAME_STR): letters (Ruby's [:alpha:]) or `_`, then letters,
// digits, `-`, `.`, `_`; an optional `prefix:`.
const NCNAME = String.raw`[\p{L}\p{M}_][-\p{L}\p{M}\p{Nd}._]*`;
export const NAME = new RegExp(`(?:${NCNAME}:)?${NCNAME}`, "uy");
// Ruby's \p{Word}: an unquoted attribute value.
const WORD = /[\p{L}\p{M}\p{Nd}\p{Pc}]+/uy;
const COMMENT_OPEN = "<!--";
// Where parse_raw_html looks next: a `<` before a name, `/`, `!--` or `?`.
const RAW_START = /<(?=[\p{L}\p{M}_/?]|!--)/gu;
const CLOSE_TAG = new RegExp(String.raw`<\/(${NAME.source})[ \t\n\v\f\r]*>`, "uy");

const isSpace = (c: string | undefined): boolean => c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v";

/**
 * Finds the next `needle` at or after `from`, remembering the last answer: a scan asks with
 * growing positions, so a text full of unclosed quotes or comments is read once, not once per
 * opening.
 */
class NextOf {
  private at = -2;
  private from = 0;
  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}
  find(from: number): number {
    if (this.at === -1 && from >= this.from) return -1;
    if (this.at >= from && from >= this.from) return this.at;
    this.from = from;
    this.at = this.text.indexOf(this.needle, from);
    return this.at;
  }
}

/** A text being read, with its memory of where quotes and comments end. */
export interface Scanner {
  text: string;
  quotes: Record<string, NextOf>;
  commentEnd: NextOf;
  piEnd: NextOf;
}

export function scanner(text: string): Scanner {
  return { text, quotes: { '"': new NextOf(text, '"'), "'": new NextOf(text, "'") }, commentEnd: new NextOf(text, "-->"), piEnd: new NextOf(text, "?>") };
}

let last: Scanner | undefined;
/** The scanner of `text`, kept while the same text is read (a post, block after block). */
export function scannerOf(text: string): Scanner {
  if (last?.text !== text) last = scanner(text);
  return last;
}

export interface StartTag {
  end: number;
  /** In lower case when kramdown knows it as HTML. */
  name: string;
  /** Name → value, the last of a repeated name winning, as kramdown keeps them. */
  attributes: Map<string, string>;
  /** `<x … />` */
  selfClosed: boolean;
}

function nameAt(text: string, pos: number): string | null {
  NAME.lastIndex = pos;
  return NAME.exec(text)?.[0] ?? null;
}

/**
 * kramdown's HTML_TAG_RE at `pos`: `<name`, attributes (`name`, `name=word`, `name="…"`,
 * `name='…'`, each after white space), white space, an optional `/`, `>`. Each attribute is
 * taken whole as the regular expression's atomic group takes it.
 */
export function startTagAt(s: Scanner, pos: number, limit: number): StartTag | null {
  const text = s.text;
  if (text[pos] !== "<") return null;
  const rawName = nameAt(text, pos + 1);
  if (!rawName) return null;
  const known = KNOWN_ELEMENTS.has(rawName.toLowerCase());
  const attributes = new Map<string, string>();
  let p = pos + 1 + rawName.length;
  for (;;) {
    let q = p;
    while (q < limit && isSpace(text[q])) q++;
    if (q === p) break;
    const attr = nameAt(text, q);
    if (!attr) break;
    p = q + attr.length;
    let value = "";
    let r = p;
    while (r < limit && isSpace(text[r])) r++;
    if (text[r] === "=") {
      r++;
      while (r < limit && isSpace(text[r])) r++;
      const quote = text[r];
      if (quote === '"' || quote === "'") {
        const close = s.quotes[quote]!.find(r + 1);
        if (close >= 0 && close < limit) {
          value = text.slice(r + 1, close);
          p = close + 1;
        }
      } else {
        WORD.lastIndex = r;
        const word = WORD.exec(text);
        if (word && r + word[0].length <= limit) {
          value = word[0];
          p = r + word[0].length;
        }
      }
    }
    attributes.set(known ? attr.toLowerCase() : attr, value);
  }
  while (p < limit && isSpace(text[p])) p++;
  const selfClosed = text[p] === "/";
  if (selfClosed) p++;
  if (p >= limit || text[p] !== ">") return null;
  return { end: p + 1, name: known ? rawName.toLowerCase() : rawName, attributes, selfClosed };
}

export function closeTagAt(text: string, pos: number, limit: number): { end: number; name: string } | null {
  CLOSE_TAG.lastIndex = pos;
  const m = CLOSE_TAG.exec(text);
  if (!m || pos + m[0].length > limit) return null;
  return { end: pos + m[0].length, name: m[1]! };
}

/** `<!-- … -->` (and, with `instructions`, `<? … ?>`) at `pos`: where it ends, or -1. */
export function markupEnd(s: Scanner, pos: number, limit: number, instructions = true): number {
  if (s.text.startsWith(COMMENT_OPEN, pos)) {
    const end = s.commentEnd.find(pos + COMMENT_OPEN.length);
    if (end >= 0 && end + 3 <= limit) return end + 3;
  } else if (instructions && s.text.startsWith("<?", pos)) {
    const end = s.piEnd.find(pos + 2);
    if (end >= 0 && end + 2 <= limit) return end + 2;
  }
  return -1;
}

/** Text as kramdown writes it: `<`, `>` and a `&` that starts no character reference escaped. */
export const escapeText = (t: string): string =>
  t
    .replace(/&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#x[0-9A-Fa-f]+;)/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

const escapeAttribute = (v: string): string => escapeText(v).replace(/"/g, "&quot;");

/**
 * A start tag as kramdown writes it: its attributes double-quoted (in a paragraph, `span`, a
 * newline in a value a space), void and self-closed elements with ` />`. The `markdown`
 * attribute is kramdown's instruction and is never written.
 */
export function writeStartTag(tag: StartTag, span = false): string {
  let out = `<${tag.name}`;
  for (const [name, value] of tag.attributes) {
    if (name.toLowerCase() !== "markdown") out += ` ${name}="${escapeAttribute(span ? value.replace(/\n+/g, " ") : value)}"`;
  }
  return out + (tag.selfClosed || VOID_ELEMENTS.has(tag.name) ? " />" : ">");
}

/** The end tag of `name`: `</name …>` compared case-insensitively (script, style). */
function rawEnd(text: string, name: string, from: number, limit: number): { start: number; end: number } | null {
  const re = new RegExp(String.raw`<\/${name}[ \t\n\v\f\r]*>`, "gi");
  re.lastIndex = from;
  const m = re.exec(text);
  return m && m.index + m[0].length <= limit ? { start: m.index, end: m.index + m[0].length } : null;
}

export interface ElementScan {
  /** Where the element ends (after its end tag, or `limit` when it has none). */
  end: number;
  closed: boolean;
  /** The element as published. */
  html: string;
  /** Its text as written, tags left out (what kramdown makes ids of). */
  text: string;
}

/**
 * The element whose start tag `open` begins at `pos`, its content HTML up to its matching end
 * tag within `limit` (kramdown's parse_raw_html; with `span`, its span-level reading, where a
 * block element's tag is text). Nested elements are matched by name; `<script>` and `<style>`
 * hold text to their own end tag; a `<` that starts no tag, and an end tag that closes nothing
 * open, are text. Without an end tag, the element (and those open in it) is closed at `limit`.
 */
export function scanElement(s: Scanner, pos: number, open: StartTag, limit: number, span = false): ElementScan {
  const text = s.text;
  let html = writeStartTag(open, span);
  let plain = "";
  let p = open.end;
  if (open.selfClosed || VOID_ELEMENTS.has(open.name)) return { end: p, closed: true, html, text: plain };
  if (open.name === "script" || open.name === "style") {
    const end = rawEnd(text, open.name, p, limit);
    if (!end) return { end: limit, closed: false, html: html + text.slice(p, limit) + `</${open.name}>`, text: plain };
    return { end: end.end, closed: true, html: html + text.slice(p, end.start) + `</${open.name}>`, text: plain };
  }
  const stack = [open.name];
  while (p < limit) {
    RAW_START.lastIndex = p;
    const next = RAW_START.exec(text);
    const at = next && next.index < limit ? next.index : limit;
    html += escapeText(text.slice(p, at));
    plain += text.slice(p, at);
    p = at;
    if (p >= limit) break;
    const markup = markupEnd(s, p, limit, !span);
    if (markup >= 0) {
      html += text.slice(p, markup);
      p = markup;
      continue;
    }
    const tag = startTagAt(s, p, limit);
    if (tag && span && BLOCK_ELEMENTS.has(tag.name)) {
      html += escapeText(text.slice(p, tag.end));
      plain += text.slice(p, tag.end);
      p = tag.end;
      continue;
    }
    if (tag) {
      html += writeStartTag(tag, span);
      p = tag.end;
      if (tag.name === "script" || tag.name === "style") {
        const end = rawEnd(text, tag.name, p, limit);
        html += (end ? text.slice(p, end.start) : text.slice(p, limit)) + `</${tag.name}>`;
        p = end ? end.end : limit;
      } else if (!tag.selfClosed && !VOID_ELEMENTS.has(tag.name)) stack.push(tag.name);
      continue;
    }
    const close = closeTagAt(text, p, limit);
    if (close) {
      const top = stack[stack.length - 1]!;
      if (closes(top, close.name)) {
        html += `</${top}>`;
        stack.pop();
        p = close.end;
        if (stack.length === 0) return { end: p, closed: true, html, text: plain };
      } else {
        html += escapeText(text.slice(p, close.end));
        plain += text.slice(p, close.end);
        p = close.end;
      }
      continue;
    }
    html += "&lt;";
    plain += "<";
    p++;
  }
  for (let i = stack.length - 1; i >= 0; i--) html += `</${stack[i]}>`;
  return { end: limit, closed: false, html, text: plain };
}

/** Whether an end tag named `name` closes the element `open` (as kramdown compares names). */
export function closes(open: string, name: string): boolean {
  return (KNOWN_ELEMENTS.has(open) ? name.toLowerCase() : name) === open;
}
