import { describe, expect, it } from "vitest";
import { DEFAULTS, resolveOptions } from "../plugins/jekyll-plans/options.ts";

describe("plugin options", () => {
  it("default to this blog's Jekyll settings, in a fresh object", () => {
    const a = resolveOptions({}, {});
    // The search language follows the locale (zh-CN → zh).
    expect(a).toEqual({ ...DEFAULTS, search: { ...(DEFAULTS.search as object), language: "zh" } });
    expect(resolveOptions({ locale: "ja-JP" }, {}).search).toMatchObject({ language: "ja" });
    a.tocLevels.max = 2;
    expect(DEFAULTS.tocLevels.max).toBe(4);
  });

  it("do not change the caller's object", () => {
    const mine = { timeZone: "UTC", tocLevels: { min: 2, max: 3 } };
    resolveOptions(mine, {});
    expect(mine).toEqual({ timeZone: "UTC", tocLevels: { min: 2, max: 3 } });
  });

  it("take the posts folder from BLOG_POSTS when set", () => {
    expect(resolveOptions({}, { BLOG_POSTS: "/elsewhere/_posts" }).postsDir).toBe("/elsewhere/_posts");
    expect(resolveOptions({ postsDirEnv: false }, { BLOG_POSTS: "/x" }).postsDir).toBe("content/_posts");
  });

  it("refuse unknown options and bad values, naming them", () => {
    expect(() => resolveOptions({ postDir: "x" } as never, {})).toThrow(/unknown option "postDir"/);
    expect(() => resolveOptions({ timeZone: "Mars/Base" }, {})).toThrow(/timeZone/);
    expect(() => resolveOptions({ tocLevels: { min: 3, max: 2 } }, {})).toThrow(/tocLevels/);
  });
});
