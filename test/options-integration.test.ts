// Every option of the plugin through Eleventy's programmatic API: a site with the defaults,
// one with (nearly) every option changed, and one with its layouts in `dir.layouts` and
// headings without ids. Each test names one option and compares what the two sites publish.
// (`archives` has its own file, archive-options.test.ts; `history` and `taskSimilarity`
// across commits test/posts/git.test.ts; `siteRoot` and the `*Env` options options.test.ts
// and the site-root tests.)
import Eleventy from "@11ty/eleventy";
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import jekyllPlans, { type JekyllPlansOptions } from "../plugins/jekyll-plans/index.ts";
import { all, attr, byId, byTag, hasClass, one, parseHtml, text } from "./helpers/html.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/options");

interface Site {
  out: string;
  has(url: string): boolean;
  html(url: string): string;
  json(url: string): { plans: { title: string; tasks: { text: string; estimateDays: number | null }[] }[] };
}

async function build(options: JekyllPlansOptions, site = path.join(FIXTURE, "site"), layoutsDir?: string): Promise<Site> {
  const out = mkdtempSync(path.join(os.tmpdir(), "jp-opts-"));
  const elev = new Eleventy(site, out, {
    quietMode: true,
    configPath: false,
    config(config: unknown) {
      const c = config as { addPlugin(p: unknown, o: unknown): void; setLayoutsDirectory(d: string): void };
      if (layoutsDir) c.setLayoutsDirectory(layoutsDir);
      c.addPlugin(jekyllPlans, {
        postsDir: path.join(FIXTURE, "posts"),
        postsDirEnv: false,
        referenceDate: "2022-03-01",
        history: false,
        cache: false,
        ...options,
      });
    },
  });
  await elev.write();
  const file = (url: string) => path.join(out, decodeURI(url), url.endsWith("/") ? "index.html" : "");
  return {
    out,
    has: (url) => existsSync(file(url)),
    html: (url) => readFileSync(file(url), "utf8"),
    json: (url) => JSON.parse(readFileSync(file(url), "utf8")),
  };
}

let d: Site; // defaults
let v: Site; // options changed
let w: Site; // dir.layouts, autoIds: false
const POST = "/2021/07/31/plan/";
const V_POST = "/blog/2021/08/01/plan/";

beforeAll(async () => {
  d = await build({});
  v = await build({
    timeZone: "Pacific/Kiritimati",
    locale: "en-US",
    permalink: "/blog/:year/:month/:day/:title/",
    excerptSeparator: "<!--more-->",
    tocLevels: { min: 2, max: 2 },
    defaultLayout: "plain",
    highlight: false,
    hardWrap: true,
    math: false,
    site: { title: "Option Site" },
    rawHtml: "trust",
    detectPlans: "front-matter",
    hoursPerDay: 4,
    daysPerWeek: 6,
    daysPerMonth: 25,
    taskSimilarity: 1,
    progressPath: "/plans/",
    pageLayout: "shell.njk",
    feed: { path: "/atom.xml", limit: 1, title: "Feed T", subtitle: "Sub", base: "https://example.org/", language: "en", author: { name: "Ann" } },
    search: { path: "/find/", bundlePath: "/idx/", tasks: "sections", labels: { kind: "Kind" } },
    strings: { dashboardTitle: "Plans <all>", days: "{n} d", archiveTitle: "Archive", progressTitle: "{title}: progress" },
  });
  const moved = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-opts-site-")), "site");
  cpSync(path.join(FIXTURE, "site"), moved, { recursive: true });
  renameSync(path.join(moved, "_includes"), path.join(moved, "_layouts"));
  w = await build({ autoIds: false, pageLayout: "shell.njk", site: { title: "Option Site" } }, moved, "_layouts");
}, 60_000);

describe("each option, built by Eleventy", () => {
  it("timeZone: dates are read and days cut in it (23:30 in Shanghai is the next day in Kiritimati)", () => {
    expect(d.has(POST)).toBe(true);
    expect(v.has(V_POST)).toBe(true);
    expect(v.has("/blog/2021/07/31/plan/")).toBe(false);
  });

  it("permalink: posts go where the pattern says", () => {
    expect(v.has("/blog/2021/05/01/notes/")).toBe(true);
    expect(v.has("/2021/05/01/notes/")).toBe(false);
    expect(v.html(`/plans${V_POST}`)).toContain(`href="${V_POST}#task-`);
  });

  it("locale: month names and the search page's language follow it", () => {
    const month = (s: Site, url: string) => text(one(parseHtml(s.html(url)), (e) => e.name === "time" && attr(e, "datetime")?.length === 7)!);
    expect(month(d, "/archive/2021/")).toBe("2021年7月");
    expect(month(v, "/archive/2021/")).toBe("August 2021");
    expect(d.html("/search/")).toContain('lang="zh-CN"');
    expect(v.html("/find/")).toContain('lang="en-US"');
  });

  it("excerptSeparator: the feed's summary ends at the separator", () => {
    const feed = (s: Site, url: string) => s.html(url);
    expect(feed(d, "/feed.xml")).toContain("After the separator");
    const atom = feed(v, "/atom.xml");
    expect(atom).not.toContain("After the separator");
  });

  it("tocLevels: the TOC lists only the levels asked for", () => {
    const toc = (html: string) => all(one(parseHtml(html), byId("markdown-toc"))!, byTag("a")).map(text);
    expect(toc(d.html(POST))).toEqual(["1. Work", "1.1. Details"]);
    expect(toc(v.html(V_POST))).toEqual(["1. Work"]);
  });

  it("defaultLayout: a post that names no layout gets it", () => {
    expect(d.html("/2021/05/01/notes/")).toContain('class="layout-post"');
    expect(v.html("/blog/2021/05/01/notes/")).toContain('class="layout-plain"');
  });

  it("highlight: code is highlighted at build time, or left plain", () => {
    expect(d.html(POST)).toContain('<span class="hljs-keyword">return</span>');
    expect(v.html(V_POST)).not.toContain("hljs-");
    expect(v.html(V_POST)).toContain("int main() { return 0; }");
  });

  it("hardWrap: a newline inside a paragraph is a line break", () => {
    expect(d.html(POST)).toMatch(/<p>The first paragraph\ngoes on/);
    expect(v.html(V_POST)).toMatch(/<p>The first paragraph<br \/>\ngoes on/);
  });

  it("autoIds: false gives headings no ids, a TOC with no entries, and a progress page whose anchors are unique and all there", () => {
    expect(d.html(POST)).toContain('<h2 id="1-work">');
    const post = parseHtml(w.html(POST));
    expect(all(post, byTag("h2", "h3")).map((h) => attr(h, "id"))).toEqual([undefined, undefined]);
    expect(all(post, (e) => e.name === "a" && /^#/.test(attr(e, "href") ?? ""))).toEqual([]);
    // Every in-page link of the progress page has its target; links into the post carry no empty fragment.
    const progress = w.html("/progress/2021/07/31/plan/");
    const page = parseHtml(progress);
    const idList = all(page, (e) => attr(e, "id") !== undefined).map((e) => attr(e, "id"));
    const ids = new Set(idList);
    expect(idList.length, "ids are unique").toBe(ids.size);
    const local = all(page, (e) => e.name === "a" && (attr(e, "href") ?? "").startsWith("#")).map((e) => attr(e, "href")!.slice(1));
    expect(local.length).toBeGreaterThan(0);
    expect(local.filter((id) => !ids.has(id))).toEqual([]);
    expect(progress).not.toMatch(/href="[^"]*#"/);
  });

  it("math: $$…$$ is typeset with MathJax, or left as text without loading it", () => {
    expect(d.html(POST)).toContain("\\[x^2\\]");
    expect(d.html(POST)).toContain("/assets/jekyll-plans/mathjax/tex-svg-full.js");
    expect(v.html(V_POST)).toContain("<p>$$x^2$$</p>");
    expect(v.html(V_POST)).not.toContain("mathjax");
  });

  it("site: the site's title names the feed when the feed names none", () => {
    expect(d.html("/feed.xml")).toContain("<title>Blog</title>");
    expect(w.html("/feed.xml")).toContain("<title>Option Site</title>");
  });

  it("rawHtml: event handlers are removed, or published as written when trusted", () => {
    expect(d.html(POST)).toContain("<span>raw</span>");
    expect(v.html(V_POST)).toContain('<span onclick="alert(1)">raw</span>');
  });

  it("detectPlans: every post with tasks is a plan, or only those that say plan: true", () => {
    expect(d.has("/progress/2021/05/01/notes/")).toBe(true);
    expect(v.has("/plans/blog/2021/05/01/notes/")).toBe(false);
    expect(v.has("/plans/blog/2021/08/01/plan/")).toBe(true);
    expect(d.json("/progress.json").plans.map((p) => p.title)).toContain("Notes");
    expect(v.json("/progress.json").plans.map((p) => p.title)).not.toContain("Notes");
  });

  it("hoursPerDay, daysPerWeek, daysPerMonth: estimates in hours, weeks and months become days", () => {
    const estimates = (s: Site) =>
      Object.fromEntries(
        s
          .json("/progress.json")
          .plans.find((p) => p.title === "Plan of 2021")!
          .tasks.map((t) => [t.text, t.estimateDays]),
      );
    expect(estimates(d)).toMatchObject({ "read the epoll source code - 4h": 0.5, "write a pool - 1 周": 5, "move the blog - 1 个月": 20 });
    expect(estimates(v)).toMatchObject({ "read the epoll source code - 4h": 1, "write a pool - 1 周": 6, "move the blog - 1 个月": 25 });
  });

  it("taskSimilarity: a reworded task is carried into the next plan, or counts as new when only equal texts match", () => {
    // The 2022 plan: new, carried, of them done, dropped (against the 2021 plan's open tasks).
    const life = (s: Site, url: string) => all(one(parseHtml(s.html(url)), hasClass("plan-life"))!, byTag("td")).map(text);
    expect(life(d, "/progress/plan/")).toEqual(["0", "1", "0", "2"]);
    expect(life(v, "/plans/plan/")).toEqual(["1", "0", "0", "3"]);
  });

  it("progressPath: the dashboard, plan pages and every link to them move", () => {
    expect(d.has("/progress/")).toBe(true);
    expect(v.has("/plans/")).toBe(true);
    expect(v.has("/progress/")).toBe(false);
    const plan = v.html("/plans/blog/2022/01/01/plan/");
    expect(plan).toContain('href="/plans/"');
    expect(plan).not.toContain('href="/progress/');
  });

  it("pageLayout: generated pages are wrapped in the site's layout, or whole documents without one", () => {
    expect(d.html("/progress/")).not.toContain("layout-shell");
    expect(v.html("/plans/")).toContain('class="layout-shell"');
    expect(v.html("/archive/")).toContain('class="layout-shell"');
  });

  it("dir.layouts: a site whose layouts live there gets them around posts and generated pages", () => {
    expect(w.html(POST)).toContain('class="layout-post"');
    expect(w.html("/progress/")).toContain('class="layout-shell"');
    expect(w.html("/archive/")).toContain('class="layout-shell"');
  });

  it("a template of the site's, in its layouts folder under jekyll-plans/, replaces the plugin's (escaped as the plugin's are)", () => {
    expect(d.html("/archive/2021/07/")).toContain('<p class="site-month">2021年7月: 1 Plan of 2021</p>');
    expect(w.html("/archive/2021/07/")).toContain('<p class="site-month">');
    expect(d.html("/archive/2021/")).toContain('<article class="archive-year">');
  });

  it("a site's layout prints the plugin's progress bar with the jekyllPlansProgressBar shortcode", () => {
    const bar = one(parseHtml(d.html(POST)), (e) => attr(e, "role") === "progressbar")!;
    expect([attr(bar, "aria-label"), attr(bar, "aria-valuenow"), attr(bar, "aria-valuemax")]).toEqual(["计划进度", "1", "4"]);
    expect(d.html("/2021/05/01/notes/")).toContain('role="progressbar"');
  });

  it("strings: the words of the generated pages are replaced, as text, with {name} filled in", () => {
    const board = parseHtml(v.html("/plans/"));
    expect(text(one(board, byTag("h1"))!)).toBe("Plans <all>");
    expect(v.html("/plans/")).toContain("Plans &lt;all&gt;");
    expect(text(one(board, byTag("title"))!)).toBe("Plans <all>");
    expect(v.html("/plans/blog/2022/01/01/plan/")).toContain("<h1>Plan of 2022: progress</h1>");
    expect(v.html("/plans/")).toMatch(/<td>1 d<\/td>/);
    expect(text(one(parseHtml(v.html("/archive/")), byTag("h1"))!)).toBe("Archive");
    expect(text(one(parseHtml(d.html("/archive/")), byTag("h1"))!)).toBe("归档");
    expect(d.html("/progress/")).toMatch(/<td>1 天<\/td>/);
  });

  it("feed: path, limit, title, subtitle, base, language and author", () => {
    expect(d.has("/feed.xml")).toBe(true);
    expect(v.has("/feed.xml")).toBe(false);
    const atom = v.html("/atom.xml");
    expect(atom.match(/<entry>/g)).toHaveLength(1);
    expect(atom).toContain("<title>Feed T</title>");
    expect(atom).toContain("<subtitle>Sub</subtitle>");
    expect(atom).toContain('<link href="https://example.org/blog/2022/01/01/plan/"/>');
    expect(atom).toContain('xml:lang="en"');
    expect(atom).toContain("<author><name>Ann</name></author>");
  });

  it("search: page path, bundle path, labels, and tasks as sections without a status filter", () => {
    expect(d.has("/search/")).toBe(true);
    expect(d.has("/pagefind/pagefind.js")).toBe(true);
    expect(v.has("/find/")).toBe(true);
    expect(v.has("/idx/pagefind.js")).toBe(true);
    expect(v.has("/pagefind/pagefind.js")).toBe(false);
    expect(v.html("/find/")).toContain("Kind");
    expect(d.html("/search/")).toContain("状态");
    // Records: the plans' index holds the 3 progress pages and the 6 tasks in one document per
    // plan and status (the 2021 plan has open and done tasks: 2; the two others 1 each); sections:
    // the 2 progress pages only (tasks are sections of the posts, without a status filter).
    const pagesIn = (s: Site, bundle: string): number =>
      Object.values(
        JSON.parse(readFileSync(path.join(s.out, bundle, "pagefind-entry.json"), "utf8")).languages as Record<string, { page_count: number }>,
      ).reduce((n, l) => n + l.page_count, 0);
    expect(pagesIn(d, "pagefind/plans")).toBe(3 + 4);
    expect(pagesIn(v, "idx/plans")).toBe(2);
  });
});

describe("options that turn a part off", () => {
  it("search: false publishes no search page and no index", async () => {
    const off = await build({ search: false });
    expect(off.has("/search/")).toBe(false);
    expect(off.has("/pagefind/pagefind.js")).toBe(false);
  });
});
