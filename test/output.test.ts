// What a build leaves in its output folder: the pages of this build, none of an earlier
// one, and the user's own files untouched.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanStaleOutput, MANIFEST, outputClashes, recordOutput } from "../plugins/jekyll-plans/output.ts";
import { buildInProcess, outputFiles, ROOT, runBuild } from "./helpers/build.ts";

describe("a post whose URL another part of the site writes", () => {
  const owners = { generated: new Set(["/search/", "/feed.xml"]), folders: ["/pagefind/"], passthrough: {}, input: "." };
  it.each([
    ["/search/", "the page /search/"],
    ["/search/index.html", "the page /search/"],
    ["/%73earch/", "the page /search/"],
    ["/feed.xml", "the page /feed.xml"],
    ["/feed.xml/", "the page /feed.xml"],
    ["/pagefind/x.js", "the folder /pagefind/"],
    ["/%70agefind/pagefind-ui.js", "the folder /pagefind/"],
  ])("%s would overwrite %s: an error naming the post", (url, owner) => {
    expect(outputClashes([{ url, sourcePath: "p.md" }], owners)).toEqual([
      { severity: "error", file: "p.md", message: expect.stringContaining(`its URL ${url} would overwrite ${owner}`) },
    ]);
  });

  it("is none for URLs that are only alike", () => {
    expect(
      outputClashes(
        ["/search/x/", "/searches/", "/pagefind", "/feed.xml.html"].map((url) => ({ url, sourcePath: "p.md" })),
        owners,
      ),
    ).toEqual([]);
  });
});

describe("building again into the same folder", () => {
  it("removes the pages of a deleted post, and only those", async () => {
    const posts = path.join(mkdtempSync(path.join(os.tmpdir(), "jp-stale-")), "_posts");
    cpSync(path.join(ROOT, "test/fixtures/search/_posts"), posts, { recursive: true });
    const output = mkdtempSync(path.join(os.tmpdir(), "jp-stale-out-"));
    const env = { BLOG_POSTS: posts, BLOG_REFERENCE_DATE: "2021-08-01" };
    const first = await buildInProcess(env, output);
    expect(first.status, first.stderr).toBe(0);
    expect(first.has("/2021/05/09/pool/")).toBe(true);
    writeFileSync(path.join(output, "mine.txt"), "a file of the user's");

    rmSync(path.join(posts, "2021/2021-05-09-pool.md"));
    const second = await buildInProcess(env, output);
    expect(second.status, second.stderr).toBe(0);
    expect(second.has("/2021/05/09/pool/")).toBe(false);
    expect(second.has("/archive/2021/05/")).toBe(false);
    expect(second.has("/2021/03/02/thundering-herd/")).toBe(true);
    expect(existsSync(path.join(output, "2021/05"))).toBe(false);
    expect(existsSync(path.join(output, "mine.txt"))).toBe(true);
    expect(existsSync(path.join(output, "pagefind/pagefind.js"))).toBe(true);
    // The folder holds what a fresh build of the same posts with the build command holds, byte
    // for byte (no stale search fragment either), and the user's file.
    const fresh = runBuild(env);
    expect(fresh.status, fresh.stderr).toBe(0);
    const built = outputFiles(output);
    expect(built.get("mine.txt")).toBe(createHash("sha256").update("a file of the user's").digest("hex"));
    built.delete("mine.txt");
    expect(built).toEqual(outputFiles(fresh.output));
  });
});

describe("the output manifest", () => {
  const folder = (files: string[]) => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-manifest-"));
    for (const f of files) {
      mkdirSync(path.dirname(path.join(out, f)), { recursive: true });
      writeFileSync(path.join(out, f), f);
    }
    return out;
  };
  const listed = (out: string) => (JSON.parse(readFileSync(path.join(out, MANIFEST), "utf8")) as { files: string[] }).files;

  it("keeps what it is told to keep, listed for a later cleaning that removes it", () => {
    const out = folder(["a/index.html", "gone/index.html", "pagefind/old.pf_index", "pagefind/entry.json"]);
    cleanStaleOutput(out, ["a/index.html", "gone/index.html", "pagefind/old.pf_index", "pagefind/entry.json"]);
    // The preview's pages: a post deleted, the index not yet made again.
    expect(cleanStaleOutput(out, ["a/index.html"], (f) => f.startsWith("pagefind/"))).toEqual(["gone/index.html"]);
    expect(existsSync(path.join(out, "gone"))).toBe(false);
    expect(listed(out)).toEqual(["a/index.html", "pagefind/entry.json", "pagefind/old.pf_index"]);
    // The new index written: its old files go.
    writeFileSync(path.join(out, "pagefind/new.pf_index"), "new");
    expect(cleanStaleOutput(out, ["a/index.html", "pagefind/new.pf_index", "pagefind/entry.json"])).toEqual(["pagefind/old.pf_index"]);
  });

  it("removes nothing outside the folder, whatever its manifest lists, through a symbolic link neither", () => {
    const out = folder(["a/index.html"]);
    const elsewhere = folder(["secret.txt", "deep/secret.txt"]);
    symlinkSync(elsewhere, path.join(out, "link"));
    writeFileSync(
      path.join(out, MANIFEST),
      JSON.stringify({
        files: ["a/index.html", "link/secret.txt", "link/deep/secret.txt", `../${path.basename(elsewhere)}/secret.txt`, path.join(elsewhere, "secret.txt")],
      }),
    );
    expect(cleanStaleOutput(out, ["a/index.html"])).toEqual([]);
    expect(existsSync(path.join(elsewhere, "secret.txt"))).toBe(true);
    expect(existsSync(path.join(elsewhere, "deep/secret.txt"))).toBe(true);
  });

  it("adds files without removing any, for the next cleaning to judge", () => {
    const out = folder(["a/index.html", "pagefind/x.pf_index"]);
    cleanStaleOutput(out, ["a/index.html"]);
    recordOutput(out, ["pagefind/x.pf_index"]);
    expect(existsSync(path.join(out, "pagefind/x.pf_index"))).toBe(true);
    expect(listed(out)).toEqual(["a/index.html", "pagefind/x.pf_index"]);
    expect(cleanStaleOutput(out, ["a/index.html"])).toEqual(["pagefind/x.pf_index"]);
  });
});
