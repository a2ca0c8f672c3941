import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Most files wait on child processes (builds, Chromium, npm), not on their own CPU:
    // more files at once than cores keeps both cores busy.
    maxWorkers: 6,
    testTimeout: 30_000,
    hookTimeout: 240_000,
  },
});
