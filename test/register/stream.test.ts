// A build streams its posts' search documents as the posts are read: what it streams is what
// the finished model indexes (else the build's job would send them again), in batches, and only
// a build streams (not the preview).
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateCorpus } from "../../bench/generate.ts";
import { createMarkdown } from "../../plugins/jekyll-plans/markdown/index.ts";
import { resolveOptions } from "../../plugins/jekyll-plans/options.ts";
import { loadSite } from "../../plugins/jekyll-plans/register/model.ts";
import { searchStream } from "../../plugins/jekyll-plans/register/stream.ts";
import { searchDocuments, type SearchDocument } from "../../plugins/jekyll-plans/search/records.ts";

const quiet = { info() {}, problem() {} };
let runMode: string | undefined;
beforeEach(() => {
  runMode = process.env.ELEVENTY_RUN_MODE;
  process.env.ELEVENTY_RUN_MODE = "build";
});
afterEach(() => {
  if (runMode === undefined) delete process.env.ELEVENTY_RUN_MODE;
  else process.env.ELEVENTY_RUN_MODE = runMode;
});

describe("the posts' documents streamed by a build", () => {
  it.for(["records", "sections"] as const)("are the documents of the finished model's posts, sent in batches as the posts are read (tasks: %s)", (tasks) => {
    // Plans, code, categories and tags; the model lists posts newest first, they are read oldest first.
    const dir = generateCorpus(mkdtempSync(path.join(os.tmpdir(), "jp-stream-")), 120, 7);
    const options = resolveOptions({ postsDir: dir, postsDirEnv: false, referenceDate: "2021-08-01", cache: false, search: { tasks } }, {});
    const batches: SearchDocument[][] = [];
    const stream = searchStream(options, (_name, _settings, docs) => batches.push([...docs]))!;
    const { site } = loadSite(createMarkdown(), options, quiet, undefined, stream.onPost);
    expect(batches.length).toBeGreaterThan(1);
    stream.end();
    const search = options.search as Exclude<typeof options.search, false>;
    const model = searchDocuments({
      posts: site.model.posts,
      html: site.html,
      plans: site.model.plans,
      lang: options.locale,
      labels: search.labels,
      tasks,
    });
    const posts = model.filter((d) => d.bundle === "posts");
    expect(site.model.plans.length).toBeGreaterThan(0);
    expect(new Map(batches.flat().map((d) => [d.url, d.html]))).toEqual(new Map(posts.map((d) => [d.url, d.html])));
    expect(batches.flat()).toHaveLength(posts.length);
  });

  it("is none in the preview or without search", () => {
    const options = (search: object | false) => resolveOptions({ postsDir: "x", postsDirEnv: false, search: search as never }, {});
    expect(searchStream(options({}))).toBeDefined();
    expect(searchStream(options({ tasks: "sections" }))).toBeDefined();
    expect(searchStream(options(false))).toBeUndefined();
    process.env.ELEVENTY_RUN_MODE = "serve";
    expect(searchStream(options({}))).toBeUndefined();
  });
});
