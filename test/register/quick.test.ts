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
  /** The transforms the plugin added, by name. */
  const transforms: string[] = [];
  const transformFns = new Map<string, (this: object, content: string) => string>();
  const config = {
    directories: { input: dir, includes: "layouts", output: path.join(dir, "_site") },
    transforms: { upper: (content: string) => content.replace("<html>", "<html lang=zh>") },
    on: (event: string, fn: Handler) => handlers.set(event, [...(handlers.get(event) ?? []), fn]),
    addTransform: (name: string, fn: (this: object, content: string) => string) => {
      transforms.push(name);
      transformFns.set(name, fn);
    },
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
    alwaysReload: ["/search/"],
    rebuild(into) {
      register(into, `<p>${readFileSync(source, "utf8")}</p>`);
      return { site, searchAhead: () => indexed.push(readFileSync(source, "utf8")) };
    },
  });
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(layouts));
  const emit = async (event: string, ...args: unknown[]) => {
    for (const fn of handlers.get(event) ?? []) await fn(...args);
  };
  return {
    source,
    outputPath,
    messages,
    indexed,
    transforms,
    transformFns,
    serverOptions,
    emit,
    engine: () => emit("eleventy.engine.njk", { nunjucks, environment: env }),
  };
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

  it("tells a page, after a rebuild for saved posts, whether it is still what the rebuild wrote at its URL", async () => {
    const blog = setUp(() => "新标题");
    await blog.engine();
    const handler = (blog.serverOptions[0]!.onRequest as Record<string, (r: { url: URL }) => Promise<{ body: string }>>)[UPDATES_PATH]!;
    const transform = blog.transformFns.get("jekyll-plans-quick-reload")!;
    /** The page as the transform gives it, and the version its script carries (none: undefined). */
    const write = (url: string, html: string) => {
      const out = transform.call({ page: { url, outputPath: `${dir}/_site${url}index.html` } }, html);
      return /const v="([0-9a-f]+)"/.exec(out)?.[1];
    };
    const same = async (version: string, pathname: string) =>
      (
        JSON.parse((await handler({ url: new URL(`http://x${UPDATES_PATH}?version=${version}&path=${encodeURIComponent(pathname)}`) })).body) as {
          same: boolean;
        }
      ).same;
    const version = write("/tag/随笔/", "<html><body>随笔</body></html>")!;
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    // Before any rebuild for saved posts: no.
    expect(await same(version, "/tag/%E9%9A%8F%E7%AC%94/")).toBe(false);
    await blog.emit("eleventy.beforeWatch", [blog.source]);
    // The address is percent-encoded, the page's URL written with its letters.
    expect(await same(version, "/tag/%E9%9A%8F%E7%AC%94/")).toBe(true);
    expect(await same(version, "/tag/other/")).toBe(false);
    // The rebuild wrote the page otherwise: a page of the old version reloads.
    const next = write("/tag/随笔/", "<html><body>随笔，改过</body></html>")!;
    expect(next).not.toBe(version);
    expect(await same(version, "/tag/随笔/")).toBe(false);
    expect(await same(next, "/tag/随笔/")).toBe(true);
    // A rebuild for any other file (a layout): every page reloads.
    await blog.emit("eleventy.beforeWatch", [path.join(dir, "layouts/base.njk")]);
    expect(await same(next, "/tag/随笔/")).toBe(false);
    // The search page reloads after every rebuild (an open one learns of the new index): its script holds nothing back.
    expect(write("/search/", "<html><body>搜索</body></html>")).toBeUndefined();
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

  /**
   * Runs the script of a page of version "v1" with a stand-in for the browser's WebSocket, as
   * Eleventy's reload client uses it, and gives its message listener `data`; the dev server
   * answers the version question with `answer`. Resolves with whether the listener got the
   * message, what was asked, and how many reloads the page held back.
   */
  async function received(data: string, answer: { same: boolean } | "unreachable") {
    const code = /<script data-jekyll-plans-preview>([\s\S]*)<\/script>/.exec(reloadScript("v1"))![1]!;
    const asked: string[] = [];
    const fetch = (url: string) => {
      asked.push(url);
      if (url.includes("?since=")) return new Promise(() => undefined); // the long poll waits
      if (answer === "unreachable") return Promise.reject(new TypeError("failed to fetch"));
      return Promise.resolve({ ok: true, json: () => Promise.resolve(answer) });
    };
    class Socket {
      readonly listeners: [string, (e: { data: string }) => unknown][] = [];
      constructor(readonly url: string) {}
      addEventListener(type: string, fn: (e: { data: string }) => unknown) {
        this.listeners.push([type, fn]);
      }
    }
    const page: Record<string, unknown> = { fetch, location: { pathname: "/tag/%E9%9A%8F%E7%AC%94/" }, setTimeout, decodeURI, WebSocket: Socket };
    vm.runInNewContext(code, page);
    const got: string[] = [];
    const socket = new (page.WebSocket as typeof Socket)("ws://127.0.0.1:8080");
    expect(socket).toBeInstanceOf(Socket);
    socket.addEventListener("message", (e) => got.push(e.data));
    socket.addEventListener("open", () => got.push("open"));
    for (const [type, fn] of socket.listeners) fn.call(socket, type === "message" ? { data } : { data: "" });
    // The answer and what follows it settle before the next turn of the event loop.
    await new Promise((resolve) => setImmediate(resolve));
    return { passed: got.includes(data), opened: got.includes("open"), asked: asked.filter((u) => !u.includes("?since=")), kept: page.jekyllPlansKept ?? 0 };
  }

  it("holds back Eleventy's reload after a rebuild when the server says the page is what the rebuild wrote", async () => {
    const reload = JSON.stringify({ type: "eleventy.reload", files: ["./content/_posts/2021/a.md"], build: { templates: [] } });
    expect(await received(reload, { same: true })).toEqual({
      passed: false,
      opened: true,
      asked: [`${UPDATES_PATH}?version=v1&path=%2Ftag%2F%25E9%259A%258F%25E7%25AC%2594%2F`],
      kept: 1,
    });
    // Otherwise, and when the server cannot say, Eleventy's client reloads the page as it would.
    expect(await received(reload, { same: false })).toMatchObject({ passed: true, kept: 0 });
    expect(await received(reload, "unreachable")).toMatchObject({ passed: true, kept: 0 });
  });

  it("passes every other message of Eleventy's on, without asking", async () => {
    for (const data of [
      JSON.stringify({ type: "eleventy.reload", subtype: "css", files: ["./style.css"] }),
      JSON.stringify({ type: "eleventy.status", status: "connected" }),
      "not JSON",
    ]) {
      expect(await received(data, { same: true })).toEqual({ passed: true, opened: true, asked: [], kept: 0 });
    }
  });

  it("stops asking a server that does not answer the question (pages served by another server)", async () => {
    expect(await reloads("/tag/linux/", [404])).toEqual({ reloaded: false, asked: [`${UPDATES_PATH}?since=-1`] });
  });
});
