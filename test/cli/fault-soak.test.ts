/**
 * `npm run soak -- --engine cli` as a user runs it (after `npm run build`): the fault
 * soak's four steps through the real `pulumi` CLI, at a size small enough for a test.
 * The soak's project links this repository's `dist/` (as `npm run soak` does), not the
 * packed package; the suite's gate (`describeCli`) only says whether a CLI is there.
 *
 * Its checks must see through the CLI's state as through the harness's: with a fault
 * planted in the product (test/reliability/planted/swap-url-fields.js, preloaded into
 * the CLI's language host and dynamic-provider process through `NODE_OPTIONS`) the soak
 * must fail, naming the swapped fields.
 */
import { join } from "node:path";
import { expect, it } from "vitest";
import { runProcess } from "../../harness";
import { REPO_ROOT } from "../../cli-driver/pulumi-cli";
import { describeCli } from "./cli-fixture";

const SOAK = join(REPO_ROOT, "scripts", "soak.js");
const PLANT = join(REPO_ROOT, "test", "reliability", "planted", "swap-url-fields.js");

/** The soak's last stdout line. */
const figuresOf = (stdout: string) => JSON.parse(stdout.trimEnd().split("\n").pop()!) as Record<string, unknown> & { steps: Array<Record<string, unknown>> };

describeCli("the fault soak through the real pulumi CLI", () => {
  it("converges with no violation while the emulator injects faults, and says so in its JSON line", async () => {
    const soak = await runProcess(
      process.execPath,
      [SOAK, "--engine", "cli", "--templates", "3", "--bindings", "6", "--fault-rate", "30%", "--seed", "1", "--require-faults"],
      { cwd: REPO_ROOT },
    );
    expect(soak.code, soak.stdout.slice(-4000) + soak.stderr).toBe(0);
    const figures = figuresOf(soak.stdout);
    expect(figures).toMatchObject({ mode: "fault-soak", engine: "cli", templates: 3, bindings: 6, violations: 0, failures: [] });
    expect(figures.pulumi_version).toMatch(/^v?3\.\d+\.\d+/);
    expect(figures.faults_injected).toBeGreaterThan(0);
    for (const key of ["retries", "reruns", "requests", "step_failures"]) expect(typeof figures[key], key).toBe("number");
    expect(figures.steps.map((s) => [s.step, s.ok])).toEqual([
      ["up", true],
      ["modify", true],
      ["refresh", true],
      ["destroy", true],
    ]);
    for (const s of figures.steps) {
      for (const key of ["attempts", "retries", "faults_injected", "requests"]) expect(typeof s[key], `${s.step} ${key}`).toBe("number");
    }
    // The last destroy attempt deleted what was left: 3 - 1 + 1 templates and 6 - 2 + 1 bindings, unless a rerun split it.
    const destroy = figures.steps[3]!;
    if (destroy.attempts === 1) expect(destroy.resource_steps).toEqual({ delete: 8 });
  }, 600_000);

  it("exits 1 naming the fields when the product writes a template's URLs to the wrong API fields", async () => {
    const soak = await runProcess(process.execPath, [SOAK, "--engine", "cli", "--templates", "2", "--bindings", "2", "--fault-rate", "0", "--seed", "7"], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${PLANT}`.trim() },
    });
    expect(soak.code, soak.stdout.slice(-4000) + soak.stderr).toBe(1);
    expect(soak.stdout).toMatch(/template-differs: up: t0 \(\d+\) differs in RecordNotifyUrl, RecordExceptionNotifyUrl/);
    expect(figuresOf(soak.stdout)).toMatchObject({ engine: "cli" });
    expect(figuresOf(soak.stdout).violations).toBeGreaterThan(0);
  }, 300_000);
});
