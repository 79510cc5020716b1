/**
 * `npm run soak` as CI runs it (after `npm run build`): its exit code is the verdict, so
 * it must be 1 when the product is wrong. The fault is planted in the real product at run
 * time (test/reliability/planted/swap-url-fields.js, preloaded into every process through
 * `NODE_OPTIONS`): the provider writes two pairs of URL fields swapped and reads them back
 * swapped, so only the soak's own property → field table can see it.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess } from "../../harness";

const REPO_ROOT = join(__dirname, "..", "..");
const SOAK = join(REPO_ROOT, "scripts", "soak.js");
const PLANT = join(__dirname, "planted", "swap-url-fields.js");

describe("npm run soak", () => {
  it(
    "exits 1 and names the difference when the product writes a template's fields to the wrong API fields",
    async () => {
      const soak = await runProcess(process.execPath, [SOAK, "--templates", "2", "--bindings", "2", "--fault-rate", "0", "--seed", "7"], {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${PLANT}`.trim() },
      });
      expect(soak.code, soak.stdout + soak.stderr).toBe(1);
      // t0 sets recordExceptionNotifyUrl (stack-plan.ts): with the plant it lands in RecordNotifyUrl.
      expect(soak.stdout).toMatch(/template-differs: up: t0 \(\d+\) differs in RecordNotifyUrl, RecordExceptionNotifyUrl/);
      expect(soak.stdout).toContain("Soak FAILED: ");
      const figures = JSON.parse(soak.stdout.trimEnd().split("\n").pop()!);
      expect(figures.violations).toBeGreaterThan(0);
      expect(figures.failures[0]).toMatch(/^\d+ violation\(s\)$/);
    },
    300_000,
  );

  it("refuses --require-faults without a fault rate, before running anything", async () => {
    const soak = await runProcess(process.execPath, [SOAK, "--fault-rate", "0", "--require-faults"], { cwd: REPO_ROOT });
    expect(soak.code).toBe(2);
    expect(soak.stderr).toContain("--require-faults needs a --fault-rate above 0");
  });

  it("refuses an engine it does not know, and --engine cli for the concurrency run, which uses no engine", async () => {
    const unknown = await runProcess(process.execPath, [SOAK, "--engine", "terraform"], { cwd: REPO_ROOT });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--engine takes harness or cli, got "terraform"');
    const concurrency = await runProcess(process.execPath, [SOAK, "--engine", "cli", "--concurrency", "4"], { cwd: REPO_ROOT });
    expect(concurrency.code).toBe(2);
    expect(concurrency.stderr).toContain("--concurrency runs provider operations without an engine");
  });

  it("refuses a --max-reruns that is not a count", async () => {
    const soak = await runProcess(process.execPath, [SOAK, "--max-reruns", "-1"], { cwd: REPO_ROOT });
    expect(soak.code).toBe(2);
    expect(soak.stderr).toContain('--max-reruns needs an integer ≥ 0, got "-1"');
  });
});
