// Every page type of the blog's shared build, in Chromium, light and dark: axe-core finds no
// serious or critical violation (every rule in light; in dark, at both widths, the rules a
// colour scheme changes), and a screenshot at 1280 and at 390 px of each is attached to the
// test's output (vitest's annotations, which keep the files in .vitest-attachments/).
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
let page: Page;

beforeAll(async () => {
  site = await serveBuild(corpusBuild(inject("corpus")));
  page = await site.browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: "light" });
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

/**
 * The rules a colour scheme can change. The site's dark theme is CSS colours only
 * (prefers-color-scheme), so the dark pass checks these and the light pass checks them all.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

async function open(url: string): Promise<void> {
  const response = await page.goto(`${site.server.url}${url}`);
  expect(response?.status(), url).toBe(200);
  if (url.startsWith("/search/")) await shownResults(page, Math.min(5, await resultCount(page, "epoll")));
}

async function seriousViolations(label: string, rules?: string[]): Promise<void> {
  const options = { resultTypes: ["violations"], ...(rules ? { runOnly: { type: "rule", values: rules } } : {}) };
  const found: Violation[] = ((await page.evaluate(`axe.run(document, ${JSON.stringify(options)})`)) as { violations: Violation[] }).violations;
  const serious = found
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, label).toEqual([]);
}

const SIZES = { 1280: { width: 1280, height: 900 }, 390: { width: 390, height: 844 } } as const;

describe("every page type", { timeout: 60_000 }, () => {
  it.for(PAGES)("%s (%s): no serious or critical axe violation, light and dark; screenshots attached", async ([kind, url], { annotate }) => {
    // One page for the file, one load per page type: switched to dark and between widths
    // in place, each width visited once per scheme (light 1280 → 390, dark 390 → 1280).
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(SIZES[1280]);
    await open(url);
    await page.addScriptTag({ content: AXE });
    const shot = async (width: 1280 | 390, colorScheme: "light" | "dark") => {
      await page.setViewportSize(SIZES[width]);
      const file = path.join(SHOTS, `${kind.replace(/\W+/g, "-")}-${width}-${colorScheme}.png`);
      await page.screenshot({ path: file });
      await annotate(`${kind} ${url}, ${width} px, ${colorScheme}`, "screenshot", { path: file, contentType: "image/png" });
    };
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(false);
    await seriousViolations(`${url} light`);
    await shot(1280, "light");
    await shot(390, "light");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(true);
    await seriousViolations(`${url} dark, 390 px`, COLOUR_RULES);
    await shot(390, "dark");
    await shot(1280, "dark");
    await seriousViolations(`${url} dark, 1280 px`, COLOUR_RULES);
  });
});
