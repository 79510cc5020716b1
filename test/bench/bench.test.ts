/**
 * `npm run bench` at a tiny size: the JSON result has the documented shape, and the
 * call-count goals hold (no API call for preview or a no-op up; refresh lists once where
 * the naive strategy reads per resource). Times are reported, never asserted.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess, type ProcessResult } from "../../harness";
import { findPulumiCli } from "../../cli-driver/pulumi-cli";

const REPO_ROOT = join(__dirname, "..", "..");
const BINDINGS = 20;
const TEMPLATES = 3;
const PHASES = ["preview", "up", "noop_up", "refresh", "destroy"];

function runBench(args: string[]): Promise<ProcessResult> {
  return runProcess(process.execPath, [join(REPO_ROOT, "scripts", "bench.js"), ...args], { cwd: REPO_ROOT });
}

describe("npm run bench", () => {
  it(
    "reports both strategies and every phase, with no API call for preview or a no-op up",
    async () => {
      const run = await runBench(["--bindings", String(BINDINGS), "--templates", String(TEMPLATES), "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.trimEnd().split("\n").pop()!);

      expect(result).toMatchObject({ bindings: BINDINGS, templates: TEMPLATES });
      expect(result.provider_bytes).toBeGreaterThan(0);
      expect(result.state_bytes_per_resource).toBeGreaterThan(0);
      expect(Object.keys(result.bound_ms)).toEqual(expect.arrayContaining(["up", "refresh", "destroy"]));
      expect(Object.keys(result.strategies).sort()).toEqual(["naive", "ours"]);
      // The program alone: the SDK loads, the program runs, then the resources register.
      const alone = result.program_alone;
      expect(alone.sdk_loaded_ms).toBeGreaterThan(0);
      expect(alone.program_ran_ms).toBeGreaterThanOrEqual(alone.sdk_loaded_ms);
      expect(alone.first_registered_ms).toBeGreaterThanOrEqual(alone.program_ran_ms);
      expect(alone.all_registered_ms).toBeGreaterThanOrEqual(alone.first_registered_ms);
      for (const strategy of ["ours", "naive"]) {
        const phases = result.strategies[strategy];
        for (const phase of PHASES) {
          expect(phases[phase], `${strategy} ${phase}`).toEqual(
            expect.objectContaining({ api_calls: expect.any(Number), wall_ms: expect.any(Number), by_action: expect.any(Object) }),
          );
        }
        expect(phases.preview.api_calls, `${strategy} preview`).toBe(0);
        expect(phases.noop_up.api_calls, `${strategy} no-op up`).toBe(0);
        // Both strategies make every write the stack needs, once.
        expect(phases.up.by_action).toMatchObject({ CreateLiveCallbackTemplate: TEMPLATES, CreateLiveCallbackRule: BINDINGS });
        expect(phases.destroy.by_action).toMatchObject({ DeleteLiveCallbackTemplate: TEMPLATES, DeleteLiveCallbackRule: BINDINGS });
      }
      const { ours, naive } = result.strategies;
      expect(ours.refresh.api_calls).toBeLessThanOrEqual(10);
      expect(naive.refresh.api_calls).toBeGreaterThanOrEqual(BINDINGS);
      expect(naive.up.by_action.DescribeLiveCallbackRules).toBeGreaterThanOrEqual(BINDINGS);
      // The human-readable table comes before the JSON line.
      expect(run.stdout).toContain("| ours | refresh |");
      expect(run.stdout).toContain("program alone (Pulumi SDK");
    },
    300_000,
  );

  it.skipIf(!findPulumiCli().available)(
    "with --engine cli, keeps the call-count goals under the real Pulumi engine",
    async () => {
      const run = await runBench(["--bindings", String(BINDINGS), "--templates", String(TEMPLATES), "--engine", "cli", "--strategies", "ours", "--json"]);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout.trimEnd().split("\n").pop()!);
      expect(result.engine).toMatch(/^cli v3\.\d+\.\d+$/);
      const ours = result.strategies.ours;
      expect(ours.preview.api_calls).toBe(0);
      expect(ours.noop_up.api_calls).toBe(0);
      expect(ours.refresh.api_calls).toBeLessThanOrEqual(10);
      expect(ours.up.by_action).toMatchObject({ CreateLiveCallbackTemplate: TEMPLATES, CreateLiveCallbackRule: BINDINGS });
      expect(ours.destroy.by_action).toMatchObject({ DeleteLiveCallbackTemplate: TEMPLATES, DeleteLiveCallbackRule: BINDINGS });
      expect(result.provider_bytes).toBeGreaterThan(0);
      expect(run.stdout).toContain("bench (cli v3.");
    },
    300_000,
  );
});
