// Runs the real build command (the same one `npm run build` runs) into a temporary folder.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** The blog's own posts, as published by Jekyll (MIT, see content/_posts/LICENSE). */
export const CORPUS_POSTS = path.join(ROOT, "content/_posts");
/** What Jekyll 4.3 + kramdown 2.4 produced for each of those posts. */
export const JEKYLL_REFERENCE = path.join(ROOT, "test/fixtures/jekyll-reference.json");

export interface BuildResult {
  status: number | null;
  /** Set when the build was killed (it did not end by itself). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  output: string;
  page(url: string): string;
  has(url: string): boolean;
}

/** Node's arguments for the build command, writing to `output`. */
export function command(output: string, quiet = true): string[] {
  // What `npm run build` and `npx @11ty/eleventy` run: Eleventy finds eleventy.config.js.
  return ["node_modules/@11ty/eleventy/cmd.cjs", `--output=${output}`, ...(quiet ? ["--quiet"] : [])];
}

/** A build's result from its output folder and what it printed. */
export function result(output: string, run: Pick<BuildResult, "status" | "signal" | "stdout" | "stderr">): BuildResult {
  const file = (url: string) => path.join(output, decodeURI(url), url.endsWith("/") ? "index.html" : "");
  return { ...run, output, page: (url) => readFileSync(file(url), "utf8"), has: (url) => existsSync(file(url)) };
}

/**
 * The environment of a test's build: the blog's own variables, without a post cache unless a
 * test asks for one (BLOG_CACHE), so that every build does all its work and none shares state.
 */
export function buildEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, BLOG_CACHE: "", ...env };
}

/** The build command; with `quiet: false` it prints what it did (its summary line among it). */
export function runBuild(env: Record<string, string> = {}, output = mkdtempSync(path.join(os.tmpdir(), "jp-build-")), quiet = true): BuildResult {
  const r = spawnSync(process.execPath, command(output, quiet), { cwd: ROOT, env: buildEnv(env), encoding: "utf8", timeout: 240_000 });
  return result(output, { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr });
}

/** The same build, without blocking: several can run at once. */
/** The suite's shared build of the blog (test/global-setup.ts). */
export function corpusBuild(shared: { output: string; status: number | null; stdout: string; stderr: string }): BuildResult {
  return result(shared.output, { ...shared, signal: null });
}

export function runBuildAsync(env: Record<string, string> = {}): Promise<BuildResult> {
  const output = mkdtempSync(path.join(os.tmpdir(), "jp-build-"));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, command(output), { cwd: ROOT, env: buildEnv(env), timeout: 120_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status, signal) => resolve(result(output, { status, signal, stdout, stderr })));
  });
}
