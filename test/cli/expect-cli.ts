/** Assertions on real CLI commands. */
import { expect } from "vitest";
import type { CliResult } from "../support/pulumi-cli";

/** Asserts a CLI command exited 0, showing everything it printed when it did not. */
export function expectCliOk(run: CliResult): void {
  expect(run.code, `${run.commandLine}\n${run.stdout}\n${run.stderr}`).toBe(0);
}

/** Asserts a CLI command failed, showing its output when it did not. */
export function expectCliFailed(run: CliResult): void {
  expect(run.code, `${run.commandLine} should have failed\n${run.stdout}\n${run.stderr}`).not.toBe(0);
}

/** The `Resources:` counts the CLI prints last, e.g. `{ create: 6 }` or `{ same: 5, update: 1 }`. */
export function resourceCounts(run: CliResult): Record<string, number> {
  const block = run.stdout.slice(run.stdout.lastIndexOf("Resources:"));
  const words: Record<string, string> = {
    "to create": "create", created: "create", "to update": "update", updated: "update",
    "to replace": "replace", replaced: "replace", "to delete": "delete", deleted: "delete", unchanged: "same",
  };
  const counts: Record<string, number> = {};
  for (const m of block.matchAll(/^\s*(?:[+~-]+\s*)?(\d+) (to create|created|to update|updated|to replace|replaced|to delete|deleted|unchanged)\b/gm)) {
    const kind = words[m[2]!]!;
    counts[kind] = (counts[kind] ?? 0) + Number(m[1]);
  }
  return counts;
}
