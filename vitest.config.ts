import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Packs the package once for the real-CLI suite (test/cli), or says why it is skipped.
    globalSetup: ["test/cli/global-setup.ts"],
    // Engine tests spawn the dynamic-provider process and talk gRPC, and a real-CLI test runs
    // a dozen pulumi commands of a few seconds each: give them room on a busy 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 60_000,
    // Child processes and servers per file: forks isolate them best.
    pool: "forks",
    // Two cores: more parallel files only fight over them.
    maxWorkers: 2,
  },
});
