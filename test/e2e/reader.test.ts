// What a reader sees, in Chromium, on the blog's shared build: the task a link leads to stands
// out, done and open tasks differ, the dashboard and its chart fit a 390 px phone, dark mode,
// a favicon, a 404 page and lazily loaded images.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { corpusBuild } from "../helpers/build.ts";
import { all, attr, byTag, parseHtml } from "../helpers/html.ts";
import { serveBuild, type ServedSite } from "../helpers/site.ts";

let site: ServedSite;
const PLAN = "/2020/11/23/plan/";

beforeAll(async () => {
  site = await serveBuild(corpusBuild(inject("corpus")));
}, 120_000);

afterAll(async () => {
  await site?.close();
});

describe("a reader", () => {
  it("sees the task a link leads to outlined, and done tasks struck through", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}${PLAN}`);
    const [open, done] = await Promise.all([
      page.locator(".task-list-item:not(.task-done)").first().getAttribute("id"),
      page.locator(".task-done").first().getAttribute("id"),
    ]);
    await page.goto(`${site.server.url}${PLAN}#${open}`);
    const target = page.locator(`[id="${open}"]`);
    expect(await target.evaluate((e) => e.matches(":target") && getComputedStyle(e).outlineStyle)).toBe("solid");
    const style = (id: string | null) => page.locator(`[id="${id}"] > .task-text`).evaluate((e) => getComputedStyle(e).textDecorationLine);
    expect(await style(done)).toBe("line-through");
    expect(await style(open)).toBe("none");
    await page.close();
  });

  it("reads the dashboard and its chart on a 390 px phone", async () => {
    const page = await site.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${site.server.url}/progress/`);
    const name = page.locator("table.plans tbody th").first();
    // Not one character per line: the plan's name gets most of the width.
    expect((await name.boundingBox())!.width).toBeGreaterThan(250);
    const chart = (await page.locator(".chart svg").first().boundingBox())!;
    expect(chart.x + chart.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it("gets dark mode when the system asks for it", async () => {
    const page = await site.browser.newPage({ colorScheme: "dark" });
    await page.goto(`${site.server.url}${PLAN}`);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe("rgb(13, 17, 23)");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe("rgb(255, 255, 255)");
    await page.close();
  });
});

describe("the site", () => {
  const output = () => inject("corpus").output;

  it("has a favicon and a 404 page that leads back", () => {
    const home = parseHtml(readFileSync(path.join(output(), "index.html"), "utf8"));
    const icon = all(home, byTag("link")).find((l) => attr(l, "rel") === "icon")!;
    expect(existsSync(path.join(output(), attr(icon, "href")!))).toBe(true);
    const notFound = parseHtml(readFileSync(path.join(output(), "404.html"), "utf8"));
    expect(all(notFound, byTag("a")).map((a) => attr(a, "href"))).toEqual(expect.arrayContaining(["/", "/search/"]));
  });

  it("loads the images of posts lazily", () => {
    const post = parseHtml(readFileSync(path.join(output(), "2016/11/08/fileserver-frame/index.html"), "utf8"));
    const images = all(post, byTag("img"));
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((i) => attr(i, "loading") === "lazy")).toBe(true);
  });
});
