// A minimal Eleventy site of its own adds the plugin and is built through
// Eleventy's programmatic API: the plugin is reusable outside this blog.
import Eleventy from "@11ty/eleventy";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import jekyllPlans from "../plugins/jekyll-plans/index.ts";
import { all, attr, byId, byTag, hasClass, one, parseHtml, proseText, text, tocTree } from "./helpers/html.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/mini");
let out: string;
const page = (url: string) => parseHtml(readFileSync(path.join(out, url, "index.html"), "utf8"));

/** The fixture site, with the plugin added from its config (more options: `extra`), writing to `output`. */
const miniSite = (output: string, extra: Record<string, unknown> = {}) =>
  new Eleventy(path.join(FIXTURE, "site"), output, {
    quietMode: true,
    configPath: false,
    config(eleventyConfig: unknown) {
      (eleventyConfig as { addPlugin: (p: unknown, o: unknown) => void }).addPlugin(jekyllPlans, {
        postsDir: path.join(FIXTURE, "posts"),
        postsDirEnv: false,
        cache: false,
        timeZone: "Asia/Shanghai",
        ...extra,
      });
    },
  });

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), "jp-mini-"));
  await miniSite(out).write();
}, 60_000);

describe("a site that adds the plugin", () => {
  it("publishes posts from a folder outside its input at Jekyll's URLs", () => {
    expect(existsSync(path.join(out, "2021/07/31/first/index.html"))).toBe(true);
    expect(existsSync(path.join(out, "2022/01/02/second/index.html"))).toBe(true);
  });

  it("puts no script of the preview's into the built pages", () => {
    const html = readFileSync(path.join(out, "2021/07/31/first/index.html"), "utf8");
    expect(html).not.toContain("data-jekyll-plans-preview");
    expect(html).not.toContain("/.jekyll-plans/updates");
  });

  it("escapes the title in the layout", () => {
    const doc = page("/2021/07/31/first/");
    expect(text(one(doc, byTag("h1"))!)).toBe("First <post>");
    expect(all(doc, byTag("post"))).toHaveLength(0);
  });

  it("renders kramdown ids, the TOC where {:toc} stood, the TOC as data, IALs and tasks", () => {
    const doc = page("/2021/07/31/first/");
    const body = one(doc, hasClass("post-body"))!;
    expect(all(body, byTag("h2", "h3")).map((h) => attr(h, "id"))).toEqual(["1-当前工作", "11-vscode--gdb"]);
    const expected = [{ id: "1-当前工作", children: [{ id: "11-vscode--gdb", children: [] }] }];
    expect(one(body, byId("markdown-toc"))).not.toBeNull();
    expect(tocTree(doc)).toEqual(expected);
    // The TOC as data, for a sidebar, repeats no id of the page.
    const sidebar = one(doc, hasClass("sidebar"))!;
    expect(all(sidebar, byTag("a")).map((a) => attr(a, "href"))).toEqual(["#1-当前工作", "#11-vscode--gdb"]);
    const ids = all(doc, (e) => attr(e, "id") !== undefined).map((e) => attr(e, "id"));
    expect(new Set(ids).size).toBe(ids.length);
    expect(attr(one(body, byTag("img"))!, "data-action")).toBe("zoom");
    const boxes = all(body, byTag("input"));
    expect(boxes.map((b) => attr(b, "checked") !== undefined)).toEqual([false, true]);
    expect(proseText(doc)).not.toContain("{:");
  });

  it("passes template syntax in code through verbatim", () => {
    const code = text(one(page("/2021/07/31/first/"), byTag("pre"))!);
    expect(code).toContain("std::vector<int>{{1, 2}}; // {% raw %}");
  });

  it("reads the front matter date in the site's time zone", () => {
    expect(attr(one(page("/2021/07/31/first/"), byTag("time"))!, "datetime")).toBe("2021-07-31T23:30:00.000+08:00");
  });

  it("links posts to their neighbours and lists them by year, newest first", () => {
    const first = page("/2021/07/31/first/");
    expect(
      attr(
        one(first, (e) => attr(e, "rel") === "next")!,
        "href",
      ),
    ).toBe("/2022/01/02/second/");
    expect(one(first, (e) => attr(e, "rel") === "prev")).toBeNull();
    const home = page("/");
    expect(all(home, byTag("section")).map((s) => attr(s, "data-year"))).toEqual(["2022", "2021"]);
  });

  it("leaves no TOC and no stray item in a post without headings", () => {
    const body = one(page("/2022/01/02/second/"), hasClass("post-body"))!;
    expect(one(body, byId("markdown-toc"))).toBeNull();
    expect(all(body, byTag("li"))).toHaveLength(0);
  });

  it("builds progress pages that are whole documents when the site has no layout for them", () => {
    const doc = page("/progress/2021/07/31/first/");
    expect(text(one(doc, byTag("title"))!)).toBe("First <post> · 进度");
    expect(text(one(doc, byTag("h1"))!)).toBe("First <post> · 进度");
    expect(all(doc, byTag("post"))).toHaveLength(0);
    expect(all(doc, (e) => e.name === "a" && (attr(e, "href") ?? "").startsWith("/2021/07/31/first/#task-"))).toHaveLength(2);
    expect(existsSync(path.join(out, "progress.json"))).toBe(true);
  });

  it("lets a layout of the site's override a generated page, with the model and the built-in HTML", () => {
    const doc = page("/progress/");
    expect(one(doc, hasClass("custom-dashboard"))).not.toBeNull();
    expect(text(one(doc, hasClass("my-plans"))!)).toBe("First <post> 1/2");
    expect(one(one(doc, hasClass("builtin"))!, hasClass("progress-dashboard"))).not.toBeNull();
  });

  it("gives the site's own markdown pages the same heading ids", () => {
    const about = page("/about/");
    expect(attr(one(about, byTag("h2"))!, "id")).toBe("关于-本站");
  });

  it("can be written as JSON (what --to=json prints), its pages with their content", async () => {
    const elev = miniSite(mkdtempSync(path.join(os.tmpdir(), "jp-mini-json-")), { search: false });
    // The command prints JSON.stringify of these: a circular page (Eleventy adds the page's data
    // to a virtual template's object) made it fail.
    const pages = JSON.parse(JSON.stringify(await elev.toJSON())) as { url: string; content: string }[];
    const second = pages.find((p) => p.url === "/2022/01/02/second/");
    expect(second?.content).toContain("post-body");
    expect(pages.map((p) => p.url)).toEqual(expect.arrayContaining(["/progress/", "/progress/2021/07/31/first/", "/about/"]));
  });
});
