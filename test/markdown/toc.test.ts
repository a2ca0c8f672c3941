import { describe, expect, it } from "vitest";
import { buildToc, createMarkdown, tocOf, type TocEntry } from "../../plugins/jekyll-plans/markdown/index.ts";
import { all, attr, byTag, one, parseHtml, proseText, tocTree, byId } from "../helpers/html.ts";

const render = (src: string, levels = { min: 1, max: 4 }) => createMarkdown({ tocLevels: levels }).render(src);
const shape = (entries: TocEntry[]): unknown => entries.map((e) => ({ id: e.id, children: shape(e.children) }));

describe("{:toc}", () => {
  const src = "intro\n\n* content\n{:toc}\n\n## 1. a\n### 1.1. b\n#### 1.1.1. c\n##### deep\n## 2. d\n";

  it("replaces the `* content` list with the TOC at that spot", () => {
    const doc = parseHtml(render(src));
    const top = doc.children.filter((c) => c.type === "tag").map((c) => (c as { name: string }).name);
    expect(top).toEqual(["p", "ul", "h2", "h3", "h4", "h5", "h2"]);
    expect(attr(one(doc, byTag("ul"))!, "id")).toBe("markdown-toc");
    expect(proseText(doc)).not.toContain("content");
    expect(proseText(doc)).not.toContain("{:");
  });

  it("nests entries as kramdown does and leaves out levels past 4", () => {
    expect(tocTree(parseHtml(render(src)))).toEqual([
      { id: "1-a", children: [{ id: "11-b", children: [{ id: "111-c", children: [] }] }] },
      { id: "2-d", children: [] },
    ]);
  });

  it("links each entry to its heading with a markdown-toc-ID anchor", () => {
    const a = all(parseHtml(render(src)), byTag("a"))[0]!;
    expect(attr(a, "href")).toBe("#1-a");
    expect(attr(a, "id")).toBe("markdown-toc-1-a");
  });

  it("makes skipped levels children of the closest smaller level, with no empty entries", () => {
    const toc = buildToc(
      [
        { level: 2, id: "a", text: "a", noToc: false, line: 0 },
        { level: 4, id: "b", text: "b", noToc: false, line: 1 },
        { level: 3, id: "c", text: "c", noToc: false, line: 2 },
        { level: 1, id: "d", text: "d", noToc: false, line: 3 },
      ],
      { min: 1, max: 4 },
    );
    expect(shape(toc)).toEqual([
      {
        id: "a",
        children: [
          { id: "b", children: [] },
          { id: "c", children: [] },
        ],
      },
      { id: "d", children: [] },
    ]);
  });

  it("honours {:.no_toc} and configurable levels", () => {
    const doc = parseHtml(render("* content\n{:toc}\n\n## kept\n\n## hidden\n{:.no_toc}\n\n### three\n", { min: 2, max: 2 }));
    expect(tocTree(doc)).toEqual([{ id: "kept", children: [] }]);
    expect(one(doc, byId("hidden"))).not.toBeNull();
  });

  it("gives an ordered list marker an <ol>", () => {
    expect(render("1. x\n{:toc}\n\n## a\n")).toMatch(/^<ol id="markdown-toc">/);
  });

  it("leaves no TOC and no stray item when there are no headings", () => {
    const html = render("text\n\n* content\n{:toc}\n\nmore text\n");
    expect(html).toBe("<p>text</p>\n<p>more text</p>\n");
    expect(tocOf(createMarkdown().parse("* content\n{:toc}\n", {}))).toBeNull();
  });

  it("keeps inline code and emphasis in entries but unwraps links", () => {
    const html = render("* content\n{:toc}\n\n## `code` **bold** [link](http://x)\n");
    const entry = one(parseHtml(html), byId("markdown-toc"))!;
    expect(all(entry, byTag("code"))).toHaveLength(1);
    expect(all(entry, byTag("strong"))).toHaveLength(1);
    expect(all(entry, byTag("a"))).toHaveLength(1); // only the entry's own anchor
  });

  it("keeps a heading's raw HTML in its entry, as kramdown does, but not a raw link", () => {
    const html = render('* content\n{:toc}\n\n## a <font color="red">重点</font> & <a href="/x">链接</a>\n');
    const entry = one(parseHtml(html), byId("markdown-toc"))!;
    expect(all(entry, byTag("font")).map((f) => attr(f, "color"))).toEqual(["red"]);
    // An entry is a link: a link inside it would be split off by the browser's parser.
    expect(all(entry, byTag("a"))).toHaveLength(1);
    expect(proseText(entry)).toContain("a 重点 & 链接");
  });

  it("makes ids of the text inside raw HTML elements, tags left out", () => {
    const html = render('## 1. <font color="red">重点</font> 工作\n\n## 2. <kbd>Ctrl</kbd>+<kbd>C</kbd> <code>x</code>\n');
    expect(all(parseHtml(html), byTag("h2")).map((h) => attr(h, "id"))).toEqual(["1-重点-工作", "2-ctrlc-x"]);
  });
});
