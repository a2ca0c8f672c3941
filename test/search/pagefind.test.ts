// The search thread: both bundles written at once, every file it names is on disk, a
// failure names the bundle's folder, and the thread ends when asked (so that a build exits).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { closeSearch, streamSearchDocuments, writeSearchIndexes } from "../../plugins/jekyll-plans/search/pagefind.ts";
import { DEFAULT_LABELS, searchDocuments } from "../../plugins/jekyll-plans/search/records.ts";
import type { PostPage } from "../../plugins/jekyll-plans/site.ts";
import { md, planFrom } from "../helpers/plan.ts";

const src = "## 1. 当前工作\n\n* [ ] 写惊群文章 - 2 天\n* [x] 搭建调试环境\n";
const post = {
  url: "/2021/07/01/plan/",
  title: "计划",
  day: "2021-07-01",
  categories: ["linux"],
  tags: [],
  excerptText: "摘要",
  plan: { done: 1, total: 2 },
} as unknown as PostPage;
const docs = searchDocuments({
  posts: [post],
  html: new Map([[post.url, md.render(src)]]),
  plans: [planFrom(src)],
  lang: "zh-CN",
  labels: DEFAULT_LABELS,
  tasks: "records",
});
const job = (outputPath: string, bundle: "posts" | "plans") => ({ outputPath, docs: docs.filter((d) => d.bundle === bundle), language: "zh-CN", exclude: [] });
/** The files below `dir`, but for those below `skip`. */
const filesBelow = (dir: string, skip = "\0") =>
  (readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).filter((f) => !f.startsWith(skip) && statSync(path.join(dir, f)).isFile()).sort();

afterAll(() => closeSearch());

/** A post's document whose title and text are `words`. */
const page = (url: string, words: string) => ({
  bundle: "posts" as const,
  url,
  html: `<html lang="zh-CN"><body><main data-pagefind-body><h1>${words}</h1><p>${words}</p></main></body></html>`,
});

/** Each page's URL and text, as the written fragments of a bundle hold them. */
const fragments = (folder: string, files: string[]) =>
  files
    .filter((f) => f.startsWith("fragment"))
    .map(
      (f) =>
        JSON.parse(
          gunzipSync(readFileSync(path.join(folder, f)))
            .toString()
            .replace(/^pagefind_dcd/, ""),
        ) as { url: string; content: string },
    )
    .map((f) => `${f.url} ${f.content.replace(/[\u200b.\s]+/g, "")}`)
    .sort();

describe("the search thread", () => {
  it("writes each bundle in its folder and names every file it wrote", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-thread-"));
    const posts = path.join(out, "pagefind");
    const plans = path.join(posts, "plans");
    const [p, q] = await writeSearchIndexes([job(posts, "posts"), job(plans, "plans")]);
    expect(p!.pages).toBe(1);
    // The plan's progress page and its two tasks (one open, one done: a document each).
    expect(q!.pages).toBe(3);
    expect(existsSync(path.join(posts, "pagefind.js")) && existsSync(path.join(plans, "pagefind.js"))).toBe(true);
    // Every file on disk is named, and nothing else (the plans' bundle sits below the posts').
    expect([...p!.files].sort()).toEqual(filesBelow(posts, "plans"));
    expect([...q!.files].sort()).toEqual(filesBelow(plans));
    expect(p!.files.length).toBeGreaterThan(5);
  });

  it("rejects with the folder it could not write, and keeps working after", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-thread-bad-"));
    const blocked = path.join(out, "a-file");
    writeFileSync(blocked, "");
    await expect(writeSearchIndexes([job(path.join(blocked, "pagefind"), "posts")])).rejects.toThrow(/a-file/);
    const [ok] = await writeSearchIndexes([job(path.join(out, "pagefind"), "posts")]);
    expect(ok!.files).toContain("pagefind.js");
  });

  it("names the page a document of which Pagefind's service failed on, and keeps working after", async () => {
    // Text that is not Unicode (a lone surrogate) is what the service cannot read as JSON.
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-thread-"));
    const broken = {
      outputPath: out,
      docs: [{ url: "/bad/", html: "<html><body><main data-pagefind-body>\uD800</main></body></html>" }],
      language: "zh-CN",
      exclude: [],
    };
    await expect(writeSearchIndexes([broken as never])).rejects.toThrow(/^\[jekyll-plans\] search: Pagefind failed on \/bad\/: /);
    const [stats] = await writeSearchIndexes([job(out, "posts")]);
    expect(stats!.files.length).toBeGreaterThan(0);
  });

  it("keeps the preview's index alive and sends it only the documents that changed", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-thread-keep-"));
    const write = async (docs: ReturnType<typeof page>[], keep: boolean, folder = out) =>
      (await writeSearchIndexes([{ outputPath: folder, docs, language: "zh-CN", exclude: [], keep }]))[0]!;
    const pages = fragments;
    const first = await write([page("/a/", "苹果"), page("/b/", "香蕉")], true);
    expect([first.pages, first.sent]).toEqual([2, 2]);
    // /a/ changed, /b/ is gone, /c/ is new: three documents sent, two pages in the index.
    const docs = [page("/a/", "橘子"), page("/c/", "葡萄")];
    const second = await write(docs, true);
    expect([second.pages, second.sent]).toEqual([2, 3]);
    expect(pages(out, second.files)).toEqual(["/a/ 橘子橘子", "/c/ 葡萄葡萄"]);
    // Nothing changed: nothing sent, the same files, none of them written again.
    const entry = path.join(out, "pagefind-entry.json");
    const written = statSync(entry).mtimeMs;
    const third = await write(docs, true);
    expect([third.pages, third.sent]).toEqual([2, 0]);
    expect([...third.files].sort()).toEqual([...second.files].sort());
    expect(statSync(entry).mtimeMs).toBe(written);
    // Unchanged, but a file of it is gone from the folder: the index is written again.
    rmSync(entry);
    const again = await write(docs, true);
    expect([...again.files].sort()).toEqual([...second.files].sort());
    expect(existsSync(entry)).toBe(true);
    // A fresh index of the same documents makes the same bundle (its files are named by their content).
    const fresh = mkdtempSync(path.join(os.tmpdir(), "jp-thread-fresh-"));
    const once = await write(docs, false, fresh);
    expect(once.sent).toBe(2);
    expect(pages(fresh, once.files)).toEqual(pages(out, third.files));
    expect([...once.files].sort()).toEqual([...third.files].sort());
  });

  it("finishes an index streamed ahead with exactly the job's documents, sending only what differs", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-thread-stream-"));
    const settings = { language: "zh-CN", exclude: [] };
    // Two parts, as a build sends them while its posts are read; /b/ twice (the second wins in
    // the stream, as two posts of one URL would), /c/ left out of the job's documents.
    streamSearchDocuments("s1", settings, [page("/a/", "苹果"), page("/b/", "香蕉")]);
    streamSearchDocuments("s1", settings, [page("/b/", "芒果"), page("/c/", "葡萄")], { end: true });
    const docs = [page("/a/", "苹果"), page("/b/", "橘子"), page("/d/", "西瓜")];
    const [streamed] = await writeSearchIndexes([{ outputPath: out, docs, ...settings, stream: "s1" }]);
    // /b/ (changed), /d/ (new) and /c/ (gone) sent after the three URLs streamed.
    expect([streamed!.pages, streamed!.sent]).toEqual([3, 6]);
    expect(fragments(out, streamed!.files)).toEqual(["/a/ 苹果苹果", "/b/ 橘子橘子", "/d/ 西瓜西瓜"]);
    // The same pages as an index made of the job's documents alone.
    const fresh = mkdtempSync(path.join(os.tmpdir(), "jp-thread-stream-fresh-"));
    const [alone] = await writeSearchIndexes([{ outputPath: fresh, docs, ...settings }]);
    expect(alone!.sent).toBe(3);
    expect(fragments(fresh, alone!.files)).toEqual(fragments(out, streamed!.files));
    // A stream is finished once: a second job naming it makes its index afresh.
    const [again] = await writeSearchIndexes([{ outputPath: fresh, docs, ...settings, stream: "s1" }]);
    expect(again!.sent).toBe(3);
    // A stream that sent exactly the job's documents: nothing more sent, the files it built ahead.
    streamSearchDocuments("s4", settings, docs.slice(0, 2));
    streamSearchDocuments("s4", settings, docs.slice(2), { end: true });
    const same = mkdtempSync(path.join(os.tmpdir(), "jp-thread-stream-same-"));
    const [ready] = await writeSearchIndexes([{ outputPath: same, docs, ...settings, stream: "s4" }]);
    expect(ready!.sent).toBe(3);
    expect([...ready!.files].sort()).toEqual([...alone!.files].sort());
    expect(fragments(same, ready!.files)).toEqual(["/a/ 苹果苹果", "/b/ 橘子橘子", "/d/ 西瓜西瓜"]);
    // A stream made with other settings is not used: the job's index is made afresh.
    streamSearchDocuments("s2", { ...settings, exclude: [".other"] }, [page("/x/", "樱桃")]);
    const [other] = await writeSearchIndexes([{ outputPath: out, docs, ...settings, stream: "s2" }]);
    expect(other!.sent).toBe(3);
    expect(fragments(out, other!.files)).toEqual(["/a/ 苹果苹果", "/b/ 橘子橘子", "/d/ 西瓜西瓜"]);
  });

  it("names the document Pagefind's service failed on when it was streamed ahead", async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-thread-stream-bad-"));
    const bad = { bundle: "posts" as const, url: "/bad/", html: "<html><body><main data-pagefind-body>\uD800</main></body></html>" };
    streamSearchDocuments("s3", { language: "zh-CN", exclude: [] }, [bad]);
    await expect(writeSearchIndexes([{ outputPath: out, docs: [bad], language: "zh-CN", exclude: [], stream: "s3" }])).rejects.toThrow(
      /^\[jekyll-plans\] search: Pagefind failed on \/bad\/: /,
    );
  });

  it("ends when asked, and starts again for the next build", async () => {
    await closeSearch();
    const out = mkdtempSync(path.join(os.tmpdir(), "jp-thread-again-"));
    const [again] = await writeSearchIndexes([job(out, "posts")]);
    expect(again!.pages).toBe(1);
  });
});
