/**
 * A Jekyll site root's `_data` folder as `site.data`, as Jekyll 4.3's DataReader reads it:
 * each YAML, JSON, CSV or TSV file under its name without the extension (`_data/nav.yml` →
 * `site.data.nav`), each folder as a mapping of what it holds (`_data/menus/main.yml` →
 * `site.data.menus.main`). YAML and JSON files are read as front matter is (JSON is YAML);
 * a CSV or TSV file is a list of its rows, each a mapping of the first row's headers to the
 * row's fields (an empty field is nil, `""` an empty text). Names are made as Jekyll makes
 * them (`sanitize_filename`).
 */
import { dropUnsafeKeys, FrontMatterError, parseYamlValue } from "../posts/frontmatter.ts";

/** One file of `_data`: its path below `_data`, `/`-separated, and its text. */
export interface DataFile {
  path: string;
  text: string;
}

export interface DataProblem {
  severity: "error" | "warning";
  /** The file's path below `_data`. */
  path: string;
  line?: number;
  message: string;
}

/** The extensions Jekyll reads in `_data`. */
export const DATA_EXTENSION = /\.(?:ya?ml|json|csv|tsv)$/i;

/** Jekyll's `sanitize_filename`: what a file or folder name is called in `site.data`. */
export function dataKey(name: string): string {
  return name.replace(/[^\w\s-]+|(?<=^|\b\s)\s+(?=$|\s?\b)/g, "").replace(/\s+/g, "_");
}

/**
 * The rows of a CSV text (RFC 4180, as Ruby's CSV reads it): fields separated by `separator`,
 * quoted with `"` (a quote inside written `""`), rows ended by `\n` or `\r\n`. An empty field
 * is null, a quoted empty field "". Throws with the 1-based line of a quote left open.
 */
export function parseCsv(text: string, separator: string): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  let line = 1;
  const body = text.replace(/^\uFEFF/, "");
  if (body === "") return rows;
  while (i <= body.length) {
    let field: string | null;
    if (body[i] === '"') {
      const start = line;
      let value = "";
      i++;
      for (;;) {
        if (i >= body.length) throw new FrontMatterError(`a quoted field is not closed by a "`, start);
        const quote = body.indexOf('"', i);
        if (quote < 0) throw new FrontMatterError(`a quoted field is not closed by a "`, start);
        const chunk = body.slice(i, quote);
        for (const ch of chunk) if (ch === "\n") line++;
        value += chunk;
        if (body[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      field = value;
    } else {
      let end = i;
      while (end < body.length && body[end] !== separator && body[end] !== "\n" && !(body[end] === "\r" && body[end + 1] === "\n")) end++;
      const raw = body.slice(i, end);
      if (raw.includes('"')) throw new FrontMatterError(`a field holds a " without being quoted`, line);
      field = raw === "" ? null : raw;
      i = end;
    }
    row.push(field);
    if (body[i] === separator) {
      i++;
      continue;
    }
    if (i < body.length && body[i] !== "\n" && body[i] !== "\r") throw new FrontMatterError(`text after a quoted field`, line);
    // The end of a row.
    i += body[i] === "\r" ? 2 : 1;
    line++;
    rows.push(row.length === 1 && row[0] === null ? [] : row);
    row = [];
    if (i >= body.length) break;
  }
  return rows;
}

function readFile(file: DataFile): unknown {
  const ext = file.path.slice(file.path.lastIndexOf(".") + 1).toLowerCase();
  if (ext === "csv" || ext === "tsv") {
    const [headers = [], ...rows] = parseCsv(file.text, ext === "csv" ? "," : "\t");
    return rows.map((fields) => {
      const row: Record<string, string | null> = {};
      headers.forEach((header, k) => {
        const key = header ?? "";
        // Ruby's CSV::Row#to_h: the first field of a repeated header wins.
        if (!["__proto__", "constructor", "prototype"].includes(key) && !Object.hasOwn(row, key)) row[key] = fields[k] ?? null;
      });
      return row;
    });
  }
  const value = parseYamlValue(file.text, 0, `in _data/${file.path}`);
  dropUnsafeKeys(value);
  return value;
}

/**
 * `site.data` from the files of `_data` (other files are the caller's to report). A file
 * that cannot be read is a problem naming it (and its line), and is left out.
 */
export function buildSiteData(files: readonly DataFile[]): { data: Record<string, unknown>; problems: DataProblem[] } {
  const data: Record<string, unknown> = {};
  const problems: DataProblem[] = [];
  const folders = new WeakSet<object>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const parts = file.path.split("/");
    const keys = [...parts.slice(0, -1), parts.at(-1)!.replace(DATA_EXTENSION, "")].map(dataKey);
    if (keys.some((k) => ["__proto__", "constructor", "prototype"].includes(k))) {
      problems.push({
        severity: "error",
        path: file.path,
        message: `its name makes the key "${keys.join(".")}", which names JavaScript's object machinery; rename it`,
      });
      continue;
    }
    let value: unknown;
    try {
      value = readFile(file);
    } catch (e) {
      if (!(e instanceof FrontMatterError)) throw e;
      problems.push({ severity: "error", path: file.path, message: e.message, ...(e.line ? { line: e.line } : {}) });
      continue;
    }
    // A folder's mapping is made here; a file's value is never a folder.
    let holder: Record<string, unknown> | null = data;
    for (const key of keys.slice(0, -1)) {
      if (!Object.hasOwn(holder, key)) {
        const folder = {};
        folders.add(folder);
        holder[key] = folder;
      }
      const inner: unknown = holder[key];
      holder = typeof inner === "object" && inner !== null && folders.has(inner) ? (inner as Record<string, unknown>) : null;
      if (!holder) break;
    }
    const key = keys.at(-1)!;
    if (!holder || Object.hasOwn(holder, key)) {
      problems.push({
        severity: "warning",
        path: file.path,
        message: `not read: site.data.${keys.join(".")} is already read from another file of _data; rename one`,
      });
      continue;
    }
    holder[key] = value;
  }
  return { data, problems };
}
