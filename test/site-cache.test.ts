import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createMarkdown } from "../plugins/jekyll-plans/markdown/index.ts";
import { resolveOptions, siteSettings } from "../plugins/jekyll-plans/options.ts";
import { PostCache } from "../plugins/jekyll-plans/posts/cache.ts";
import { readPosts } from "../plugins/jekyll-plans/posts/load.ts";
import { buildSite, type PostPass, type SiteSettings } from "../plugins/jekyll-plans/site.ts";

const FIXTURE = path.resolve(import.meta.dirname, "fixtures/search/_posts");

function settingsFor(dir: string, referenceMonth = "2021-08"): SiteSettings {
  return { ...siteSettings(resolveOptions({ postsDir: dir, postsDirEnv: false }, {})), referenceMonth };
}

describe("the post cache across preview rebuilds", () => {
  it("parses only the saved post again, and builds what a build without cache builds", () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-cache-")), "_posts");
    cpSync(FIXTURE, dir, { recursive: true });
    writeFileSync(path.join(dir, "2021/2021-08-01-num.md"), "---\nlayout: post\ntitle: 2021\n---\n");
    const cache = new PostCache<PostPass>();
    const build = (s = settingsFor(dir)) => {
      cache.begin(JSON.stringify(s));
      return buildSite(createMarkdown(), s, readPosts(dir).sources, cache);
    };

    const first = build();
    expect(cache.stats).toEqual({ hits: 0, stored: 0, misses: 4 });
    const second = build();
    expect(cache.stats).toEqual({ hits: 4, stored: 0, misses: 0 });
    // Warnings of unchanged posts are reported again.
    expect(second.diagnostics.warnings.map((w) => w.message)).toEqual(first.diagnostics.warnings.map((w) => w.message));
    expect(second.diagnostics.warnings).toHaveLength(1);

    const file = path.join(dir, "2021/2021-05-09-pool.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("连接池太大浪费资源", "改过的段落"));
    const third = build();
    expect(cache.stats).toEqual({ hits: 3, stored: 0, misses: 1 });
    const fresh = buildSite(createMarkdown(), settingsFor(dir), readPosts(dir).sources);
    expect(JSON.stringify(third.model)).toBe(JSON.stringify(fresh.model));
    expect(third.html.get("/2021/05/09/pool/")).toContain("改过的段落");

    rmSync(path.join(dir, "2021/2021-08-01-num.md"));
    expect(build().model.posts.map((p) => p.url)).not.toContain("/2021/08/01/num/");
  });

  it("starts over when the settings change (say, the reference month)", () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-cache-")), "_posts");
    cpSync(FIXTURE, dir, { recursive: true });
    const cache = new PostCache<PostPass>();
    for (const month of ["2021-08", "2021-05"]) {
      const s = settingsFor(dir, month);
      cache.begin(JSON.stringify(s));
      buildSite(createMarkdown(), s, readPosts(dir).sources, cache);
      expect(cache.stats.misses).toBe(3);
    }
  });
});
