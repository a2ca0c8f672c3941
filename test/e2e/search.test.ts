// The search, end to end in a real browser: the site is built with `npm run build`'s
// command over a fixture blog, served on 127.0.0.1, and searched in Chinese.
import { readdirSync } from "node:fs";
import path from "node:path";
import type { Page, Route } from "playwright-core";
import { POLL, type Chromium } from "../helpers/browser.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Served } from "../helpers/serve.ts";
import { searchAnswered, planEntryCount, planResults, resultCount, shownResults } from "../helpers/search.ts";
import { startSite, type ServedSite } from "../helpers/site.ts";

const POSTS = path.resolve(import.meta.dirname, "../fixtures/search/_posts");
let site: ServedSite;
let server: Served;
let browser: Chromium;
let page: Page;

beforeAll(async () => {
  site = await startSite({ BLOG_POSTS: POSTS });
  ({ server, browser } = site);
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await site?.close();
});

async function search(query: string): Promise<string[]> {
  await page.goto(`${server.url}/search/`);
  const expected = Math.min(5, await resultCount(page, query));
  await page.locator(".pagefind-ui__search-input").fill(query);
  if (expected === 0) await searchAnswered(page);
  return shownResults(page, expected);
}

describe("search in a real browser", () => {
  it("finds the post containing a Chinese word typed without spaces", async () => {
    const links = await search("惊群");
    expect(links).toContain("/2021/03/02/thundering-herd/");
    expect(links).not.toContain("/2021/05/09/pool/");
  });

  it("finds sections of a post through their heading anchors", async () => {
    const links = await search("EPOLLEXCLUSIVE");
    expect(links).toContain("/2021/03/02/thundering-herd/#21-epollexclusive");
  });

  it("narrows results with a filter", async () => {
    const all = await search("连接池");
    expect(all).toContain("/2021/05/09/pool/");
    const total = await resultCount(page, "连接池");
    const onlyPlans = await resultCount(page, "连接池", { 类型: ["计划"] });
    expect(onlyPlans).toBeGreaterThan(0);
    expect(onlyPlans).toBeLessThan(total);
    const group = page.locator("details.pagefind-ui__filter-block", { hasText: "类型" });
    await group.locator("summary").click();
    await group.locator("label", { hasText: "计划" }).click();
    // Wait until the UI shows the filtered results: the plan post only.
    await page.waitForFunction(
      () => {
        const links = [...document.querySelectorAll(".pagefind-ui__result-link")].map((a) => a.getAttribute("href") ?? "");
        return links.length > 0 && links.every((l) => l.startsWith("/2021/07/01/plan/"));
      },
      undefined,
      POLL,
    );
    const plans = await shownResults(page, Math.min(5, onlyPlans));
    expect(plans.every((l) => l.startsWith("/2021/07/01/plan/"))).toBe(true);
  });

  it("shows every filter group for a search given in the address, even when one filter chunk arrives late", async () => {
    // The index's filter groups, asked of Pagefind in another tab.
    await page.goto(`${server.url}/search/`);
    const groups = (await page.evaluate(`(async () => {
      const pf = await import("/pagefind/pagefind.js?tests");
      await pf.options({});
      return Object.keys(await pf.filters()).sort();
    })()`)) as string[];
    expect(groups.length).toBeGreaterThan(1);
    const tab = await browser.newPage();
    try {
      // The race, made certain: the first filter file the page asks for is held back, and the
      // search's index files wait until every other filter file has arrived. A Pagefind UI made
      // at once then searches with all filters but one loaded, and shows its groups while that
      // one is still held. The page must instead make its UI only once every filter has loaded:
      // then no Pagefind UI exists when the file is held, and it is let go.
      const FILTER = /\/pagefind\/filter\/[^/]+\.pf_filter$/;
      let held: Route | undefined;
      let holding!: () => void;
      const isHeld = new Promise<void>((resolve) => (holding = resolve));
      const files = readdirSync(path.join(site.build.output, "pagefind/filter")).length;
      let arrived = 0;
      const waiting: (() => void)[] = [];
      const check = () => {
        if (held && arrived >= files - 1) waiting.splice(0).forEach((go) => go());
      };
      tab.on("requestfinished", (r) => {
        if (FILTER.test(r.url())) arrived++;
        check();
      });
      await tab.route(FILTER, async (route) => {
        if (held) return route.continue();
        held = route;
        holding();
        check();
      });
      await tab.route(/\/pagefind\/index\/[^/]+\.pf_index$/, async (route) => {
        await new Promise<void>((go) => {
          waiting.push(go);
          check();
        });
        await route.continue();
      });
      await tab.goto(`${server.url}/search/?q=${encodeURIComponent("连接池")}`);
      // Until the page has asked for its first filter file (however long a loaded machine takes).
      await isHeld;
      if (!(await tab.evaluate(() => document.querySelector(".pagefind-ui__search-input") !== null))) await held!.continue();
      await shownResults(tab, Math.min(5, await resultCount(tab, "连接池")));
      const shown = await tab.locator(".pagefind-ui__filter-name").evaluateAll((names) => names.map((n) => n.textContent?.trim() ?? "").sort());
      expect(shown).toEqual(groups);
    } finally {
      await tab.close();
    }
  });

  it("shows matching tasks in a block of their own, not among the posts, with more on request and by status", async () => {
    await search("连接池");
    const posts = await page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    expect(posts.some((l) => l.includes("#task-"))).toBe(false);
    const tasks = await planResults(page, "连接池");
    const inIndex = await planEntryCount(page, "连接池");
    expect(tasks.length).toBe(Math.min(5, inIndex));
    expect(tasks.every((t) => /^[☑☐] /.test(t.text) || t.text.endsWith("· 进度"))).toBe(true);
    expect(tasks.some((t) => t.href.startsWith("/2021/07/01/plan/#task-"))).toBe(true);
    expect(await page.locator("#search-plans .search-plans-count").textContent()).toBe(`${inIndex} 项`);
    if (inIndex > 5) {
      await page.locator("#search-plans .search-plans-more").click();
      expect(await planResults(page, "连接池")).toHaveLength(Math.min(15, inIndex));
    }
    const open = await planEntryCount(page, "连接池", { 状态: ["未完成"] });
    await page.locator('#search-plans [data-status="未完成"]').click();
    const shown = await planResults(page, "连接池");
    expect(shown).toHaveLength(Math.min(5, open));
    expect(shown.every((t) => t.text.startsWith("☐ "))).toBe(true);
    expect(await page.locator('#search-plans [data-status="未完成"]').getAttribute("aria-pressed")).toBe("true");
  });

  it("leads from a task's words to that task's anchor, showing whether it is done", async () => {
    await search("协程调度器");
    const task = (await planResults(page, "协程调度器")).find((t) => t.text.includes("协程调度器"))!;
    expect(task.text.startsWith("☐ ")).toBe(true);
    await page.locator("#search-plans .search-plans-list a", { hasText: "协程调度器" }).first().click();
    await page.waitForURL(/\/2021\/07\/01\/plan\/#task-/);
    const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
    const target = page.locator(`[id="${id}"]`);
    await expect.poll(() => target.textContent()).toContain("整理协程调度器的笔记");
    expect(await page.evaluate(() => document.querySelector(":target")?.id)).toBe(id);
    expect(await target.locator("input[type=checkbox]").isChecked()).toBe(false);
  });

  it("says clearly when nothing matches", async () => {
    const links = await search("鳄鱼潜水艇");
    expect(links).toEqual([]);
    expect(await page.locator(".pagefind-ui__message").textContent()).toMatch(/未找到|没有|No results/);
  });

  it("searches from the box in every page's header", async () => {
    await page.goto(`${server.url}/2021/05/09/pool/`);
    await page.locator("header form[role=search] input[name=q]").fill("惊群");
    await page.locator("header form[role=search] button").click();
    await page.waitForURL(/\/search\/\?q=/);
    expect(await shownResults(page, Math.min(5, await resultCount(page, "惊群")))).toContain("/2021/03/02/thundering-herd/");
  });
});

describe("the search page", () => {
  const tags = () => page.locator(".pagefind-ui__result-tag").allTextContents();

  it("labels results in the site's language, and names its input", async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("连接池")}`);
    await shownResults(page, Math.min(5, await resultCount(page, "连接池")));
    const shown = await tags();
    expect(shown.some((t) => t.startsWith("日期:"))).toBe(true);
    expect(shown.filter((t) => /^(Date|Plan|Status|Excerpt)\b/i.test(t))).toEqual([]);
    // The block of tasks names each task's plan and its status in the site's words.
    await planResults(page, "连接池");
    expect(await page.locator("#search-plans h2").textContent()).toContain("计划与任务");
    expect(await page.locator("#search-plans [data-status]").allTextContents()).toEqual(["全部", "未完成", "已完成"]);
    expect(await page.locator(".pagefind-ui__search-input").getAttribute("aria-label")).toBe("搜索本站");
    // The filters' frame is not the browser's grooved fieldset border.
    expect(await page.locator(".pagefind-ui__filter-panel").evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe("0px");
    // Beside the results on a wide screen, wide enough for its labels.
    expect((await page.locator(".pagefind-ui__filter-panel").boundingBox())!.width).toBeGreaterThan(150);
  });

  it("lists the kind filter first", async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("连接池")}`);
    // Once the search has answered (the UI redraws its filters with the result's counts).
    await shownResults(page, Math.min(5, await resultCount(page, "连接池")));
    const firstShown = () =>
      [...document.querySelectorAll(".pagefind-ui__filter-block")]
        .map((b) => ({ name: b.querySelector("summary")?.textContent?.trim() ?? "", top: b.getBoundingClientRect().top }))
        .sort((a, b) => a.top - b.top)[0]?.name;
    await page.waitForFunction(`(${firstShown.toString()})() === "类型"`, undefined, POLL);
    expect(await page.evaluate(`(${firstShown.toString()})()`)).toBe("类型");
    expect(await page.locator(".pagefind-ui__filter-block").count()).toBeGreaterThanOrEqual(3);
  });

  it("sorts by date when asked, keeping the query, and shows the results", async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("连接池")}`);
    await shownResults(page, Math.min(5, await resultCount(page, "连接池")));
    await page.locator("#search-sort").selectOption("date");
    await page.waitForURL((url) => url.searchParams.get("sort") === "date" && url.searchParams.get("q") === "连接池");
    await page.locator(".pagefind-ui__result-link").first().waitFor();
    expect(await page.locator(".pagefind-ui__result-link").count()).toBeGreaterThan(0);
    expect(await page.locator("#search-sort").inputValue()).toBe("date");
  });

  it("keeps the query in the address while typing, so that a reload shows the same search", async () => {
    await page.goto(`${server.url}/search/`);
    await page.locator(".pagefind-ui__search-input").fill("惊群");
    await page.waitForURL((url) => url.searchParams.get("q") === "惊群");
    await page.reload();
    await expect.poll(() => page.locator(".pagefind-ui__search-input").inputValue()).toBe("惊群");
    expect(await shownResults(page, Math.min(5, await resultCount(page, "惊群")))).toContain("/2021/03/02/thundering-herd/");
  });

  it("is used from the keyboard: / focuses the box, the arrows move through the results", async () => {
    await page.goto(`${server.url}/search/?q=${encodeURIComponent("连接池")}`);
    const links = await shownResults(page, Math.min(5, await resultCount(page, "连接池")));
    expect(links.length).toBeGreaterThan(1);
    await page.locator("h1").click();
    await page.keyboard.press("/");
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("pagefind-ui__search-input"))).toBe(true);
    const focused = () => page.evaluate(() => decodeURI(document.activeElement?.getAttribute("href") ?? ""));
    const order = await page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => decodeURI(a.getAttribute("href") ?? "")));
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe(order[0]);
    await page.keyboard.press("ArrowDown");
    expect(await focused()).toBe(order[1]);
    await page.keyboard.press("ArrowUp");
    expect(await focused()).toBe(order[0]);
    await page.keyboard.press("ArrowUp");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("pagefind-ui__search-input"))).toBe(true);
  });

  it("puts the first result above the fold on a phone, the filters behind a button", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(`${server.url}/search/?q=${encodeURIComponent("连接池")}`);
      await shownResults(phone, Math.min(5, await resultCount(phone, "连接池")));
      const first = await phone.locator(".pagefind-ui__result").first().boundingBox();
      expect(first!.y).toBeLessThan(844);
      expect(await phone.locator(".pagefind-ui__filter-panel").isVisible()).toBe(false);
      const toggle = phone.locator(".search-filters-toggle");
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await expect.poll(() => phone.locator(".pagefind-ui__filter-panel").isVisible()).toBe(true);
    } finally {
      await phone.close();
    }
  });
});
