/**
 * Glue: a Jekyll site root's pages, Liquid templates and static files into Eleventy.
 * Pages become virtual templates in the site's layouts; static files are copied as they
 * are, but for HTML and SVG files, which are documents a browser would run script in:
 * they pass the same policy as posts (unless `rawHtml: "trust"`).
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { MarkdownIt } from "markdown-it";
import { Diagnostics, InputError } from "../diagnostics.ts";
import type { Log } from "../log.ts";
import { virtualTemplate, type EleventyConfig } from "../eleventy.ts";
import { sanitizePostHtml, sanitizeSvg } from "../markdown/sanitize.ts";
import type { ResolvedOptions } from "../options.ts";
import { escapePath, outputPathOf } from "../posts/url.ts";
import type { SiteModel } from "../site.ts";
import { FrontMatterError, parseFrontMatter } from "../posts/frontmatter.ts";
import { readSource, SourceError } from "../posts/load.ts";
import { parseJekyllConfig, type JekyllConfig } from "./config.ts";
import { buildSiteData, DATA_EXTENSION, type DataFile } from "./data.ts";
import { listRootFiles, STYLE_EXTENSION } from "./files.ts";
import { createLiquid, runLiquid } from "./liquid.ts";
import { buildRootPage, locateRootPage, type LocatedPage } from "./pages.ts";
import { compileSass, SassError, type CompiledSass } from "./sass.ts";
import { pageVariables, siteVariables, type PageVariables } from "./variables.ts";

const VIRTUAL_DIR = "_jekyll-root";
/** Files an Eleventy input holds for Eleventy itself, which a root inside the input leaves to it. */
const ELEVENTY_OWNED = /\.(?:njk|liquid|webc|hbs|ejs|pug|haml|mustache|11ty\.[cm]?js|11tydata\.(?:[cm]?js|json))$/i;
const ACTIVE_XML = /http:\/\/www\.w3\.org\/1999\/xhtml|http:\/\/www\.w3\.org\/2000\/svg|<\?xml-stylesheet/i;

/** What kind of document a browser takes a file for, by its name: one it could run script in, or null. */
function documentKind(file: string): "html" | "svg" | "svgz" | "xml" | null {
  // By the types static hosts serve them with: .shtml is text/html, .xht application/xhtml+xml,
  // .svgz a gzipped image/svg+xml, .xsl/.rss/.atom/.rdf XML a browser may render.
  if (/\.s?html?$/i.test(file)) return "html";
  // XHTML is XML: cleaned and written as SVG is.
  if (/\.(?:svg|xht(?:ml?)?)$/i.test(file)) return "svg";
  if (/\.svgz$/i.test(file)) return "svgz";
  if (/\.(?:xml|xslt?|rss|atom|rdf)$/i.test(file)) return "xml";
  return null;
}

/** The root's `_config.yml`, if it has one. Throws an InputError naming the file and line. */
export function readJekyllConfig(root: string): JekyllConfig | undefined {
  if (!existsSync(root)) throw new InputError([{ severity: "error", file: root, message: "the site root does not exist (option siteRoot, BLOG_ROOT)" }]);
  const file = path.join(root, "_config.yml");
  if (!existsSync(file)) return undefined;
  try {
    return parseJekyllConfig(readFileSync(file, "utf8"));
  } catch (e) {
    if (e instanceof FrontMatterError) throw new InputError([{ severity: "error", file, message: e.message, ...(e.line ? { line: e.line } : {}) }]);
    throw e;
  }
}

export interface RootContext {
  options: ResolvedOptions & { siteRoot: string };
  md: MarkdownIt;
  model: SiteModel;
  /** Each post's body as published, by its URL: Liquid's `post.content`. */
  postHtml: ReadonlyMap<string, string>;
  /** URLs the plugin and the site already publish: a root file with one of them gives way. */
  taken: ReadonlySet<string>;
  /** Folders the plugin writes (the search bundle, its assets): a root file inside one gives way. */
  takenFolders: readonly string[];
  /** Layout names (with and without extension) the site has. */
  layouts: ReadonlySet<string>;
  /** Scripts a page's HTML needs (MathJax, image zoom), appended to it. */
  scriptsFor(html: string, math: boolean): string;
}

/**
 * The root's `_data` folder as `site.data` (see data.ts). What Jekyll would not read there is
 * named in a warning: a symbolic link (not followed), a file of another kind.
 */
function readSiteData(root: string, diagnostics: Diagnostics, rel: (p: string) => string): Record<string, unknown> {
  const dir = path.join(root, "_data");
  let stat;
  try {
    stat = lstatSync(dir);
  } catch {
    return {};
  }
  if (!stat.isDirectory()) {
    diagnostics.warn(rel("_data"), "not read: _data is not a folder (a symbolic link is not followed)");
    return {};
  }
  const files: DataFile[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const file = sub ? `${sub}/${entry.name}` : entry.name;
      const shown = rel(`_data/${file}`);
      if (entry.isSymbolicLink()) diagnostics.warn(shown, "not read: a symbolic link in _data is not followed");
      else if (entry.isDirectory()) walk(file);
      else if (!entry.isFile() || !DATA_EXTENSION.test(entry.name)) diagnostics.warn(shown, "not read: _data holds YAML, JSON, CSV and TSV files");
      else {
        try {
          files.push({ path: file, text: readSource(dir, file) });
        } catch (e) {
          if (!(e instanceof SourceError)) throw e;
          diagnostics.error(shown, e.message);
        }
      }
    }
  };
  walk("");
  const { data, problems } = buildSiteData(files);
  for (const p of problems) (p.severity === "error" ? diagnostics.error : diagnostics.warn).call(diagnostics, rel(`_data/${p.path}`), p.message, p.line);
  return data;
}

/**
 * `{% include name %}`'s reader: a file inside the root's `_includes` folder, read as a page is
 * (UTF-8, of a size a page can have); never a symbolic link (GitHub Pages' safe mode), never a
 * path that climbs out of the folder.
 */
function includeReader(root: string): (name: string) => string | undefined {
  const dir = path.join(root, "_includes");
  return (name) => {
    const relative = path.posix.normalize(name.replace(/\\/g, "/"));
    if (relative.startsWith("../") || relative === ".." || path.posix.isAbsolute(relative) || relative.includes("\0")) return undefined;
    let at = dir;
    try {
      if (!lstatSync(dir).isDirectory()) return undefined;
      for (const part of relative.split("/")) {
        at = path.join(at, part);
        if (lstatSync(at).isSymbolicLink()) return undefined;
      }
      if (!lstatSync(at).isFile()) return undefined;
      return readSource(dir, relative);
    } catch {
      return undefined;
    }
  };
}

/** Registers the root's pages and files; returns the files it copies (relative to the output folder). */
export function registerSiteRoot(eleventyConfig: EleventyConfig, log: Log, context: RootContext): string[] {
  // The site's own home and 404 pages (Eleventy templates of its input), when it has them, win too.
  const ownPages = readdirSync(path.resolve(eleventyConfig.directories.input));
  const taken = new Set(context.taken);
  if (ownPages.some((f) => /^index\.(?!md$|markdown$|html?$)/.test(f))) taken.add("/");
  if (ownPages.some((f) => /^404\.(?!md$|markdown$|html?$)/.test(f))) taken.add("/404.html");
  const ctx = { ...context, taken };
  const { options, md } = ctx;
  const root = options.siteRoot;
  const diagnostics = new Diagnostics();
  // A root file as the root was named (`content/about.md`, `/srv/blog/about.md`), as posts are.
  const rel = (p: string): string => path.join(root, p);
  const input = path.resolve(eleventyConfig.directories.input);
  const rootInInput = !path.relative(input, path.resolve(root)).startsWith("..");
  for (const setting of options.jekyll.ignored) diagnostics.warn(rel("_config.yml"), `not honoured: ${setting}`);

  const files = listRootFiles(root, {
    exclude: options.jekyll.exclude,
    include: options.jekyll.include,
    skip: [options.postsDir, eleventyConfig.directories.output, ...(rootInInput ? [path.resolve(eleventyConfig.directories.includes)] : [])],
  });
  for (const s of files.skipped) diagnostics.warn(rel(s.path), `not published: ${s.why}`);
  const own = (p: string): boolean => !(rootInInput && ELEVENTY_OWNED.test(p));
  if (rootInInput) {
    // The root's pages and files are the plugin's, not Eleventy's own templates.
    for (const p of [...files.pages, ...files.templates, ...files.statics].filter(own)) eleventyConfig.ignores.add(path.join(root, p));
  }

  /** A page's or template's text (UTF-8, of a size a page can have), or null with an error naming the file. */
  const sourceOf = (file: string, hint = ""): string | null => {
    try {
      return readSource(root, file);
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      diagnostics.error(rel(file), `${e.message}${hint}`);
      return null;
    }
  };

  /** A post's path in the root (`_posts/2021/….md`, `tech/_posts/….md`), as `{% link %}` and `post.path` name it. */
  const inRoot = (p: { sourcePath: string }): string => path.relative(root, path.resolve(p.sourcePath)).split(path.sep).join("/");
  // Every page and template, read once, with its URL and front matter for `site.pages`: a
  // page's front matter is read here for its build below (its problems reported here); a
  // template's is only its variables (one that does not parse leaves them empty).
  const texts = new Map<string, string | null>();
  const pages = new Map<string, LocatedPage>();
  const listed: PageVariables[] = [];
  const isPage = new Set(files.pages);
  // Jekyll's order of site.pages, and of writing them: by file name.
  const byName = (a: string, b: string): number => {
    const [x, y] = [path.basename(a), path.basename(b)];
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  };
  const environment = process.env.JEKYLL_ENV || "development";
  const { sourceMap } = options.jekyll.sass;
  /** Whether a Sass file's source map is written beside its CSS (`sass.sourcemap`). */
  const withMap = sourceMap === "always" || (sourceMap === "development" && environment === "development");
  /** What a Sass file is published as: its path with `.css`. */
  const cssOf = (file: string): string => file.replace(STYLE_EXTENSION, ".css");
  const isStyle = new Set(files.styles);
  for (const file of [...files.pages, ...files.templates, ...files.styles].filter(own).sort(byName)) {
    const text = sourceOf(file);
    texts.set(file, text);
    if (text === null) continue;
    if (isPage.has(file)) {
      const located = locateRootPage(rel(file), file, text, options.permalink, diagnostics);
      if (!located) continue;
      pages.set(file, located);
      listed.push({ path: file, url: located.url, data: located.fm.data });
      continue;
    }
    let data: Record<string, unknown> = {};
    try {
      data = parseFrontMatter(text).data;
    } catch {
      // A template is published whatever its front matter holds.
    }
    listed.push({ path: file, url: `/${escapePath(isStyle.has(file) ? cssOf(file) : file)}`, data });
  }
  // A source map is a page of Jekyll's too, listed after the others.
  if (withMap) for (const file of files.styles.filter(own)) listed.push({ path: `${cssOf(file)}.map`, url: `/${escapePath(cssOf(file))}.map`, data: {} });
  const siteData = siteVariables({
    config: options.jekyll.variables,
    site: options.site,
    posts: ctx.model.posts,
    content: (url) => ctx.postHtml.get(url) ?? "",
    pathOf: inRoot,
    pages: listed,
    statics: files.statics.filter(own),
    data: readSiteData(root, diagnostics, rel),
    time: options.referenceDate ? String(options.referenceDate) : new Date().toISOString(),
    timeZone: options.timeZone,
  });
  const postUrls = new Map(ctx.model.posts.map((p) => [p.relativePath.replace(/^.*\//, "").replace(/\.[^.]+$/, ""), p.url]));
  const links = new Map<string, string>(ctx.model.posts.map((p) => [inRoot(p), p.url]));
  const liquid = createLiquid({
    site: siteData,
    postUrls,
    links,
    timeZone: options.timeZone,
    md,
    environment,
    include: includeReader(root),
  });

  // URLs are compared as the files they are written to: `/search/index.html` is `/search/`.
  // Two pages with one URL: Jekyll writes both ("Conflict: … shared by multiple files"),
  // in the order of their file names, so the last one by name is what it publishes.
  const published = new Map<string, string>();
  const candidates: [file: string, url: string][] = [
    ...files.pages.filter(own).flatMap((f): [string, string][] => (pages.has(f) ? [[f, pages.get(f)!.url]] : [])),
    ...files.templates.filter(own).map((f): [string, string] => [f, `/${escapePath(f)}`]),
    ...files.styles.filter(own).map((f): [string, string] => [f, `/${escapePath(cssOf(f))}`]),
  ];
  for (const [file, url] of candidates.sort(([a], [b]) => byName(a, b))) published.set(outputPathOf(url), file);
  const used = new Map<string, string>();
  const postAt = new Map(ctx.model.posts.map((p) => [outputPathOf(p.url), p.sourcePath]));
  const takenFiles = new Set([...ctx.taken].map(outputPathOf));
  const claim = (url: string, file: string): boolean => {
    const written = outputPathOf(url);
    const post = postAt.get(written);
    if (post) {
      diagnostics.error(post, `its URL ${url} would overwrite ${rel(file)} of the site root; give it another permalink`);
      return false;
    }
    if (takenFiles.has(written) || ctx.takenFolders.some((folder) => written.startsWith(folder))) {
      diagnostics.warn(rel(file), `not published: ${url} is a page this site generates, which wins`);
      return false;
    }
    const winner = published.get(written);
    // Between pages, Jekyll's winner; a static file (claimed last) loses to what came first.
    const other = winner && winner !== file ? winner : used.get(written);
    if (other) {
      const why = other === winner ? " (Jekyll writes both, the last by file name winning)" : "";
      diagnostics.warn(rel(file), `not published: ${url} is also the URL of ${rel(other)}, which is${why}; give one of them another permalink`);
      return false;
    }
    used.set(written, file);
    return true;
  };
  const layoutOf = (wanted: string | null): string | false => {
    for (const name of [wanted, "page", "page.njk", options.pageLayout]) if (name && ctx.layouts.has(name)) return name;
    return false;
  };

  /**
   * A file's text as it may be published: an HTML or SVG document cleaned by the policy, an XML
   * document that could run script left out (null, with a warning), any other text as it is.
   */
  const cleanDocument = (file: string, text: string): string | null => {
    const document = documentKind(file);
    if (document === "svgz") {
      diagnostics.warn(rel(file), 'not published: a compressed SVG can run script and cannot be checked (rawHtml: "trust" publishes it)');
      return null;
    }
    if (document === "xml" && ACTIVE_XML.test(text)) {
      diagnostics.warn(rel(file), 'not published: an XML document with XHTML, SVG or a stylesheet can run script (rawHtml: "trust" publishes it)');
      return null;
    }
    return document === "html" ? sanitizePostHtml(text) : document === "svg" ? sanitizeSvg(text) : text;
  };

  for (const file of files.pages.filter(own)) {
    const located = pages.get(file);
    if (!located) continue;
    const page = buildRootPage(rel(file), file, located, md, liquid, siteData, { permalink: options.permalink, rawHtml: options.rawHtml }, diagnostics);
    if (!page || !claim(page.url, file)) continue;
    const html = page.raw ? page.html : page.html + ctx.scriptsFor(page.html, page.math);
    eleventyConfig.addTemplate(`${VIRTUAL_DIR}/${file}.11ty.js`, virtualTemplate({ render: () => html }), {
      eleventyExcludeFromCollections: true,
      title: page.title,
      layout: page.raw ? false : layoutOf(page.layout),
      permalink: outputPathOf(page.url),
      jekyllPage: { title: page.title, url: page.url, sourcePath: page.relativePath },
    });
  }

  /** A template's or Sass file's text after its front matter and Liquid (null when its Liquid fails), and the line that text starts on. */
  const templateText = (file: string, url: string): { text: string; firstLine: number } | null => {
    const whole = texts.get(file) ?? null;
    if (whole === null) return null;
    const source = whole.replace(/^\uFEFF?---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/, "");
    /** The file's line on which `source` starts. */
    const firstLine = whole.slice(0, whole.length - source.length).split("\n").length;
    const page = pageVariables(listed.find((p) => p.path === file) ?? { path: file, url, data: {} });
    const text = runLiquid(liquid, source, { site: siteData, page }, { file: rel(file), firstLine, kind: "file", diagnostics });
    return text === null ? null : { text, firstLine };
  };

  for (const file of files.templates.filter(own)) {
    const url = `/${escapePath(file)}`;
    if (!claim(url, file)) continue;
    const text = templateText(file, url)?.text ?? null;
    if (text === null) continue;
    // A document a browser runs script in passes the policy after its Liquid has run: the
    // posts' text it prints is theirs, whatever the template around it.
    const clean = options.rawHtml === "trust" ? text : cleanDocument(file, text);
    if (clean === null) continue;
    eleventyConfig.addTemplate(`${VIRTUAL_DIR}/${file}.11ty.js`, virtualTemplate({ render: () => clean }), {
      eleventyExcludeFromCollections: true,
      layout: false,
      permalink: file,
    });
  }

  // Sass files: compiled to CSS at their path with `.css`, as Jekyll publishes them. CSS runs
  // no script in today's browsers: published as it is compiled.
  for (const file of files.styles.filter(own)) {
    const css = cssOf(file);
    if (!claim(`/${escapePath(css)}`, file)) continue;
    if (withMap && !claim(`/${escapePath(css)}.map`, file)) continue;
    const source = templateText(file, `/${escapePath(css)}`);
    if (source === null) continue;
    let compiled: CompiledSass;
    try {
      compiled = compileSass(root, file, source.text, options.jekyll.sass, withMap);
    } catch (e) {
      if (!(e instanceof SassError)) throw e;
      // A line of the compiled file is counted from its first line after the front matter.
      const line = e.file === file && e.line !== undefined ? e.line + source.firstLine - 1 : e.line;
      const where = e.file && e.file !== file ? ` (in ${e.file}${e.line !== undefined ? `, line ${e.line}` : ""})` : "";
      diagnostics.error(rel(file), `Sass: ${e.message}${where}`, e.file === file ? line : undefined);
      continue;
    }
    eleventyConfig.addTemplate(`${VIRTUAL_DIR}/${file}.11ty.js`, virtualTemplate({ render: () => compiled.css }), {
      eleventyExcludeFromCollections: true,
      layout: false,
      permalink: css,
    });
    const { map } = compiled;
    if (map !== undefined)
      eleventyConfig.addTemplate(`${VIRTUAL_DIR}/${file}.map.11ty.js`, virtualTemplate({ render: () => map }), {
        eleventyExcludeFromCollections: true,
        layout: false,
        permalink: `${css}.map`,
      });
  }

  const copies: Record<string, string> = {};
  for (const file of files.statics.filter(own)) {
    const url = `/${escapePath(file)}`;
    if (!claim(url, file)) continue;
    const abs = path.join(root, file);
    if (options.rawHtml === "trust" || documentKind(file) === null) {
      copies[abs] = file;
      continue;
    }
    // A compressed SVG is not text: left out (with its warning) before it is read.
    if (documentKind(file) === "svgz" && cleanDocument(file, "") === null) continue;
    // Cleaned as text; copied as it is (any encoding) only when the site trusts its HTML.
    const text = sourceOf(file, ' (or publish such files as they are with option rawHtml: "trust")');
    if (text === null) continue;
    const clean = cleanDocument(file, text);
    if (clean === null) continue;
    eleventyConfig.addTemplate(`${VIRTUAL_DIR}/${file}.11ty.js`, virtualTemplate({ render: () => clean }), {
      eleventyExcludeFromCollections: true,
      layout: false,
      permalink: file,
    });
  }
  if (Object.keys(copies).length > 0) eleventyConfig.addPassthroughCopy(copies);

  for (const w of diagnostics.warnings) log.problem(w);
  if (diagnostics.errors.length > 0) throw new InputError(diagnostics.errors);
  return Object.values(copies);
}
