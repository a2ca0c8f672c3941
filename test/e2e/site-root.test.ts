// The fixture Jekyll root in a real browser: screenshots zoom on click, math is typeset by
// MathJax from the site itself, and no page of it runs a script it should not.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { corpusBuild } from "../helpers/build.ts";
import { serveBuild, type ServedSite } from "../helpers/site.ts";

let site: ServedSite;

beforeAll(async () => {
  site = await serveBuild(corpusBuild(inject("siteRoot")));
}, 120_000);

afterAll(async () => {
  await site?.close();
});

describe("the site root in a browser", () => {
  it("zooms a screenshot on click and closes it with Escape", async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.server.url}/2021/07/01/hello/`);
    await page.locator('.post-body img[data-action="zoom"]').click();
    // Waited on by its state (the overlay there, then gone), not within expect.poll's one second.
    const overlay = page.locator(".zoom-overlay");
    await overlay.waitFor({ state: "attached" });
    expect(await overlay.count()).toBe(1);
    expect(await overlay.getAttribute("role")).toBe("dialog");
    await page.keyboard.press("Escape");
    await overlay.waitFor({ state: "detached" });
    await page.close();
  });

  it("typesets math with the MathJax the site serves", async () => {
    const page = await site.browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${site.server.url}/2021/07/01/hello/`);
    const math = page.locator("mjx-container");
    await math.first().waitFor({ timeout: 20_000 });
    expect(await math.count()).toBe(2);
    expect(await page.locator('mjx-container[display="true"]').count()).toBe(1);
    // Nothing is fetched from another host.
    expect(requests.filter((u) => !u.startsWith(site.server.url) && !u.includes("player.invalid"))).toEqual([]);
    await page.close();
  });

  it("fires no dialog on any page, the static SVG included", async () => {
    const page = await site.browser.newPage();
    const dialogs: string[] = [];
    page.on("dialog", async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    for (const url of ["/", "/about/", "/links/", "/theme/", "/2021/07/01/hello/", "/2021/07/05/raw/", "/images/diagram.svg"]) {
      await page.goto(`${site.server.url}${url}`);
      await page
        .locator("svg rect, body")
        .first()
        .click({ timeout: 2_000 })
        .catch(() => {});
    }
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
