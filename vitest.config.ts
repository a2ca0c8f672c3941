import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Most files wait on child processes (builds, Chromium, npm), not on their own CPU:
    // four files at once keep both cores busy.
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 240_000,
  },
});
