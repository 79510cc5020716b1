/**
 * The assertion every engine test starts with. Kept apart from stack-fixture.ts, which
 * scripts (soak, bench) load outside vitest.
 */
import { expect } from "vitest";
import type { RunPulumiResult } from "../../harness";

/** Asserts a harness command succeeded, showing its output when it did not. */
export function expectOk(run: RunPulumiResult): void {
  expect(run.result.errors, run.stdout + run.stderr).toEqual([]);
  expect(run.code).toBe(0);
}
