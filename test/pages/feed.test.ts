import { parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { FEED_CONTENT_LIMIT, feedView } from "../../plugins/jekyll-plans/pages/feed.ts";
import { pageTemplates } from "../../plugins/jekyll-plans/register/templates.ts";
import { DEFAULT_STRINGS } from "../../plugins/jekyll-plans/pages/strings.ts";
import { all, attr, text } from "../helpers/html.ts";

// The plugin's own template (a layouts folder that does not exist holds no replacements).
const { render } = pageTemplates("/nonexistent-layouts", DEFAULT_STRINGS);
const renderAtomFeed = async (...a: Parameters<typeof feedView>) => render("feed.xml", await feedView(...a));

const settings = { path: "/feed.xml", title: 'Blog & "friends"', subtitle: "", base: "https://example.com/", language: "zh-CN", author: { name: "浩阳" } };

describe("the Atom feed", () => {
  it("escapes titles and content and makes links absolute", async () => {
    const xml = await renderAtomFeed(
      [
        {
          title: "<script>alert(1)</script>",
          url: "/2021/07/31/x/",
          date: "2021-07-31T23:30:00.000+08:00",
          html: '<p><a href="#1-当前工作">a</a> <img src="/img/a.png"></p>',
          text: "a",
        },
      ],
      settings,
    );
    const doc = parseDocument(xml, { xmlMode: true });
    const entry = all(doc, (e) => e.name === "entry")[0]!;
    expect(text(all(entry, (e) => e.name === "title")[0]!)).toBe("<script>alert(1)</script>");
    expect(xml).not.toContain("<script>");
    const content = text(all(entry, (e) => e.name === "content")[0]!);
    expect(content).toContain('href="https://example.com/2021/07/31/x/#1-');
    expect(content).toContain('src="https://example.com/img/a.png"');
    expect(text(all(entry, (e) => e.name === "updated")[0]!)).toBe("2021-07-31T15:30:00Z");
    expect(text(all(doc, (e) => e.name === "title")[0]!)).toBe('Blog & "friends"');
    expect(attr(all(doc, (e) => e.name === "link" && attr(e, "rel") === "self")[0]!, "href")).toBe("https://example.com/feed.xml");
  });
});

describe("a post too large for a feed reader", () => {
  it("or nested too deep for the converter of its URLs is carried as a summary and a link", async () => {
    const deep = `${"<div>".repeat(20_000)}<a href="/x/">深处</a>${"</div>".repeat(20_000)}`;
    expect(deep.length).toBeLessThan(FEED_CONTENT_LIMIT);
    const xml = await renderAtomFeed([{ title: "deep", url: "/deep/", date: "2021-07-31T23:30:00.000+08:00", html: deep, text: "深处" }], settings);
    const entry = all(parseDocument(xml, { xmlMode: true }), (e) => e.name === "entry")[0]!;
    expect(all(entry, (e) => e.name === "content")).toHaveLength(0);
    expect(text(all(entry, (e) => e.name === "summary")[0]!)).toBe("深处");
  });

  it("is carried as a summary of its text and a link, and stays well-formed XML", async () => {
    const huge = `<ul>${"<li>任务</li>".repeat(FEED_CONTENT_LIMIT / 10)}</ul>`;
    const xml = await renderAtomFeed(
      [{ title: "big", url: "/big/", date: "2021-07-31T23:30:00.000+08:00", html: huge, text: `任务\u0001 `.repeat(1000) }],
      settings,
    );
    const entry = all(parseDocument(xml, { xmlMode: true }), (e) => e.name === "entry")[0]!;
    expect(all(entry, (e) => e.name === "content")).toHaveLength(0);
    expect(text(all(entry, (e) => e.name === "summary")[0]!)).toMatch(/^任务 任务 .*…$/);
    expect(xml.length).toBeLessThan(10_000);
    // XML 1.0 cannot hold U+0001, even escaped.
    expect(xml).not.toContain("\u0001");
  });
});
