/**
 * kramdown's typography, and only kramdown's (markdown-it's own `typographer` is off):
 * `---` → —, `--` → –, `...` → …, `<<` → «, `>>` → », `<< ` → « + no-break space,
 * ` >>` → no-break space + », and straight quotes made curly by kramdown's smart-quote
 * rules (`parser/kramdown/smart_quotes.rb`, ported rule for rule). Runs of dots, `????`,
 * `!!!!` and `,,` are left as written.
 *
 * kramdown scans a paragraph's source; markdown-it has already split it into tokens.
 * Each text token is scanned as kramdown scans a run of text: a quote may use the
 * character before it only when kramdown would not have consumed that character as
 * markup (emphasis, code, a link or HTML start), and its lookahead sees the markup
 * that follows the token (`**`, `` ` ``, a line break).
 */
import type { MarkdownIt, StateCore, Token } from "markdown-it";

const SQ_PUNCT = "[!\"#$%'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]";
const SQ_CLOSE = "[^ \\\\\\t\\r\\n\\[{(-]";
const S = "[ \\t\\n\\v\\f\\r]"; // Ruby's \s: ASCII white space only
const EOL = "(?![^\\n])"; // Ruby's $: at a line end

type Subst = number | "lquote1" | "rquote1" | "lquote2" | "rquote2" | "ldquo" | "lsquo" | "rsquo";

/** kramdown's SQ_RULES, in order: the first that matches at the scan position wins. */
const SQ_RULES: [RegExp, Subst[]][] = [
  [new RegExp(`("|')(?=[_*]{1,2}\\S)`, "y"), ["lquote1"]],
  [new RegExp(`("|')(?=${SQ_PUNCT}(?!\\.\\.)\\B)`, "y"), ["rquote1"]],
  [new RegExp(`(${S}?)"'(?=\\w)`, "y"), [1, "ldquo", "lsquo"]],
  [new RegExp(`(${S}?)'"(?=\\w)`, "y"), [1, "lsquo", "ldquo"]],
  [new RegExp(`(${S}?)'(?=\\d\\ds)`, "y"), [1, "rsquo"]],
  [new RegExp(`(${S})('|")(?=\\w)`, "y"), [1, "lquote2"]],
  [new RegExp(`(${SQ_CLOSE})('|")`, "y"), [1, "rquote2"]],
  [new RegExp(`("|')(?=${S}|s\\b|${EOL})`, "y"), ["rquote1"]],
  [/([\s\S]?)'/y, [1, "lsquo"]],
  [/([\s\S]?)"/y, [1, "ldquo"]],
];

const QUOTES: Record<string, string> = { ldquo: "\u201c", rdquo: "\u201d", lsquo: "\u2018", rsquo: "\u2019" };
const SMART_START = /[^\\]?["']/y;
const INTERESTING = /["'\-.<>]/g;
const INTERESTING_TEXT = /["'\-.<>]/;
const TYPOGRAPHIC = /---|--|\.\.\.|<< | >>|<<|>>/y;
const TYPOGRAPHIC_SUBST: Record<string, string> = {
  "---": "\u2014",
  "--": "\u2013",
  "...": "\u2026",
  "<< ": "\u00ab\u00a0",
  " >>": "\u00a0\u00bb",
  "<<": "\u00ab",
  ">>": "\u00bb",
};
/** Characters kramdown reads as the start of other markup before it tries a quote. */
const MARKUP_START = new Set(["*", "_", "`", "<", "["]);

function quoteOf(subst: Subst, match: RegExpExecArray): string {
  if (typeof subst === "number") return match[subst] ?? "";
  if (subst in QUOTES) return QUOTES[subst]!;
  const quote = match[Number(subst.slice(-1))];
  const double = quote === '"';
  return subst.startsWith("l") ? (double ? QUOTES.ldquo! : QUOTES.lsquo!) : double ? QUOTES.rdquo! : QUOTES.rsquo!;
}

/**
 * kramdown's typography over one run of text. `before` is the character kramdown
 * still has in front of the run (a line break's `\n`), or ""; `after` is what follows
 * the run in the source, for lookaheads.
 */
export function kramdownTypography(text: string, before = "", after = ""): string {
  const run = before + text;
  const source = run + after;
  let out = "";
  let emitted = 0;
  const emit = (from: number, to: number, replacement?: string): void => {
    if (replacement === undefined) out += run.slice(Math.max(from, before.length), to);
    else out += replacement;
    emitted = to;
  };
  let pos = 0;
  while (pos < run.length) {
    // Only a quote (or the character before one), a dash, a dot, `<`, `>` or the space
    // before `>>` can start anything: jump to the next of them.
    INTERESTING.lastIndex = pos;
    const next = INTERESTING.exec(run);
    if (!next) break;
    pos = Math.max(pos, next.index - 1);
    SMART_START.lastIndex = pos;
    const smart = SMART_START.exec(source);
    const quoteAt = smart ? pos + smart[0].length - 1 : -1;
    if (smart && quoteAt < run.length && (smart[0].length === 1 || !MARKUP_START.has(run[pos]!))) {
      emit(emitted, pos);
      for (const [rule, substs] of SQ_RULES) {
        rule.lastIndex = pos;
        const m = rule.exec(source);
        if (!m) continue;
        for (const subst of substs) {
          // A numbered group is text kramdown keeps (the character before the quote),
          // unless that character is the line break in front of the run.
          if (typeof subst !== "number") out += quoteOf(subst, m);
          else if (pos >= before.length) out += m[subst] ?? "";
        }
        pos += m[0].length;
        emitted = pos;
        break;
      }
      continue;
    }
    TYPOGRAPHIC.lastIndex = pos;
    const sym = TYPOGRAPHIC.exec(source);
    if (sym && pos + sym[0].length <= run.length) {
      emit(emitted, pos);
      emit(pos, pos + sym[0].length, TYPOGRAPHIC_SUBST[sym[0]]);
      pos += sym[0].length;
      continue;
    }
    pos++;
  }
  emit(emitted, run.length);
  return out;
}

/** How the markup of a token begins in the source, for the lookahead of a quote before it. */
function sourceOf(token: Token): string {
  switch (token.type) {
    case "text":
      return token.content;
    case "softbreak":
    case "hardbreak":
      return "\n";
    case "code_inline":
      return `${token.markup}${token.content}`;
    case "link_open":
      return "[";
    case "image":
      return "![";
    case "html_inline":
      return token.content;
    default:
      return token.markup ?? "";
  }
}

function typographyRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    const children = block.children;
    for (let i = 0; i < children.length; i++) {
      const token = children[i]!;
      if (token.type !== "text" || !INTERESTING_TEXT.test(token.content)) continue;
      const previous = children[i - 1];
      // A line break is kept in front of the run; so is the character of a backslash kramdown
      // does not read as an escape (`'\0'`: the quote after `0` closes).
      const before =
        previous?.type === "softbreak" || previous?.type === "hardbreak"
          ? "\n"
          : previous?.type === "text_special" && previous.info === "escape" && previous.content.startsWith("\\")
            ? previous.content.slice(-1)
            : "";
      let after = "";
      for (let k = i + 1; k < children.length && after.length < 4; k++) after += sourceOf(children[k]!);
      token.content = kramdownTypography(token.content, before, after);
    }
  }
}

/**
 * markdown-it plugin: kramdown's typography, as the core rule `kramdown_typography`.
 * It runs before escapes are joined into text (`text_join`), so `\"` stays straight.
 */
export function typographyPlugin(md: MarkdownIt): void {
  md.core.ruler.before("text_join", "kramdown_typography", typographyRule);
}

/**
 * kramdown reads `<<` as a guillemet before it looks for an HTML tag (`<<b>>` is «b»),
 * and `\\` at a line's end as a line break, like `\`.
 */
/** The characters kramdown's GFM parser reads after a backslash as escaped (`ESCAPED_CHARS_GFM`). */
const KRAMDOWN_ESCAPABLE = new Set("\\.*_+`<>()[]{}#!:|\"'$=-~");

/**
 * A backslash before any other character is text in kramdown (`\%` shows both), where
 * markdown-it drops it before every ASCII punctuation character.
 */
function kramdownEscapesRule(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    for (const t of block.children) {
      if (t.type === "text_special" && t.info === "escape" && t.content.length === 1 && !KRAMDOWN_ESCAPABLE.has(t.content)) t.content = `\\${t.content}`;
    }
  }
}

export function kramdownInlinePlugin(md: MarkdownIt): void {
  md.core.ruler.after("inline", "kramdown_escapes", kramdownEscapesRule);
  md.inline.ruler.before("autolink", "kramdown_guillemets", (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x3c || state.src.charCodeAt(state.pos + 1) !== 0x3c) return false;
    if (!silent) state.pending += "<<";
    state.pos += 2;
    return true;
  });
  md.inline.ruler.before("escape", "kramdown_double_backslash_break", (state, silent) => {
    const { src, pos } = state;
    if (src.charCodeAt(pos) !== 0x5c || src.charCodeAt(pos + 1) !== 0x5c || src.charCodeAt(pos + 2) !== 0x0a) return false;
    if (!silent) state.push("hardbreak", "br", 0);
    let next = pos + 3;
    while (src.charCodeAt(next) === 0x20 || src.charCodeAt(next) === 0x09) next++;
    state.pos = next;
    return true;
  });
}
