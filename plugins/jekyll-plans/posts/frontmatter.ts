import * as yaml from "js-yaml";
import type { Diagnostics } from "../diagnostics.ts";

export interface FrontMatter {
  data: Record<string, unknown>;
  /** Keys that were left out because they name JavaScript's object machinery (`__proto__`). */
  ignoredKeys: string[];
  body: string;
  /** 1-based line of the source on which `body` starts. */
  bodyLine: number;
}

export class FrontMatterError extends Error {
  constructor(
    message: string,
    /** 1-based line in the source file. */
    readonly line?: number,
  ) {
    super(message);
  }
}

/**
 * Jekyll reads front matter with Ruby's Psych (YAML 1.1): `yes`/`no`/`on`/`off`, in any
 * case, are booleans (`published: no` hides a post); `y` and `n` are not. Dates stay
 * strings, to be read in the site's time zone, not the machine's.
 */
const PSYCH_BOOL = yaml.defineScalarTag("tag:yaml.org,2002:bool", {
  implicit: true,
  implicitFirstChars: ["y", "Y", "n", "N", "t", "T", "f", "F", "o", "O"],
  resolve: (source: string) => (/^(?:yes|true|on)$/i.test(source) ? true : /^(?:no|false|off)$/i.test(source) ? false : yaml.NOT_RESOLVED),
  identify: (object: unknown) => typeof object === "boolean",
  represent: (object: unknown) => (object ? "true" : "false"),
});
const JEKYLL_SCHEMA = new yaml.Schema([...yaml.CORE_SCHEMA.tags.filter((t) => t.tagName !== "tag:yaml.org,2002:bool"), PSYCH_BOOL]);

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/**
 * Splits Jekyll front matter from the body and parses it as YAML, as Jekyll reads it
 * (see JEKYLL_SCHEMA).
 */
export function parseFrontMatter(source: string): FrontMatter {
  const text = source.replace(/^\uFEFF/, "");
  const open = OPEN.exec(text);
  if (!open) throw new FrontMatterError("no front matter: a post must start with a line `---`", 1);
  const rest = text.slice(open[0].length);
  const close = CLOSE.exec(rest);
  if (!close) throw new FrontMatterError("front matter is not closed by a line `---`", 1);
  const yamlText = rest.slice(0, close.index);
  // The YAML starts on line 2 of the file.
  const data = parseYaml(yamlText, 1, "front matter");
  const ignoredKeys = dropUnsafeKeys(data);
  const body = rest.slice(close.index + close[0].length);
  const bodyLine = 1 + countLines(text.slice(0, text.length - body.length));
  return { data, ignoredKeys, body, bodyLine };
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Removes `__proto__`, `constructor` and `prototype` keys at any depth: they are never
 * content, and code that merges objects would take them for the object's machinery.
 * Returns their paths (`a.__proto__`).
 */
export function dropUnsafeKeys(value: unknown, at = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  const dropped: string[] = [];
  for (const key of Object.getOwnPropertyNames(value)) {
    const where = at ? `${at}.${key}` : key;
    if (UNSAFE_KEYS.has(key)) {
      delete (value as Record<string, unknown>)[key];
      dropped.push(where);
    } else dropped.push(...dropUnsafeKeys((value as Record<string, unknown>)[key], where));
  }
  return dropped;
}

/**
 * YAML as Jekyll reads it (JEKYLL_SCHEMA), which must be a mapping (or empty).
 * `firstLine` is the 0-based line of the file on which the YAML starts, for messages.
 */
export function parseYaml(yamlText: string, firstLine: number, what: string): Record<string, unknown> {
  const data = parseYamlValue(yamlText, firstLine, what);
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError(`${what} must be a YAML mapping (key: value lines)`, firstLine + 1);
  }
  return data as Record<string, unknown>;
}

/**
 * A YAML document of any shape (a mapping, a list, a value), read and checked as front matter
 * is (Psych's booleans, dates as strings, no alias bombs, Unicode text); null for an empty one.
 */
export function parseYamlValue(yamlText: string, firstLine: number, what: string): unknown {
  let data: unknown = null;
  try {
    // js-yaml 5 refuses an empty document; Jekyll accepts `---` `---`.
    if (yamlText.replace(/^\s*#.*$/gm, "").trim() !== "") data = yaml.load(yamlText, { schema: JEKYLL_SCHEMA });
  } catch (e) {
    if (e instanceof yaml.YAMLException) {
      throw new FrontMatterError(`invalid YAML ${what}: ${e.reason}`, e.mark ? e.mark.line + 1 + firstLine : undefined);
    }
    throw e;
  }
  if (data === undefined) return null;
  if (data !== null && typeof data === "object" && !Array.isArray(data)) {
    checkData(data as Record<string, unknown>, yamlText, firstLine, what);
    return data;
  }
  // A list or a value is checked as the one entry of a mapping.
  const holder: Record<string, unknown> = { "": data };
  checkData(holder, yamlText, firstLine, what);
  return holder[""];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** How deep expanded YAML may nest: js-yaml's own limit for the text as written. */
const MAX_DEPTH = 100;

/**
 * Checks YAML data as read and makes its text Unicode, in one walk (in place):
 * - refuses data that aliases make larger or deeper than its text could be: an alias
 *   (`*name`) stands for its anchor's whole value, so nine lines of nine aliases each
 *   expand to 9⁹ values (an "alias bomb"), and an alias inside its own anchor makes a
 *   value that contains itself. Every reader of the data (the plugin, Eleventy's data
 *   merge, JSON) walks the expanded value, and would not end. Without aliases a text
 *   holds at most one value per character; ten times that is allowed for aliases of real
 *   use (`<<: *defaults`). Throws with the line of the top-level key at fault;
 * - replaces every lone surrogate of its strings and keys (from a YAML escape such as
 *   "\uD800") by U+FFFD, as a UTF-8 reader of the file would have it: text that is not
 *   Unicode cannot be written as UTF-8, and the search indexer refuses it in JSON.
 */
function checkData(data: Record<string, unknown>, yamlText: string, firstLine: number, what: string): void {
  const limit = Math.max(10_000, 10 * yamlText.length);
  let count = 0;
  const unicode = (text: string): string => text.replace(LONE_SURROGATE, "\uFFFD");
  /** One entry of a mapping or list, and all below it. */
  const visit = (container: Record<string, unknown>, key: string, depth: number): "deep" | "large" | null => {
    if (++count > limit) return "large";
    const value = container[key];
    if (typeof value === "string") container[key] = unicode(value);
    else if (value !== null && typeof value === "object") {
      if (depth >= MAX_DEPTH) return "deep";
      for (const inner of Object.keys(value)) {
        const problem = visit(value as Record<string, unknown>, inner, depth + 1);
        if (problem) return problem;
      }
    }
    const name = unicode(key);
    if (name !== key) {
      container[name] = container[key];
      delete container[key];
    }
    return null;
  };
  for (const key of Object.keys(data)) {
    const problem = visit(data, key, 1);
    if (!problem) continue;
    const entry = key === "" ? "the document" : `key "${key}"`;
    const message =
      problem === "large"
        ? `${entry} of the YAML ${what} expands through aliases (*name) to more than ${limit} values`
        : `${entry} of the YAML ${what} nests more than ${MAX_DEPTH} levels deep through aliases (*name), or holds an alias to itself`;
    throw new FrontMatterError(message, keyLine(yamlText, key, firstLine));
  }
}

/** The 1-based line in the file of a top-level key of `yamlText` (which starts on 0-based line `firstLine`). */
function keyLine(yamlText: string, key: string, firstLine: number): number {
  const lines = yamlText.split("\n");
  const at = lines.findIndex((line) => line.startsWith(`${key}:`) || line.startsWith(`"${key}":`) || line.startsWith(`'${key}':`));
  return firstLine + 1 + Math.max(at, 0);
}

function countLines(s: string): number {
  let n = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * A file's front matter for the build: problems go to `diagnostics` naming the file (and
 * line); null when it cannot be read. Keys that name JavaScript's object machinery are
 * dropped with a warning.
 */
export function readFrontMatter(sourcePath: string, source: string, diagnostics: Pick<Diagnostics, "error" | "warn">): FrontMatter | null {
  let fm: FrontMatter;
  try {
    fm = parseFrontMatter(source);
  } catch (e) {
    if (e instanceof FrontMatterError) {
      diagnostics.error(sourcePath, e.message, e.line);
      return null;
    }
    throw e;
  }
  for (const key of fm.ignoredKeys) diagnostics.warn(sourcePath, `front matter key "${key}" is ignored: it names JavaScript's object machinery, not content`);
  return fm;
}
