/** Assertions on real CLI commands. */
import { expect } from "vitest";
import type { EmulatorState } from "../../emulator";
import { urnName, type CliResult, type PreviewJson, type PreviewStep } from "../../cli-driver/pulumi-cli";
import { WRITE_ACTIONS } from "../../live-api/actions";
import type { RunningEmulator } from "../../emulator";

/** Asserts a CLI command exited 0, showing everything it printed when it did not. */
export function expectCliOk(run: CliResult): void {
  expect(run.code, `${run.commandLine}\n${run.stdout}\n${run.stderr}`).toBe(0);
}

/** Asserts a CLI command failed, showing its output when it did not. */
export function expectCliFailed(run: CliResult): void {
  expect(run.code, `${run.commandLine} should have failed\n${run.stdout}\n${run.stderr}`).not.toBe(0);
}

/**
 * The `Resources:` counts the CLI prints last, e.g. `{ create: 6 }` or `{ same: 5, update: 1 }`.
 * With more than one kind of change the CLI prints the unchanged count as `2 changes. 4 unchanged`.
 */
export function resourceCounts(run: CliResult): Record<string, number> {
  const block = run.stdout.slice(run.stdout.lastIndexOf("Resources:"));
  const words: Record<string, string> = {
    "to create": "create", created: "create", "to update": "update", updated: "update",
    "to replace": "replace", replaced: "replace", "to delete": "delete", deleted: "delete", unchanged: "same",
  };
  const counts: Record<string, number> = {};
  for (const m of block.matchAll(/^\s*(?:[+~-]+\s*)?(?:\d+ changes?\. )?(\d+) (to create|created|to update|updated|to replace|replaced|to delete|deleted|unchanged)\b/gm)) {
    const kind = words[m[2]!]!;
    counts[kind] = (counts[kind] ?? 0) + Number(m[1]);
  }
  return counts;
}

/** `"op name"` of every step of `pulumi preview --json`, sorted, e.g. `["create hooks", "same tencent-css-basic-dev"]`. */
export function previewSteps(preview: PreviewJson): string[] {
  return (preview.steps ?? []).map((step) => `${step.op} ${urnName(step.urn)}`).sort();
}

/**
 * The inputs a preview step changes, computed from its `oldState.inputs` and
 * `newState.inputs` (the engine sends no detailed diff for dynamic resources), as
 * `{ property: [old, new] }`; `__provider` is left out. Secrets appear as `"[secret]"` on
 * both sides, so a change of a secret alone is invisible here.
 */
export function inputChanges(step: PreviewStep): Record<string, [unknown, unknown]> {
  const olds = step.oldState?.inputs ?? {};
  const news = step.newState?.inputs ?? {};
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(olds), ...Object.keys(news)])) {
    if (key === "__provider") continue;
    if (JSON.stringify(olds[key]) !== JSON.stringify(news[key])) changes[key] = [olds[key], news[key]];
  }
  return changes;
}

/** The step of resource `name` in `pulumi preview --json`; throws when there is none. */
export function previewStep(preview: PreviewJson, name: string): PreviewStep {
  const step = (preview.steps ?? []).find((s) => urnName(s.urn) === name);
  if (!step) throw new Error(`pulumi preview --json has no step for ${name}: ${previewSteps(preview).join(", ")}`);
  return step;
}

/** The emulator's callback rules as `{ "domain/app": templateId }`. */
export function ruleTargets(state: Pick<EmulatorState, "rules">): Record<string, number> {
  return Object.fromEntries(state.rules.map((rule) => [`${rule.DomainName}/${rule.AppName}`, rule.TemplateId]));
}

/** Which of `secrets` (`{ label: value }`) occur in `text`: their labels, sorted. */
export function leakedSecrets(text: string, secrets: Readonly<Record<string, string>>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => value.length > 0 && text.includes(value))
    .map(([label]) => label)
    .sort();
}

/** Write requests the emulator has received so far (every action that changes state). */
export function writesReceived(emulator: Pick<RunningEmulator, "requestCounts">): number {
  const counts = emulator.requestCounts();
  return [...WRITE_ACTIONS].reduce((sum, action) => sum + (counts[action]?.received ?? 0), 0);
}
