/**
 * Liquid in a site root's pages, as Jekyll runs it before markdown: liquidjs with
 * Jekyll's common filters (`relative_url`, `absolute_url`, `date_to_string`,
 * `xml_escape`, `jsonify`, `markdownify`, `slugify` …) and tags (`highlight`,
 * `post_url`, `link`). A theme's `{% include %}` files are not read (the theme is not
 * used): a page whose Liquid cannot run is published without its Liquid, with a
 * warning naming the file and line, and never shows Liquid as text.
 */
import { Liquid, type TagToken, type TopLevelToken } from "liquidjs";
import { DateTime } from "luxon";
import type { MarkdownIt } from "markdown-it";
import type { Diagnostics } from "../diagnostics.ts";
import { highlightCode } from "../markdown/index.ts";
import { escapeHtml } from "../markdown/text.ts";
import { parseFrontMatterDate } from "../posts/dates.ts";
import { jekyllSlugify } from "../posts/url.ts";

export interface LiquidSite {
  /** The site's metadata and posts, as `site.*`. */
  site: Record<string, unknown>;
  /** `jekyll.environment` (Jekyll's JEKYLL_ENV, "development" unless set). */
  environment?: string;
  /**
   * The text of a file of the site's `_includes` by its name (`footer.html`, `nav/top.html`), or
   * undefined when there is no such file inside that folder: what `{% include %}` reads.
   */
  include?: (name: string) => string | undefined;
  /** Post file name (without extension) → URL, for `{% post_url %}`. */
  postUrls: ReadonlyMap<string, string>;
  /** Source path (from the root) → URL, for `{% link %}`. */
  links: ReadonlyMap<string, string>;
  timeZone: string;
  md: MarkdownIt;
}

/**
 * A Liquid error with the line it names (1-based, in the text given), if any. `limit`: the
 * page's Liquid ran past what a page may use (LIQUID_LIMITS); the build cannot publish it.
 */
export class LiquidPageError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly limit = false,
  ) {
    super(message);
  }
}

/**
 * What one file's Liquid may use, so that every build ends: a loop over `(1..100000000)`
 * would otherwise run for minutes and fill the memory. `memoryLimit` counts what liquidjs
 * allocates (the items of a range, the characters a filter makes); `renderLimit` is time,
 * and a file that reaches it is an error (the build fails), never published differently.
 * Real pages (an archive of every post, a search.json of their text) stay far below both.
 */
export const LIQUID_LIMITS = { memoryLimit: 50_000_000, renderLimit: 20_000 } as const;

/** What `{% include %}` reads: the site's `_includes` only (a name is never a path of the machine). */
function includesFs(read: (name: string) => string | undefined) {
  const text = (file: string): string => {
    const found = read(file);
    if (found === undefined) throw new Error(`${file} is not a file of the site's _includes`);
    return found;
  };
  return {
    exists: async (file: string) => read(file) !== undefined,
    existsSync: (file: string) => read(file) !== undefined,
    readFile: async (file: string) => text(file),
    readFileSync: text,
    resolve: (_root: string, file: string) => file,
  };
}

/** Ruby strftime conversions that stand for others (liquidjs's `date` filter does not know them). */
const RUBY_STRFTIME: Record<string, string> = {
  F: "%Y-%m-%d",
  T: "%H:%M:%S",
  D: "%m/%d/%y",
  R: "%H:%M",
  r: "%I:%M:%S %p",
  x: "%m/%d/%y",
  X: "%H:%M:%S",
  c: "%a %b %e %H:%M:%S %Y",
};

/** A date as Jekyll reads one: a time, or text read in the site's zone unless it has an offset (`2021-07-01 10:00:00`). */
function dateOf(value: unknown, zone: string): DateTime | null {
  if (value instanceof Date) return DateTime.fromJSDate(value, { zone });
  if (typeof value === "string") return parseFrontMatterDate(value, zone);
  return null;
}

export function createLiquid(site: LiquidSite): Liquid {
  const liquid = new Liquid({
    jekyllInclude: true,
    strictFilters: true,
    ownPropertyOnly: true,
    fs: includesFs(site.include ?? (() => undefined)),
    relativeReference: false,
    // The `date` filter writes dates in the site's time zone, not the machine's.
    timezoneOffset: site.timeZone,
    globals: { jekyll: { environment: site.environment ?? "development" } },
    ...LIQUID_LIMITS,
  });
  const base = String((site.site as { url?: unknown }).url ?? "").replace(/\/+$/, "");
  const date = (format: string) => (v: unknown) => dateOf(v, site.timeZone)?.setLocale("en").toFormat(format) ?? v;
  // liquidjs's own `date` filter (Ruby's strftime), given the instant Jekyll would read: text
  // without an offset is a time of the site's zone, not of UTC.
  // Ruby's strftime has conversions liquidjs's lacks: they are written out first.
  const strftime = liquid.filters.date!;
  liquid.registerFilter("date", function (this: unknown, v: unknown, format?: unknown, ...rest: unknown[]) {
    const read = dateOf(v, site.timeZone);
    const written =
      typeof format === "string"
        ? format.replace(/%%|%([a-zA-Z])/g, (whole, c: string | undefined) => {
            if (!c) return whole;
            if (Object.hasOwn(RUBY_STRFTIME, c)) return RUBY_STRFTIME[c]!;
            if (read && c === "V") return read.toFormat("WW");
            if (read && c === "G") return read.toFormat("kkkk");
            return whole;
          })
        : format;
    return (strftime as (...a: unknown[]) => unknown).call(this, read ? read.toJSDate() : v, written, ...rest);
  });
  liquid.registerFilter("relative_url", (v: unknown) => String(v ?? ""));
  liquid.registerFilter("absolute_url", (v: unknown) => `${base}${String(v ?? "").startsWith("/") ? "" : "/"}${String(v ?? "")}`);
  liquid.registerFilter("date_to_string", date("dd MMM yyyy"));
  liquid.registerFilter("date_to_long_string", date("dd MMMM yyyy"));
  liquid.registerFilter("date_to_xmlschema", (v: unknown) => dateOf(v, site.timeZone)?.toISO({ suppressMilliseconds: true }) ?? v);
  liquid.registerFilter("date_to_rfc822", (v: unknown) => dateOf(v, site.timeZone)?.toRFC2822() ?? v);
  liquid.registerFilter("xml_escape", (v: unknown) => escapeHtml(String(v ?? "")));
  liquid.registerFilter("cgi_escape", (v: unknown) => encodeURIComponent(String(v ?? "")).replace(/%20/g, "+"));
  liquid.registerFilter("uri_escape", (v: unknown) => encodeURI(String(v ?? "")));
  liquid.registerFilter("jsonify", (v: unknown) => JSON.stringify(v ?? null));
  liquid.registerFilter("slugify", (v: unknown, mode?: unknown) => jekyllSlugify(String(v ?? ""), mode === "pretty" ? "pretty" : "default"));
  liquid.registerFilter("markdownify", (v: unknown) => site.md.render(String(v ?? "")));
  liquid.registerFilter(
    "number_of_words",
    (v: unknown) =>
      String(v ?? "")
        .split(/\s+/)
        .filter(Boolean).length,
  );
  liquid.registerFilter("normalize_whitespace", (v: unknown) => String(v ?? "").replace(/\s+/g, " "));
  liquid.registerFilter("smartify", (v: unknown) => v);
  liquid.registerFilter("array_to_sentence_string", (v: unknown, connector: unknown = "and") => {
    const items = Array.isArray(v) ? v.map(String) : [];
    return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")}${items.length > 2 ? "," : ""} ${String(connector)} ${items[items.length - 1]}`;
  });
  liquid.registerTag("highlight", {
    parse(token: TagToken, remaining: TopLevelToken[]) {
      this.lang = token.args.trim().split(/\s+/)[0] ?? "";
      let code = "";
      for (let next = remaining.shift(); ; next = remaining.shift()) {
        if (!next) throw new Error(`{% highlight ${this.lang} %} is not closed by {% endhighlight %}`);
        if ((next as TagToken).name === "endhighlight") break;
        code += next.getText();
      }
      this.code = code.replace(/^\r?\n/, "").replace(/\s+$/, "");
    },
    render() {
      const lang = String(this.lang ?? "");
      const code = String(this.code ?? "");
      const html = highlightCode(code, lang) || escapeHtml(code);
      return `<figure class="highlight"><pre><code class="language-${escapeHtml(lang)}" data-lang="${escapeHtml(lang)}">${html}</code></pre></figure>`;
    },
  });
  liquid.registerTag("post_url", {
    parse(token: TagToken) {
      this.name = token.args.trim();
    },
    render() {
      const name = (this.name ?? "").replace(/^.*\//, "").replace(/\.[^.]+$/, "");
      const url = site.postUrls.get(name);
      if (!url) throw new Error(`post_url: no post named ${this.name}`);
      return url;
    },
  });
  liquid.registerTag("link", {
    parse(token: TagToken) {
      this.target = token.args.trim().replace(/^\/+/, "");
    },
    render() {
      const url = site.links.get(this.target ?? "");
      if (!url) throw new Error(`link: no page or post at ${this.target}`);
      return url;
    },
  });
  return liquid;
}

/** Everything Liquid, removed: what a page shows when its Liquid cannot run. `{% raw %}` keeps its text. */
export function stripLiquid(text: string): string {
  return text
    .replace(/\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g, (_, raw: string) => raw.replace(/\{/g, "\ue000"))
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, "")
    .replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, "")
    .replace(/\ue000/g, "{");
}

/**
 * A page's or file's text after its Liquid, as the build publishes it. A filter Liquid does not
 * know passes its value on, as in Jekyll, with a warning; Liquid that cannot run (an include
 * `_includes` does not hold) is left out, with a warning naming the line; Liquid past its limits is an error, and the text is not published (null).
 * `firstLine`: the file's line on which `text` starts.
 */
export function runLiquid(
  liquid: Liquid,
  text: string,
  scope: Record<string, unknown>,
  at: { file: string; firstLine: number; kind: "page" | "file"; diagnostics: Pick<Diagnostics, "error" | "warn"> },
): string | null {
  try {
    return renderLiquid(liquid, text, scope);
  } catch (e) {
    if (!(e instanceof LiquidPageError)) throw e;
    const line = e.line === undefined ? undefined : at.firstLine + e.line - 1;
    // Jekyll's Liquid (strict_filters: false) passes a value through a filter it does not
    // know: the page is published so, with a warning.
    if (/^undefined filter/.test(e.message)) {
      const lenient = lenientFilters(liquid, () => {
        try {
          return renderLiquid(liquid, text, scope);
        } catch {
          return null;
        }
      });
      if (lenient !== null) {
        at.diagnostics.warn(at.file, `Liquid: ${e.message}; it is skipped (its value passed on as it is), as Jekyll skips a filter it does not know`, line);
        return lenient;
      }
    }
    if (e.limit) {
      at.diagnostics.error(at.file, `Liquid: ${e.message}: the ${at.kind}'s Liquid does too much to publish (a loop that does not end?)`, line);
      return null;
    }
    at.diagnostics.warn(at.file, `Liquid: ${e.message}; the ${at.kind} is published without its Liquid`, line);
    return stripLiquid(text);
  }
}

/** `run` with filters Liquid does not know passed over, not refused. */
function lenientFilters<T>(liquid: Liquid, run: () => T): T {
  const strict = liquid.options.strictFilters;
  liquid.options.strictFilters = false;
  try {
    return run();
  } finally {
    liquid.options.strictFilters = strict;
  }
}

/** Renders a page's Liquid; throws a LiquidPageError naming the line when it cannot. */
export function renderLiquid(liquid: Liquid, text: string, scope: Record<string, unknown>): string {
  if (!/\{[{%]/.test(text)) return text;
  try {
    return String(liquid.parseAndRenderSync(text, scope));
  } catch (e) {
    const message = (e as Error).message.split("\n")[0] ?? "";
    const line = /line:(\d+)/.exec(message);
    const limit = /limit exceeded/.test(message);
    throw new LiquidPageError(message.replace(/,? line:\d+, col:\d+/, ""), line ? Number(line[1]) : undefined, limit);
  }
}
