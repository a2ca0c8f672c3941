// Waiting on Pagefind's UI by its state, not by the clock: the number of results a query has
// is asked of Pagefind's own JS API in the page, and the UI is read once it shows them all.
import type { Page } from "playwright-core";
import { POLL } from "./browser.ts";

/**
 * How many results Pagefind has for `query` (with `filters`) in the posts' index, asked in the
 * page through an instance of Pagefind's module of its own (`?tests`): the UI's instance keeps
 * its options. (The plans' block counts entries, not results: `planEntryCount`.)
 */
export async function resultCount(page: Page, query: string | null, filters: Record<string, string[]> = {}): Promise<number> {
  // A string, so that the test runner does not rewrite the browser's import().
  return page.evaluate(`(async () => {
    const pf = await import("/pagefind/pagefind.js?tests");
    await pf.options({});
    const r = await pf.search(${JSON.stringify(query)}, { filters: ${JSON.stringify(filters)} });
    return r.results.length;
  })()`);
}

/**
 * The result links the UI shows, once it shows `expected` of them (or all it will show
 * without "load more": Pagefind UI pages by 5). With `all`, presses "load more" until every
 * result is shown.
 */
export async function shownResults(page: Page, expected: number, all = false): Promise<string[]> {
  // `seen`: how many results the UI showed when "load more" was last pressed. Pressing again
  // waits until more have arrived, so a stale button is never pressed twice.
  let seen = 0;
  for (;;) {
    const state = await page.waitForFunction(
      ([n, before]) => {
        const results = [...document.querySelectorAll(".pagefind-ui__result")];
        if (!results.every((r) => r.querySelector(".pagefind-ui__result-link")?.getAttribute("href"))) return false;
        if (results.length === n) return "done";
        const more = document.querySelector(".pagefind-ui__button") !== null;
        return results.length > before && results.length % 5 === 0 && more ? results.length : false;
      },
      [expected, seen] as const,
      { ...POLL, timeout: 15_000 },
    );
    const value = await state.jsonValue();
    if (value === "done" || !all) break;
    seen = value as number;
    // Pressed in the page in one step: the button is either there and pressed, or gone.
    await page.evaluate(() => (document.querySelector(".pagefind-ui__button") as HTMLElement | null)?.click());
  }
  return page.locator(".pagefind-ui__result-link").evaluateAll((as) => as.map((a) => decodeURI(a.getAttribute("href") ?? "")));
}

/** The plans' index (progress pages and tasks), which the search page shows in a block of its own. */
export const PLANS_BUNDLE = "/pagefind/plans/";

/**
 * How many entries the block of progress pages and tasks has for `query` (with `filters`),
 * asked of Pagefind's JS API in the page: each task a query finds (a sub-result of its
 * group, linked to the task's anchor) and each progress page found.
 */
export async function planEntryCount(page: Page, query: string, filters: Record<string, string[]> = {}): Promise<number> {
  return page.evaluate(`(async () => {
    const pf = await import("${PLANS_BUNDLE}pagefind.js?tests");
    await pf.options({});
    const r = await pf.search(${JSON.stringify(query)}, { filters: ${JSON.stringify(filters)} });
    const data = await Promise.all(r.results.map((x) => x.data()));
    return data.reduce((n, d) => n + Math.max(1, d.sub_results.filter((s) => s.anchor).length), 0);
  })()`);
}

/**
 * The links of the search page's block of progress pages and tasks, once it has answered
 * `query` (it says so in `data-state` and `data-query`): text and href of each.
 */
export async function planResults(page: Page, query: string): Promise<{ text: string; href: string }[]> {
  await page.waitForFunction(
    (q) => {
      const block = document.getElementById("search-plans");
      return block?.dataset.state === "ready" && block.dataset.query === q;
    },
    query,
    POLL,
  );
  return page
    .locator("#search-plans .search-plans-list a")
    .evaluateAll((as) => as.map((a) => ({ text: a.textContent ?? "", href: decodeURI(a.getAttribute("href") ?? "") })));
}

/**
 * Until Pagefind UI has answered its search: its message is there and no longer says
 * "searching…" (it does while it works), and no loading placeholder is left.
 */
export async function searchAnswered(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const message = document.querySelector(".pagefind-ui__message")?.textContent?.trim() ?? "";
      return message !== "" && !/(\.\.\.|…)$/.test(message) && !document.querySelector(".pagefind-ui__loading");
    },
    undefined,
    POLL,
  );
}
