import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Most files wait on child processes (builds, Chromium, npm), not on their own CPU:
    // four files at once keep both cores busy.
    maxWorkers: 4,
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
