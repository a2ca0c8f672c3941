// One build of the blog (content/, with `npm run build`'s command, in TZ=UTC) for the whole
// suite and one of the fixture Jekyll site root: built once, in parallel, before any test
// file runs, and handed to the tests with vitest's provide/inject. (The determinism test
// makes its second build, in another time zone, itself: beside other tests, not before all.)
// The one Chromium the browser tests connect to starts beside the builds.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { launchBrowserServer } from "./helpers/browser.ts";
import { ROOT, runBuildAsync } from "./helpers/build.ts";

export interface SharedBuild {
  output: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    /** The blog built with BLOG_REFERENCE_DATE=2021-08-01 in TZ=UTC. */
    corpus: SharedBuild;
    /** content/ before the builds: file → hash. */
    contentBefore: Record<string, string>;
    /** The fixture Jekyll site root (test/fixtures/jekyll-root) built through BLOG_ROOT. */
    siteRoot: SharedBuild;
    /** Where the suite's Chromium listens (playwright's `connect`); empty if it did not start. */
    browser: string;
  }
}

/** Every file below `dir` with its modification time and hash. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of (readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).sort()) {
    const p = path.join(dir, f);
    const st = statSync(p);
    if (st.isFile()) out[f] = `${st.mtimeMs} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`;
  }
  return out;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Every temporary folder of the run (builds, outputs, copies of fixtures, the browser's
  // profile) goes below one, removed when the run ends: a run makes about 190 MB of them.
  // Test files, the builds they spawn and Chromium all read TMPDIR, which they inherit.
  const runTmp = mkdtempSync(path.join(os.tmpdir(), "jp-run-"));
  process.env.TMPDIR = runTmp;
  // The screenshots of this run only: vitest adds each run's copies to its attachments folder.
  rmSync(path.resolve(project.config.root, project.config.attachmentsDir ?? ".vitest-attachments"), { recursive: true, force: true });
  const contentBefore = snapshot(path.join(ROOT, "content"));
  const env = { BLOG_REFERENCE_DATE: "2021-08-01" };
  const [utc, root, browser] = await Promise.all([
    runBuildAsync({ ...env, TZ: "UTC" }),
    runBuildAsync({ BLOG_ROOT: path.join(ROOT, "test/fixtures/jekyll-root"), BLOG_REFERENCE_DATE: "2022-08-01" }),
    // Without a Chromium, the browser tests fail (each trying to launch one, with Playwright's
    // message), not the whole suite.
    launchBrowserServer().catch(() => null),
  ]);
  const pick = (r: typeof utc): SharedBuild => ({ output: r.output, status: r.status, stdout: r.stdout, stderr: r.stderr });
  project.provide("corpus", pick(utc));
  project.provide("contentBefore", contentBefore);
  project.provide("siteRoot", pick(root));
  project.provide("browser", browser?.wsEndpoint ?? "");
  return async () => {
    await browser?.close();
    rmSync(runTmp, { recursive: true, force: true });
  };
}
