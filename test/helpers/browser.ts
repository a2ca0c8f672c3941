// Debian's Chromium driven by playwright-core (a downloaded browser does not work here).
import { chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * How `page.waitForFunction` checks its condition: every 50 ms. Its default checks on every
 * animation frame, which keeps the page drawing 60 frames a second while it waits: measured,
 * 0.3–0.9 s of CPU per 3 s of waiting against 0.1 s, and the suite waits on Pagefind a lot.
 */
export const POLL = { polling: 50 } as const;

export interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: "light" | "dark";
}

/** A Chromium for one test file. */
export interface Chromium {
  /**
   * A new tab, with the given size and colour scheme. Every tab of the file is in one browser
   * context: a context of its own per tab cost about three times the CPU (a fresh context's
   * first page loads without the caches the first tab filled: fonts, scripts, Pagefind's wasm).
   */
  newPage(options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Chromium> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const context = await browser.newContext();
  return {
    async newPage({ viewport, colorScheme } = {}) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      if (colorScheme) await page.emulateMedia({ colorScheme });
      return page;
    },
    close: () => browser.close(),
  };
}
