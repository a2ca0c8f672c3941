// The preview's quick update, driven through the Eleventy events it listens to with a stand-in
// for Eleventy's configuration: a saved post's page is rendered in the site's Nunjucks layout
// and written before the rebuild, and a page that the rebuild then writes otherwise turns quick
// updates off. (The preview test runs it inside Eleventy over a real blog.)
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import vm from "node:vm";
import nunjucks from "nunjucks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EleventyConfig } from "../../plugins/jekyll-plans/eleventy.ts";
import { quickPreview, recordingConfig, reloadScript, UPDATES_PATH, type Recording } from "../../plugins/jekyll-plans/register/quick.ts";
import type { BuiltSite } from "../../plugins/jekyll-plans/site.ts";

const STATE = Symbol.for("eleventy-plugin-jekyll-plans.quick");
type Handler = (...args: unknown[]) => unknown;

let dir: string;
let runMode: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "jp-quick-"));
  runMode = process.env.ELEVENTY_RUN_MODE;
  process.env.ELEVENTY_RUN_MODE = "serve";
  delete (globalThis as Record<symbol, unknown>)[STATE];
});
afterEach(() => {
  const state = (globalThis as Record<symbol, { watchers?: Map<string, { close(): void }> } | undefined>)[STATE];
  for (const watcher of state?.watchers?.values() ?? []) watcher.close();
  if (runMode === undefined) delete process.env.ELEVENTY_RUN_MODE;
  else process.env.ELEVENTY_RUN_MODE = runMode;
  delete (globalThis as Record<symbol, unknown>)[STATE];
});

/** A blog of one post, as the last build left it, and what the stand-in Eleventy was given. */
function setUp(
  title: () => string,
  output = "_site/2021/01/01/a/index.html",
  permalink = () => "/2021/01/01/a/",
  /** The outer layout as the plugin's fallbacks are given to Eleventy: as text, not a file. */
  baseAsText = false,
) {
  const layouts = path.join(dir, "layouts");
  mkdirSync(layouts, { recursive: true });
  const base = "<html><body>{{ content | safe }}<footer>{{ blog.count }}</footer></body></html>";
  writeFileSync(path.join(layouts, "post.njk"), "---\nlayout: base.njk\n---\n<article><h1>{{ post.title }}</h1>{{ content | safe }}</article>");
  if (!baseAsText) writeFileSync(path.join(layouts, "base.njk"), base);
  const source = path.join(dir, "2021-01-01-a.md");
  writeFileSync(source, "saved");
  const outputPath = path.join(dir, output);
  const handlers = new Map<string, Handler[]>();
  const serverOptions: Record<string, unknown>[] = [];
  const messages: string[] = [];
  /** The texts the search index was handed, one per quick update. */
  const indexed: string[] = [];
  /** The transforms the plugin added. */
  const transforms: string[] = [];
  const config = {
    directories: { input: dir, includes: "layouts", output: path.join(dir, "_site") },
    transforms: { upper: (content: string) => content.replace("<html>", "<html lang=zh>") },
    on: (event: string, fn: Handler) => handlers.set(event, [...(handlers.get(event) ?? []), fn]),
    addTransform: (name: string) => transforms.push(name),
    addGlobalData: () => undefined,
    setServerOptions: (o: Record<string, unknown>) => serverOptions.push(o),
  } as unknown as EleventyConfig;
  const register = (into: EleventyConfig, body: string) => {
    into.addGlobalData("blog", { count: 1 });
    into.addTemplate(
      "_posts/2021-01-01-a.11ty.js",
      { render: () => body, shows: ["/2021/01/01/a/"] },
      { layout: "post", permalink: permalink(), post: { title: title() } },
    );
  };
  const recording: Recording = { templates: new Map(), texts: new Map() };
  const rendered = new Map<string, { data: Record<string, unknown>; body: string }>();
  if (baseAsText) recordingConfig(undefined, recording).addTemplate("layouts/base.njk", base);
  register(recordingConfig(undefined, recording), "<p>old</p>");
  rendered.set("_posts/2021-01-01-a.11ty.js", {
    data: {
      page: { url: "/2021/01/01/a/", outputPath, inputPath: "./_posts/2021-01-01-a.11ty.js" },
      post: { title: "old" },
      blog: { count: 1 },
      layout: "post",
    },
    body: "<p>old</p>",
  });
  const site = { records: [{ built: { post: { sourcePath: source, url: "/2021/01/01/a/" } } }], diagnostics: { errors: [] } } as unknown as BuiltSite;
  quickPreview({
    eleventyConfig: config,
    log: { info: (m) => messages.push(m), problem: () => undefined },
    recording,
    rendered,
    siteData: new Map(),
    folders: [dir],
    sources: new Set([source]),
    hadErrors: false,
    layoutsDir: layouts,
    rebuild(into) {
      register(into, `<p>${readFileSync(source, "utf8")}</p>`);
      return { site, searchAhead: () => indexed.push(readFileSync(source, "utf8")) };
    },
  });
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(layouts));
  const emit = async (event: string, ...args: unknown[]) => {
    for (const fn of handlers.get(event) ?? []) await fn(...args);
  };
  return { source, outputPath, messages, indexed, transforms, serverOptions, emit, engine: () => emit("eleventy.engine.njk", { nunjucks, environment: env }) };
}

describe("the preview's quick update", () => {
  it("writes the saved post's page in the site's layouts and transforms before the rebuild, and answers the pages asking", async () => {
    const blog = setUp(() => "新标题");
    await blog.engine();
    const handler = (blog.serverOptions[0]!.onRequest as Record<string, (r: { url: URL }) => Promise<{ body: string }>>)[UPDATES_PATH]!;
    const first = JSON.parse((await handler({ url: new URL(`http://x${UPDATES_PATH}?since=-1`) })).body) as { generation: number };
    const asked = handler({ url: new URL(`http://x${UPDATES_PATH}?since=${first.generation}`) });
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    expect(readFileSync(blog.outputPath, "utf8")).toBe("<html lang=zh><body><article><h1>新标题</h1><p>saved</p></article><footer>1</footer></body></html>");
    expect(JSON.parse((await asked).body)).toEqual({ generation: first.generation + 1, urls: ["/2021/01/01/a/"] });
    expect(blog.messages.some((m) => /1 page written ahead of the rebuild/.test(m))).toBe(true);
    // Then the search index gets the new model's documents.
    expect(blog.indexed).toEqual(["saved"]);
  });

  it("renders in a layout given as text, as the plugin gives Eleventy its fallback layouts", async () => {
    const blog = setUp(() => "新标题", undefined, undefined, true);
    await blog.engine();
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    expect(readFileSync(blog.outputPath, "utf8")).toBe("<html lang=zh><body><article><h1>新标题</h1><p>saved</p></article><footer>1</footer></body></html>");
  });

  it("turns itself off when the rebuild writes a page otherwise", async () => {
    const blog = setUp(() => "新标题");
    await blog.engine();
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    await blog.emit("eleventy.after", { results: [{ outputPath: blog.outputPath, url: "/2021/01/01/a/", content: "<html>what Eleventy made</html>" }] });
    expect(blog.messages.at(-1)).toMatch(/page written ahead at \/2021\/01\/01\/a\/ differed from the rebuild's; quick updates are off/);
    writeFileSync(blog.source, "saved again");
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    expect(readFileSync(blog.outputPath, "utf8")).not.toContain("saved again");
  });

  it("writes nothing outside the output folder, whatever output path a page had", async () => {
    const blog = setUp(() => "新标题", "_site/../outside/index.html");
    await blog.engine();
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    expect(() => readFileSync(blog.outputPath)).toThrow();
    expect(blog.messages.at(-1)).toMatch(/no quick update \(a page is outside the output folder\)/);
  });

  it("adds the reload script to the pages of --serve only: --watch writes pages ahead for another server", async () => {
    expect(setUp(() => "新标题").transforms).toEqual(["jekyll-plans-quick-reload"]);
    process.env.ELEVENTY_RUN_MODE = "watch";
    const blog = setUp(() => "新标题");
    expect(blog.transforms).toEqual([]);
    await blog.engine();
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    expect(readFileSync(blog.outputPath, "utf8")).toContain("<h1>新标题</h1><p>saved</p>");
  });

  it("leaves a post that moved to another URL to the rebuild", async () => {
    let url = "/2021/01/01/a/";
    const blog = setUp(
      () => "新标题",
      undefined,
      () => url,
    );
    await blog.engine();
    url = "/2021/01/02/a/";
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    expect(() => readFileSync(blog.outputPath)).toThrow();
    expect(blog.messages.at(-1)).toMatch(/no quick update \(a page moved\)/);
    expect(blog.indexed).toEqual([]);
  });

  it("leaves a file that is not a post of the last build to the rebuild", async () => {
    const blog = setUp(() => "新标题");
    await blog.engine();
    const other = path.join(dir, "layouts/base.njk");
    await blog.emit("eleventy.beforeWatch", [other]);
    expect(() => readFileSync(blog.outputPath)).toThrow();
  });
});

describe("the preview's reload script", () => {
  type Answer = { generation: number; urls: string[] } | 404;
  /**
   * Runs the script as a page at `pathname` would, with the dev server's answers in turn;
   * resolves with whether it reloaded and what it asked.
   */
  async function reloads(pathname: string, answers: Answer[]): Promise<{ reloaded: boolean; asked: string[] }> {
    const code = /<script data-jekyll-plans-preview>([\s\S]*)<\/script>/.exec(reloadScript())![1]!;
    let reloaded = false;
    const asked: string[] = [];
    await new Promise<void>((done) => {
      const fetch = (url: string) => {
        asked.push(url);
        const answer = answers.shift();
        if (!answer) {
          done(); // the page waits on its next question: the answers are over
          return new Promise(() => undefined);
        }
        if (answer === 404) {
          setTimeout(done, 50); // a page that asked again would have asked by then
          return Promise.resolve({ status: 404, json: () => Promise.reject(new Error("not JSON")) });
        }
        return Promise.resolve({ status: 200, json: () => Promise.resolve(answer) });
      };
      const location = {
        pathname,
        reload: () => {
          reloaded = true;
          done();
        },
      };
      // The page's own waits (2 s before asking a server that could not be reached) pass at once.
      vm.runInNewContext(code, { fetch, location, setTimeout: (fn: () => void) => setImmediate(fn), decodeURI });
    });
    expect(asked[0]).toBe(`${UPDATES_PATH}?since=-1`);
    return { reloaded, asked };
  }

  it("reloads when its page is among those written ahead, its address and the URL compared decoded", async () => {
    const update = { generation: 4, urls: ["/archive/", "/tag/随笔/"] };
    expect((await reloads("/tag/%E9%9A%8F%E7%AC%94/", [{ generation: 3, urls: [] }, update])).reloaded).toBe(true);
    expect((await reloads("/archive/", [{ generation: 3, urls: [] }, update])).reloaded).toBe(true);
  });

  it("does not reload for other pages, nor for what was written before it loaded", async () => {
    const other = await reloads("/tag/linux/", [
      { generation: 3, urls: [] },
      { generation: 4, urls: ["/tag/随笔/"] },
    ]);
    expect(other).toEqual({ reloaded: false, asked: [`${UPDATES_PATH}?since=-1`, `${UPDATES_PATH}?since=3`, `${UPDATES_PATH}?since=4`] });
    // The first answer tells the generation the page was loaded in, not to reload.
    expect((await reloads("/tag/linux/", [{ generation: 3, urls: ["/tag/linux/"] }])).reloaded).toBe(false);
  });

  it("stops asking a server that does not answer the question (pages served by another server)", async () => {
    expect(await reloads("/tag/linux/", [404])).toEqual({ reloaded: false, asked: [`${UPDATES_PATH}?since=-1`] });
  });
});
