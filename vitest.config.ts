import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Most files wait on child processes (builds, Chromium, npm), not on their own CPU: three
    // files at once keep both cores busy (two interleaved rounds of the whole suite on 2 cores:
    // 64.3 / 63.1 s with three, 66.7 / 65.4 s with four, 69.0 / 68.4 s with six).
    maxWorkers: 3,
    // Test files share a worker's imported modules (the plugin's, markdown-it, Playwright):
    // no file changes a module's state for another, and importing them again for each file
    // was a sixth of the suite's CPU time.
    isolate: false,
    // A bound on a test that hangs, not a speed claim: a build-spawning test took 18 s of
    // 30 in a loaded run, and CI machines are slower.
    testTimeout: 120_000,
    hookTimeout: 240_000,
  },
});
