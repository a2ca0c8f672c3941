// The author writes a new plan every year under the same name: each plan has its
// own progress page, and the dashboard groups them as one series.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInProcess, ROOT, type BuildResult } from "../helpers/build.ts";
import { all, attr, byTag, hasClass, one, parseHtml, text } from "../helpers/html.ts";

let build: BuildResult;
beforeAll(async () => {
  build = await buildInProcess({ BLOG_POSTS: path.join(ROOT, "test/fixtures/series/_posts"), BLOG_REFERENCE_DATE: "2021-12-01" });
});

describe("two plans with one slug", () => {
  it("both build, without an error or a warning", () => {
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toBe("");
    expect(build.has("/2020/11/23/plan/")).toBe(true);
    expect(build.has("/2021/11/16/plan/")).toBe(true);
  });

  it("each get a progress page of their own, linked from their post", () => {
    for (const [post, progress, title, done] of [
      ["/2020/11/23/plan/", "/progress/2020/11/23/plan/", "2020 计划", "2/4"],
      ["/2021/11/16/plan/", "/progress/2021/11/16/plan/", "2021 计划", "1/3"],
    ] as const) {
      const summary = one(parseHtml(build.page(post)), hasClass("plan-summary"))!;
      expect(attr(one(summary, byTag("a"))!, "href")).toBe(progress);
      const page = parseHtml(build.page(progress));
      expect(text(one(page, byTag("h1"))!)).toBe(`${title} · 进度`);
      expect(text(one(page, hasClass("progress-page"))!)).toContain(done);
      // Each links back to its own post and to the series.
      const links = all(page, byTag("a")).map((a) => attr(a, "href"));
      expect(links).toContain(post);
      expect(links).toContain("/progress/plan/");
    }
  });

  it("keep /progress/<slug>/ for the series: every plan, then the newest plan's progress", () => {
    const page = parseHtml(build.page("/progress/plan/"));
    expect(text(one(page, byTag("h1"))!)).toBe("2021 计划 · 进度");
    const rows = all(one(page, hasClass("plans"))!, byTag("tr")).slice(1);
    expect(rows.map((r) => attr(one(r, byTag("a"))!, "href"))).toEqual(["/progress/2021/11/16/plan/", "/progress/2020/11/23/plan/"]);
    expect(rows.map((r) => text(one(r, byTag("time"))!))).toEqual(["2021-11-16", "2020-11-23"]);
  });

  it("are one series on the dashboard, newest first, with the series' totals", () => {
    const dashboard = parseHtml(build.page("/progress/"));
    const series = one(dashboard, hasClass("series"))!;
    const head = one(series, hasClass("series-head"))!;
    expect(attr(one(head, byTag("a"))!, "href")).toBe("/progress/plan/");
    expect(text(head)).toContain("3/7");
    const planLinks = all(series, byTag("a"))
      .map((a) => attr(a, "href"))
      .slice(1);
    expect(planLinks).toEqual(["/progress/2021/11/16/plan/", "/progress/2020/11/23/plan/"]);
  });

  it("are both in /progress.json with their own pages and one series", () => {
    const json = JSON.parse(readFileSync(path.join(build.output, "progress.json"), "utf8"));
    expect(json.plans.map((p: { progressUrl: string; day: string }) => [p.progressUrl, p.day])).toEqual([
      ["/progress/2021/11/16/plan/", "2021-11-16"],
      ["/progress/2020/11/23/plan/", "2020-11-23"],
    ]);
    expect(json.series).toEqual([
      expect.objectContaining({ slug: "plan", url: "/progress/plan/", plans: ["/progress/2021/11/16/plan/", "/progress/2020/11/23/plan/"], done: 3, total: 7 }),
    ]);
  });
});
