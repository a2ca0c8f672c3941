// The live preview (`npm start`'s command) over a copy of a fixture blog kept outside
// the repository: an edit shows up without a restart, in the page and in search; a
// broken post prints its error and the server keeps serving; fixing it recovers.
import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter, once } from "node:events";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, POLL, type Chromium } from "../helpers/browser.ts";
import { buildEnv, ROOT } from "../helpers/build.ts";
import { searchAnswered } from "../helpers/search.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/search/_posts");
let posts: string;
let server: ChildProcess;
let output = "";
let base: string;
let browser: Chromium;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Emits "output" for every chunk the server prints: the preview's state changes as it reports. */
const serverOutput = new EventEmitter();

/**
 * Until `fn` holds: checked now, then again after each chunk the server prints (a rebuild
 * writes its pages before it says so), never by the clock; fails after `ms`.
 */
async function until<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 90_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; server output:\n${output.slice(-3000)}`)), ms);
  });
  try {
    for (;;) {
      // Listening before the check: output printed while it runs is not missed.
      const stop = new AbortController();
      const next = once(serverOutput, "output", { signal: stop.signal }).catch(() => undefined);
      const v = await fn().catch(() => undefined);
      if (v) {
        stop.abort();
        return v;
      }
      await Promise.race([next, deadline]);
    }
  } finally {
    clearTimeout(timer);
  }
}

const get = async (url: string) => {
  const r = await fetch(`${base}${url}`);
  return { status: r.status, body: await r.text() };
};

beforeAll(async () => {
  posts = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-preview-")), "_posts");
  cpSync(FIXTURE, posts, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    // What `npm start` and `npx eleventy --serve` run.
    ["node_modules/@11ty/eleventy/cmd.cjs", "--serve", `--port=${port}`, `--output=${mkdtempSync(path.join(os.tmpdir(), "jp-preview-out-"))}`],
    { cwd: ROOT, env: buildEnv({ BLOG_POSTS: posts, BLOG_REFERENCE_DATE: "2021-08-01" }), detached: true },
  );
  for (const stream of [server.stdout!, server.stderr!]) {
    stream.on("data", (d) => {
      output += d;
      serverOutput.emit("output");
    });
  }
  await until("the server", async () => (await get("/")).status === 200 && /\[jekyll-plans\] .* search records/.test(output), 60_000);
  browser = await launchBrowser(inject("browser"));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  // The whole group: Pagefind's service too (the last test may have stopped Eleventy already).
  if (server?.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // nothing of it is left
    }
  }
});

const POOL = () => path.join(posts, "2021/2021-05-09-pool.md");

// A rebuild waits its turn behind the other test files on 2 busy cores, and the preview's index
// runs at a lower priority than they do (in one suite run of about twenty-five, a test here that
// waits for a rebuild and its index took 47 s): the bounds are for a hang, not for speed.
describe("the live preview", { timeout: 200_000 }, () => {
  it("shows a saved edit without a restart, in the page and in search", async () => {
    expect((await get("/2021/05/09/pool/")).body).toContain("连接池太大浪费资源");
    const before = output.length;
    writeFileSync(POOL(), readFileSync(POOL(), "utf8") + "\n新增一段关于独角兽缓存的说明。\n");
    const t0 = Date.now();
    await until("the edited page", async () => (await get("/2021/05/09/pool/")).body.includes("独角兽缓存"));
    const pageMs = Date.now() - t0;
    await until("the re-index", async () => /\[jekyll-plans\] .* search records/.test(output.slice(before)));
    const indexMs = Date.now() - t0;
    console.log(`preview: edited page served after ${pageMs} ms, search index rewritten after ${indexMs} ms`);

    const page = await browser.newPage();
    await page.goto(`${base}/search/?q=${encodeURIComponent("独角兽缓存")}`);
    await page.locator(".pagefind-ui__result-link").first().waitFor({ timeout: 10_000 });
    const links = await page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toContain("/2021/05/09/pool/");
    await page.close();
  });

  it("writes a saved post's pages ahead of the rebuild, as the rebuild writes them, and tells the browsers showing them", async () => {
    const page = await get("/2021/05/09/pool/");
    // Each page of the preview asks which pages were written ahead (the built site has no such script: integration test).
    expect(page.body).toContain("data-jekyll-plans-preview");
    const { generation } = JSON.parse((await get("/.jekyll-plans/updates?since=-1")).body) as { generation: number };
    // A browser on the post, without Eleventy's own reload: only the preview's script can reload it.
    const tab = await browser.newPage();
    await tab.route("**/.11ty/reload-client.js", (r) => r.abort());
    const asking = tab.waitForRequest((r) => r.url().endsWith(`/.jekyll-plans/updates?since=${generation}`));
    await tab.goto(`${base}/2021/05/09/pool/`);
    await asking;
    await tab.evaluate(() => ((window as unknown as { before: boolean }).before = true));
    // Held until the next quick update.
    const told = fetch(`${base}/.jekyll-plans/updates?since=${generation}`).then((r) => r.json() as Promise<{ generation: number; urls: string[] }>);
    const before = output.length;
    writeFileSync(POOL(), readFileSync(POOL(), "utf8") + "\n快速预览的标记段落。\n");
    const update = await told;
    expect(update.generation).toBe(generation + 1);
    // The post, its neighbours (their links name it), its month, year, category and tag, the
    // indexes over the whole blog and the site's own home page, which lists `blog.posts`; not the
    // pages of other categories and tags, nor the search page, nor the site's 404 page.
    const shown = ["/2021/05/09/pool/", "/2021/03/02/thundering-herd/", "/2021/07/01/plan/", "/archive/2021/05/", "/archive/2021/", "/archive/", "/"];
    expect(update.urls).toEqual(expect.arrayContaining([...shown, "/category/database/", "/tag/mysql/", "/tag/"]));
    for (const other of ["/tag/epoll/", "/category/network/", "/archive/2021/03/", "/search/", "/404.html"]) expect(update.urls).not.toContain(other);
    // Told only once the pages are written.
    expect((await get("/2021/05/09/pool/")).body).toContain("快速预览的标记段落");
    await tab.waitForFunction(() => !("before" in window) && document.body.textContent!.includes("快速预览的标记段落"), undefined, POLL);
    await tab.close();
    // The rebuild's pages written and its index made (in either order).
    await until(
      "the rebuild's end",
      async () => /Wrote \d+ files/.test(output.slice(before)) && /\[jekyll-plans\] .* search records/.test(output.slice(before)),
    );
    const log = output.slice(before);
    const ahead = log.search(/\[jekyll-plans\] preview: \d+ pages written ahead of the rebuild/);
    expect(ahead).toBeGreaterThan(-1);
    expect(ahead).toBeLessThan(log.search(/Wrote \d+ files/));
    // The search index was handed the new model's documents too, before the rebuild's index.
    const searchAhead = log.search(/\[jekyll-plans\] preview: search index updated ahead of the rebuild in \d+ ms \(1 document sent\)/);
    expect(searchAhead).toBeGreaterThan(ahead);
    expect(searchAhead).toBeLessThan(log.search(/\[jekyll-plans\] .* search records/));
    // Each page written ahead was compared with the rebuild's: the same.
    expect(log).not.toContain("differed from the rebuild");
  });

  it("does not reload an open page that the rebuild for a saved post writes as it was", async () => {
    // A page that does not show the saved post (the quick update leaves it alone), with
    // Eleventy's reload client connected (it says so on the console).
    const tab = await browser.newPage();
    const connected = tab.waitForEvent("console", (m) => m.text().includes("Connected"));
    await tab.goto(`${base}/tag/epoll/`);
    await connected;
    type Marked = { mark?: string; jekyllPlansKept?: number };
    await tab.evaluate(() => ((window as Marked).mark = "before the save"));
    const before = output.length;
    writeFileSync(POOL(), readFileSync(POOL(), "utf8") + "\n不影响其他页面的段落。\n");
    await until("the rebuild's end", async () => /Wrote \d+ files/.test(output.slice(before)));
    // Eleventy's reload after the rebuild reaches the page, which asks and is told it is the same.
    await tab.waitForFunction(() => (window as Marked).jekyllPlansKept === 1, undefined, POLL);
    expect(await tab.evaluate(() => (window as Marked).mark)).toBe("before the save");
    await tab.close();
  });

  it("makes the search index at a lower CPU priority than the pages", () => {
    // Linux: /proc/PID/stat, after the command's name, holds the parent (4th) and nice (19th) fields.
    const fields = (pid: string | number) =>
      readFileSync(`/proc/${pid}/stat`, "utf8")
        .replace(/^.*\) /s, "")
        .split(" ");
    const name = (pid: string) => readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    const children = readdirSync("/proc").filter((d) => /^\d+$/.test(d) && existsSync(`/proc/${d}/stat`) && Number(fields(d)[1]) === server.pid);
    const pagefind = children.filter((pid) => name(pid).startsWith("pagefind"));
    // One Pagefind service per index (the posts' and the plans'), each at nice 10.
    expect(pagefind).toHaveLength(2);
    expect(pagefind.map((pid) => Number(fields(pid)[16]))).toEqual([10, 10]);
    expect(Number(fields(server.pid!)[16])).toBe(0);
  });

  it("keeps the query of an open search page through a rebuild", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/search/`);
    await page.locator(".pagefind-ui__search-input").fill("连接池");
    await page.waitForURL((url) => url.searchParams.get("q") === "连接池");
    await page.locator(".pagefind-ui__result-link").first().waitFor();
    const before = output.length;
    await page.evaluate(() => ((window as unknown as { beforeRebuild: boolean }).beforeRebuild = true));
    writeFileSync(POOL(), readFileSync(POOL(), "utf8") + "\n再加一段。\n");
    await until("the rebuild", async () => /\[jekyll-plans\] .* search records/.test(output.slice(before)));
    // The dev server reloads the page after the rebuild (the mark is gone); the query is still there.
    await page.waitForFunction(
      () => {
        const box = document.querySelector<HTMLInputElement>(".pagefind-ui__search-input");
        return (
          !(window as unknown as { beforeRebuild?: boolean }).beforeRebuild &&
          box?.value === "连接池" &&
          document.querySelector(".pagefind-ui__result-link") !== null
        );
      },
      null,
      { ...POLL, timeout: 90_000 },
    );
    expect(new URL(page.url()).searchParams.get("q")).toBe("连接池");
    await page.close();
  });

  it("asks whether the index is being made before it loads the index", async () => {
    // An index read while it is replaced (its entry file before, its chunks after) finds
    // nothing; a page that then read "ready" would never reload. So the page loads no part of
    // the index until it knows the state: here the answer is held until the page has loaded.
    const page = await browser.newPage();
    const seen: string[] = [];
    let release = (): void => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/preview-index.json", async (route) => {
      seen.push("state asked");
      await held;
      seen.push("state answered");
      await route.continue();
    });
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/pagefind/pagefind.js") seen.push("index module asked");
    });
    await page.goto(`${base}/search/?q=${encodeURIComponent("连接池")}`);
    release();
    await page.locator(".pagefind-ui__result-link").first().waitFor();
    // (A page told "updating" asks again later, so only the first question is in place.)
    expect(seen[0]).toBe("state asked");
    expect(seen.indexOf("index module asked")).toBeGreaterThan(seen.indexOf("state answered"));
    await page.close();
  });

  it("says on an open search page that the index is being made again, and reloads it into the new index", async () => {
    const page = await browser.newPage();
    // The index state the preview reports is held at "updating" until the test lets it go.
    let released = false;
    await page.route("**/preview-index.json", (route) =>
      released ? route.continue() : route.fulfill({ contentType: "application/json", body: '{"state":"updating"}' }),
    );
    const notice = page.locator(".search-index-state");
    // A word in no post yet, sharing no character with the earlier tests' edits (a query that
    // shares one can match their words in the old index).
    await page.goto(`${base}/search/?q=${encodeURIComponent("麒麟")}`);
    await notice.waitFor({ state: "visible" });
    expect(await notice.getAttribute("role")).toBe("status");
    expect(await notice.textContent()).toContain("正在更新");
    // The old index has answered, without the post.
    await searchAnswered(page);
    expect(await page.locator(".pagefind-ui__result").count()).toBe(0);

    type Marked = { mark?: string };
    await page.evaluate(() => ((window as Marked).mark = "before the save"));
    const before = output.length;
    writeFileSync(POOL(), readFileSync(POOL(), "utf8") + "\n麒麟的一段说明。\n");
    await until("the re-index", async () => /\[jekyll-plans\] .* search records/.test(output.slice(before)));
    expect(JSON.parse((await get("/pagefind/preview-index.json")).body)).toEqual({ state: "ready" });
    // The dev server has reloaded the page after the rebuild; it is still told "updating".
    await page.waitForFunction(() => (window as Marked).mark === undefined, undefined, POLL);
    await notice.waitFor({ state: "visible" });
    await page.evaluate(() => ((window as Marked).mark = "told updating"));
    // Told the index is written, the page reloads by itself, into the new index.
    released = true;
    await page.waitForFunction(() => (window as Marked).mark === undefined, undefined, POLL);
    await page.locator('.pagefind-ui__result-link[href="/2021/05/09/pool/"]').waitFor();
    expect(await notice.isHidden()).toBe(true);
    expect(new URL(page.url()).searchParams.get("q")).toBe("麒麟");
    await page.close();
  });

  it("says on the search page when the index could not be made again", async () => {
    const page = await browser.newPage();
    await page.route("**/preview-index.json", (route) => route.fulfill({ contentType: "application/json", body: '{"state":"failed"}' }));
    await page.goto(`${base}/search/?q=${encodeURIComponent("连接池")}`);
    const notice = page.locator(".search-index-state");
    await notice.waitFor({ state: "visible" });
    expect(await notice.textContent()).toContain("没有更新成功");
    await page.close();
  });

  it("shows a broken post's error on every page and at its URL, keeps other edits coming, and clears when fixed", async () => {
    const good = readFileSync(POOL(), "utf8");
    const herd = path.join(posts, "2021/2021-03-02-thundering-herd.md");
    const herdText = readFileSync(herd, "utf8");
    const before = output.length;
    writeFileSync(POOL(), good.replace('title: "数据库连接池的回收策略"', "title: [unclosed"));
    await until("the error", async () => output.slice(before).includes("2021-05-09-pool.md:"));
    expect(output.slice(before)).toMatch(/\[jekyll-plans\] error: .*2021-05-09-pool\.md:\d+: invalid YAML front matter/);
    // Every page carries the error, with file and line; the broken post's URL explains itself.
    await until("the banner", async () => (await get("/")).body.includes('id="jekyll-plans-errors"'));
    const banner = (await get("/2021/03/02/thundering-herd/")).body;
    expect(banner).toMatch(/jekyll-plans-errors[\s\S]*2021-05-09-pool\.md:\d+<\/code> invalid YAML front matter/);
    expect((await get("/2021/05/09/pool/")).body).toContain("这篇文章无法构建");

    // Another post's edit still shows while the broken one stands.
    writeFileSync(herd, `${herdText}\n另一篇文章的新段落。\n`);
    await until("the other edit", async () => (await get("/2021/03/02/thundering-herd/")).body.includes("另一篇文章的新段落"));

    writeFileSync(POOL(), good.replace("连接池太大浪费资源", "修好以后的连接池"));
    await until("the recovery", async () => (await get("/2021/05/09/pool/")).body.includes("修好以后的连接池"));
    expect((await get("/")).body).not.toContain("jekyll-plans-errors");
    // Back as it was, and the rebuild for it finished: the next test starts from a settled preview.
    const restored = output.length;
    writeFileSync(herd, herdText);
    await until("the restored post", async () => !(await get("/2021/03/02/thundering-herd/")).body.includes("另一篇文章的新段落"));
    await until("the rebuild's end", async () => /\[jekyll-plans\] .* search records/.test(output.slice(restored)));
  });

  it("rebuilds when a post is deleted or renamed, leaving no stale page", async () => {
    const from = path.join(posts, "2021/2021-03-02-thundering-herd.md");
    const to = path.join(posts, "2021/2021-03-03-herd-renamed.md");
    // Saved and renamed at once: Eleventy's own watcher reports neither the new name nor the
    // old one gone (it waits for the write to finish, and then the file is no longer there).
    writeFileSync(from, `${readFileSync(from, "utf8")}\n改名前最后一次保存。\n`);
    renameSync(from, to);
    await until("the renamed post", async () => (await get("/2021/03/03/herd-renamed/")).body.includes("改名前最后一次保存"));
    await until("the old URL gone", async () => (await get("/2021/03/02/thundering-herd/")).status === 404);
    expect((await get("/")).body).not.toContain("/2021/03/02/thundering-herd/");

    rmSync(to);
    await until("the deleted post gone", async () => (await get("/2021/03/03/herd-renamed/")).status === 404);
    await until("the home page without it", async () => !(await get("/")).body.includes("herd-renamed"));
    expect((await get("/archive/2021/03/")).status).toBe(404);
  });

  // Last: it stops the preview.
  it("leaves no file of its own in the temporary folder once stopped with Ctrl-C", async () => {
    const trigger = path.join(os.tmpdir(), `jekyll-plans-rebuild-${server.pid}`);
    expect(existsSync(trigger)).toBe(true);
    const exited = once(server, "exit");
    server.kill("SIGINT");
    await exited;
    expect(existsSync(trigger)).toBe(false);
  });
});
