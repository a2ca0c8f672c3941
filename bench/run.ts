/**
 * `npm run bench`: build speed and memory of this project beside bare Eleventy and
 * Pagefind, over synthetic corpora shaped like the blog's posts, plus preview latency
 * and large inputs. Writes BENCHMARKS.md and bench/results.json.
 *
 *   npm run bench                      # 200, 2,000 and 10,000 posts, 3 runs each
 *   npm run bench -- --sizes 200,2000 --runs 3
 *   npm run bench -- --large-only      # only the large and hostile inputs (prints, and writes bench/large.json, bench/nested.json)
 *   npm run bench -- --skip-large      # all but the large inputs
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus, generateLarge, generateNested } from "./generate.ts";
import { measure, type Measured } from "./measure.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ELEVENTY = "node_modules/@11ty/eleventy/cmd.cjs";
const PAGEFIND = "node_modules/pagefind/lib/runner/bin.cjs";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "200,2000,10000" },
    runs: { type: "string", default: "3" },
    "preview-size": { type: "string", default: "2000" },
    "preview-only": { type: "boolean", default: false },
    "large-only": { type: "boolean", default: false },
    "skip-large": { type: "boolean", default: false },
  },
});
const sizes = values.sizes!.split(",").map(Number);
const runs = Number(values.runs);
const work = mkdtempSync(path.join(os.tmpdir(), "jekyll-plans-bench-"));
// Removed however the run ends (each run makes a few hundred MB of corpora and outputs).
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const baseEnv = { ...process.env, BLOG_REFERENCE_DATE: "2021-08-01" };

type Variant = "a" | "e" | "b" | "bw" | "c" | "c2" | "d";
const LABELS: Record<Variant, string> = {
  a: "(a) bare Eleventy 3 + markdown-it",
  e: "(e) the peer by hand: (a) + syntaxhighlight, anchor, TOC, task lists, rss",
  b: "(b) this project, no search",
  bw: "(b′) this project, no search, warm (option cache: every post from it)",
  c: "(c) this project, with search (tasks in the plans' index, the default)",
  c2: "(c′) this project, with search (tasks as sections)",
  d: "(d) bare Eleventy, then the Pagefind CLI",
};

// This project is built as its users build it: Eleventy's own command, which finds
// eleventy.config.js (the blog's .eleventy.ts through tsx), as `npm run build` and
// `npx @11ty/eleventy` do.
async function runVariant(v: Variant, root: string, posts: string, out: string): Promise<Measured> {
  rmSync(out, { recursive: true, force: true });
  // No post cache (the default) but for (b′), whose cache a first, unmeasured build of the
  // same posts filled.
  const ours = (search: string, cache = "") =>
    measure(process.execPath, [ELEVENTY, `--output=${out}`, "--quiet"], {
      cwd: ROOT,
      env: { ...baseEnv, BLOG_POSTS: posts, BLOG_SEARCH: search, BLOG_CACHE: cache },
    });
  const bare = (config = "bench/bare/eleventy.config.js") =>
    measure(process.execPath, [ELEVENTY, `--config=${config}`, `--input=${root}`, `--output=${out}`, "--quiet"], {
      cwd: ROOT,
      env: { ...baseEnv, BENCH_INPUT: root },
    });
  let m: Measured;
  if (v === "a") m = await bare();
  else if (v === "e") m = await bare("bench/peer/eleventy.config.js");
  else if (v === "b") m = await ours("off");
  else if (v === "bw") {
    const cache = path.join(work, `warm-${root.replace(/\W+/g, "-")}`);
    if (!existsSync(cache)) await ours("off", cache);
    rmSync(out, { recursive: true, force: true });
    m = await ours("off", cache);
  } else if (v === "c") m = await ours("records");
  else if (v === "c2") m = await ours("sections");
  else {
    const first = await bare();
    const second = await measure(process.execPath, [PAGEFIND, "--site", out], { cwd: ROOT, env: baseEnv });
    m = {
      ms: first.ms + second.ms,
      peakMb: Math.max(first.peakMb, second.peakMb),
      status: first.status || second.status,
      output: first.output + second.output,
    };
  }
  if (m.status !== 0) throw new Error(`${LABELS[v]} failed:\n${m.output.slice(-2000)}`);
  return m;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface SizeResult {
  posts: number;
  variants: Record<Variant, { ms: number[]; peakMb: number[] }>;
}

const results: SizeResult[] = [];
const largeOnly = values["large-only"];
for (const size of values["preview-only"] || largeOnly ? [] : sizes) {
  const root = path.join(work, `corpus-${size}`);
  const posts = generateCorpus(root, size);
  const out = path.join(work, `out-${size}`);
  const r: SizeResult = {
    posts: size,
    variants: {
      a: { ms: [], peakMb: [] },
      e: { ms: [], peakMb: [] },
      b: { ms: [], peakMb: [] },
      bw: { ms: [], peakMb: [] },
      c: { ms: [], peakMb: [] },
      c2: { ms: [], peakMb: [] },
      d: { ms: [], peakMb: [] },
    },
  };
  for (let i = 0; i < runs; i++) {
    for (const v of ["a", "e", "b", "bw", "c", "c2", "d"] as Variant[]) {
      const m = await runVariant(v, root, posts, out);
      r.variants[v].ms.push(m.ms);
      r.variants[v].peakMb.push(m.peakMb);
      console.log(`${size} posts, run ${i + 1}: ${LABELS[v]}: ${(m.ms / 1000).toFixed(2)} s, peak ${m.peakMb.toFixed(0)} MB`);
    }
  }
  results.push(r);
}

/** What one preview measurement gives, per save (ms after the save). */
interface PreviewTimes {
  /** The edited page served with the edit. */
  pageMs: number[];
  /** Open browsers told to reload: the quick update's answer to the pages asking, else Eleventy's "Wrote N files" line. */
  reloadMs: number[];
  /** The plan's progress page served with the ticked task. */
  progressMs: number[];
  /** A search index with the edit written: the quick update's, else the rebuild's. */
  indexMs: number[];
}

/**
 * Preview: `saves` saves of one plan post (a task ticked, a line added), timing when the page,
 * its progress page, the browsers' reload and the search index show it.
 */
async function previewLatency(label: string, posts: string, planRel: string, saves: number): Promise<PreviewTimes> {
  const [, y, mo, d, slug] = /(\d{4})-(\d{2})-(\d{2})-(.+)\.md$/.exec(planRel)!;
  const planFile = path.join(posts, planRel);
  const url = `/${y}/${mo}/${d}/${slug}/`;
  const out = path.join(work, `preview-out-${label}`);
  const port = 18000 + Math.floor(Math.random() * 1000);
  const child = spawn(process.execPath, [ELEVENTY, "--serve", `--port=${port}`, `--output=${out}`], {
    cwd: ROOT,
    env: { ...baseEnv, BLOG_POSTS: posts, BLOG_CACHE: "" },
    detached: true,
  });
  let log = "";
  /** When each "Wrote N files" line arrived. */
  const wroteAt: number[] = [];
  child.stdout.on("data", (d) => {
    log += d;
    if (/Wrote \d+ files/.test(String(d))) wroteAt.push(performance.now());
  });
  child.stderr.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  const until = async (fn: () => Promise<boolean>, ms = 300_000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await fn().catch(() => false)) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`preview: timed out\n${log.slice(-2000)}`);
  };
  await until(async () => (await fetch(`${base}/`)).ok && / search records · /.test(log));
  const plans = (await (await fetch(`${base}/progress.json`)).json()) as { plans: { postUrl: string; progressUrl: string }[] };
  const progressUrl = plans.plans.find((p) => p.postUrl === url)!.progressUrl;
  const times: PreviewTimes = { pageMs: [], reloadMs: [], progressMs: [], indexMs: [] };
  for (let i = 0; i < saves; i++) {
    const source = readFileSync(planFile, "utf8");
    const marker = `预览标记${i}`;
    const before = log.length;
    // What a page of the preview asks: which pages were written ahead (held until the next update).
    const { generation } = (await (await fetch(`${base}/.jekyll-plans/updates?since=-1`)).json()) as { generation: number };
    let toldAt: number | undefined;
    void fetch(`${base}/.jekyll-plans/updates?since=${generation}`)
      .then((r) => r.json() as Promise<{ urls: string[] }>)
      .then((u) => {
        if (u.urls.includes(url)) toldAt = performance.now();
      });
    // Tick one more task and add a line: the page, the progress page and the index must all change.
    const next = source.replace("* [ ] ", "* [x] ") + `\n${marker}\n`;
    const t0 = performance.now();
    writeFileSync(planFile, next);
    const doneBefore = (source.match(/\* \[x\]/gi) ?? []).length;
    await until(async () => (await (await fetch(`${base}${url}`)).text()).includes(marker));
    times.pageMs.push(performance.now() - t0);
    await until(async () => (await (await fetch(`${base}${progressUrl}`)).text()).includes(`${doneBefore + 1}/`));
    times.progressMs.push(performance.now() - t0);
    await until(async () => toldAt !== undefined || wroteAt.some((t) => t > t0));
    times.reloadMs.push((toldAt ?? wroteAt.find((t) => t > t0)!) - t0);
    await until(async () => / search index updated ahead of the rebuild| search records · /.test(log.slice(before)));
    times.indexMs.push(performance.now() - t0);
    // The rebuild's end, then a pause: each save starts from a settled preview.
    await until(async () => / search records · /.test(log.slice(before)) && wroteAt.some((t) => t > t0));
    await new Promise((r) => setTimeout(r, 1000));
  }
  process.kill(-child.pid!, "SIGTERM");
  return times;
}

const previewSize = Number(values["preview-size"]);
const none: PreviewTimes = { pageMs: [], reloadMs: [], progressMs: [], indexMs: [] };
/** The synthetic corpus at the preview's size, three saves. */
async function previewSynthetic(): Promise<PreviewTimes> {
  const posts = generateCorpus(path.join(work, `preview-${previewSize}`), previewSize, 99);
  const rel = readdirSync(posts, { recursive: true, encoding: "utf8" }).find((f) => /plan-\d+\.md$/.test(f))!;
  return previewLatency(String(previewSize), posts, rel, 3);
}
/** The blog's own posts (a copy), its plan post saved five times. */
async function previewBlog(): Promise<PreviewTimes> {
  const posts = path.join(work, "preview-blog/_posts");
  cpSync(path.join(ROOT, "content/_posts"), posts, { recursive: true });
  return previewLatency("blog", posts, "2020/2020-11-23-plan.md", 5);
}
const preview = { size: previewSize, ...(largeOnly ? none : await previewSynthetic()), blog: largeOnly ? none : await previewBlog() };
const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(", ");
const previewTimes = (t: PreviewTimes) => `page ${ms(t.pageMs)} ms; reload ${ms(t.reloadMs)} ms; progress ${ms(t.progressMs)} ms; index ${ms(t.indexMs)} ms`;
const previewLine = () => `preview at ${preview.size} posts: ${previewTimes(preview)}\npreview of the blog's own posts: ${previewTimes(preview.blog)}`;
if (values["preview-only"]) {
  console.log(previewLine());
  process.exit(0);
}
if (!largeOnly) console.log(previewLine());

/**
 * Large inputs, at several sizes, to see that time grows linearly: without search three runs
 * each, interleaved (the median is reported); with search one run.
 */
const large: { tasks: number; headings: number; b: Measured; bRuns: number[]; c: Measured }[] = [];
const largeInputs = (
  values["skip-large"]
    ? []
    : ([
        [10_000, 2_500],
        [20_000, 5_000],
        [50_000, 0],
      ] as const)
).map(([tasks, headings]) => {
  const root = path.join(work, `large-${tasks}`);
  return { tasks, headings, root, posts: generateLarge(root, tasks, headings), out: path.join(work, `large-out-${tasks}`) };
});
const noSearch = new Map<number, Measured[]>();
for (let i = 0; i < 3; i++) {
  for (const l of largeInputs) noSearch.set(l.tasks, [...(noSearch.get(l.tasks) ?? []), await runVariant("b", l.root, l.posts, l.out)]);
}
for (const l of largeInputs) {
  const runsB = noSearch.get(l.tasks)!;
  const b = runsB.slice().sort((x, y) => x.ms - y.ms)[1]!;
  const c = await runVariant("c", l.root, l.posts, l.out);
  large.push({ tasks: l.tasks, headings: l.headings, b, bRuns: runsB.map((m) => m.ms), c });
  console.log(
    `large: ${l.tasks} tasks + ${l.headings} headings: no search ${runsB.map((m) => (m.ms / 1000).toFixed(2)).join(" / ")} s (median ${(b.ms / 1000).toFixed(2)}), with search ${(c.ms / 1000).toFixed(2)} s`,
  );
}

/**
 * Hostile input: one post of raw HTML nested N deep (N unclosed `<div>` lines), at several
 * depths, to see that time grows linearly with the depth; no search three runs each (median),
 * with search one run.
 */
const nested: { depth: number; b: Measured; c: Measured }[] = [];
const nestedInputs = (values["skip-large"] ? [] : [25_000, 50_000, 100_000]).map((depth) => {
  const root = path.join(work, `nested-${depth}`);
  return { depth, root, posts: generateNested(root, depth), out: path.join(work, `nested-out-${depth}`) };
});
const nestedRuns = new Map<number, Measured[]>();
for (let i = 0; i < 3; i++) {
  for (const n of nestedInputs) nestedRuns.set(n.depth, [...(nestedRuns.get(n.depth) ?? []), await runVariant("b", n.root, n.posts, n.out)]);
}
for (const n of nestedInputs) {
  const b = nestedRuns
    .get(n.depth)!
    .slice()
    .sort((x, y) => x.ms - y.ms)[1]!;
  const c = await runVariant("c", n.root, n.posts, n.out);
  nested.push({ depth: n.depth, b, c });
  console.log(`nested: ${n.depth} unclosed <div> lines: no search ${(b.ms / 1000).toFixed(2)} s (median of 3), with search ${(c.ms / 1000).toFixed(2)} s`);
}

if (largeOnly) {
  writeFileSync(
    path.join(ROOT, "bench/nested.json"),
    `${JSON.stringify(
      nested.map((n) => ({ depth: n.depth, noSearchMs: n.b.ms, withSearchMs: n.c.ms, noSearchPeakMb: n.b.peakMb, withSearchPeakMb: n.c.peakMb })),
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    path.join(ROOT, "bench/large.json"),
    `${JSON.stringify(
      large.map((l) => ({
        tasks: l.tasks,
        headings: l.headings,
        noSearchMs: l.b.ms,
        noSearchRunsMs: l.bRuns,
        withSearchMs: l.c.ms,
        noSearchPeakMb: l.b.peakMb,
        withSearchPeakMb: l.c.peakMb,
      })),
      null,
      2,
    )}\n`,
  );
  process.exit(0);
}

// Report.
const cpu = os.cpus();
const machine = `${cpu[0]?.model ?? "unknown CPU"}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
const s = (ms: number) => (ms / 1000).toFixed(2);
const rows: string[] = [];
const ratios: string[] = [];
for (const r of results) {
  for (const v of ["a", "e", "b", "bw", "c", "c2", "d"] as Variant[]) {
    const x = r.variants[v];
    rows.push(
      `| ${r.posts} | ${LABELS[v]} | ${s(median(x.ms))} | ${s(Math.min(...x.ms))}–${s(Math.max(...x.ms))} | ${(r.posts / (median(x.ms) / 1000)).toFixed(0)} | ${Math.max(...x.peakMb).toFixed(0)} |`,
    );
  }
  const m = (v: Variant) => median(r.variants[v].ms);
  ratios.push(
    `| ${r.posts} | ${(m("b") / m("a")).toFixed(2)} | ${(m("bw") / m("a")).toFixed(2)} | ${(m("b") / m("e")).toFixed(2)} | ${(m("bw") / m("e")).toFixed(2)} | ${(m("c") / m("d")).toFixed(2)} | ${(m("c2") / m("d")).toFixed(2)} |`,
  );
}
const json = {
  machine,
  runs,
  results,
  preview,
  large: large.map((l) => ({
    tasks: l.tasks,
    headings: l.headings,
    noSearchMs: l.b.ms,
    withSearchMs: l.c.ms,
    noSearchPeakMb: l.b.peakMb,
    withSearchPeakMb: l.c.peakMb,
  })),
  nested: nested.map((n) => ({ depth: n.depth, noSearchMs: n.b.ms, withSearchMs: n.c.ms, noSearchPeakMb: n.b.peakMb, withSearchPeakMb: n.c.peakMb })),
};
writeFileSync(path.join(ROOT, "bench/results.json"), `${JSON.stringify(json, null, 2)}\n`);
const md = `# Benchmarks

Produced by \`npm run bench\` (bench/run.ts); the same figures are in \`bench/results.json\`.
Machine: ${machine}.

Synthetic corpora from a fixed seed (bench/generate.ts), shaped like the blog's posts: front matter,
Chinese paragraphs, numbered headings, fenced code (cpp, c, shell, go, sql, json), images with IALs,
and one post in ten a plan post with task lists, estimates and dated sections. Every variant is a
clean build into an empty folder, run ${runs} times, interleaved. Wall time is the whole command;
peak memory is the largest sum of the RSS of the command's whole process tree (sampled every 50 ms),
the highest of the runs.

| posts | variant | median s | min–max s | posts/s | peak MB |
|---|---|---|---|---|---|
${rows.join("\n")}

| posts | b/a | b′/a | b/e | b′/e | c/d | c′/d |
|---|---|---|---|---|---|---|
${ratios.join("\n")}

Preview latency (\`npm start\`, one plan post saved: a task ticked and a line added), in ms after
the save: the edited page served, open browsers told to reload, its progress page served, and
a search index with the edit written.

| posts | saves | page | reload | progress page | search |
|---|---|---|---|---|---|
| ${preview.size} (synthetic) | ${preview.pageMs.length} | ${ms(preview.pageMs)} | ${ms(preview.reloadMs)} | ${ms(preview.progressMs)} | ${ms(preview.indexMs)} |
| the blog's own ${readdirSync(path.join(ROOT, "content/_posts"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")).length} | ${preview.blog.pageMs.length} | ${ms(preview.blog.pageMs)} | ${ms(preview.blog.reloadMs)} | ${ms(preview.blog.progressMs)} | ${ms(preview.blog.indexMs)} |

Large input (one plan post with N tasks and one post with M headings, plus nothing else):

| tasks | headings | no search s | with search s | peak MB (no search / with) |
|---|---|---|---|---|
${large.map((l) => `| ${l.tasks} | ${l.headings} | ${s(l.b.ms)} | ${s(l.c.ms)} | ${l.b.peakMb.toFixed(0)} / ${l.c.peakMb.toFixed(0)} |`).join("\n")}

Hostile input (one post of raw HTML nested N deep: N unclosed \`<div>\` lines, then text):

| depth | no search s | with search s | peak MB (no search / with) |
|---|---|---|---|
${nested.map((n) => `| ${n.depth} | ${s(n.b.ms)} | ${s(n.c.ms)} | ${n.b.peakMb.toFixed(0)} / ${n.c.peakMb.toFixed(0)} |`).join("\n")}
`;
// The written analysis of the figures (profiles, targets met or not) is kept beside the script.
const analysis = path.join(ROOT, "bench/analysis.md");
writeFileSync(path.join(ROOT, "BENCHMARKS.md"), md + (existsSync(analysis) ? `\n${readFileSync(analysis, "utf8")}` : ""));
console.log(md);
