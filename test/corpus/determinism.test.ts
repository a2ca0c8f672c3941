// Two builds of the same input are byte-identical, whatever the machine's time zone,
// and the build never writes into content/ or the posts folder it reads.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CORPUS_POSTS, ROOT, runBuildAsync, type BuildResult } from "../helpers/build.ts";

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const p = path.join(dir, f);
    const st = statSync(p);
    if (st.isFile()) out.set(f, `${st.mtimeMs} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`);
  }
  return out;
}

let utc: BuildResult;
let shanghai: BuildResult;
let ownPosts: BuildResult;
let postsBefore: Map<string, string>;
let contentBefore: Map<string, string>;
let posts: string;

beforeAll(async () => {
  posts = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-ro-")), "_posts");
  cpSync(CORPUS_POSTS, posts, { recursive: true });
  postsBefore = snapshot(posts);
  contentBefore = snapshot(path.join(ROOT, "content"));
  const env = { BLOG_POSTS: posts, BLOG_REFERENCE_DATE: "2021-08-01" };
  [utc, shanghai, ownPosts] = await Promise.all([
    runBuildAsync({ ...env, TZ: "UTC" }),
    runBuildAsync({ ...env, TZ: "Asia/Shanghai" }),
    runBuildAsync({ BLOG_REFERENCE_DATE: "2021-08-01" }),
  ]);
}, 240_000);

describe("determinism", () => {
  it("two builds in different machine time zones are byte-identical, search index included", () => {
    expect(utc.status).toBe(0);
    expect(shanghai.status).toBe(0);
    const a = snapshotContent(utc.output);
    const b = snapshotContent(shanghai.output);
    expect(a.size).toBeGreaterThan(400);
    expect([...a.keys()].some((f) => f.startsWith("pagefind/"))).toBe(true);
    expect(b).toEqual(a);
  });
});

describe("the build writes only into its output folder", () => {
  it("leaves the posts folder it reads untouched", () => {
    expect(snapshot(posts)).toEqual(postsBefore);
  });

  it("leaves content/ untouched when building the repository's own posts", () => {
    expect(ownPosts.status, ownPosts.stderr).toBe(0);
    expect(snapshot(path.join(ROOT, "content"))).toEqual(contentBefore);
  });
});

function snapshotContent(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    const p = path.join(dir, f);
    if (statSync(p).isFile()) out.set(f.split(path.sep).join("/"), createHash("sha256").update(readFileSync(p)).digest("hex"));
  }
  return out;
}
