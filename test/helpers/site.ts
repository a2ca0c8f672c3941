// A built site served on 127.0.0.1 and a real browser to look at it, for end-to-end tests.
import { inject } from "vitest";
import { launchBrowser, type Chromium } from "./browser.ts";
import { buildInProcess, type BuildResult } from "./build.ts";
import { serveStatic, type Served } from "./serve.ts";

export interface ServedSite {
  build: BuildResult;
  server: Served;
  browser: Chromium;
  close(): Promise<void>;
}

/** Serves a build that is already made (the suite's shared one) and connects to the suite's Chromium. */
export async function serveBuild(build: BuildResult): Promise<ServedSite> {
  if (build.status !== 0) throw new Error(`build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
  const server = await serveStatic(build.output);
  const browser = await launchBrowser(inject("browser"));
  return {
    build,
    server,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** Builds the blog's configuration in process, serves the output, connects to Chromium. Throws if the build fails. */
export async function startSite(env: Record<string, string>): Promise<ServedSite> {
  return serveBuild(await buildInProcess({ BLOG_REFERENCE_DATE: "2021-08-01", ...env }));
}
