// Done dates from version control, through the blog's build, on git repositories the test
// makes (fixed author and committer dates): a plan without dated sections ticked over three
// months and moved into a year folder, a box ticked but not committed, a second yearly plan
// that carries tasks over, an untracked plan; a shallow clone and a machine without git fall
// back to the headings; another machine time zone and clock give the same bytes. (The builds
// of another machine, its zone and clock or its PATH without git, run the build command.)
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildInProcess, outputFiles, runBuildAsync, type BuildResult } from "../helpers/build.ts";

const FRONT = "---\nlayout: post\ntitle: 计划\n---\n\n## 1. 当前工作\n\n";
const TASKS = ["读 epoll 源码", "写一个协程库并测试", "整理网络笔记", "学习 Rust 所有权", "读 redis 集群源码", "写性能测试", "整理书签"];
const plan = (done: readonly number[]) => FRONT + TASKS.map((t, i) => `* [${done.includes(i) ? "x" : " "}] ${t}`).join("\n") + "\n";

let home: string;
function git(cwd: string, args: string[], date = "2021-01-10T10:00:00+08:00"): string {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      HOME: home,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "作者",
      GIT_AUTHOR_EMAIL: "author@example.invalid",
      GIT_COMMITTER_NAME: "作者",
      GIT_COMMITTER_EMAIL: "author@example.invalid",
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

function commitAll(repo: string, message: string, date: string): string {
  git(repo, ["add", "-A"], date);
  git(repo, ["commit", "-q", "-m", message], date);
  return git(repo, ["rev-parse", "HEAD"]);
}

let repo: string;
let hashes: Record<string, string>;
let built: BuildResult;
let otherZone: BuildResult;
let shallow: BuildResult;
let noGit: BuildResult;

beforeAll(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), "jp-git-home-"));
  repo = mkdtempSync(path.join(os.tmpdir(), "jp-git-"));
  git(repo, ["init", "-q", "-b", "main"]);
  const posts = path.join(repo, "_posts");
  mkdirSync(posts);
  const first = path.join(posts, "2021-01-10-plan.md");
  writeFileSync(first, plan([]));
  hashes = { jan: commitAll(repo, "plan", "2021-01-10T10:00:00+08:00") };
  writeFileSync(first, plan([0]));
  hashes.feb = commitAll(repo, "tick one", "2021-02-10T10:00:00+08:00");
  // The posts move into year folders (the blog did): the history follows the rename.
  mkdirSync(path.join(posts, "2021"));
  const moved = path.join(posts, "2021", "2021-01-10-plan.md");
  renameSync(first, moved);
  commitAll(repo, "posts into year folders", "2021-02-20T10:00:00+08:00");
  // 23:30 UTC on 28 February is 1 March in the site's zone (Asia/Shanghai).
  writeFileSync(moved, plan([0, 1, 2]));
  hashes.mar = commitAll(repo, "tick two", "2021-02-28T23:30:00+00:00");
  writeFileSync(moved, plan([0, 1, 2, 3]));
  hashes.apr = commitAll(repo, "tick one more", "2021-04-12T09:00:00+08:00");
  // The next year's plan carries two open tasks over (one reworded), drops one, adds one.
  mkdirSync(path.join(posts, "2022"));
  const next = path.join(posts, "2022", "2022-01-05-plan.md");
  writeFileSync(next, FRONT + "* [ ] 读 redis 集群源码\n* [ ] 写性能测试用例\n* [ ] 学习 eBPF\n");
  commitAll(repo, "plan 2022", "2022-01-05T10:00:00+08:00");
  writeFileSync(next, FRONT + "* [x] 读 redis 集群源码\n* [ ] 写性能测试用例\n* [ ] 学习 eBPF\n");
  hashes.next = commitAll(repo, "tick 2022", "2022-02-03T10:00:00+08:00");
  // Not committed: a box ticked in the working tree, and a whole plan.
  writeFileSync(moved, plan([0, 1, 2, 3, 6]));
  writeFileSync(path.join(posts, "2022", "2022-03-01-draft.md"), FRONT + "* [x] 草稿里的任务\n");

  const clone = mkdtempSync(path.join(os.tmpdir(), "jp-git-shallow-"));
  git(os.tmpdir(), ["clone", "-q", "--depth", "1", `file://${repo}`, clone]);
  const env = { BLOG_POSTS: posts, BLOG_REFERENCE_DATE: "2022-06-01" };
  [built, otherZone, shallow, noGit] = await Promise.all([
    buildInProcess(env),
    // Another machine: its time zone, and a clock in 2035.
    runBuildAsync({ ...env, TZ: "America/New_York", NODE_OPTIONS: `--require ${path.resolve(import.meta.dirname, "../fixtures/fake-clock.cjs")}` }),
    buildInProcess({ ...env, BLOG_POSTS: path.join(clone, "_posts") }),
    // An empty PATH: no git (the build runs node by its full path).
    runBuildAsync({ ...env, PATH: mkdtempSync(path.join(os.tmpdir(), "jp-no-path-")) }),
  ]);
}, 180_000);

const json = (b: BuildResult) => JSON.parse(readFileSync(path.join(b.output, "progress.json"), "utf8"));
const planAt = (b: BuildResult, day: string) => json(b).plans.find((p: { day: string }) => p.day === day);

describe("done dates from git", () => {
  it("builds", () => {
    for (const b of [built, otherZone, shallow, noGit]) expect(b.status, b.stderr).toBe(0);
  });

  it("dates each tick by its commit, across the rename, in the site's time zone", () => {
    const p = planAt(built, "2021-01-10");
    expect(p.history).toEqual({ head: hashes.next });
    expect(p.donePerMonth).toEqual([
      { month: "2021-02", done: 1 },
      { month: "2021-03", done: 2 },
      { month: "2021-04", done: 1 },
    ]);
    expect(p.velocity).toBe(1.33);
    // 2 open: 2 / (4/3) = 1.5 months.
    expect(p.forecastMonths).toBe(1.5);
    expect(p.tasks[0]).toMatchObject({ doneMonth: "2021-02", doneSource: "commit", history: { added: { hash: hashes.jan }, done: { hash: hashes.feb } } });
    expect(p.tasks[1].history.done).toMatchObject({ hash: hashes.mar, day: "2021-03-01" });
  });

  it("says where each date comes from, and never dates an uncommitted tick by the clock", () => {
    const p = planAt(built, "2021-01-10");
    expect(p.tasks[6]).toMatchObject({ done: true, doneMonth: null, doneSource: "uncommitted", history: { uncommitted: true } });
    const page = built.page("/progress/2021/01/10/plan/");
    expect(page).toContain(`提交 <code>${hashes.feb!.slice(0, 7)}</code> · 2021-02-10`);
    expect(page).toContain(`提交 <code>${hashes.mar!.slice(0, 7)}</code> · 2021-03-01`);
    expect(page).toContain("（尚未提交）");
    expect(page).toContain("4 项按勾选它的提交");
    expect(page).toMatch(/速度：.*<strong>1\.33<\/strong>/);
  });

  it("files the finished tasks in the months of their commits", () => {
    expect(built.page("/archive/2021/03/")).toContain("写一个协程库并测试");
    expect(built.page("/archive/2021/03/")).toContain("整理网络笔记");
    expect(built.page("/archive/2021/03/")).toContain(`（提交 <code>${hashes.mar!.slice(0, 7)}</code> · 2021-03-01）`);
    expect(built.page("/archive/2021/02/")).toContain("读 epoll 源码");
    expect(built.has("/archive/2022/02/")).toBe(true);
    expect(built.page("/archive/2022/02/")).toContain("读 redis 集群源码");
  });

  it("links the yearly plans: carried over, finished, dropped, new", () => {
    const p = planAt(built, "2022-01-05");
    expect(p.life).toEqual({ previous: "/progress/2021/01/10/plan/", new: 1, carried: 2, finished: 1, dropped: 0 });
    // 写性能测试 became 写性能测试用例; the 2021 plan's task is linked from the 2022 one.
    expect(p.tasks[1].earlier).toEqual([
      { planDay: "2021-01-10", progressUrl: "/progress/2021/01/10/plan/", url: expect.stringContaining("/2021/01/10/plan/#task-"), done: false },
    ]);
    const series = built.page("/progress/plan/");
    expect(series).toMatch(
      /<tr><th scope="row"><a href="\/progress\/2022\/01\/05\/plan\/">2022-01-05<\/a><\/th><td>1<\/td><td>2<\/td><td>1<\/td><td>0<\/td><\/tr>/,
    );
    expect(built.page("/progress/2022/01/05/plan/")).toContain('此前：<a href="/2021/01/10/plan/#task-');
  });

  it("notes an untracked plan in one line and dates it by its headings", () => {
    expect(built.stdout + built.stderr).toMatch(/2022-03-01-draft\.md is not committed/);
    expect(planAt(built, "2022-03-01")).toMatchObject({ history: null, donePerMonth: [] });
  });

  it("falls back to the headings in a shallow clone and without git, with a note", () => {
    for (const [b, note] of [
      [shallow, /shallow clone/],
      [noGit, /git is not installed/],
    ] as const) {
      expect(b.stdout + b.stderr).toMatch(note);
      const p = planAt(b, "2021-01-10");
      expect(p).toMatchObject({ history: null, donePerMonth: [], velocity: null });
      expect(p.tasks.every((t: { history: unknown }) => t.history === null)).toBe(true);
    }
  });

  it("gives the same bytes on a machine with another time zone and clock", () => {
    const files = (dir: string) => new Map([...outputFiles(dir)].filter(([f]) => !f.startsWith("pagefind")));
    expect(files(otherZone.output)).toEqual(files(built.output));
  });
});
