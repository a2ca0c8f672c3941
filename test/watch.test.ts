// How the preview notices what its file watcher may miss: the folders are compared with
// what the last build read (driven here with explicit times, no timers).
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { followState, GRACE_MS, poll, snapshot } from "../plugins/jekyll-plans/watch.ts";

let dir: string;
let posts: string;
let out: string;
const file = (rel: string) => path.join(posts, rel);

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "jp-follow-"));
  posts = path.join(dir, "_posts");
  out = path.join(dir, "_site");
  mkdirSync(path.join(posts, "2021"), { recursive: true });
  mkdirSync(out);
  writeFileSync(file("2021/2021-03-02-herd.md"), "---\ntitle: a\n---\nbody\n");
  writeFileSync(file("2021/2021-05-09-pool.md"), "---\ntitle: b\n---\nbody\n");
});

describe("the preview's comparison of the folders with the last build", () => {
  it("asks for a rebuild at once when a post is renamed or deleted, and not again once a build read it", () => {
    const state = followState([posts], out);
    expect(poll(state, 0)).toBeUndefined();
    renameSync(file("2021/2021-03-02-herd.md"), file("2021/2021-03-03-renamed.md"));
    expect(poll(state, 100)).toBe(`gone: ${file("2021/2021-03-02-herd.md")}`);
    followState([posts], out, state); // the rebuild reads the folders
    expect(poll(state, 200)).toBeUndefined();
    rmSync(file("2021/2021-03-03-renamed.md"));
    expect(poll(state, 300)).toMatch(/^gone: .*2021-03-03-renamed\.md$/);
  });

  it("leaves an edit to Eleventy's watcher for the grace period, then asks, and again while no build reads it", () => {
    const state = followState([posts], out);
    writeFileSync(file("2021/2021-05-09-pool.md"), "---\ntitle: b\n---\nedited\n");
    expect(poll(state, 1000)).toBeUndefined(); // first seen
    expect(poll(state, 1000 + GRACE_MS - 1)).toBeUndefined();
    expect(poll(state, 1000 + GRACE_MS)).toBe(`changed: ${file("2021/2021-05-09-pool.md")}`);
    expect(poll(state, 1000 + GRACE_MS + 1)).toBeUndefined();
    expect(poll(state, 1000 + 2 * GRACE_MS)).toBe(`changed: ${file("2021/2021-05-09-pool.md")}`);
    followState([posts], out, state);
    expect(poll(state, 1000 + 3 * GRACE_MS)).toBeUndefined();
  });

  it("waits while the folder keeps changing: the grace period counts from the last change", () => {
    const state = followState([posts], out);
    const pool = file("2021/2021-05-09-pool.md");
    writeFileSync(pool, "one");
    expect(poll(state, 0)).toBeUndefined();
    utimesSync(pool, new Date(1_600_000_000_000), new Date(1_600_000_000_000));
    expect(poll(state, GRACE_MS)).toBeUndefined(); // changed again since the last look
    expect(poll(state, 2 * GRACE_MS)).toMatch(/^changed: /);
  });

  it("counts a new post as a change, and ignores hidden files and the output folder", () => {
    const state = followState([posts], out);
    writeFileSync(path.join(posts, ".DS_Store"), "x");
    writeFileSync(path.join(out, "index.html"), "<p>built</p>");
    expect(poll(state, 0)).toBeUndefined();
    expect(poll(state, GRACE_MS)).toBeUndefined();
    writeFileSync(file("2021/2021-07-01-plan.md"), "---\ntitle: c\n---\n");
    expect(poll(state, GRACE_MS)).toBeUndefined();
    expect(poll(state, 2 * GRACE_MS)).toBe(`changed: ${file("2021/2021-07-01-plan.md")}`);
  });

  it("ends on a symbolic link loop, recording the link without following it", () => {
    symlinkSync(posts, path.join(posts, "2021/loop"));
    const files = snapshot([posts]);
    expect([...files.keys()].map((k) => path.relative(posts, k)).sort()).toEqual(["2021/2021-03-02-herd.md", "2021/2021-05-09-pool.md", "2021/loop"]);
  });

  it("asks for nothing when a folder it follows is gone (the build reports that)", () => {
    const state = followState([posts, path.join(dir, "missing")], out);
    expect(poll(state, 0)).toBeUndefined();
    expect(poll(state, GRACE_MS)).toBeUndefined();
  });
});
