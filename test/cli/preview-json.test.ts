/**
 * `pulumi preview --json` through the real CLI on examples/basic: the exact steps (op and
 * URN) per resource, the property changes computed from each step's old and new inputs
 * (the engine sends no detailed diff for dynamic resources), the callback key masked, and
 * no API call at all — neither writes nor reads — for new or existing resources.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { CliResult, PreviewJson } from "../../cli-driver/pulumi-cli";
import { EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, inputChanges, leakedSecrets, previewStep, previewSteps } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

/** The value the engine shows for an input not known until `up` (Pulumi's unknown sentinel). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const KEY = "previewKey4242";
const NEW_KEY = "rotatedKey5353";

/** An input bag without `__provider`. */
const withoutProvider = (inputs: Record<string, unknown> | undefined) => {
  const { __provider, ...rest } = inputs ?? {};
  return rest;
};

function expectNoSecret(run: CliResult): void {
  expect(leakedSecrets(run.stdout + run.stderr, { KEY, NEW_KEY })).toEqual([]);
}

describeCli("pulumi preview --json with the real pulumi CLI", () => {
  it("lists one create step per resource with the program's inputs, unknown template ids and a masked key, without any API call", async () => {
    const stack = await f.stack(join(EXAMPLES, "basic"));
    await stack.setConfig({}, { callbackKey: KEY });

    const { result, preview } = await stack.previewJson();
    expectCliOk(result);
    expectNoSecret(result);
    expect(f.requestCount()).toBe(0);
    expect(previewSteps(preview)).toEqual([
      "create archive",
      "create push-backup",
      "create push-main",
      "create recordings",
      "create streams",
      "create tencent-css-basic-dev",
    ]);
    expect(preview.changeSummary).toEqual({ create: 6 });
    expect((preview as PreviewJson & { config?: Record<string, unknown> }).config).toEqual({ "tencent-css-basic:callbackKey": "[secret]" });

    const streams = previewStep(preview, "streams");
    expect(streams.urn).toBe(stack.urn("CallbackTemplate", "streams"));
    expect(streams.newState?.type).toBe("pulumi-nodejs:dynamic/tencent-css:CallbackTemplate");
    expect(streams.oldState).toBeUndefined();
    expect(withoutProvider(streams.newState?.inputs)).toEqual({
      templateName: "prod_streams",
      description: "push-start-and-end",
      streamBeginNotifyUrl: "https://hooks.example.com/live/start",
      streamEndNotifyUrl: "https://hooks.example.com/live/end",
      pushExceptionNotifyUrl: "https://hooks.example.com/live/push-error",
      callbackKey: "[secret]",
    });
    const archive = previewStep(preview, "archive");
    expect(archive.urn).toBe(stack.urn("DomainBinding", "archive"));
    expect(withoutProvider(archive.newState?.inputs)).toEqual({ domainName: "archive.example.com", appName: "archive", templateId: UNKNOWN });
    // Dynamic resources get neither diff reasons nor a detailed diff.
    expect(streams.detailedDiff ?? null).toBeNull();
    expect(streams.diffReasons ?? []).toEqual([]);
  });

  it("shows exact update, replace and delete steps with the changed inputs of each, a key rotation only as an update, and writes nothing", async () => {
    const stack = await f.stack(join(EXAMPLES, "basic"));
    await stack.setConfig({}, { callbackKey: KEY });
    expectCliOk(await stack.up());
    const cloud = f.emulator.state();
    const recordingsId = cloud.templates.find((t) => t.TemplateName === "prod_recordings")!.TemplateId;

    await stack.setConfig({ streamEndUrl: "https://hooks.example.com/live/ended", archiveDomain: "vault.example.com" }, { callbackKey: NEW_KEY });
    f.emulator.resetRequestCounts();
    const changed = await stack.previewJson();
    expectCliOk(changed.result);
    expectNoSecret(changed.result);
    expect(f.requestCount()).toBe(0);
    // Unchanged resources get no step; the stack's own step is always there.
    expect(previewSteps(changed.preview)).toEqual(["replace archive", "same tencent-css-basic-dev", "update recordings", "update streams"]);
    expect(changed.preview.changeSummary).toEqual({ same: 3, update: 2, replace: 1 });
    const streams = previewStep(changed.preview, "streams");
    expect(inputChanges(streams)).toEqual({ streamEndNotifyUrl: ["https://hooks.example.com/live/end", "https://hooks.example.com/live/ended"] });
    expect(streams.oldState?.inputs?.callbackKey).toBe("[secret]");
    expect(streams.newState?.inputs?.callbackKey).toBe("[secret]");
    // Only the key changed: an update whose inputs look the same, both sides masked.
    expect(inputChanges(previewStep(changed.preview, "recordings"))).toEqual({});
    const archive = previewStep(changed.preview, "archive");
    expect(archive.urn).toBe(stack.urn("DomainBinding", "archive"));
    expect(inputChanges(archive)).toEqual({ domainName: ["archive.example.com", "vault.example.com"] });
    expect(archive.replaceReasons).toEqual(["domainName"]);
    expect(archive.oldState?.outputs).toMatchObject({ domainName: "archive.example.com", appName: "archive", templateId: recordingsId });

    await stack.setConfig({ withRecordings: "false" });
    const dropped = await stack.previewJson();
    expectCliOk(dropped.result);
    expectNoSecret(dropped.result);
    expect(previewSteps(dropped.preview)).toEqual(["delete archive", "delete recordings", "same tencent-css-basic-dev", "update streams"]);
    expect(dropped.preview.changeSummary).toEqual({ same: 3, update: 1, delete: 2 });
    const deleted = previewStep(dropped.preview, "recordings");
    expect(deleted.urn).toBe(stack.urn("CallbackTemplate", "recordings"));
    expect(deleted.oldState?.outputs).toMatchObject({ templateId: recordingsId, templateName: "prod_recordings" });

    expect(f.requestCount()).toBe(0);
    expect(f.emulator.state()).toEqual(cloud);
  });
});
