/**
 * Taking over what was made in the console, through the real `pulumi` CLI: examples/adopt
 * (adoption through inputs) through preview, up, refresh and destroy, and `pulumi import`,
 * which cannot work for dynamic providers — its failure is pinned here so we notice if
 * upstream ever fixes it. The emulator is the oracle for the cloud.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, resourceCounts, ruleTargets } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const ADOPT = join(EXAMPLES, "adopt");

/** "In the console": a template with a rule to adopt, and an unrelated template with its rule. */
async function consoleObjects(): Promise<{ legacyId: number; otherId: number }> {
  const legacyId = await f.client.createTemplate({
    TemplateName: "console_hooks",
    StreamBeginNotifyUrl: "https://console.example.com/start",
    SnapshotNotifyUrl: "https://console.example.com/snapshot",
    CallbackKey: "consoleKey1",
  });
  await f.client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: legacyId });
  const otherId = await f.client.createTemplate({ TemplateName: "console_other", StreamEndNotifyUrl: "https://console.example.com/end" });
  await f.client.createRule({ DomainName: "other.example.com", AppName: "live", TemplateId: otherId });
  return { legacyId, otherId };
}

describeCli("adopting console-made objects with the real pulumi CLI", () => {
  it("examples/adopt takes over a console template and rule without creating or deleting anything, refreshes unchanged, and destroy removes only what it adopted", async () => {
    const { legacyId, otherId } = await consoleObjects();
    const consoleState = f.emulator.state();
    const other = consoleState.templates.find((t) => t.TemplateId === otherId)!;
    const stack = await f.stack(ADOPT);
    await stack.setConfig({ legacyTemplateId: String(legacyId), legacyDomain: "push.example.com" }, { callbackKey: "adoptedKey77" });
    f.emulator.resetRequestCounts();

    const preview = await stack.preview();
    expectCliOk(preview);
    expect(resourceCounts(preview)).toEqual({ create: 3 });
    expect(f.requestCount()).toBe(0);

    const up = await stack.up();
    expectCliOk(up);
    expect(resourceCounts(up)).toEqual({ create: 3 });
    const counts = f.emulator.requestCounts();
    expect(counts.ModifyLiveCallbackTemplate?.received).toBe(1);
    for (const action of ["CreateLiveCallbackTemplate", "DeleteLiveCallbackTemplate", "CreateLiveCallbackRule", "DeleteLiveCallbackRule"] as const) {
      expect(counts[action], action).toBeUndefined();
    }
    const adopted = f.emulator.state();
    expect(adopted.templates.map((t) => t.TemplateId).sort()).toEqual([legacyId, otherId].sort());
    expect(adopted.templates.find((t) => t.TemplateId === legacyId)).toMatchObject({
      TemplateName: "legacy_hooks",
      Description: "adopted-from-the-console",
      StreamBeginNotifyUrl: "https://hooks.example.com/legacy/start",
      StreamEndNotifyUrl: "https://hooks.example.com/legacy/end",
      // Set only in the console: once adopted, the program is the whole truth.
      SnapshotNotifyUrl: "",
      CallbackKey: "adoptedKey77",
    });
    expect(adopted.templates.find((t) => t.TemplateId === otherId)).toEqual(other);
    expect(adopted.rules).toEqual(consoleState.rules);
    expect(await stack.outputs()).toEqual({ legacyTemplateId: legacyId });
    const ids = Object.fromEntries(
      ((await stack.exportState()).resources ?? []).filter((r) => r.type.includes("tencent-css")).map((r) => [r.urn.split("::").pop(), r.id]),
    );
    expect(ids).toEqual({ legacy: String(legacyId), "legacy-push": "push.example.com/live" });

    const writes = f.writeCount();
    const refresh = await stack.refresh();
    expectCliOk(refresh);
    expect(resourceCounts(refresh)).toEqual({ same: 3 });
    const again = await stack.run(["up", "--yes", "--non-interactive", "--expect-no-changes"]);
    expectCliOk(again);
    expect(f.writeCount()).toBe(writes);

    const destroy = await stack.destroy();
    expectCliOk(destroy);
    expect(resourceCounts(destroy)).toEqual({ delete: 3 });
    expect(f.emulator.state().templates).toEqual([other]);
    expect(ruleTargets(f.emulator.state())).toEqual({ "other.example.com/live": otherId });
  });

  it("pulumi import of a CallbackTemplate fails with 'code must be a string, not undefined' and changes neither the cloud nor the state (upstream pulumi/pulumi#3550)", async () => {
    const { legacyId } = await consoleObjects();
    const stack = await f.stack(ADOPT);
    await stack.setConfig({ legacyTemplateId: String(legacyId), legacyDomain: "push.example.com" });
    const cloud = f.emulator.state();
    const stateBefore = (await stack.exportState()).resources ?? [];
    f.emulator.resetRequestCounts();

    const imported = await stack.run(["import", "pulumi-nodejs:dynamic/tencent-css:CallbackTemplate", "imported", String(legacyId), "--yes", "--non-interactive"]);
    expectCliFailed(imported);
    // The dynamic-provider host gets Read without the `__provider` property, so it has no code to load.
    expect(imported.stdout).toContain("error: Preview failed: code must be a string, not undefined");
    expect(imported.stdout).toContain("error: preview failed: step application failed: code must be a string, not undefined");
    expect(f.requestCount()).toBe(0);
    expect(f.emulator.state()).toEqual(cloud);
    expect((await stack.exportState()).resources ?? []).toEqual(stateBefore);
  });
});
