/**
 * Where the provider's config comes from. The engine keeps the stack config a program run
 * configured the provider with in the state (the inputs of the default `pulumi-nodejs`
 * provider); `refresh` and `destroy`, which do not run the program, configure the
 * provider from that, not from the current config. Checked against the real CLI
 * (test/cli/differential.test.ts has the same steps).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const spec: StackSpec = {
  templates: { hooks: { templateName: "prod_hooks", streamBeginNotifyUrl: "https://hooks.example.com/live/start" } },
};
/** An endpoint nothing listens on. */
const UNREACHABLE = { "tencent-css:endpoint": "http://127.0.0.1:9" };

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("the provider config of refresh and destroy", () => {
  it("is the config stored by the last up, not the current one", async () => {
    expectOk(await f.run("up", spec, { secretConfig: { callbackKey: "storedKey1" } }));
    const stored = readCheckpoint(f.stateFile)!.providerConfig!;
    expect(Object.keys(stored).sort()).toEqual(["callbacks:callbackKey", "callbacks:spec"]);
    expect(stored["callbacks:callbackKey"]).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "storedKey1" });

    // The current config points at nothing: the stored one (the emulator, from the environment) is used.
    await f.client.modifyTemplate({ TemplateId: f.emulator.state().templates[0]!.TemplateId, StreamEndNotifyUrl: "https://elsewhere.example.com/end" });
    const refresh = await f.run("refresh", spec, { config: UNREACHABLE });
    expectOk(refresh);
    expect(refresh.result.steps).toEqual([expect.objectContaining({ name: "hooks", drifted: true, diffs: ["+streamEndNotifyUrl"] })]);

    const destroy = await f.run("destroy", spec, { config: UNREACHABLE });
    expectOk(destroy);
    expect(f.emulator.state().templates).toEqual([]);
  });

  it("is the current config for up, which then stores it", async () => {
    expectOk(await f.run("up", spec));
    const changed = { templates: { hooks: { ...spec.templates!.hooks!, streamEndNotifyUrl: "https://hooks.example.com/live/end" } } };
    const up = await f.run("up", changed, { config: UNREACHABLE });
    expect(up.code).toBe(1);
    expect(up.result.errors[0]!.message).toContain("http://127.0.0.1:9");
    expect(readCheckpoint(f.stateFile)!.providerConfig).toMatchObject(UNREACHABLE);

    // Now the stored config is the unreachable one: refresh fails although the current one is fine.
    const refresh = await f.run("refresh", spec);
    expect(refresh.code).toBe(1);
    expect(refresh.result.errors[0]!.message).toContain("http://127.0.0.1:9");
  });
});
