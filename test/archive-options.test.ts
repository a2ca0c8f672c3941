// Archive options through Eleventy: each archive type can be switched off, moved and
// given its own layout, like jekyll-archives; the feed can be switched off.
import Eleventy from "@11ty/eleventy";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import jekyllPlans, { type JekyllPlansOptions } from "../plugins/jekyll-plans/index.ts";
import { all, attr, byTag, hasClass, one, parseHtml } from "./helpers/html.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/mini");

async function build(options: JekyllPlansOptions): Promise<string> {
  const out = mkdtempSync(path.join(os.tmpdir(), "jp-arch-"));
  const elev = new Eleventy(path.join(FIXTURE, "site"), out, {
    quietMode: true,
    configPath: false,
    config(c: unknown) {
      (c as { addPlugin: (p: unknown, o: unknown) => void }).addPlugin(jekyllPlans, {
        postsDir: path.join(FIXTURE, "posts"),
        postsDirEnv: false,
        cache: false,
        ...options,
      });
    },
  });
  await elev.write();
  return out;
}

let custom: string;
let defaults: string;
beforeAll(async () => {
  defaults = await build({});
  custom = await build({
    archives: { tag: { enabled: false }, month: { permalink: "/m/:year-:month/" }, category: { permalink: "/c/:name/", indexPermalink: "/c/" } },
    feed: false,
  });
}, 60_000);

describe("archive options", () => {
  it("default to /archive/, /archive/YYYY/, /archive/YYYY/MM/, /category/, /tag/ and /feed.xml", () => {
    for (const p of [
      "archive/index.html",
      "archive/2021/index.html",
      "archive/2021/07/index.html",
      "category/notes/index.html",
      "category/随笔/index.html",
      "tag/one/index.html",
      "tag/index.html",
      "feed.xml",
    ]) {
      expect(existsSync(path.join(defaults, p)), p).toBe(true);
    }
  });

  it("move month pages and category pages to their own patterns", () => {
    expect(existsSync(path.join(custom, "m/2021-07/index.html"))).toBe(true);
    expect(existsSync(path.join(custom, "archive/2021/07/index.html"))).toBe(false);
    const index = parseHtml(readFileSync(path.join(custom, "archive/index.html"), "utf8"));
    expect(all(index, byTag("a")).map((a) => attr(a, "href"))).toContain("/m/2021-07/");
    expect(existsSync(path.join(custom, "c/notes/index.html"))).toBe(true);
  });

  it("switch tag pages and the feed off, leaving tags unlinked on posts", () => {
    expect(existsSync(path.join(custom, "tag"))).toBe(false);
    expect(existsSync(path.join(custom, "feed.xml"))).toBe(false);
    const month = parseHtml(readFileSync(path.join(custom, "m/2021-07/index.html"), "utf8"));
    expect(attr(one(month, hasClass("category"))!, "href")).toBe("/c/notes/");
  });

  it("refuse a pattern that would put every month on one URL", async () => {
    const error = await build({ archives: { month: { permalink: "/archive/:year/" } } }).catch((e: unknown) => e);
    const chain: string[] = [];
    for (let e = error as { message?: string; originalError?: unknown; cause?: unknown } | undefined; e; e = (e.originalError ?? e.cause) as typeof e)
      chain.push(String(e.message));
    expect(chain.join("\n")).toMatch(/archives\.month\.permalink: "\/archive\/:year\/" lacks :month/);
  });
});
