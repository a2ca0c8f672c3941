// Archives, category/tag pages and the feed over the corpus, through the real build.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "htmlparser2";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { type BuildResult, JEKYLL_REFERENCE, corpusBuild } from "../helpers/build.ts";
import { all, attr, byTag, hasClass, one, parseHtml, text, type Element } from "../helpers/html.ts";

interface Ref {
  url: string;
  title: string;
  date: string;
  categories: string[];
  tags: string[];
}
const reference: Ref[] = JSON.parse(readFileSync(JEKYLL_REFERENCE, "utf8"));

let build: BuildResult;
let json: { plans: { tasks: { id: string; done: boolean; month: string | null }[] }[] };
beforeAll(() => {
  build = corpusBuild(inject("corpus"));
  json = JSON.parse(readFileSync(path.join(build.output, "progress.json"), "utf8"));
}, 240_000);

const hrefs = (url: string) => all(parseHtml(build.page(url)), byTag("a")).map((a) => decodeURI(attr(a, "href") ?? ""));

describe("every corpus post is reachable", () => {
  it("from the home page, once", () => {
    const home = hrefs("/");
    for (const r of reference)
      expect(
        home.filter((h) => h === r.url),
        r.url,
      ).toHaveLength(1);
  });

  it("from its month and year pages, which the archive index links", () => {
    expect(build.status).toBe(0);
    const index = hrefs("/archive/");
    for (const r of reference) {
      const [y, m] = r.date.split("-");
      expect(index).toContain(`/archive/${y}/${m}/`);
      expect(hrefs(`/archive/${y}/${m}/`)).toContain(r.url);
      expect(hrefs(`/archive/${y}/`)).toContain(`/archive/${y}/${m}/`);
    }
  });

  it("from its category and tag pages, which the post links", () => {
    for (const r of reference) {
      const postLinks = hrefs(r.url);
      for (const c of r.categories) {
        const catUrl = postLinks.find((h) => h.startsWith("/category/") && text(one(parseHtml(build.page(h)), byTag("h1"))!) === `分类：${c}`);
        expect(catUrl, `${r.url} → category ${c}`).toBeDefined();
        expect(hrefs(catUrl!)).toContain(r.url);
      }
      for (const t of r.tags) {
        const tagUrl = postLinks.find((h) => h.startsWith("/tag/") && text(one(parseHtml(build.page(h)), byTag("h1"))!) === `标签：${t}`);
        expect(tagUrl, `${r.url} → tag ${t}`).toBeDefined();
        expect(hrefs(tagUrl!)).toContain(r.url);
      }
    }
  });

  it("lists every category and tag with its count on the index pages", () => {
    const count = (names: (r: Ref) => string[]) => {
      const m = new Map<string, number>();
      for (const r of reference) for (const n of new Set(names(r))) m.set(n, (m.get(n) ?? 0) + 1);
      return m;
    };
    for (const [url, expected] of [
      ["/category/", count((r) => r.categories)],
      ["/tag/", count((r) => r.tags)],
    ] as const) {
      const items = all(one(parseHtml(build.page(url)), hasClass("term-list"))!, byTag("li"));
      const seen = new Map(items.map((li) => [text(one(li, byTag("a"))!), Number(text(one(li, hasClass("count"))!))]));
      expect(seen).toEqual(expected);
    }
  });
});

describe("the plan's dated months", () => {
  const counted: Record<string, number> = {
    "2020-11": 28,
    "2020-12": 27,
    "2021-01": 7,
    "2021-02": 10,
    "2021-03": 24,
    "2021-04": 8,
    "2021-05": 1,
    "2021-06": 4,
    "2021-07": 2,
  };

  it.each(Object.entries(counted))("%s lists exactly the %i tasks of its section", (month, n) => {
    const [y, m] = month.split("-");
    const doc = parseHtml(build.page(`/archive/${y}/${m}/`));
    const links = all(one(doc, hasClass("finished-tasks"))!, byTag("a")).map((a) => attr(a, "href")!);
    expect(links).toHaveLength(n);
    const expected = json.plans[0]!.tasks.filter((t) => t.done && t.month === month).map((t) => `/2020/11/23/plan/#${t.id}`);
    expect(links).toEqual(expected);
    expect(text(one(doc, byTag("h1"))!)).toBe(`${y}年${Number(m)}月`);
    expect(attr(one(one(doc, byTag("h1"))!, byTag("time"))!, "datetime")).toBe(month);
  });

  it("links each month to the nearest non-empty ones and up to its year", () => {
    const doc = parseHtml(build.page("/archive/2021/07/"));
    const rel = (r: string) =>
      attr(
        one(doc, (e: Element) => attr(e, "rel") === r)!,
        "href",
      );
    expect(rel("prev")).toBe("/archive/2021/06/");
    expect(all(doc, (e) => e.name === "a" && attr(e, "href") === "/archive/2021/")).toHaveLength(1);
    // 2021-07 is the last month with anything until the next post.
    const next = reference
      .map((r) => r.date.slice(0, 7))
      .filter((m) => m > "2021-07")
      .sort()[0]!;
    expect(rel("next")).toBe(`/archive/${next.replace("-", "/")}/`);
  });

  it("charts the year's months with a table of the same numbers", () => {
    const doc = parseHtml(build.page("/archive/2021/"));
    expect(all(one(doc, byTag("svg"))!, byTag("rect")).length).toBeGreaterThan(0);
    const rows = all(one(doc, byTag("tbody"))!, byTag("tr")).map((tr) => all(tr, byTag("th", "td")).map((c) => text(c)));
    expect(rows.find((r) => r[0] === "2021-03")).toEqual(["2021-03", "0", "24"]);
  });
});

describe("the Atom feed", () => {
  const feed = () => parseDocument(readFileSync(path.join(build.output, "feed.xml"), "utf8"), { xmlMode: true });
  const el = (root: any, name: string): Element[] => all(root, (e) => e.name === name);

  it("is well-formed Atom with the elements RFC 4287 requires", () => {
    const doc = feed();
    const root = doc.children.find((c: any) => c.type === "tag") as Element;
    expect(root.name).toBe("feed");
    expect(attr(root, "xmlns")).toBe("http://www.w3.org/2005/Atom");
    for (const name of ["id", "title", "updated"]) expect(root.children.some((c: any) => c.name === name)).toBe(true);
    expect(text(el(root, "author")[0]!).trim()).not.toBe("");
    const entries = el(root, "entry");
    expect(entries).toHaveLength(20);
    for (const e of entries) {
      for (const name of ["id", "title", "updated", "link", "content"]) expect(el(e, name).length).toBeGreaterThan(0);
      expect(text(el(e, "updated")[0]!)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
    }
  });

  it("holds the 20 latest posts, newest first, and is linked from every page", () => {
    const latest = [...reference]
      .sort((a, b) => (a.date < b.date ? 1 : -1))
      .slice(0, 20)
      .map((r) => r.title);
    expect(el(feed(), "entry").map((e) => text(el(e, "title")[0]!))).toEqual(latest);
    const link = one(parseHtml(build.page("/")), (e) => e.name === "link" && attr(e, "type") === "application/atom+xml")!;
    expect(attr(link, "href")).toBe("/feed.xml");
  });
});

describe("building in UTC", () => {
  it("puts posts in the same months as in Asia/Shanghai", () => {
    // This build runs with TZ=UTC; month pages still follow the posts' dates in the site's zone.
    const dirs = readdirSync(path.join(build.output, "archive", "2020"));
    expect(dirs).toContain("11");
  });
});
