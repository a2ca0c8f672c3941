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

/** Chromium's command line for the tests (and the search-quality benchmark). */
const LAUNCH = {
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

/**
 * One Chromium for the whole suite, started by the global setup: each test file connects to
 * it and gets a browser context of its own. A browser of its own per file cost about 1.1 s of
 * CPU each (measured: launch, first page, close), eight times over.
 */
export async function launchBrowserServer(): Promise<{ wsEndpoint: string; close(): Promise<void> }> {
  const server = await chromium.launchServer(LAUNCH);
  return { wsEndpoint: server.wsEndpoint(), close: () => server.close() };
}

/**
 * A Chromium for one test file: connected to the suite's (`wsEndpoint`, from the global
 * setup), or launched for this caller alone without one (or with an empty one).
 */
export async function launchBrowser(wsEndpoint?: string): Promise<Chromium> {
  const browser = wsEndpoint ? await chromium.connect(wsEndpoint) : await chromium.launch(LAUNCH);
  const context = await browser.newContext();
  return {
    async newPage({ viewport, colorScheme } = {}) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      if (colorScheme) await page.emulateMedia({ colorScheme });
      return page;
    },
    // A connected browser is left running for the other files: only this file's context and
    // connection end.
    close: async () => {
      await context.close();
      await browser.close();
    },
  };
}
