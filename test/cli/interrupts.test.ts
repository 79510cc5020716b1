/**
 * Interrupted deployments with the real `pulumi` CLI (docs/RELIABILITY.md, "Interrupted
 * deployments"):
 *
 * - `npm run interrupts` at a small size: SIGINT and SIGKILL at random points of `up`, a
 *   re-point and `destroy`, the documented recovery, 0 violations, the counts in its last
 *   line;
 * - a kill while the templates' creates wait for their answers: a plain rerun leaves a
 *   second copy of each template (the run says so and exits 1), the documented recovery
 *   (`pulumi-tencent-css recover`, `pulumi stack import`) leaves none;
 * - what Pulumi 3.274 does with `pulumi refresh --import-pending-creates`: it drops the
 *   pending create without importing it, so the next `pulumi up` makes the template again.
 *   Pinned here so we notice if upstream changes it; `recover` is the way around it.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runProcess } from "../../harness";
import { runInterrupted } from "../../soak/interrupts/interrupted-command";
import { REPO_ROOT } from "../../cli-driver/pulumi-cli";
import { CALLBACKS_PROGRAM, CLI_MODULES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk } from "./expect-cli";

const INTERRUPTS = join(REPO_ROOT, "scripts", "interrupts.js");

async function interrupts(...args: string[]) {
  const run = await runProcess(process.execPath, [INTERRUPTS, ...args], { cwd: REPO_ROOT });
  const last = run.stdout.trimEnd().split("\n").pop() ?? "";
  let result: Record<string, any> | undefined;
  try {
    result = JSON.parse(last);
  } catch {
    result = undefined;
  }
  return { ...run, result };
}

describeCli("npm run interrupts", () => {
  it("stops up, a re-point and destroy with SIGINT and SIGKILL, recovers as documented, and finds no violation", async () => {
    const run = await interrupts("--runs", "3", "--templates", "4", "--bindings", "12", "--seed", "20261130");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^run 1\/3: int up at /m);
    expect(run.stdout).toMatch(/^run 2\/3: kill repoint at /m);
    expect(run.stdout).toMatch(/^run 3\/3: int destroy at /m);
    expect(run.result).toMatchObject({
      engine: "cli",
      interrupts_tried: 3,
      by_signal: { int: 2, kill: 1 },
      by_op: { up: 1, repoint: 1, destroy: 1 },
      violations: 0,
      recovery_failures: 0,
      templates: 4,
      bindings: 12,
    });
    const recoveries = run.result!.recoveries as Record<string, number>;
    expect(Object.keys(recoveries).every((kind) => kind === "rerun" || kind === "recover")).toBe(true);
    expect(Object.values(recoveries).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("after a kill while template creates wait for their answers, a plain rerun duplicates them and the documented recovery does not", async () => {
    // Every write is applied at once and answered after 3 s; the kill comes 1.5 s after the first create began.
    const args = ["--runs", "1", "--op", "up", "--signal", "kill", "--point", "1+1500", "--api-latency-ms", "3000", "--templates", "3", "--bindings", "3", "--seed", "7"];
    const rerun = await interrupts(...args, "--recovery", "rerun");
    expect(rerun.code, rerun.stdout + rerun.stderr).toBe(1);
    expect(rerun.result!.violations_by_check["duplicate-template"]).toBeGreaterThan(0);
    expect(rerun.stdout).toMatch(/duplicate-template: 2 templates named soak_t\d/);

    const documented = await interrupts(...args, "--recovery", "documented");
    expect(documented.code, documented.stdout + documented.stderr).toBe(0);
    expect(documented.result).toMatchObject({ violations: 0, recoveries: { recover: 1 } });
    expect(documented.result!.recover_verdicts["import template"]).toBeGreaterThan(0);
  });

  it("refuses an unknown option before running anything", async () => {
    const run = await interrupts("--signal", "term");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--signal takes int, kill or both, got "term"');
  });
});

describeCli("a pending template create with the real pulumi CLI", () => {
  let f: CliFixture;
  beforeEach(async () => {
    f = await startCliFixture();
  });
  afterEach(async () => {
    await f?.close();
  });

  /**
   * A real kill after the template's create was applied and before its answer came: the
   * emulator applies the create at once and answers 20 s later, and the CLI's process
   * group is killed 1.5 s after the create step began. Then `pulumi cancel`, as the lock
   * it leaves asks.
   */
  async function killedDuringCreate() {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    await stack.setConfig({ spec: JSON.stringify({ templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start", withCallbackKey: true } } }) }, { callbackKey: "pendingKey42" });
    f.emulator.faults.add("CreateLiveCallbackTemplate=delay:20000,after-commit,count=1");
    const killed = await runInterrupted(stack, "up", "kill", { after: "step", step: 1, delayMs: 1500 });
    expect(killed, `${killed.stepsBegun} steps begun, exit ${killed.code}\n${killed.stdout.slice(-3000)}\n${killed.stderr}`).toMatchObject({ signalled: true, exitSignal: "SIGKILL" });
    const locked = await stack.up();
    expect(locked.stderr).toContain("the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.");
    await stack.mustRun(["cancel", "--yes"]);
    const urn = stack.urn("CallbackTemplate", "hooks");
    expect((await stack.exportState()).pending_operations).toMatchObject([{ type: "creating", resource: { urn } }]);
    const templateId = f.emulator.state().templates[0]!.TemplateId;
    expect(f.emulator.state().templates).toHaveLength(1);
    return { stack, urn, templateId };
  }

  it("pulumi refresh --import-pending-creates drops the pending create without importing it (Pulumi 3.274), so pulumi up makes the template twice", async () => {
    const { stack, urn, templateId } = await killedDuringCreate();
    const up = await stack.up();
    expectCliOk(up);
    expect(up.stdout).toContain("Attempting to deploy or update resources with 1 pending operations from previous deployment.");
    expect(up.stdout).toContain(`* ${urn}, interrupted while creating`);
    // The engine keeps the pending create and makes a second template.
    expect(f.emulator.state().templates.map((t) => t.TemplateName)).toEqual(["hooks", "hooks"]);
    expect((await stack.exportState()).pending_operations).toHaveLength(1);

    const refresh = await stack.refresh({ flags: ["--import-pending-creates", urn, "--import-pending-creates", String(templateId)] });
    expectCliOk(refresh);
    const after = await stack.exportState();
    expect(after.pending_operations ?? []).toEqual([]);
    // Gone from the pending operations, and not imported: the stack holds only the second template.
    expect((after.resources ?? []).filter((r) => r.urn === urn).map((r) => r.id)).toEqual([String(templateId + 1)]);
  });

  it("pulumi-tencent-css recover finds the template the create made, and pulumi stack import of its repaired export leaves one template", async () => {
    const { stack, urn, templateId } = await killedDuringCreate();
    const dir = mkdtempSync(join(tmpdir(), "tencent-css-recover-cli-"));
    const state = join(dir, "state.json");
    const repaired = join(dir, "repaired.json");
    writeFileSync(state, (await stack.mustRun(["stack", "export"])).stdout);
    const bin = join(CLI_MODULES!, "pulumi-tencent-css", "dist", "bin", "pulumi-tencent-css.js");
    const recover = await runProcess(process.execPath, [bin, "recover", state, "--write", repaired], { env: { ...process.env, ...f.env } });
    expect(recover.code, recover.stderr).toBe(0);
    expect(recover.stdout).toMatch(new RegExp(`^  import  CallbackTemplate hooks \\(creating\\): created as template ${templateId} \\(hooks\\)`, "m"));
    expect(recover.stdout).toContain(`pulumi stack import --file ${repaired}`);
    expect(recover.stdout + recover.stderr).not.toContain("pendingKey42");

    const imported = await stack.mustRun(["stack", "import", "--file", repaired]);
    // `pulumi stack import` drops every pending operation, saying so; the repaired export has none left.
    expect(imported.stdout + imported.stderr).not.toContain("removing pending operation");
    expectCliOk(await stack.refresh());
    const up = await stack.up();
    expectCliOk(up);
    expect(up.stdout).not.toContain("pending operations");
    expect(f.emulator.state().templates.map((t) => t.TemplateId)).toEqual([templateId]);
    const after = await stack.exportState();
    expect(after.pending_operations ?? []).toEqual([]);
    expect((after.resources ?? []).filter((r) => r.urn === urn).map((r) => r.id)).toEqual([String(templateId)]);
  });
});
