// The plugin as another Eleventy site installs it: packed with `npm pack`, installed from the
// tarball into a temporary site that has only an eleventy.config.js (plain JavaScript, no
// TypeScript) and a posts folder, and built with plain `npx @11ty/eleventy`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./helpers/build.ts";
import { all, attr, byTag, one, parseHtml, text } from "./helpers/html.ts";

const PLUGIN = path.join(ROOT, "plugins/jekyll-plans");
const STALE = "a-module-deleted-since.js";
let site: string;
let output: string;
/** Where the site's npm install put the plugin. */
const installed = () => path.join(site, "node_modules/eleventy-plugin-jekyll-plans");
const page = (url: string) => parseHtml(readFileSync(path.join(site, "_site", url, "index.html"), "utf8"));

beforeAll(() => {
  const work = mkdtempSync(path.join(os.tmpdir(), "jp-package-"));
  // What an earlier build left for a module since deleted: packing builds dist/ afresh.
  mkdirSync(path.join(PLUGIN, "dist"), { recursive: true });
  writeFileSync(path.join(PLUGIN, "dist", STALE), "export {};\n");
  const packed = execFileSync("npm", ["pack", "--pack-destination", work, "--silent"], { cwd: PLUGIN, encoding: "utf8" }).trim().split("\n").pop()!;
  const tarball = path.join(work, packed);
  site = path.join(work, "site");
  mkdirSync(path.join(site, "posts/2021"), { recursive: true });
  writeFileSync(path.join(site, "package.json"), JSON.stringify({ name: "a-site", private: true, type: "module" }));
  writeFileSync(
    path.join(site, "eleventy.config.js"),
    'import jekyllPlans from "eleventy-plugin-jekyll-plans";\n\nexport default function (eleventyConfig) {\n  eleventyConfig.addPlugin(jekyllPlans, { postsDir: "posts", timeZone: "UTC", referenceDate: "2021-08-01" });\n}\n',
  );
  writeFileSync(
    path.join(site, "posts/2021/2021-07-01-plan.md"),
    "---\nlayout: post\ntitle: A plan\n---\n\n* content\n{:toc}\n\n## 1. 当前工作\n\n* [ ] 写文章 - 2 天\n* [x] 读源码\n\n```cpp\nint main() { return {{0}}; }\n```\n",
  );
  const eleventy = JSON.parse(readFileSync(path.join(ROOT, "node_modules/@11ty/eleventy/package.json"), "utf8")).version;
  // From npm's cache, which `npm ci` filled with the same versions.
  execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--silent", tarball, `@11ty/eleventy@${eleventy}`], {
    cwd: site,
    stdio: "ignore",
  });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("BLOG_")));
  output = execFileSync(process.execPath, ["node_modules/@11ty/eleventy/cmd.cjs"], { cwd: site, env, encoding: "utf8" });
}, 180_000);

describe("the packed plugin in a plain JavaScript site", () => {
  it("ships compiled JavaScript with types and no TypeScript source", () => {
    expect(existsSync(path.join(installed(), "dist/index.js"))).toBe(true);
    expect(existsSync(path.join(installed(), "dist/index.d.ts"))).toBe(true);
    expect(existsSync(path.join(installed(), "index.ts"))).toBe(false);
    expect(readFileSync(path.join(installed(), "dist/index.d.ts"), "utf8")).toMatch(/JekyllPlansOptions/);
  });

  it("ships the licence its package.json names", () => {
    expect(JSON.parse(readFileSync(path.join(installed(), "package.json"), "utf8")).license).toBe("MIT");
    expect(readFileSync(path.join(installed(), "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} .+\n\nPermission is hereby granted/);
  });

  it("ships no module without a source: nothing an earlier build left in dist/", () => {
    const dist = path.join(installed(), "dist");
    const modules = (readdirSync(dist, { recursive: true, encoding: "utf8" }) as string[]).filter(
      (f) => f.endsWith(".js") && !/^(assets|layouts|templates)\//.test(f),
    );
    expect(modules).toContain("index.js");
    expect(modules).not.toContain(STALE);
    const sourceless = modules.filter((f) => ![".ts", ".js"].some((ext) => existsSync(path.join(PLUGIN, f.replace(/\.js$/, ext)))));
    expect(sourceless).toEqual([]);
  });

  it("builds the posts at Jekyll's URLs in the plugin's own layouts", () => {
    expect(output).toMatch(/\[jekyll-plans\] 1 posts, 1 plan \(2 tasks\)/);
    const post = page("2021/07/01/plan");
    expect(text(one(post, byTag("title"))!)).toBe("A plan");
    expect(all(post, byTag("h2")).map((h) => attr(h, "id"))).toEqual(["1-当前工作"]);
    expect(one(post, (e) => attr(e, "id") === "markdown-toc")).not.toBeNull();
    expect(all(post, byTag("input")).map((b) => attr(b, "checked") !== undefined)).toEqual([false, true]);
    expect(text(one(post, byTag("code"))!)).toContain("{{0}}");
  });

  it("builds the progress pages and the search index", () => {
    expect(text(one(page("progress/2021/07/01/plan"), byTag("h1"))!)).toBe("A plan · 进度");
    expect(existsSync(path.join(site, "_site/pagefind/pagefind.js"))).toBe(true);
    expect(existsSync(path.join(site, "_site/feed.xml"))).toBe(true);
  });
});
