// What a build leaves in its output folder: the pages of this build, none of an earlier
// one, and the user's own files untouched.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runBuild } from "./helpers/build.ts";

describe("building again into the same folder", () => {
  it("removes the pages of a deleted post, and only those", () => {
    const posts = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-stale-")), "_posts");
    cpSync(path.join(ROOT, "test/fixtures/search/_posts"), posts, { recursive: true });
    const output = mkdtempSync(path.join(os.tmpdir(), "jp-stale-out-"));
    const env = { BLOG_POSTS: posts, BLOG_REFERENCE_DATE: "2021-08-01" };
    const first = runBuild(env, output);
    expect(first.status, first.stderr).toBe(0);
    expect(first.has("/2021/05/09/pool/")).toBe(true);
    writeFileSync(path.join(output, "mine.txt"), "a file of the user's");

    rmSync(path.join(posts, "2021/2021-05-09-pool.md"));
    const second = runBuild(env, output);
    expect(second.status, second.stderr).toBe(0);
    expect(second.has("/2021/05/09/pool/")).toBe(false);
    expect(second.has("/archive/2021/05/")).toBe(false);
    expect(second.has("/2021/03/02/thundering-herd/")).toBe(true);
    expect(existsSync(path.join(output, "2021/05"))).toBe(false);
    expect(existsSync(path.join(output, "mine.txt"))).toBe(true);
    expect(existsSync(path.join(output, "pagefind/pagefind.js"))).toBe(true);
    // The search bundles hold what a fresh build of the same posts holds: no stale fragments.
    const fresh = runBuild(env);
    expect(fresh.status, fresh.stderr).toBe(0);
    const bundle = (root: string) => (readdirSync(path.join(root, "pagefind"), { recursive: true, encoding: "utf8" }) as string[]).sort();
    expect(bundle(output)).toEqual(bundle(fresh.output));
  });
});
