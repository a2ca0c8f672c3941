// A site root page's Liquid, run by the build: what it prints, and the limits that make
// every build end whatever a page's Liquid does.
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { createLiquid } from "../../plugins/jekyll-plans/root/liquid.ts";
import { buildRootPage } from "../../plugins/jekyll-plans/root/pages.ts";

const md = createMarkdown();
const posts = Array.from({ length: 10_000 }, (_, i) => ({ title: `post ${i}`, url: `/p/${i}/` }));
const liquid = createLiquid({ site: { title: "站点", posts }, postUrls: new Map(), links: new Map(), timeZone: "Asia/Shanghai", md });

function page(body: string) {
  const diagnostics = new Diagnostics();
  const built = buildRootPage(
    "site/p.md",
    "p.md",
    `---\ntitle: p\n---\n\n${body}\n`,
    md,
    liquid,
    { title: "站点", posts },
    { permalink: "pretty", rawHtml: "sanitize" },
    diagnostics,
  );
  return { built, diagnostics: diagnostics.items.map((d) => `${d.severity} ${d.line ?? ""}: ${d.message}`) };
}

describe("a site root page's Liquid", () => {
  it("runs over every post of a large site", () => {
    const { built, diagnostics } = page("{% for post in site.posts %}[{{ post.title }}]({{ post.url }}) {% endfor %}");
    expect(diagnostics).toEqual([]);
    expect(built?.html.match(/<a href="\/p\/\d+\/">/g)).toHaveLength(10_000);
  });

  it("that cannot run is left out, with a warning naming the line", () => {
    const { built, diagnostics } = page("before\n\n{{ site.title | no_such_filter }}\n\nafter");
    expect(built?.html).toContain("before");
    expect(built?.html).not.toContain("{{");
    expect(diagnostics).toEqual([expect.stringMatching(/^warning 7: Liquid: .*no_such_filter.*published without its Liquid/)]);
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
