/**
 * Glue for the preview: a saved post's pages written at once, before Eleventy's rebuild.
 *
 * Eleventy answers a saved post with a rebuild of every page (the posts are a watch target
 * that resets its configuration), whose own work per template is over a second at 2,000
 * posts before anything is rendered. So when the files saved are posts the last build read,
 * the plugin first does the part that changed itself: as soon as its own watcher sees the
 * posts' folders still (else when Eleventy reports the save, before its rebuild), it builds the
 * model again (only the saved posts are parsed: the post cache keeps the others), registers
 * its pages into a recorder instead of Eleventy, and renders the pages that show a saved post
 * — the post, its neighbours, its archives, categories, tags and progress pages — those over
 * the whole blog (indexes, dashboard, feed, `/progress.json`), each page declaring which posts
 * it shows, and the site's own Nunjucks templates that print `blog` (a home page). They are
 * rendered in their layouts with the data Eleventy gave each page in the last build (the
 * model's parts replaced), through Eleventy's own Nunjucks environment and transforms, then
 * written (each whole: renamed into place); open browsers showing one of them reload, and the
 * search index gets the new documents in the background.
 *
 * Eleventy's rebuild then runs as ever, and is the truth: it writes every page again. Each
 * page written ahead is compared with what the rebuild writes; if one differs (a layout that
 * prints what only Eleventy knows, such as a collection), quick updates are turned off for
 * the rest of the preview, with a message, and the preview is as it was without them.
 * What a layout prints of `blog` on pages that do not show the saved post, paginated
 * templates, and a post added, removed, renamed, moved to another URL or date, with errors or
 * saved while Eleventy builds, wait for the rebuild. */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import path from "node:path";
import { types } from "node:util";
import * as yaml from "js-yaml";
import type { EleventyConfig } from "../eleventy.ts";
import type { Log } from "../log.ts";
import type { BuiltSite } from "../site.ts";
import { isPreview } from "../watch.ts";
import type { Shows } from "./pages.ts";

/** A virtual template as the plugin registers it. */
interface Registered {
  render: (data?: unknown) => unknown;
  data: Record<string, unknown>;
  /** For a generated page: the posts it shows (pages.ts); none given: any post may change it. */
  shows?: Shows;
}

/** What Eleventy made of one of the plugin's templates in the last build. */
interface Rendered {
  /** The whole data Eleventy rendered it with (the data cascade, layouts' data included). */
  data: Record<string, unknown>;
  /** What its own template gave, before layouts and transforms. */
  body: string;
}

/** The templates a registration adds, by virtual path, and the `blog` global data. */
export interface Recording {
  templates: Map<string, Registered>;
  /** Templates given as text (the plugin's fallback layouts). */
  texts: Map<string, string>;
  blog?: unknown;
}

/** The computed data key through which the preview sees each page's data (its value is nothing). */
const CAPTURE_KEY = "jekyllPlansPreview";

/** The URL browsers ask, long-polling, which pages were written ahead. */
export const UPDATES_PATH = "/.jekyll-plans/updates";
/** How long a long poll is held before it is answered with nothing new. */
const POLL_HOLD_MS = 25_000;

/** Kept on the process: Eleventy loads the configuration (and this module) again on a rebuild. */
interface QuickState {
  /** Off after a page written ahead differed from the rebuild's, for the rest of the preview. */
  off: boolean;
  /** How many quick updates have been written; browsers ask for those after the one they saw. */
  generation: number;
  /** The URLs each update wrote, by generation (the last few). */
  updates: Map<number, string[]>;
  /** Long polls waiting for the next update. */
  waiting: Set<() => void>;
  /** Pages written ahead, by output path, to compare with what the rebuild writes. */
  ahead: Map<string, string>;
  /** Whether Eleventy is building (a quick update then waits for the rebuild's own turn). */
  building: boolean;
  /** The quick update under way, if any: Eleventy's rebuild begins after it. */
  running: Promise<void>;
  /** The text of each post as the last quick update read it. */
  done: Map<string, string>;
  /** The plugin's own watchers of the posts' folders, by folder; `run` is the latest build's update. */
  watchers: Map<string, FSWatcher>;
  run?: (files: string[]) => Promise<void>;
  /** The handler given to the dev server: the same function across rebuilds, so its options stay equal. */
  handler: (request: { url: URL }) => Promise<{ headers: Record<string, string>; body: string }>;
  /** Each page's version (a hash of its HTML) as last written, by decoded URL. */
  versions: Map<string, string>;
  /** Whether the build under way (or the last) was for saved posts only, all of which the build before had read. */
  postsOnly: boolean;
}

const STATE = Symbol.for("eleventy-plugin-jekyll-plans.quick");
const store = globalThis as { [STATE]?: QuickState };

function state(): QuickState {
  if (store[STATE]) return store[STATE];
  const s: QuickState = {
    off: false,
    generation: 0,
    updates: new Map(),
    waiting: new Set(),
    ahead: new Map(),
    building: false,
    running: Promise.resolve(),
    done: new Map(),
    watchers: new Map(),
    versions: new Map(),
    postsOnly: false,
    handler: async ({ url }) => {
      const json = (value: unknown) => ({ headers: { "Content-Type": "application/json", "Cache-Control": "no-store" }, body: JSON.stringify(value) });
      // After a rebuild: whether a page of this version is still what the rebuild wrote at its
      // URL (then it need not reload), which only holds when the rebuild was for saved posts.
      const version = url.searchParams.get("version");
      if (version !== null) return json({ same: s.postsOnly && s.versions.get(decodeUrl(url.searchParams.get("path") ?? "")) === version });
      const since = Number(url.searchParams.get("since"));
      if (Number.isInteger(since) && since >= 0 && since === s.generation) {
        // Held until the next update, or answered with nothing new after a while.
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            s.waiting.delete(done);
            resolve();
          };
          const timer = setTimeout(done, POLL_HOLD_MS);
          timer.unref();
          s.waiting.add(done);
        });
      }
      const urls = Number.isInteger(since) && since >= 0 ? [...s.updates].filter(([g]) => g > since).flatMap(([, u]) => u) : [];
      return json({ generation: s.generation, urls });
    },
  };
  return (store[STATE] = s);
}

/** A URL decoded as the pages compare them (undecodable: as it is). */
const decodeUrl = (url: string): string => {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
};

/** A page's version: a hash of its HTML as the plugin's transform is given it. */
const pageVersion = (html: string): string => createHash("sha1").update(html).digest("hex").slice(0, 16);

/**
 * The script each page of `--serve` gets: it asks which pages were written ahead and reloads
 * when its own is one of them. A server without the question (404) is not asked again; one
 * that cannot be reached (restarting) is asked again after 2 s.
 *
 * With a `version` (the page's), it also holds back Eleventy's reload after a rebuild when
 * the dev server says the page is still what the rebuild wrote at its URL (a saved post's
 * pages, written ahead and reloaded already): the page is not reloaded a second time. It
 * wraps the WebSocket Eleventy's reload client opens (a module, which runs after this
 * script); every other message, and a reload the server does not answer, passes as it came.
 */
export function reloadScript(version?: string): string {
  // URLs are compared decoded: a page's URL may be written with its letters (`/tag/随笔/`), the address percent-encoded.
  const ask = `(()=>{let g=-1;const d=x=>{try{return decodeURI(x)}catch{return x}},here=d(location.pathname);const ask=()=>fetch(${JSON.stringify(UPDATES_PATH)}+"?since="+g,{cache:"no-store"}).then(r=>r.status===404?null:r.json()).then(u=>{if(!u)return;if(g>=0&&u.urls.some(x=>d(x)===here)){location.reload();return}g=u.generation;ask()},()=>setTimeout(ask,2000));ask()})();`;
  const hold =
    version === undefined
      ? ""
      : `(()=>{const N=globalThis.WebSocket;if(typeof N!=="function")return;const v=${JSON.stringify(version)};` +
        `const W=function(u,p){const ws=p===undefined?new N(u):new N(u,p),add=ws.addEventListener.bind(ws);` +
        `ws.addEventListener=(t,f,o)=>add(t,t!=="message"?f:function(e){let m=null;try{m=JSON.parse(e.data)}catch{}` +
        `if(!m||m.type!=="eleventy.reload"||m.subtype)return f.call(this,e);` +
        `fetch(${JSON.stringify(UPDATES_PATH)}+"?version="+encodeURIComponent(v)+"&path="+encodeURIComponent(location.pathname),{cache:"no-store"})` +
        `.then(r=>r.ok?r.json():null).then(a=>{if(a&&a.same===true)globalThis.jekyllPlansKept=(globalThis.jekyllPlansKept||0)+1;else f.call(this,e)},()=>f.call(this,e))},o);return ws};` +
        `W.prototype=N.prototype;for(const k of ["CONNECTING","OPEN","CLOSING","CLOSED"])W[k]=N[k];globalThis.WebSocket=W})();`;
  return `<script data-jekyll-plans-preview>${ask}${hold}</script>`;
}

/** An EleventyConfig whose `addTemplate` and `addGlobalData("blog")` are recorded (and passed on to `real`, when given). */
export function recordingConfig(real: EleventyConfig | undefined, recording: Recording, rendered?: Map<string, Rendered>): EleventyConfig {
  const noop = () => undefined;
  return new Proxy((real ?? {}) as EleventyConfig, {
    get(target, key, receiver) {
      if (key === "addTemplate") {
        return (virtualPath: string, content: unknown, data?: Record<string, unknown>) => {
          if (typeof content === "string") recording.texts.set(virtualPath, content);
          const render = (content as { render?: unknown } | undefined)?.render;
          if (typeof render !== "function" || !data) return real?.addTemplate(virtualPath, content, data);
          const shows = (content as { shows?: Shows }).shows;
          recording.templates.set(virtualPath, { render: render as Registered["render"], data, ...(shows ? { shows } : {}) });
          if (!real) return;
          // Keeps what Eleventy renders each page with, for the quick update after a save.
          const capture = async (full: Record<string, unknown>) => {
            const body = await (render as Registered["render"])(full);
            if (typeof body === "string") rendered?.set(virtualPath, { data: full, body });
            return body;
          };
          real.addTemplate(virtualPath, { ...(content as object), render: capture }, data);
        };
      }
      if (key === "addGlobalData") {
        return (name: string, value: unknown) => {
          if (name === "blog") recording.blog = value;
          return real?.addGlobalData(name, value);
        };
      }
      if (!real) return typeof key === "string" && key.startsWith("add") ? noop : undefined;
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Whether two dates given as page data are the same instant. */
const sameDate = (a: unknown, b: unknown): boolean => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

export interface QuickContext {
  eleventyConfig: EleventyConfig;
  log: Log;
  /** The last build's registration (passed on to Eleventy) and what Eleventy rendered of it. */
  recording: Recording;
  rendered: Map<string, Rendered>;
  /** The data Eleventy rendered each of the site's own templates with in the last build, by input path. */
  siteData: Map<string, Record<string, unknown>>;
  /** The folders the posts are read from, absolute. */
  folders: readonly string[];
  /** The source files of the posts the last build read, absolute. */
  sources: ReadonlySet<string>;
  /** Whether the last build had errors (its pages carry their banner). */
  hadErrors: boolean;
  /** The layouts folder, absolute. */
  layoutsDir: string;
  /**
   * The URLs of pages that reload after every rebuild, whatever they show (the search page: an
   * open one learns of the new index that way).
   */
  alwaysReload: readonly string[];
  /**
   * Builds the model again and registers its pages into `config`; undefined when it has errors.
   * `searchAhead` hands its search documents to the preview's index.
   */
  rebuild(config: EleventyConfig): { site: BuiltSite; searchAhead(): void } | undefined;
}

/** Why a quick update cannot be made (the rebuild does it all), or nothing. */
type Refusal = string;

interface Nunjucks {
  Template: new (
    src: string,
    env: unknown,
    path: string,
    eagerCompile: boolean,
  ) => {
    render(ctx: object, cb: (err: Error | null, res: string) => void): void;
  };
}

/**
 * Sets up the quick update in the preview: the data capture (through the recording config
 * the caller registers with), the reload script, the dev server's endpoint, the update
 * itself before each rebuild and the comparison after it.
 */
export function quickPreview(context: QuickContext): void {
  const { eleventyConfig, log } = context;
  if (!isPreview()) return;
  const s = state();
  let nunjucks: { lib: Nunjucks; env: unknown } | undefined;
  eleventyConfig.on("eleventy.engine.njk", ({ nunjucks: lib, environment }: { nunjucks: Nunjucks; environment: unknown }) => {
    nunjucks = { lib, env: environment };
  });
  (eleventyConfig as unknown as { setServerOptions?(o: object): void }).setServerOptions?.({ onRequest: { [UPDATES_PATH]: s.handler } });
  if (s.off) return;
  // The site's own templates (a home page listing `blog.posts`) are rendered by Eleventy from
  // their files: their data is seen through a computed key every template gets in the preview.
  // Eleventy first calls it with a proxy, to learn what it reads, then with the page's data.
  eleventyConfig.addGlobalData("eleventyComputed", {
    [CAPTURE_KEY]: (data: { page?: { inputPath?: unknown } }) => {
      if (!types.isProxy(data) && typeof data?.page?.inputPath === "string") context.siteData.set(data.page.inputPath, data);
      return undefined;
    },
  });
  // Only Eleventy's own server answers the script (`--watch` writes pages ahead all the same).
  if (process.env.ELEVENTY_RUN_MODE === "serve") {
    const always = new Set(context.alwaysReload.map(decodeUrl));
    eleventyConfig.addTransform("jekyll-plans-quick-reload", function (this: { page?: { outputPath?: unknown; url?: unknown } }, content: unknown) {
      const outputPath = String(this.page?.outputPath ?? "");
      if (typeof content !== "string" || !outputPath.endsWith(".html")) return content;
      // The page's version, for the server to compare after a rebuild (a page that must reload
      // after every rebuild gets none: its script passes every reload on).
      const url = typeof this.page?.url === "string" ? decodeUrl(this.page.url) : null;
      let version: string | undefined;
      if (url !== null && !always.has(url)) s.versions.set(url, (version = pageVersion(content)));
      const script = reloadScript(version);
      const end = content.lastIndexOf("</body>");
      return end < 0 ? content + script : content.slice(0, end) + script + content.slice(end);
    });
  }

  /** One quick update for `files`, after the one under way; nothing when Eleventy is building. */
  const run = (files: readonly string[], source: "save" | "rebuild"): Promise<void> =>
    (s.running = s.running.then(async () => {
      if (s.off || !nunjucks || (source === "save" && s.building)) return;
      const start = performance.now();
      let result: Refusal | { urls: string[]; searchAhead(): void };
      try {
        result = await update(context, files, nunjucks);
      } catch (e) {
        result = `it failed: ${e instanceof Error ? e.message : String(e)}`;
      }
      if (typeof result === "string") {
        if (result && source === "rebuild") log.info(`preview: no quick update (${result}); the rebuild does it`);
        return;
      }
      if (result.urls.length === 0) return;
      s.generation++;
      s.updates.set(s.generation, result.urls);
      s.updates.delete(s.generation - 20);
      for (const wake of [...s.waiting]) wake();
      const n = result.urls.length;
      log.info(`preview: ${n} page${n === 1 ? "" : "s"} written ahead of the rebuild in ${Math.round(performance.now() - start)} ms`);
      // Then the search index, in the background.
      result.searchAhead();
    }));

  // Eleventy reports a saved file once it has not changed for 150 ms; the plugin's own watcher
  // starts the quick update as soon as the posts' folders have been still for SETTLE_MS.
  s.run = (files) => {
    // An editor's temporary files come and go beside the post.
    const posts = files.filter((f) => !path.basename(f).startsWith(".") && existsSync(f));
    return posts.length > 0 ? run(posts, "save") : Promise.resolve();
  };
  for (const folder of context.folders) watchFolder(folder);

  // Before Eleventy's rebuild: the quick update, unless the plugin's watcher made it for these very texts.
  eleventyConfig.on("eleventy.beforeWatch", async (queue: string[]) => {
    const files = queue.map((f) => path.resolve(f));
    s.postsOnly = files.length > 0 && files.every((f) => context.sources.has(f) && existsSync(f));
    await s.running;
    if (files.length > 0 && files.every((f) => s.done.get(f) === readText(f))) return;
    await run(files, "rebuild");
  });
  eleventyConfig.on("eleventy.before", async () => {
    s.building = true;
    await s.running;
  });

  eleventyConfig.on("eleventy.after", ({ results }: { results: { outputPath: string | false; url?: string; content?: unknown }[] }) => {
    s.building = false;
    if (s.ahead.size === 0) return;
    const byPath = new Map(results.flatMap((r) => (typeof r.outputPath === "string" ? [[path.resolve(r.outputPath), r] as const] : [])));
    for (const [file, content] of s.ahead) {
      const r = byPath.get(file);
      if (r && r.content === content) continue;
      s.off = true;
      log.info(
        `preview: the page written ahead at ${r?.url ?? file} differed from the rebuild's; quick updates are off until the preview restarts (each save waits for the whole rebuild)`,
      );
      break;
    }
    s.ahead.clear();
  });
}

/** The quick update for the files of `queue`: the URLs written, or why there is none ("" when nothing needs saying). */
async function update(
  context: QuickContext,
  queue: readonly string[],
  njk: { lib: Nunjucks; env: unknown },
): Promise<Refusal | { urls: string[]; searchAhead(): void }> {
  const files = queue.map((f) => path.resolve(f));
  if (files.length === 0 || files.some((f) => !context.sources.has(f) || !existsSync(f))) return "";
  if (context.hadErrors) return "the last build had errors";
  if (context.rendered.size === 0) return "the last build is not finished";

  const texts = files.map(readText);
  const next: Recording = { templates: new Map(), texts: new Map() };
  const built = context.rebuild(recordingConfig(undefined, next));
  if (!built) return "the saved post has errors";
  const site = built.site;
  const before = context.recording.templates;
  if (next.templates.size !== before.size) return "pages were added or removed";

  // The pages that show a saved post (the post itself, its neighbours, its archives, terms
  // and progress pages) or the whole blog (indexes, dashboard, feed, JSON).
  const saved = new Set(site.records.filter((r) => files.includes(path.resolve(r.built.post.sourcePath))).map((r) => r.built.post.url));
  const showsSaved = (shows: Shows | undefined) => shows === undefined || shows === "all" || shows.some((u) => saved.has(u));
  const changed: { virtualPath: string; body: string; data: Record<string, unknown>; old: Rendered }[] = [];
  for (const [virtualPath, fresh] of next.templates) {
    const old = before.get(virtualPath);
    const rendered = context.rendered.get(virtualPath);
    if (!old || !rendered) return "pages were added or removed";
    if (fresh.data.permalink !== old.data.permalink || !sameDate(fresh.data.date, old.data.date)) return "a page moved";
    if (!showsSaved(fresh.shows) && !showsSaved(old.shows)) continue;
    const body = await fresh.render(rendered.data);
    if (typeof body !== "string") return "a page is not text";
    changed.push({ virtualPath, body, data: fresh.data, old: rendered });
  }

  // The layouts given as text (the plugin's fallbacks) are registered once, by the build.
  const layouts = new Layouts(context.layoutsDir, context.eleventyConfig, context.recording.texts, njk);
  const writes: { file: string; url: string; content: string }[] = [];
  /** A page's HTML in its layouts, through Eleventy's transforms, to be written; false when a layout cannot be rendered here. */
  const add = async (body: string, data: Record<string, unknown>, page: { outputPath: string; url: string }): Promise<boolean> => {
    const wrapped = await layouts.wrap(data.layout, body, data);
    if (wrapped === undefined) return false;
    writes.push({ file: path.resolve(page.outputPath), url: page.url, content: await runTransforms(context.eleventyConfig, wrapped, page) });
    return true;
  };
  const pageOf = (data: Record<string, unknown>) => {
    const page = data.page as { outputPath?: unknown; url?: unknown } | undefined;
    return typeof page?.outputPath === "string" && typeof page.url === "string" ? { ...page, outputPath: page.outputPath, url: page.url } : undefined;
  };
  const noLayout = "a layout is not one of the site's Nunjucks files";
  for (const { body, data, old } of changed) {
    const page = pageOf(old.data);
    if (!page) return "a page has no output path";
    if (!(await add(body, { ...old.data, ...data, blog: next.blog }, page))) return noLayout;
  }
  // The site's own Nunjucks templates that print the model: rendered again from their files.
  for (const [inputPath, data] of context.siteData) {
    const page = pageOf(data);
    if (!inputPath.endsWith(".njk") || data.pagination || !page) continue;
    let source: string;
    try {
      source = readFileSync(inputPath, "utf8");
    } catch {
      continue; // a virtual template of another plugin
    }
    if (!/\bblog\b/.test(source)) continue;
    const full = { ...data, blog: next.blog };
    const body = await renderNunjucks(new njk.lib.Template(splitFrontMatter(source).body, njk.env, inputPath, false), full);
    if (!(await add(body, full, page))) return noLayout;
  }
  // Every page is rendered before any is written: a failure leaves the output as it was.
  const output = path.resolve(context.eleventyConfig.directories.output);
  if (writes.some((w) => !w.file.startsWith(output + path.sep))) return "a page is outside the output folder";
  const s = state();
  for (const w of writes) {
    mkdirSync(path.dirname(w.file), { recursive: true });
    const tmp = `${w.file}.${process.pid}.tmp`;
    writeFileSync(tmp, w.content);
    renameSync(tmp, w.file);
    s.ahead.set(w.file, w.content);
  }
  files.forEach((f, i) => s.done.set(f, texts[i]!));
  // The next rebuild compares with this registration's pages.
  context.recording.templates = next.templates;
  for (const { virtualPath, body, data, old } of changed) context.rendered.set(virtualPath, { data: { ...old.data, ...data }, body });
  return { urls: writes.map((w) => w.url), searchAhead: built.searchAhead };
}

/** Eleventy's transforms, run as Eleventy runs them. */
async function runTransforms(
  eleventyConfig: EleventyConfig,
  content: string,
  page: { outputPath?: unknown; url?: unknown; inputPath?: unknown },
): Promise<string> {
  const transforms = (eleventyConfig as unknown as { transforms?: Record<string, (this: object, c: unknown, o: unknown) => unknown> }).transforms ?? {};
  let out: unknown = content;
  for (const fn of Object.values(transforms)) {
    out = await fn.call({ inputPath: page.inputPath, outputPath: page.outputPath, url: page.url, page, baseHref: undefined }, out, page.outputPath);
  }
  return String(out);
}

/** The site's Nunjucks layouts, found and chained as Eleventy finds and chains them. */
class Layouts {
  readonly #compiled = new Map<string, { template: InstanceType<Nunjucks["Template"]>; parent: unknown }>();
  readonly #files: string[];
  constructor(
    readonly dir: string,
    readonly eleventyConfig: EleventyConfig,
    readonly texts: ReadonlyMap<string, string>,
    readonly njk: { lib: Nunjucks; env: unknown },
  ) {
    this.#files = existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => f.split(path.sep).join("/")) : [];
  }

  /** `body` in the layout chain from `name`; undefined when a layout is not a Nunjucks file of the site or the plugin. */
  async wrap(name: unknown, body: string, data: Record<string, unknown>): Promise<string | undefined> {
    let content = body;
    const chain = new Set<string>();
    while (name !== undefined && name !== null && name !== false && name !== "") {
      const layout = this.#find(String(name));
      if (!layout || chain.has(layout)) return undefined;
      chain.add(layout);
      const { template, parent } = this.#compile(layout);
      content = await renderNunjucks(template, { ...data, content });
      name = parent;
    }
    return content;
  }

  /** The layout's file: the name itself, or the name with `.njk`; undefined when another file could be meant. */
  #find(name: string): string | undefined {
    const aliases = (this.eleventyConfig as unknown as { layoutAliases?: Record<string, string> }).layoutAliases ?? {};
    const wanted = aliases[name] ?? name;
    const matches = this.#files.filter((f) => f === wanted || f.startsWith(`${wanted}.`));
    const virtual = [...this.texts.keys()].filter(
      (k) => path.resolve(this.eleventyConfig.directories.input, k) === path.join(this.dir, `${wanted.replace(/\.njk$/, "")}.njk`),
    );
    if (matches.length === 0 && virtual.length === 1) return `virtual:${virtual[0]}`;
    const exact = matches.includes(wanted) ? wanted : matches.length === 1 ? matches[0] : undefined;
    return exact?.endsWith(".njk") ? exact : undefined;
  }

  #compile(layout: string): { template: InstanceType<Nunjucks["Template"]>; parent: unknown } {
    const cached = this.#compiled.get(layout);
    if (cached) return cached;
    const virtual = layout.startsWith("virtual:") ? layout.slice("virtual:".length) : undefined;
    const file = virtual ? path.resolve(this.eleventyConfig.directories.input, virtual) : path.join(this.dir, layout);
    const source = virtual ? this.texts.get(virtual)! : readFileSync(file, "utf8");
    const { data, body } = splitFrontMatter(source);
    const relative = `./${path.relative(process.cwd(), file).split(path.sep).join("/")}`;
    const compiled = { template: new this.njk.lib.Template(body, this.njk.env, relative, false), parent: data?.layout };
    this.#compiled.set(layout, compiled);
    return compiled;
  }
}

/** A compiled Nunjucks template rendered with `data`. */
function renderNunjucks(template: InstanceType<Nunjucks["Template"]>, data: object): Promise<string> {
  return new Promise((resolve, reject) => template.render(data, (err, res) => (err ? reject(err) : resolve(res))));
}

/** A template's front matter (as data) and what follows it, as Eleventy splits them. */
function splitFrontMatter(source: string): { data: Record<string, unknown> | null; body: string } {
  const fm = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!fm) return { data: null, body: source };
  return { data: (yaml.load(fm[1] ?? "") as Record<string, unknown> | null) ?? null, body: source.slice(fm[0].length) };
}

/** How long the posts' folders must be still before the plugin's watcher starts a quick update. */
const SETTLE_MS = 30;

/** A file's text, or undefined when it cannot be read. */
function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Watches a posts' folder and the folders below it for the life of the preview (one watcher
 * per folder and process; it calls the latest build's update), a folder at a time: Node 20's
 * recursive watching on Linux keeps the process alive after Eleventy stops. Changes are
 * gathered until the folders are still.
 */
function watchFolder(top: string): void {
  const s = state();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const add = (folder: string): void => {
    if (s.watchers.has(folder)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, (_event, name) => {
        if (!name) return;
        const file = path.join(folder, name);
        if (lstatSync(file, { throwIfNoEntry: false })?.isDirectory()) add(file);
        changed.add(file);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const files = [...changed];
          changed.clear();
          void s.run?.(files);
        }, SETTLE_MS);
        timer.unref();
      });
    } catch {
      return; // gone, or not to be watched: Eleventy's own report starts the update
    }
    watcher.on("error", () => {
      watcher.close();
      s.watchers.delete(folder);
    });
    watcher.unref();
    s.watchers.set(folder, watcher);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") add(path.join(folder, entry.name));
    }
  };
  if (existsSync(top)) add(top);
}
