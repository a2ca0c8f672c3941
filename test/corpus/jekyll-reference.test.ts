// Builds the real blog's posts (content/_posts) with `npm run build`'s command and
// compares every page with what Jekyll + kramdown produced for it.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { all, attr, byTag, hasClass, one, parseHtml, proseText, tocTree, type TocNode } from "../helpers/html.ts";
import { type BuildResult, JEKYLL_REFERENCE, corpusBuild } from "../helpers/build.ts";

interface RefToc {
  id: string;
  children: RefToc[];
}
interface RefPost {
  source_path: string;
  url: string;
  title: string;
  headings: { level: number; id: string; text: string }[];
  toc: RefToc[] | null;
  task_list: { items: number; done: number; open: number };
}

const reference: RefPost[] = JSON.parse(readFileSync(JEKYLL_REFERENCE, "utf8"));
const stripToc = (t: RefToc[]): TocNode[] => t.map((e) => ({ id: e.id, children: stripToc(e.children) }));

let build: BuildResult;
beforeAll(() => {
  build = corpusBuild(inject("corpus"));
}, 240_000);

describe("building the corpus", () => {
  it("exits 0 and prints no warning", () => {
    expect(build.stderr).toBe("");
    expect(build.status).toBe(0);
    expect(build.stdout).not.toMatch(/warn/i);
  });

  it("has 57 reference posts", () => {
    expect(reference).toHaveLength(57);
  });
});

describe.each(reference.map((r) => [r.url, r] as const))("%s", (url, ref) => {
  it("is published at Jekyll's URL with its title", () => {
    expect(build.has(url)).toBe(true);
    const doc = parseHtml(build.page(url));
    expect(proseText(one(doc, byTag("h1"))!)).toBe(ref.title);
  });

  it("has kramdown's heading ids, in order", () => {
    const body = one(parseHtml(build.page(url)), hasClass("post-body"))!;
    const headings = all(body, byTag("h1", "h2", "h3", "h4", "h5", "h6")).map((h) => ({ level: Number(h.name[1]), id: attr(h, "id") }));
    expect(headings).toEqual(ref.headings.map((h) => ({ level: h.level, id: h.id })));
  });

  it("has kramdown's TOC where {:toc} stood (same ids, same nesting)", () => {
    const doc = parseHtml(build.page(url));
    expect(tocTree(doc)).toEqual(ref.toc ? stripToc(ref.toc) : null);
    // The `* content` line never survives as a list item.
    const items = all(one(doc, hasClass("post-body"))!, byTag("li")).map((li) => proseText(li).trim());
    expect(items).not.toContain("content");
    for (const a of all(doc, (el) => el.name === "a" && (attr(el, "id") ?? "").startsWith("markdown-toc-"))) {
      expect(attr(a, "id")).toBe(`markdown-toc-${attr(a, "href")!.slice(1)}`);
    }
  });

  it("shows no kramdown syntax outside code", () => {
    expect(proseText(parseHtml(build.page(url)))).not.toContain("{:");
  });

  it("has the reference's task checkboxes", () => {
    const doc = parseHtml(build.page(url));
    const boxes = all(doc, (el) => el.name === "input" && attr(el, "type") === "checkbox");
    expect(boxes).toHaveLength(ref.task_list.items);
    expect(boxes.filter((b) => attr(b, "checked") !== undefined)).toHaveLength(ref.task_list.done);
    for (const b of boxes) expect(attr(b, "disabled")).toBeDefined();
  });
});

describe("the plan post", () => {
  it("has 203 checkboxes, 113 of them checked", () => {
    const doc = parseHtml(build.page("/2020/11/23/plan/"));
    const boxes = all(doc, (el) => el.name === "input" && attr(el, "type") === "checkbox");
    expect(boxes).toHaveLength(203);
    expect(boxes.filter((b) => attr(b, "checked") !== undefined)).toHaveLength(113);
  });
});
