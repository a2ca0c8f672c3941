// Searching the real blog (content/_posts) in a real browser: each query returns the
// posts whose source contains it, a task's words lead to the task's anchor, and a
// filter narrows the results.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import type { Chromium } from "../helpers/browser.ts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CORPUS_POSTS, corpusBuild, JEKYLL_REFERENCE, type BuildResult } from "../helpers/build.ts";
import type { Served } from "../helpers/serve.ts";
import { PLANS_BUNDLE, planEntryCount, planResults, resultCount, shownResults } from "../helpers/search.ts";
import { serveBuild, type ServedSite } from "../helpers/site.ts";

interface Ref {
  url: string;
  source_path: string;
}
const reference: Ref[] = JSON.parse(readFileSync(JEKYLL_REFERENCE, "utf8"));
const postsContaining = (word: string) =>
  reference
    .filter((r) =>
      readFileSync(path.join(CORPUS_POSTS, "..", r.source_path), "utf8")
        .toLowerCase()
        .includes(word.toLowerCase()),
    )
    .map((r) => r.url)
    .sort();

let site: ServedSite;
let build: BuildResult;
let server: Served;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  site = await serveBuild(corpusBuild(inject("corpus")));
  ({ build, server, browser } = site);
  page = await browser.newPage();
}, 180_000);

afterAll(async () => {
  await site?.close();
});

/** Every result of a query, pressing "load more" until the UI shows as many as Pagefind has. */
async function allResults(query: string): Promise<string[]> {
  await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
  return shownResults(page, await resultCount(page, query), true);
}

describe("the corpus's search index", () => {
  it("holds every post in the posts' index, every progress page and every task in the plans', each once", async () => {
    // Tasks are grouped (a document per plan, status and year); each is a heading of its group,
    // whose id is the task's anchor in the post the group's url meta names.
    await page.goto(`${server.url}/search/`);
    // A string, so that the test runner does not rewrite the browser's import().
    const urls: { posts: string[]; progress: string[]; tasks: string[]; postsHaveTasks: number } = await page.evaluate(`(async () => {
      const found = async (bundle, kind) => {
        const pf = await import(bundle + "pagefind.js?tests");
        await pf.options({});
        const r = await pf.search(null, { filters: { "类型": [kind] } });
        return Promise.all(r.results.map((x) => x.data()));
      };
      const byKind = async (bundle, kind) => (await found(bundle, kind)).map((d) => d.url);
      const tasks = (await found("${PLANS_BUNDLE}", "任务")).flatMap((d) => d.anchors.map((a) => d.meta.url + "#" + a.id));
      return {
        posts: [...(await byKind("/pagefind/", "文章")), ...(await byKind("/pagefind/", "计划"))],
        postsHaveTasks: (await byKind("/pagefind/", "任务")).length + (await byKind("/pagefind/", "进度")).length,
        progress: await byKind("${PLANS_BUNDLE}", "进度"),
        tasks,
      };
    })()`);
    expect(urls.posts.map((u: string) => decodeURI(u)).sort()).toEqual(reference.map((r) => r.url).sort());
    expect(urls.postsHaveTasks).toBe(0);
    expect(urls.progress).toEqual(["/progress/2020/11/23/plan/"]);
    expect(urls.tasks).toHaveLength(203);
    expect(new Set(urls.tasks).size).toBe(203);
    const json = JSON.parse(readFileSync(path.join(build.output, "progress.json"), "utf8"));
    expect(new Set(urls.tasks.map((u: string) => decodeURI(u)))).toEqual(new Set(json.plans[0].tasks.map((t: { url: string }) => t.url)));
  });
});

// Pressing "load more" through every result takes a while on 2 busy cores.
describe("searching the corpus", { timeout: 90_000 }, () => {
  it.each(["惊群", "epoll", "连接池"])("%s returns the posts that contain it", async (word) => {
    const expected = postsContaining(word);
    expect(expected.length).toBeGreaterThan(0);
    const links = await allResults(word);
    const posts = [...new Set(links.filter((l) => /^\/\d{4}\//.test(l)).map((l) => l.split("#")[0]!))].sort();
    expect(posts).toEqual(expected);
  });

  it("shows first the section of a post whose heading holds the query", async () => {
    await page.goto(`${server.url}/search/?q=syncookies`);
    await shownResults(page, Math.min(5, await resultCount(page, "syncookies")));
    const post = page.locator(".pagefind-ui__result", { has: page.locator('.pagefind-ui__result-link[href="/2022/01/22/kernel-tcp-socket-backlog/"]') });
    const sections = await post
      .locator(".pagefind-ui__result-nested .pagefind-ui__result-link")
      .evaluateAll((as) => as.map((a) => decodeURI(a.getAttribute("href") ?? "")));
    // The word is in earlier sections too; the section named after it comes first.
    expect(sections.length).toBeGreaterThan(1);
    expect(sections[0]).toBe("/2022/01/22/kernel-tcp-socket-backlog/#5-syncookies");
  });

  it("leads from a task's words to that task's anchor", async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("内存伙伴算法")}`);
    const task = (await planResults(page, "内存伙伴算法")).find((t) => t.href.includes("#task-"))!;
    expect(task).toBeDefined();
    await page
      .locator(`#search-plans a[href="${encodeURI(task.href)}"]`)
      .first()
      .click();
    await page.waitForURL(/#task-/);
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    expect(await page.locator(`[id="${id}"]`).textContent()).toContain("内存伙伴算法");
    expect(await page.locator(`[id="${id}"] input[type=checkbox]`).isChecked()).toBe(true);
  });

  it("narrows the tasks with the status buttons", async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("连接池")}`);
    const total = await planEntryCount(page, "连接池");
    const open = await planEntryCount(page, "连接池", { 状态: ["未完成"] });
    // Only open tasks carry 状态 = 未完成: fewer results than the query has, and some.
    expect(open).toBeGreaterThan(0);
    expect(open).toBeLessThan(total);
    expect(await planResults(page, "连接池")).toHaveLength(Math.min(5, total));
    await page.locator('#search-plans [data-status="未完成"]').click();
    // The block then shows those open tasks, each titled ☐.
    const shown = await planResults(page, "连接池");
    expect(shown).toHaveLength(Math.min(5, open));
    expect(shown.every((t) => t.text.startsWith("☐ "))).toBe(true);
  });
});
