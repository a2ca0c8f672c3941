// Two builds of the same input are byte-identical, whatever the machine's time zone,
// and the build never writes into content/ or the posts folder it reads.
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { snapshot } from "../global-setup.ts";
import { CORPUS_POSTS, ROOT, runBuildAsync, type BuildResult } from "../helpers/build.ts";

let elsewhere: BuildResult;
let postsBefore: Record<string, string>;
let posts: string;

beforeAll(async () => {
  // The blog's posts read from a folder of their own, to see that the build leaves it as it was.
  posts = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-ro-")), "_posts");
  cpSync(CORPUS_POSTS, posts, { recursive: true });
  postsBefore = snapshot(posts);
  elsewhere = await runBuildAsync({ BLOG_POSTS: posts, BLOG_REFERENCE_DATE: "2021-08-01", TZ: "UTC" });
}, 240_000);

describe("determinism", () => {
  it("two builds in different machine time zones are byte-identical, search index included", () => {
    const utc = inject("corpus");
    const shanghai = inject("corpusShanghai");
    expect(utc.status, utc.stderr).toBe(0);
    expect(shanghai.status, shanghai.stderr).toBe(0);
    const a = snapshotContent(utc.output);
    const b = snapshotContent(shanghai.output);
    expect(a.size).toBeGreaterThan(400);
    expect([...a.keys()].some((f) => f.startsWith("pagefind/"))).toBe(true);
    expect(b).toEqual(a);
  });
});

describe("the build writes only into its output folder", () => {
  it("leaves the posts folder it reads untouched", () => {
    expect(elsewhere.status, elsewhere.stderr).toBe(0);
    expect(snapshot(posts)).toEqual(postsBefore);
  });

  it("leaves content/ untouched when building the repository's own blog", () => {
    expect(snapshot(path.join(ROOT, "content"))).toEqual(inject("contentBefore"));
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
