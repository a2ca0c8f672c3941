// Every page type of the blog's shared build, in Chromium, light and dark: axe-core finds no
// serious or critical violation, and a screenshot at 1280 and at 390 px of each is attached
// to the test's output (vitest's annotations, which keep the files in .vitest-attachments/).
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { corpusBuild, ROOT } from "../helpers/build.ts";
import { resultCount, shownResults } from "../helpers/search.ts";
import { serveBuild, type ServedSite } from "../helpers/site.ts";

const AXE = readFileSync(path.join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const SHOTS = mkdtempSync(path.join(os.tmpdir(), "jp-shots-"));

const PAGES: [kind: string, url: string][] = [
  ["home", "/"],
  ["post with code", "/2017/10/28/cpp-log-format/"],
  ["plan post", "/2020/11/23/plan/"],
  ["progress page", "/progress/2020/11/23/plan/"],
  ["dashboard", "/progress/"],
  ["archive index", "/archive/"],
  ["archive year", "/archive/2021/"],
  ["archive month", "/archive/2021/07/"],
  ["category", "/category/kernel/"],
  ["tag", "/tag/backlog/"],
  ["search with results", "/search/?q=epoll"],
  ["404", "/404.html"],
];

let site: ServedSite;

beforeAll(async () => {
  site = await serveBuild(corpusBuild(inject("corpus")));
}, 120_000);

afterAll(async () => {
  await site?.close();
});

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function open(page: Page, url: string): Promise<void> {
  const response = await page.goto(`${site.server.url}${url}`);
  expect(response?.status(), url).toBe(200);
  if (url.startsWith("/search/")) await shownResults(page, Math.min(5, await resultCount(page, "epoll")));
}

describe("every page type", { timeout: 60_000 }, () => {
  it.for(PAGES)("%s (%s): no serious or critical axe violation, light and dark; screenshots attached", async ([kind, url], { annotate }) => {
    // One load per page: the site's dark theme is CSS only (prefers-color-scheme), so the
    // page is switched to it in place.
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
    try {
      await open(page, url);
      await page.addScriptTag({ content: AXE });
      for (const colorScheme of ["light", "dark"] as const) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width: 1280, height: 900 });
        expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
        const found: Violation[] = ((await page.evaluate(`axe.run(document, { resultTypes: ["violations"] })`)) as { violations: Violation[] }).violations;
        const serious = found
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
        expect(serious, `${url} ${colorScheme}`).toEqual([]);
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          const file = path.join(SHOTS, `${kind.replace(/\W+/g, "-")}-${width}-${colorScheme}.png`);
          await page.screenshot({ path: file });
          await annotate(`${kind} ${url}, ${width} px, ${colorScheme}`, "screenshot", { path: file, contentType: "image/png" });
        }
      }
    } finally {
      await page.close();
    }
  });
});
