import { describe, expect, it } from "vitest";
import { dateInZone, parseFrontMatterDate, parsePostFileName } from "../../plugins/jekyll-plans/posts/dates.ts";
import { expandPermalink } from "../../plugins/jekyll-plans/posts/url.ts";

const zone = "Asia/Shanghai";

describe("post file names", () => {
  it("give the date and slug", () => {
    expect(parsePostFileName("2020-11-23-plan.md")).toEqual({ year: 2020, month: 11, day: 23, slug: "plan" });
    expect(parsePostFileName("2019-02-19-linux-command.markdown")?.slug).toBe("linux-command");
  });

  it("that do not follow YYYY-MM-DD-slug are refused", () => {
    expect(parsePostFileName("plan.md")).toBeNull();
    expect(parsePostFileName("2020-11-plan.md")).toBeNull();
    expect(parsePostFileName("2020-11-23-.md")).toBeNull();
    expect(parsePostFileName("2020-11-23-plan.txt")).toBeNull();
  });

  it("with an impossible date have no date", () => {
    expect(dateInZone(2021, 2, 30, zone)).toBeNull();
    expect(dateInZone(2021, 2, 28, zone)?.toISO()).toBe("2021-02-28T00:00:00.000+08:00");
  });
});

describe("front matter dates", () => {
  it.each([
    ["2021-07-31", "2021-07-31T00:00:00.000+08:00"],
    ["2021-07-31 23:30", "2021-07-31T23:30:00.000+08:00"],
    ["2021-07-31 23:30:00 +0800", "2021-07-31T23:30:00.000+08:00"],
    ["2021-07-31 15:30:00 +00:00", "2021-07-31T23:30:00.000+08:00"],
    ["2021-07-31T15:30:00Z", "2021-07-31T23:30:00.000+08:00"],
  ])("%s is %s in the site's zone", (text, iso) => {
    expect(parseFrontMatterDate(text, zone)?.toISO()).toBe(iso);
  });

  it("that are not real are refused", () => {
    expect(parseFrontMatterDate("2021-02-30", zone)).toBeNull();
    expect(parseFrontMatterDate("yesterday", zone)).toBeNull();
  });
});

describe("permalinks", () => {
  const date = dateInZone(2020, 11, 3, zone)!;
  it("expand Jekyll's placeholders", () => {
    expect(expandPermalink("/:year/:month/:day/:title/", { date, slug: "plan", categories: [] })).toBe("/2020/11/03/plan/");
    expect(expandPermalink("/:categories/:i_month/:i_day/:slug.html", { date, slug: "x", categories: ["Tool", "c"] })).toBe("/tool/c/11/3/x.html");
    expect(expandPermalink("pretty", { date, slug: "x", categories: [] })).toBe("/2020/11/03/x/");
    // Jekyll 4.3's week and name placeholders (strftime %G %V %u %a %A %b %B), in English whatever the locale.
    expect(expandPermalink("weekdate", { date, slug: "x", categories: ["c"] })).toBe("/c/2020/W45/Tue/x.html");
    expect(
      expandPermalink("/:w_year-:week-:w_day/:long_day/:short_month/:long_month/:y_day/", { date: dateInZone(2021, 1, 2, zone)!, slug: "x", categories: [] }),
    ).toBe("/2020-53-6/Saturday/Jan/January/002/");
  });

  it("refuse unknown placeholders", () => {
    expect(() => expandPermalink("/:yearr/:title/", { date, slug: "x", categories: [] })).toThrow(/:yearr/);
    // Names of an object's machinery are no placeholders either: kept as written in front matter.
    expect(expandPermalink("/:constructor/:toString/:title/", { date, slug: "x", categories: [] }, { unknown: "keep" })).toBe("/:constructor/:toString/x/");
    expect(() => expandPermalink("/:constructor/", { date, slug: "x", categories: [] })).toThrow(/:constructor/);
  });
});
