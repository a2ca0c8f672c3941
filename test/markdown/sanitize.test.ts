// Raw HTML is published as Jekyll publishes it, less what runs script: one policy,
// applied after the browser's own normalisation of URLs.
import { describe, expect, it } from "vitest";
import type { Element } from "domhandler";
import { getOuterHTML } from "domutils";
import { parseDocument } from "htmlparser2";
import { isAllowedAttribute, isAllowedUrl, sanitizePostHtml } from "../../plugins/jekyll-plans/markdown/index.ts";
import { MAX_HTML_DEPTH, parseHtmlDocument } from "../../plugins/jekyll-plans/markdown/sanitize.ts";
import { all, attr, byTag, parseHtml, text } from "../helpers/html.ts";

/** Every way this suite writes `javascript:` so that a browser still reads it as a scheme. */
const SCRIPT_URLS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "\u0001javascript:alert(1)",
  "\u0000javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java\rscript:alert(1)",
  "javascript\t:alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html,<script>alert(1)</script>",
  "data:image/svg+xml;base64,PHN2Zz4=",
];

describe("the URL policy", () => {
  it.each(SCRIPT_URLS)("refuses %j as a link", (url) => {
    expect(isAllowedUrl(url)).toBe(false);
  });

  it("keeps web, mail, relative and fragment URLs, and data: images as image sources", () => {
    for (const url of [
      "https://player.bilibili.com/player.html?aid=1",
      "//player.bilibili.com/x",
      "/images/a.png",
      "../a.png",
      "#1-当前工作",
      "mailto:a@b.c",
      "?q=javascript:",
    ]) {
      expect(isAllowedUrl(url), url).toBe(true);
    }
    expect(isAllowedAttribute("img", "src", "data:image/png;base64,iVBORw0KGgo=")).toBe(true);
    expect(isAllowedAttribute("a", "href", "data:image/png;base64,iVBORw0KGgo=")).toBe(false);
    expect(isAllowedAttribute("iframe", "src", "data:image/png;base64,iVBORw0KGgo=")).toBe(false);
  });

  it("refuses event handlers, srcdoc and script URLs in any attribute, srcset candidates included", () => {
    expect(isAllowedAttribute("img", "onerror", "alert(1)")).toBe(false);
    expect(isAllowedAttribute("body", "ONLOAD", "alert(1)")).toBe(false);
    expect(isAllowedAttribute("iframe", "srcdoc", "<p>x</p>")).toBe(false);
    expect(isAllowedAttribute("form", "action", "javascript:alert(1)")).toBe(false);
    expect(isAllowedAttribute("button", "formaction", " javascript:alert(1)")).toBe(false);
    expect(isAllowedAttribute("img", "srcset", "/a.png 1x, javascript:alert(1) 2x")).toBe(false);
    expect(isAllowedAttribute("img", "srcset", "/a.png 1x, /b.png 2x")).toBe(true);
    expect(isAllowedAttribute("animate", "attributename", "xlink:href")).toBe(false);
    // An animation writes its values into the attribute it names: an event handler is one.
    expect(isAllowedAttribute("set", "attributename", "onmouseover")).toBe(false);
    expect(isAllowedAttribute("animate", "attributename", " OnBegin")).toBe(false);
    expect(isAllowedAttribute("animate", "attributename", "opacity")).toBe(true);
    expect(isAllowedAttribute("div", "style", "width: 30%")).toBe(true);
    expect(isAllowedAttribute("div", "style", "background: url(javascript:alert(1))")).toBe(false);
  });
});

describe("raw HTML in a post", () => {
  it("nested thousands of elements deep keeps every element and its content, flattened past the depth browsers build", () => {
    const deep = `${'<div class="d">'.repeat(20_000)}<img src=x onerror=alert(1)>x${"</div>".repeat(20_000)}`;
    const out = sanitizePostHtml(deep);
    // As Chromium builds it: past the limit, each element is empty and what it held follows it.
    const flat = 20_000 - MAX_HTML_DEPTH;
    expect(out).toBe(`${'<div class="d">'.repeat(MAX_HTML_DEPTH)}${'<div class="d"></div>'.repeat(flat)}<img src="x">x${"</div>".repeat(MAX_HTML_DEPTH)}`);
    // Up to the limit, nothing changes.
    const limit = `${"<p><i>".repeat(MAX_HTML_DEPTH / 2)}x${"</i></p>".repeat(MAX_HTML_DEPTH / 2)}`;
    expect(sanitizePostHtml(limit)).toBe(limit);
  });

  it("unclosed, keeps them too, with the content that follows them", () => {
    const out = sanitizePostHtml(`${"<div>\n".repeat(1_000)}<style>p{}</style>text`);
    const doc = parseHtml(out);
    const depthOf = (el: Element): number => {
      let n = 0;
      for (let p: Element | null = el; p && p.type === "tag"; p = p.parent as Element | null) n++;
      return n;
    };
    const divs = all(doc, (e) => e.name === "div");
    // MAX_HTML_DEPTH elements open at once, and the elements past them empty, their children.
    expect(Math.max(...divs.map(depthOf))).toBe(MAX_HTML_DEPTH + 1);
    expect(divs.filter((d) => depthOf(d) > MAX_HTML_DEPTH).every((d) => d.children.length === 0)).toBe(true);
    expect(all(doc, (e) => e.name === "div")).toHaveLength(1_000);
    expect(text(doc).trim().endsWith("p{}text")).toBe(true);
  });

  it("is parsed as htmlparser2 parses it, whatever the nesting: implied ends, forms, foreign content, stray end tags", () => {
    const cases = [
      "<p>a<p>b<div>c</p></div>",
      "<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl>",
      "<table><tr><td>1<td>2<tr><th>3</table>",
      "<form><div><form>x</form></div></form>",
      "<svg><foreignObject><div>h</div></foreignObject><title>t<b>x</b></title></svg><math><mi>x</mi><annotation-xml><p>y</p></annotation-xml></math>",
      "<select><option>a<optgroup><option>b</select>",
      "</span>x</b><i>y</br><span/>z<textarea><b></textarea>",
      `${"<svg>".repeat(300)}${"<b>".repeat(300)}x`,
    ];
    for (const html of cases)
      for (const options of [{ decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true }, { xmlMode: true }]) {
        expect(getOuterHTML(parseHtmlDocument(html, options).children, options), html).toBe(getOuterHTML(parseDocument(html, options).children, options));
      }
  });

  it("keeps video players, styles, details, media and tables as written", () => {
    const html = [
      `<iframe class="bilibili" src="//player.bilibili.com/player.html?aid=1&amp;page=1" scrolling="no" border="0" frameborder="no" allowfullscreen="true"></iframe>`,
      `<style>table th:first-of-type { width: 20%; } td > code { color: red }</style>`,
      `<details><summary>更多</summary><p>内容</p></details>`,
      `<video src="/v.mp4" controls></video><audio src="/a.mp3"></audio>`,
      `<table><tr><td align="center">1</td></tr></table>`,
      `<div align=center><img src="/images/a.png" data-action="zoom" width="60%"/></div>`,
    ].join("\n");
    const doc = parseHtml(sanitizePostHtml(html));
    const iframe = all(doc, byTag("iframe"))[0]!;
    expect(attr(iframe, "src")).toBe("//player.bilibili.com/player.html?aid=1&page=1");
    expect(attr(iframe, "allowfullscreen")).toBe("true");
    expect(text(all(doc, byTag("style"))[0]!)).toBe("table th:first-of-type { width: 20%; } td > code { color: red }");
    expect(all(doc, byTag("details", "summary", "video", "audio", "table", "td"))).toHaveLength(6);
    expect(attr(all(doc, byTag("img"))[0]!, "data-action")).toBe("zoom");
    expect(attr(all(doc, byTag("td"))[0]!, "align")).toBe("center");
  });

  it.each([
    [`<script>alert(1)</script>`, "script element"],
    [`<SCRIPT SRC="/x.js"></SCRIPT>`, "script element, upper case"],
    [`<svg><script>alert(1)</script></svg>`, "script in SVG"],
    [`<img src=x onerror="alert(1)">`, "event handler"],
    [`<img/src=x/onerror=alert(1)>`, "event handler after slashes"],
    [`<a href="jav&#x09;ascript:alert(1)">x</a>`, "tab as a character reference"],
    [`<a href="&#106;avascript:alert(1)">x</a>`, "decimal reference"],
    [`<a href="javascript&colon;alert(1)">x</a>`, "named reference"],
    [`<a href="\u0001javascript:alert(1)">x</a>`, "control character"],
    [`<iframe src="javascript:alert(1)"></iframe>`, "iframe to javascript:"],
    [`<iframe srcdoc="<script>alert(1)</script>"></iframe>`, "iframe srcdoc"],
    [`<iframe src="data:text/html,<script>alert(1)</script>"></iframe>`, "iframe to a data: document"],
    [`<object data="data:text/html,<script>alert(1)</script>"></object>`, "object with a data: document"],
    [`<embed src="javascript:alert(1)">`, "embed"],
    [`<form action="javascript:alert(1)"><button>x</button></form>`, "form action"],
    [`<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, "SVG link"],
    [`<svg><animate attributeName="href" values="javascript:alert(1)"/></svg>`, "SVG animation of href"],
    [`<svg><set attributeName="onmouseover" to="alert(1)"/><rect width="9" height="9"/></svg>`, "SVG animation of an event handler"],
    [`<math href="javascript:alert(1)">x</math>`, "MathML href"],
    [`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`, "meta refresh"],
    [`<base href="javascript:alert(1)//">`, "base"],
    [`<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>`, "noscript parsed differently"],
    [`<svg><style><img src=x onerror=alert(1)></style></svg>`, "style in SVG"],
    [`<iframe>&lt;/iframe&gt;&lt;img src=x onerror=alert(1)&gt;</iframe>`, "text in an iframe"],
    [`<!-- --!><img src=x onerror=alert(1)> -->`, "comment that ends early in a browser"],
    [`<div style="background:url(javascript:alert(1))">x</div>`, "style attribute"],
  ])("removes %j (%s)", (html) => {
    const out = sanitizePostHtml(html);
    const doc = parseHtml(out);
    const bad = all(
      doc,
      (e) => e.name === "script" || e.name === "base" || Object.entries(e.attribs).some(([name, value]) => !isAllowedAttribute(e.name, name, value)),
    );
    expect(bad, out).toEqual([]);
    // Nothing a browser parses differently: no tag can start inside raw text.
    expect(out).not.toMatch(/<img\b[^>]*\sonerror\s*=/i);
  });
});
