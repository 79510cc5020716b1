/**
 * The CLI flags teams put in CI, through the real `pulumi` CLI on examples/basic:
 * `--expect-no-changes`, update plans (`preview --save-plan`, `up --plan`), `refresh` with
 * and without `--run-program`, and `--parallel 1`. The emulator is the oracle for the cloud.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { EmulatorState } from "../../emulator";
import type { CliStack, ExportedDeployment } from "../../cli-driver/pulumi-cli";
import { EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, leakedSecrets, resourceCounts } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const BASIC = join(EXAMPLES, "basic");
const KEY = "flagsKey9001";

async function basicStack(name = "dev"): Promise<CliStack> {
  const stack = await f.stack(BASIC, name);
  await stack.setConfig({}, { callbackKey: KEY });
  return stack;
}

/** The cloud with template ids replaced by template names, so two runs compare equal. */
function cloudByName(state: EmulatorState) {
  const names = new Map(state.templates.map((t) => [t.TemplateId, t.TemplateName]));
  return {
    templates: state.templates.map(({ TemplateId, ...rest }) => rest).sort((a, b) => a.TemplateName.localeCompare(b.TemplateName)),
    rules: state.rules.map((r) => `${r.DomainName}/${r.AppName} -> ${names.get(r.TemplateId)}`).sort(),
  };
}

/** A stack's resources without ids, timestamps or the stack name, so two stacks compare equal. */
function stateShape(deployment: ExportedDeployment, stackName: string) {
  return (deployment.resources ?? [])
    .filter((r) => r.type.includes("tencent-css"))
    .map((r) => {
      const { templateId, ...outputs } = (r.outputs ?? {}) as Record<string, unknown>;
      // Secrets are encrypted with a fresh nonce in each stack.
      const masked = Object.fromEntries(
        Object.entries(outputs).map(([key, value]) => [key, typeof value === "object" && value !== null && "ciphertext" in value ? "[secret]" : value]),
      );
      return { urn: r.urn.replace(`urn:pulumi:${stackName}::`, "urn:pulumi:STACK::"), templateId: typeof templateId, outputs: masked };
    })
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

describeCli("CLI flags with the real pulumi CLI", () => {
  it("up --expect-no-changes passes on an unchanged stack and fails after applying a change; preview --refresh --expect-no-changes catches drift without writing", async () => {
    const stack = await basicStack();
    expectCliOk(await stack.up());
    const writes = f.writeCount();

    const unchanged = await stack.up({ flags: ["--expect-no-changes"] });
    expectCliOk(unchanged);
    expect(resourceCounts(unchanged)).toEqual({ same: 6 });
    expect(f.writeCount()).toBe(writes);

    await stack.setConfig({ streamEndUrl: "https://hooks.example.com/live/ended" });
    const changed = await stack.up({ flags: ["--expect-no-changes"] });
    expectCliFailed(changed);
    // Exit code 7 tells CI "changes where none were expected" apart from a failed update (1).
    expect(changed.code).toBe(7);
    expect(changed.stdout + changed.stderr).toContain("error: no changes were expected for update but changes were proposed");
    // The check runs after the update (as `pulumi up --help` says): the change is applied anyway.
    expect(resourceCounts(changed)).toEqual({ update: 1, same: 5 });
    expect(f.emulator.state().templates.find((t) => t.TemplateName === "prod_streams")!.StreamEndNotifyUrl).toBe("https://hooks.example.com/live/ended");

    // Drift the state does not know of: a plain preview cannot see it, a refreshing one can.
    const streamsId = f.emulator.state().templates.find((t) => t.TemplateName === "prod_streams")!.TemplateId;
    await f.client.modifyTemplate({ TemplateId: streamsId, StreamBeginNotifyUrl: "https://console.example.com/start" });
    const writesAfterDrift = f.writeCount();
    expectCliOk(await stack.preview({ flags: ["--expect-no-changes"] }));
    const drifted = await stack.preview({ flags: ["--refresh", "--expect-no-changes"] });
    expectCliFailed(drifted);
    expect(drifted.code).toBe(7);
    expect(drifted.stdout + drifted.stderr).toMatch(/error: no changes were expected .*but changes were proposed/);
    expect(drifted.stdout).toMatch(/streams update \[diff: [^\]]*~streamBeginNotifyUrl/);
    expect(f.writeCount()).toBe(writesAfterDrift);
  });

  it("preview --save-plan then up --plan applies exactly the plan without PULUMI_EXPERIMENTAL, and up --plan refuses a program that changed since", async () => {
    const stack = await basicStack();
    expectCliOk(await stack.up());
    const noExperimental = { PULUMI_EXPERIMENTAL: undefined };
    const plan = join(f.dir, "plan.json");

    await stack.setConfig({ streamEndUrl: "https://hooks.example.com/live/planned" });
    const saved = await stack.preview({ flags: ["--save-plan", plan], env: noExperimental });
    expectCliOk(saved);
    expect(saved.stdout + saved.stderr).toContain("Update plan written to");
    expect(existsSync(plan)).toBe(true);
    // The plan holds the stack config; the key in it is encrypted like the state's.
    expect(leakedSecrets(readFileSync(plan, "utf8"), { KEY })).toEqual([]);
    expect(readFileSync(plan, "utf8")).toContain('"tencent-css-basic:callbackKey"');

    const applied = await stack.run(["up", "--yes", "--non-interactive", "--plan", plan], { env: noExperimental });
    expectCliOk(applied);
    expect(resourceCounts(applied)).toEqual({ update: 1, same: 5 });
    expect(f.emulator.state().templates.find((t) => t.TemplateName === "prod_streams")!.StreamEndNotifyUrl).toBe("https://hooks.example.com/live/planned");

    const stale = join(f.dir, "stale-plan.json");
    await stack.setConfig({ streamEndUrl: "https://hooks.example.com/live/second" });
    expectCliOk(await stack.preview({ flags: ["--save-plan", stale], env: noExperimental }));
    await stack.setConfig({ streamEndUrl: "https://hooks.example.com/live/third" });
    const cloud = f.emulator.state();
    const writes = f.writeCount();
    const refused = await stack.run(["up", "--yes", "--non-interactive", "--plan", stale], { env: noExperimental });
    expectCliFailed(refused);
    // Stack config is the default provider's input, so that is where the plan is violated.
    expect(refused.stdout).toContain("pulumi:providers:pulumi-nodejs::default violates plan: properties changed");
    expect(refused.stdout).toContain("tencent-css-basic:streamEndUrl");
    expect(f.writeCount()).toBe(writes);
    expect(f.emulator.state()).toEqual(cloud);
  });

  it("refresh finds drift made outside the stack both without and with --run-program", async () => {
    const stack = await basicStack();
    expectCliOk(await stack.up());
    const ids = Object.fromEntries(f.emulator.state().templates.map((t) => [t.TemplateName, t.TemplateId]));

    await f.client.modifyTemplate({ TemplateId: ids.prod_streams!, StreamBeginNotifyUrl: "https://console.example.com/start" });
    await f.client.deleteRule({ DomainName: "push-backup.example.com", AppName: "live" });
    const plain = await stack.refresh();
    expectCliOk(plain);
    expect(resourceCounts(plain).delete).toBe(1);
    expect(resourceCounts(plain).update).toBeGreaterThanOrEqual(1);
    expect(plain.stdout).toMatch(/streams updated .*\[diff: [^\]]*~streamBeginNotifyUrl/);
    expect(plain.stdout).toMatch(/DomainBinding push-backup deleted/);

    await f.client.modifyTemplate({ TemplateId: ids.prod_recordings!, RecordNotifyUrl: "https://console.example.com/record" });
    await f.client.deleteRule({ DomainName: "push.example.com", AppName: "live" });
    const withProgram = await stack.refresh({ flags: ["--run-program"] });
    expectCliOk(withProgram);
    expect(resourceCounts(withProgram).delete).toBe(1);
    expect(resourceCounts(withProgram).update).toBeGreaterThanOrEqual(1);
    expect(withProgram.stdout).toMatch(/recordings updated .*\[diff: [^\]]*~recordNotifyUrl/);
    expect(withProgram.stdout).toMatch(/DomainBinding push-main deleted/);

    const resources = (await stack.exportState()).resources ?? [];
    const outputsOf = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`))?.outputs;
    expect(outputsOf("streams")).toMatchObject({ streamBeginNotifyUrl: "https://console.example.com/start" });
    expect(outputsOf("recordings")).toMatchObject({ recordNotifyUrl: "https://console.example.com/record" });
    expect(outputsOf("push-main")).toBeUndefined();
    expect(outputsOf("push-backup")).toBeUndefined();
    expect(outputsOf("archive")).toMatchObject({ domainName: "archive.example.com" });
  });

  it("up and destroy with --parallel 1 leave the same cloud and state as with the default parallelism", async () => {
    const serial = await basicStack("serial");
    const serialUp = await serial.up({ flags: ["--parallel", "1"] });
    expectCliOk(serialUp);
    expect(resourceCounts(serialUp)).toEqual({ create: 6 });
    const serialCloud = cloudByName(f.emulator.state());
    const serialState = stateShape(await serial.exportState(), "serial");
    expectCliOk(await serial.destroy({ flags: ["--parallel", "1"] }));
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });

    const parallel = await basicStack("parallel");
    const parallelUp = await parallel.up();
    expectCliOk(parallelUp);
    expect(resourceCounts(parallelUp)).toEqual({ create: 6 });
    expect(cloudByName(f.emulator.state())).toEqual(serialCloud);
    expect(stateShape(await parallel.exportState(), "parallel")).toEqual(serialState);
    expect(serialCloud.rules).toEqual([
      "archive.example.com/archive -> prod_recordings",
      "push-backup.example.com/live -> prod_streams",
      "push.example.com/live -> prod_streams",
    ]);
    expectCliOk(await parallel.destroy());
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  });
});
