// Progress cookies beside the headings of a plan post: `[done/total] percent%`, counting
// the whole section, added as tokens after the ids and the TOC were made.
import { describe, expect, it } from "vitest";
import { Diagnostics } from "../../plugins/jekyll-plans/diagnostics.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { addProgressCookies, cookieText } from "../../plugins/jekyll-plans/plans/cookies.ts";
import { buildPlan } from "../../plugins/jekyll-plans/plans/model.ts";
import { all, attr, byTag, hasClass, parseHtml, text } from "../helpers/html.ts";

const md = createMarkdown();

describe("progress cookies", () => {
  it("read [done/total] percent%", () => {
    expect(cookieText({ done: 3, total: 7, percent: 42, open: 4, openDays: 0, openWithoutEstimate: 0 })).toBe("[3/7] 42%");
  });

  it("count each heading's whole section, leave ids alone and mark complete sections", () => {
    const src = "* content\n{:toc}\n\n## 1. a\n\n* [x] one\n\n### 1.1. b\n\n* [ ] two\n* [x] three\n\n## 2. c\n\n* [x] four\n\n## 3. none\n\ntext\n";
    const env = {};
    const tokens = md.parse(src, env);
    const settings = { hoursPerDay: 8, daysPerWeek: 5, daysPerMonth: 20, referenceMonth: "2021-08" };
    const plan = buildPlan(
      md,
      { title: "t", slug: "t", postUrl: "/t/", day: "2021-07-01", progressUrl: "/progress/t/", sourcePath: "t.md", tokens, bodyLine: 1, env },
      settings,
      new Diagnostics(),
    );
    addProgressCookies(md, tokens, plan);
    const doc = parseHtml(md.renderer.render(tokens, md.options, env));
    const headings = all(doc, byTag("h2", "h3"));
    expect(headings.map((h) => attr(h, "id"))).toEqual(["1-a", "11-b", "2-c", "3-none"]);
    expect(headings.map((h) => text(all(h, hasClass("progress-cookie"))))).toEqual(["[2/3] 66%", "[1/2] 50%", "[1/1] 100%", ""]);
    expect(all(doc, hasClass("complete")).map((c) => text(c))).toEqual(["[1/1] 100%"]);
    // The TOC was made before: it shows no cookie.
    expect(text(all(doc, (e) => attr(e, "id") === "markdown-toc"))).not.toContain("[");
  });
});
