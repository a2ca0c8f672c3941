/**
 * Search quality: the judged queries of bench/queries.json run in Chromium against
 *   - this project's posts' index of the blog (content/, `npm run build`'s command): what the
 *     search page lists (progress pages and tasks are in an index of their own, shown in a
 *     block of their own);
 *   - the plain Pagefind CLI over bare Eleventy's pages of the same posts (what a Jekyll user
 *     would add).
 * Mean reciprocal rank of the first relevant post (in the first 10 results) and precision at
 * 5, each result counted by its page (a task counts as its post; each page once). Prints the
 * table and writes bench/search-quality.json.
 *
 *   npm run bench:search
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchBrowser } from "../test/helpers/browser.ts";
import { serveStatic } from "../test/helpers/serve.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ELEVENTY = "node_modules/@11ty/eleventy/cmd.cjs";
const PAGEFIND = "node_modules/pagefind/lib/runner/bin.cjs";
const { queries } = JSON.parse(readFileSync(path.join(ROOT, "bench/queries.json"), "utf8")) as { queries: { q: string; relevant: string[] }[] };

function run(args: string[], env: Record<string, string> = {}): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
}

const work = mkdtempSync(path.join(os.tmpdir(), "jp-search-quality-"));
// Removed however the run ends (each run makes a few hundred MB of corpora and outputs).
process.on("exit", () => rmSync(work, { recursive: true, force: true }));
const ours = path.join(work, "ours");
const bare = path.join(work, "bare");
run([ELEVENTY, `--output=${ours}`, "--quiet"], { BLOG_REFERENCE_DATE: "2021-08-01" });
run([ELEVENTY, "--config=bench/bare/eleventy.config.js", "--input=content/_posts", `--output=${bare}`, "--quiet"], { BENCH_INPUT: "content/_posts" });
run([PAGEFIND, "--site", bare]);

/** Bare Eleventy's URL of a post (`/2019/2019-11-21-quick-sort/`) as Jekyll's (`/2019/11/21/quick-sort/`). */
function jekyllUrl(url: string): string {
  const m = /(\d{4})-(\d{2})-(\d{2})-([^/]+)\/?$/.exec(decodeURI(url.split("#")[0]!));
  return m ? `/${m[1]}/${m[2]}/${m[3]}/${m[4]}/` : decodeURI(url.split("#")[0]!);
}

type Variant = "ours" | "cli";
const served = { ours: await serveStatic(ours), bare: await serveStatic(bare) };
const browser = await launchBrowser();
const pages = { ours: await browser.newPage(), bare: await browser.newPage() };
await pages.ours.goto(`${served.ours.url}/search/`);
// A page of each site: Pagefind reads the page's language (zh-CN) to segment the query.
await pages.bare.goto(`${served.bare.url}/2019/2019-11-21-quick-sort/`);
if ((await pages.bare.getAttribute("html", "lang")) !== "zh-CN") throw new Error("the bare site's page is not in zh-CN");

/** The first 10 result URLs, in order. */
async function results(variant: Variant, query: string): Promise<string[]> {
  const page = variant === "cli" ? pages.bare : pages.ours;
  const urls: string[] = await page.evaluate(`(async () => {
    const pf = await import("/pagefind/pagefind.js?quality");
    await pf.options({});
    const r = await pf.search(${JSON.stringify(query)});
    return Promise.all(r.results.slice(0, 10).map(async (x) => (await x.data()).url));
  })()`);
  return urls;
}

const pageOf = (variant: Variant, url: string) => (variant === "cli" ? jekyllUrl(url) : decodeURI(url.split("#")[0]!));
const rows: Record<Variant, { mrr: number; p5: number; perQuery: { q: string; rank: number | null; top: string[] }[] }> = {
  ours: { mrr: 0, p5: 0, perQuery: [] },
  cli: { mrr: 0, p5: 0, perQuery: [] },
};
for (const variant of Object.keys(rows) as Variant[]) {
  for (const { q, relevant } of queries) {
    const distinct = [...new Set((await results(variant, q)).map((u) => pageOf(variant, u)))];
    const rank = distinct.findIndex((u) => relevant.includes(u));
    const top5 = distinct.slice(0, 5);
    rows[variant].mrr += rank >= 0 ? 1 / (rank + 1) : 0;
    rows[variant].p5 += top5.filter((u) => relevant.includes(u)).length / 5;
    rows[variant].perQuery.push({ q, rank: rank >= 0 ? rank + 1 : null, top: top5 });
  }
  rows[variant].mrr /= queries.length;
  rows[variant].p5 /= queries.length;
}

// Tasks stay reachable by their words: every task of the plan, searched by its own text in the
// plans' index, is among the first 5 entries of the search page's block of tasks. The block's
// rule: the first ten results, each a progress page or a group of a plan's tasks whose found
// sections are the tasks, listed by the sum of Pagefind's scores of the words found there.
const json = JSON.parse(readFileSync(path.join(ours, "progress.json"), "utf8"));
const tasks: { text: string; url: string }[] = json.plans.flatMap((p: { tasks: { text: string; url: string }[] }) => p.tasks);
let found = 0;
for (const t of tasks) {
  const urls: string[] = await pages.ours.evaluate(`(async () => {
    const pf = await import("/pagefind/plans/pagefind.js");
    await pf.options({});
    const r = await pf.search(${JSON.stringify(t.text)});
    const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    const score = (ls) => (ls || []).reduce((n, l) => n + (l.balanced_score || 0), 0);
    const entries = data.flatMap((d) => {
      const subs = d.sub_results.filter((s) => s.anchor);
      return subs.length ? subs.map((s) => ({ url: s.url, score: score(s.weighted_locations) })) : [{ url: d.url, score: score(d.weighted_locations) }];
    });
    return entries.sort((a, b) => b.score - a.score).slice(0, 5).map((e) => decodeURI(e.url));
  })()`);
  if (urls.includes(t.url)) found++;
}

await browser.close();
await served.ours.close();
await served.bare.close();

const label: Record<Variant, string> = {
  ours: "this project (the search page's list; tasks and progress pages in their own block)",
  cli: "bare Eleventy + the Pagefind CLI",
};
console.log(`${queries.length} judged queries; MRR (first 10 results) and P@5, results counted by page\n`);
console.log("| variant | MRR | P@5 |\n|---|---|---|");
for (const v of Object.keys(rows) as Variant[]) console.log(`| ${label[v]} | ${rows[v].mrr.toFixed(3)} | ${rows[v].p5.toFixed(3)} |`);
console.log(`\ntasks found by their own text among the first 5 of the plans' index: ${found}/${tasks.length}`);
for (const { q, rank } of rows.ours.perQuery) {
  const cli = rows.cli.perQuery.find((p) => p.q === q)!;
  if (rank !== cli.rank) console.log(`  ${q}: ours ${rank ?? "—"}, CLI ${cli.rank ?? "—"}`);
}
writeFileSync(
  path.join(ROOT, "bench/search-quality.json"),
  `${JSON.stringify({ queries: queries.length, variants: rows, tasksFound: found, tasks: tasks.length }, null, 2)}\n`,
);
