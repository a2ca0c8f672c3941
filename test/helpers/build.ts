// Runs the real build command (the same one `npm run build` runs) into a temporary folder.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
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

/** The blog's own variables (read by .eleventy.ts), which a test's build gets only from the test. */
const BLOG_VARIABLE = /^BLOG_/;

/**
 * The environment of a test's build: the blog's own variables, without a post cache unless a
 * test asks for one (BLOG_CACHE), so that every build does all its work and none shares state.
 * The blog's variables of the shell that runs the tests do not reach it.
 */
export function buildEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const machine = Object.fromEntries(Object.entries(process.env).filter(([k]) => !BLOG_VARIABLE.test(k)));
  return { ...machine, BLOG_CACHE: "", ...env };
}

/** The build command; with `quiet: false` it prints what it did (its summary line among it). */
export function runBuild(env: Record<string, string> = {}, output = mkdtempSync(path.join(os.tmpdir(), "jp-build-")), quiet = true): BuildResult {
  const r = spawnSync(process.execPath, command(output, quiet), { cwd: ROOT, env: buildEnv(env), encoding: "utf8", timeout: 240_000 });
  return result(output, { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr });
}

/**
 * Every file below `dir` (its path with `/`, in order) with the SHA-256 of its bytes: two
 * outputs compare as maps.
 */
export function outputFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of (readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).sort()) {
    const p = path.join(dir, f);
    if (statSync(p).isFile()) out.set(f.split(path.sep).join("/"), createHash("sha256").update(readFileSync(p)).digest("hex"));
  }
  return out;
}

/** The suite's shared build of the blog (test/global-setup.ts). */
export function corpusBuild(shared: { output: string; status: number | null; stdout: string; stderr: string }): BuildResult {
  return result(shared.output, { ...shared, signal: null });
}

/** The same build, without blocking: several can run at once. */
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

/** Where buildInProcess leaves .eleventy.ts's module for test/fixtures/in-process.config.mjs. */
const SITE_CONFIG = Symbol.for("jekyll-plans-tests.site-config");
const IN_PROCESS_CONFIG = path.join(ROOT, "test/fixtures/in-process.config.mjs");
/** The in-process builds of this test worker, one after another (they set process.env). */
let inProcessQueue: Promise<unknown> = Promise.resolve();

/**
 * The blog's build (.eleventy.ts, as `npm run build` runs it) through Eleventy's programmatic
 * API in the test's own process: for tests of what a build publishes, not of the command. It
 * saves a process's start (Node, Eleventy, tsx and the plugin loaded again: about 1.5 s of CPU
 * a build). It takes the blog's own variables only; a test of the machine's (TZ, PATH,
 * NODE_OPTIONS), of exit codes or of what the command prints spawns `runBuild`. What Eleventy's
 * logger prints goes to `stdout` (log) and `stderr` (warn, error), as the command's does; a
 * build that throws has status 1 and its error in `stderr`. (test/output.test.ts checks that it
 * writes the command's bytes.)
 */
export function buildInProcess(
  env: Record<string, string> = {},
  output = mkdtempSync(path.join(os.tmpdir(), "jp-build-")),
  quiet = true,
): Promise<BuildResult> {
  const other = Object.keys(env).filter((k) => !BLOG_VARIABLE.test(k));
  if (other.length) throw new Error(`an in-process build takes the blog's variables only, not ${other.join(", ")}: use runBuild`);
  if (process.cwd() !== ROOT) throw new Error(`an in-process build runs from ${ROOT}, not ${process.cwd()}`);
  const run = async (): Promise<BuildResult> => {
    const [{ default: Eleventy }, site] = await Promise.all([import("@11ty/eleventy"), import("../../.eleventy.ts")]);
    const saved = Object.fromEntries(
      Object.keys(process.env)
        .filter((k) => BLOG_VARIABLE.test(k))
        .map((k) => [k, process.env[k]]),
    );
    const stdout: string[] = [];
    const stderr: string[] = [];
    for (const k of Object.keys(saved)) delete process.env[k];
    Object.assign(process.env, { BLOG_CACHE: "", ...env });
    let status = 0;
    try {
      // Eleventy reads .eleventy.ts's exports (its function and its `config`) as it reads any
      // configuration file, from a file that hands over the module this process loaded.
      (globalThis as Record<symbol, unknown>)[SITE_CONFIG] = site;
      const elev = new Eleventy(site.config.dir.input, output, { quietMode: quiet, configPath: IN_PROCESS_CONFIG });
      // The folders given here win over the configuration's, as the command's --output does.
      (elev as unknown as { directories: { freeze(): void } }).directories.freeze();
      const logger = (elev as unknown as { logger: EleventyLogger }).logger;
      logger.isChalkEnabled = false;
      logger.overrideLogger({
        log: (m: string) => stdout.push(m),
        info: (m: string) => stdout.push(m),
        warn: (m: string) => stderr.push(m),
        error: (m: string) => stderr.push(m),
      });
      await elev.write();
    } catch (error) {
      status = 1;
      stderr.push(String(error instanceof Error && error.cause ? `${error.message}: ${String(error.cause)}` : error));
    } finally {
      for (const k of Object.keys(process.env)) if (BLOG_VARIABLE.test(k)) delete process.env[k];
      Object.assign(process.env, saved);
    }
    const lines = (l: string[]) => l.map((m) => `${m}\n`).join("");
    return result(output, { status, signal: null, stdout: lines(stdout), stderr: lines(stderr) });
  };
  const done = inProcessQueue.then(run, run);
  inProcessQueue = done.catch(() => {});
  return done;
}

interface EleventyLogger {
  isChalkEnabled: boolean;
  overrideLogger(sink: Record<"log" | "info" | "warn" | "error", (message: string) => void>): void;
}
