// A site root page's Liquid, run by the build: what it prints, and the limits that make
// every build end whatever a page's Liquid does.
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { createLiquid, renderLiquid } from "../../plugins/jekyll-plans/root/liquid.ts";
import { buildRootPage, locateRootPage } from "../../plugins/jekyll-plans/root/pages.ts";

const md = createMarkdown();
const posts = Array.from({ length: 10_000 }, (_, i) => ({ title: `post ${i}`, url: `/p/${i}/` }));
const liquid = createLiquid({ site: { title: "站点", posts }, postUrls: new Map(), links: new Map(), timeZone: "Asia/Shanghai", md });

function page(body: string) {
  const diagnostics = new Diagnostics();
  const located = locateRootPage("site/p.md", "p.md", `---\ntitle: p\n---\n\n${body}\n`, "pretty", diagnostics)!;
  const built = buildRootPage("site/p.md", "p.md", located, md, liquid, { title: "站点", posts }, { permalink: "pretty", rawHtml: "sanitize" }, diagnostics);
  return { built, diagnostics: diagnostics.items.map((d) => `${d.severity} ${d.line ?? ""}: ${d.message}`) };
}

describe("a site root page's Liquid", () => {
  it("dates as Jekyll reads them: text without an offset in the site's zone, whatever the machine's", () => {
    const render = (zone: string) =>
      renderLiquid(
        createLiquid({ site: {}, postUrls: new Map(), links: new Map(), timeZone: zone, md }),
        '{{ "2021-07-01" | date: "%Y-%m-%d %H:%M" }}|{{ "2021-07-01 10:00:00" | date: "%F %H:%M" }}|{{ d | date: "%F %H:%M %z" }}|{{ "2021-07-01" | date_to_string }}',
        { d: "2021-07-01T00:00:00+08:00" },
      );
    expect(render("America/New_York")).toBe("2021-07-01 00:00|2021-07-01 10:00|2021-06-30 12:00 -0400|01 Jul 2021");
    expect(render("Asia/Shanghai")).toBe("2021-07-01 00:00|2021-07-01 10:00|2021-07-01 00:00 +0800|01 Jul 2021");
    // Ruby's strftime conversions (`ruby -e 'puts Time.new(2021, 1, 2, 13, 5, 9).strftime(...)'`).
    expect(
      renderLiquid(
        createLiquid({ site: {}, postUrls: new Map(), links: new Map(), timeZone: "UTC", md }),
        '{{ "2021-01-02 13:05:09" | date: "%F %T|%D|%R|%r|%x %X|%c|%G-W%V|%%F" }}',
        {},
      ),
    ).toBe("2021-01-02 13:05:09|01/02/21|13:05|01:05:09 PM|01/02/21 13:05:09|Sat Jan  2 13:05:09 2021|2020-W53|%F");
  });

  it("runs over every post of a large site", () => {
    const { built, diagnostics } = page("{% for post in site.posts %}[{{ post.title }}]({{ post.url }}) {% endfor %}");
    expect(diagnostics).toEqual([]);
    expect(built?.html.match(/<a href="\/p\/\d+\/">/g)).toHaveLength(10_000);
  });

  it("passes a value through a filter it does not know, as Jekyll's Liquid does (strict_filters: false), with a warning naming the line", () => {
    const { built, diagnostics } = page(
      "before\n\n{{ site.title | no_such_filter | append: '!' }}\n\n{% assign sorted = site.posts | reversed %}{{ sorted.size }}",
    );
    expect(built?.html).toContain("<p>站点!</p>");
    expect(built?.html).toContain("<p>10000</p>");
    expect(diagnostics).toEqual([expect.stringMatching(/^warning 7: Liquid: undefined filter: no_such_filter; it is skipped .* as Jekyll skips/)]);
  });

  it("that cannot run is left out, with a warning naming the line", () => {
    const { built, diagnostics } = page("before\n\n{% no_such_tag %}\n\nafter");
    expect(built?.html).toContain("before");
    expect(built?.html).not.toContain("{%");
    expect(diagnostics).toEqual([expect.stringMatching(/^warning 7: Liquid: .*no_such_tag.*published without its Liquid/)]);
  });

  it.each([
    ["a range too large to hold", "{% for i in (1..100000000) %}{{ i }}{% endfor %}"],
    ["a string that doubles", "{% assign s = 'x' %}{% for i in (1..60) %}{% assign s = s | append: s %}{% endfor %}{{ s }}"],
  ])("past its limits (%s) is an error naming the line, and the page is not published", (_, loop) => {
    const { built, diagnostics } = page(`intro\n\n${loop}`);
    expect(built).toBeNull();
    expect(diagnostics).toEqual([expect.stringMatching(/^error 7: Liquid: memory alloc limit exceeded: the page's Liquid does too much to publish/)]);
  });
});
