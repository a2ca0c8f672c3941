// The post cache on disk (option `cache`), through the real build command: a second build
// of the same site takes every post from the cache and writes the same files, a saved post
// is the only one built again, and a post is built again when an image it shows changes size.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { outputFiles, ROOT, runBuild, type BuildResult } from "./helpers/build.ts";
import { attr, one, parseHtml } from "./helpers/html.ts";

const work = mkdtempSync(path.join(os.tmpdir(), "jp-disk-cache-"));
const site = path.join(work, "site");
const cache = path.join(work, "cache");
const env = { BLOG_ROOT: site, BLOG_CACHE: cache, BLOG_REFERENCE_DATE: "2022-08-01" };
/** A build that prints its summary line, which says how many posts came from the cache. */
const runLoud = (vars: Record<string, string>) => runBuild(vars, undefined, false);
const build = () => runLoud(env);
/** "(N posts built, M cached, K from disk)" of the build's summary line. */
const counts = (b: BuildResult) => {
  const m = /\((\d+) posts built, (\d+) cached(?:, (\d+) from disk)?\)/.exec(b.stdout + b.stderr);
  return m ? { built: Number(m[1]), cached: Number(m[2]), fromDisk: Number(m[3] ?? 0) } : null;
};
/** A PNG header of the given size: all image-size reads. */
const png = (width: number, height: number) => {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b.set([8, 6, 0, 0, 0], 24);
  return b;
};
const shot = (b: BuildResult) => {
  const img = one(parseHtml(b.page("/2021/07/01/hello/")), (e) => e.name === "img" && attr(e, "src") === "/images/shot.png")!;
  return [attr(img, "width"), attr(img, "height")];
};

let cold: BuildResult;
let warm: BuildResult;
beforeAll(() => {
  cpSync(path.join(ROOT, "test/fixtures/jekyll-root"), site, { recursive: true });
  cold = build();
  warm = build();
}, 120_000);

describe("the post cache on disk", () => {
  it("gives every post to a second build, which writes the same files", () => {
    expect([cold.status, warm.status], warm.stderr).toEqual([0, 0]);
    const posts = counts(cold)!.built;
    expect(posts).toBeGreaterThan(1);
    expect(counts(cold)).toEqual({ built: posts, cached: 0, fromDisk: 0 });
    expect(counts(warm)).toEqual({ built: 0, cached: posts, fromDisk: posts });
    expect(outputFiles(warm.output)).toEqual(outputFiles(cold.output));
    // The warnings of cached posts are printed again.
    expect(warm.stderr).toBe(cold.stderr);
  });

  it("builds again only the post that was saved, and an image's new size reaches the post that shows it", () => {
    const hello = path.join(site, "_posts/2021/2021-07-01-hello.md");
    writeFileSync(hello, readFileSync(hello, "utf8").replace("A post with a screenshot", "A post, edited, with a screenshot"));
    const edited = build();
    expect(edited.status, edited.stderr).toBe(0);
    expect(counts(edited)).toMatchObject({ built: 1 });
    expect(edited.page("/2021/07/01/hello/")).toContain("A post, edited, with a screenshot");
    expect(shot(edited)).toEqual(["1", "1"]);

    writeFileSync(path.join(site, "images/shot.png"), png(2, 3));
    const resized = build();
    expect(counts(resized)).toMatchObject({ built: 1 });
    expect(shot(resized)).toEqual(["2", "3"]);
  });

  it("is not used with other settings: another reference date builds every post again", () => {
    const other = runLoud({ ...env, BLOG_REFERENCE_DATE: "2023-01-01" });
    expect(other.status, other.stderr).toBe(0);
    expect(counts(other)).toMatchObject({ cached: 0 });
  });
});
