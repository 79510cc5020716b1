/**
 * The result of a command: the summary lines printed after the plan, and the JSON object
 * printed as the last stdout line with `--json`.
 */
import type { Command, StepError, StepOp, StepRecord } from "./engine-context";
import { forDisplay, type PropertyMap, type PropertyValue } from "./properties";

/** The line saying which engine ran, printed first by every command. */
export const ENGINE_BANNER = "engine: pulumi-tencent-css test harness (no Pulumi CLI)";

/** The JSON result of one command (the last stdout line with `--json`). */
export interface HarnessResult {
  readonly command: Command;
  readonly ok: boolean;
  readonly steps: StepRecord[];
  readonly errors: StepError[];
  /** Calls made to the dynamic provider, by gRPC method (`Check`, `Diff`, `Create`, …). */
  readonly providerCalls: Record<string, number>;
  /** Stack outputs after the command; secrets as `"[secret]"`, unknowns as `"[unknown]"`. */
  readonly stackOutputs: Record<string, PropertyValue>;
  /** What the command cost the harness itself (for benchmarks; absent in older results). */
  readonly stats?: HarnessStats;
}

/** Costs of one command, measured by the harness. */
export interface HarnessStats {
  /** Checkpoint writes made (coalesced saves plus the final one; 0 for preview). */
  readonly stateWrites: number;
  /** Peak resident memory of the harness process (engine and program), bytes. */
  readonly harnessPeakRssBytes: number;
  /**
   * Peak resident memory of the dynamic-provider process (`VmHWM`, read just before it
   * is stopped), bytes; absent when no provider was started or on systems without `/proc`.
   */
  readonly providerPeakRssBytes?: number;
  /**
   * The most calls of each provider method under way at once (`{Check: 1, Create: 8}`):
   * the engine never runs two Check or Diff calls together, nor more than `--parallel`
   * Create/Update/Delete/Read calls.
   */
  readonly peakConcurrentCalls?: Record<string, number>;
}

const PREVIEW_WORDS: Partial<Record<StepOp, string>> = {
  create: "to create",
  update: "to update",
  replace: "to replace",
  delete: "to delete",
  read: "to read",
  discard: "to discard",
  same: "unchanged",
};
const DONE_WORDS: Partial<Record<StepOp, string>> = {
  create: "created",
  update: "updated",
  replace: "replaced",
  delete: "deleted",
  read: "read",
  discard: "discarded",
  same: "unchanged",
};

/** `Resources: 2 to create, 1 unchanged` (or, for refresh, drift counts). */
export function summaryLine(command: Command, steps: readonly StepRecord[]): string {
  const counts = new Map<string, number>();
  const add = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const step of steps) {
    if (step.op === "refresh") add(step.gone ? "gone" : step.drifted ? "drifted" : "unchanged");
    else add((command === "preview" ? PREVIEW_WORDS : DONE_WORDS)[step.op] ?? step.op);
  }
  const parts = [...counts].map(([word, n]) => `${n} ${word}`);
  return `Resources: ${parts.length ? parts.join(", ") : "no changes"}`;
}

/** Stack outputs for people and JSON: secrets hidden. */
export function displayOutputs(outputs: PropertyMap): Record<string, PropertyValue> {
  return forDisplay(outputs) as Record<string, PropertyValue>;
}

/** Longest value shown on an `Outputs:` line; the JSON result always has the whole value. */
export const MAX_OUTPUT_VALUE_CHARS = 200;

/**
 * The `Outputs:` block, one `name: value` line each. A long value is cut, as the CLI
 * elides long values: a map of 1,000 binding ids is 40 KB on one line otherwise.
 */
export function outputLines(outputs: Record<string, PropertyValue>): string[] {
  const keys = Object.keys(outputs).sort();
  if (!keys.length) return [];
  const shown = (value: PropertyValue) => {
    const text = JSON.stringify(value);
    if (text.length <= MAX_OUTPUT_VALUE_CHARS) return text;
    return `${text.slice(0, MAX_OUTPUT_VALUE_CHARS)}… (${text.length - MAX_OUTPUT_VALUE_CHARS} more characters)`;
  };
  return ["Outputs:", ...keys.map((key) => `    ${key}: ${shown(outputs[key]!)}`)];
}
