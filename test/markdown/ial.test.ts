import { describe, expect, it } from "vitest";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { parseIal } from "../../plugins/jekyll-plans/markdown/ial.ts";
import { attr, byTag, one, parseHtml, proseText, text } from "../helpers/html.ts";

const render = (src: string) => createMarkdown().render(src);

describe("inline attribute lists", () => {
  it.each(['{: data-action="zoom"}', '{:data-action="zoom"}'])("%s after an image goes on the <img>", (ial) => {
    const doc = parseHtml(render(`![alt](a.png)${ial}`));
    expect(attr(one(doc, byTag("img"))!, "data-action")).toBe("zoom");
    expect(proseText(doc)).not.toContain("{:");
  });

  it("is found after any number of braces that open none, and may have blanks across lines around its attributes", () => {
    // Each `{` is tried; the scan for the `}` that ends one is shared, not repeated from each.
    const p = one(parseHtml(render(`${"{:".repeat(5_000)}\n{: .note}`)), byTag("p"))!;
    expect(attr(p, "class")).toBe("note");
    expect(proseText(p)).toBe("{:".repeat(5_000));
    const doc = parseHtml(render(`![a](a.png){:\n  data-action="zoom"\n}\n\n![b](b.png){: data-action=\n"zoom"}`));
    const [first, second] = [...doc.children].flatMap((n) => (n.type === "tag" ? [n] : [])).map((p) => one(p, byTag("img"))!);
    expect(attr(first!, "data-action")).toBe("zoom");
    expect(attr(second!, "data-action")).toBeUndefined();
  });

  it("after a link goes on the <a>", () => {
    const a = one(parseHtml(render('[x](http://e.com){: .ext target="_blank"} text')), byTag("a"))!;
    expect(attr(a, "class")).toBe("ext");
    expect(attr(a, "target")).toBe("_blank");
  });

  it("on the line after a paragraph applies to that paragraph", () => {
    const p = one(parseHtml(render("para\n{: .note #n1}")), byTag("p"))!;
    expect(attr(p, "class")).toBe("note");
    expect(attr(p, "id")).toBe("n1");
    expect(proseText(p)).toBe("para");
  });

  // As kramdown 2.4 does (recorded with Debian's jekyll package): a block IAL right under a
  // block applies to it; after a blank line, to the block that follows; else it is dropped.
  it("as a line right under a list, a quote or a code fence applies to that block", () => {
    expect(attr(one(parseHtml(render("* a\n* b\n{:.cls}")), byTag("ul"))!, "class")).toBe("cls");
    expect(attr(one(parseHtml(render("> q\n{: .quote}")), byTag("blockquote"))!, "class")).toBe("quote");
    expect(attr(one(parseHtml(render("```\ncode\n```\n{: .c}")), byTag("code"))!, "class")).toBe("c");
  });

  it("after a blank line applies to the next block, or to none", () => {
    const doc = parseHtml(render("> q\n\n{: .quote}\n\nnext"));
    expect(attr(one(doc, byTag("blockquote"))!, "class")).toBeUndefined();
    expect(
      attr(
        one(doc, (e) => e.name === "p" && text(e) === "next")!,
        "class",
      ),
    ).toBe("quote");
    expect(render("* a\n\n{:.cls}")).toBe("<ul>\n<li>a</li>\n</ul>\n");
  });

  it("is left alone inside code", () => {
    expect(render('`{: x="y"}`')).toContain("<code>{: x=&quot;y&quot;}</code>");
    expect(render('```\n{: x="y"}\n```')).toContain("{: x=&quot;y&quot;}");
  });

  it("after plain text is text, as kramdown prints it", () => {
    expect(proseText(parseHtml(render("plain {: .x} text")))).toBe("plain {: .x} text\n");
    expect(proseText(parseHtml(render("text at end {: .cls}")))).toBe("text at end {: .cls}\n");
  });

  it("does not let an IAL add event handlers or javascript: URLs", () => {
    const html = render('![a](x.png){: onerror="alert(1)"} [l](http://x){: href="javascript:alert(1)"}');
    expect(html).not.toMatch(/onerror|javascript:/);
  });

  it("leaves braces that are not an attribute list as text", () => {
    expect(proseText(parseHtml(render("a {b} and {#c} in prose")))).toContain("{b} and {#c} in prose");
  });

  it("parses keys, quoted values, classes, ids and references", () => {
    expect(parseIal(`k="v \\" q" j='w' .a .b #i toc`)).toEqual({
      attrs: [
        ["k", 'v " q'],
        ["j", "w"],
        ["id", "i"],
      ],
      classes: ["a", "b"],
      refs: ["toc"],
    });
    expect(parseIal("not = valid")).toBeNull();
  });
});
