/**
 * The life of a stack, driven like the Pulumi CLI would: preview, up, changes, destroy,
 * through the real dynamic-provider process and the emulator over HTTP.
 */
import { existsSync, readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { isSecret } from "../../harness/properties";
import { expectOk } from "./expect-ok";
import { planLine, startStackFixture, stepSummary, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;
const CALLBACK_KEY = "k3yFromSecretConfig42";
const withKey = { secretConfig: { callbackKey: CALLBACK_KEY } };

const hooks = {
  templateName: "prod_hooks",
  streamBeginNotifyUrl: "https://hooks.example.com/live/start",
  streamEndNotifyUrl: "https://hooks.example.com/live/end",
  withCallbackKey: true,
};
const spec: StackSpec = {
  templates: { hooks },
  bindings: { b1: { domainName: "push.example.com", template: "hooks" } },
};


let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("preview", () => {
  it(
    "plans a template and a binding that waits for the template's id, without a single API call",
    async () => {
      const run = await f.run("preview", spec, withKey);
      expectOk(run);
      expect(stepSummary(run)).toEqual(["create b1", "create hooks"]);
      expect(run.result.providerCalls).toEqual({ Configure: 1, Check: 2 });
      expect(f.requestCount()).toBe(0);
      expect(run.result.stackOutputs.templateIds).toEqual({ hooks: "[unknown]" });
      expect(run.stdout).toContain("engine: pulumi-tencent-css test harness (no Pulumi CLI)");
      expect(run.stdout).toContain("Resources: 2 to create");
      expect(existsSync(f.stateFile)).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "plans changes to an existing stack with Check and Diff only, still without API calls",
    async () => {
      expectOk(await f.run("up", spec, withKey));
      f.emulator.resetRequestCounts();
      const changed = { ...spec, templates: { hooks: { ...hooks, streamEndNotifyUrl: "https://hooks.example.com/v2/end" } } };
      const run = await f.run("preview", changed, withKey);
      expectOk(run);
      expect(f.requestCount()).toBe(0);
      expect(Object.keys(run.result.providerCalls).sort()).toEqual(["Check", "Configure", "Diff"]);
      // The binding's templateId comes from the template's id, which stays known while
      // the template is updated: the plan shows exactly the one change.
      expect(stepSummary(run)).toEqual(["same b1", "update hooks"]);
      expect(planLine(run, "hooks")).toContain("[diff: ~streamEndNotifyUrl]");
    },
    TIMEOUT,
  );
});

describe("up", () => {
  it(
    "creates the template, then the binding pointing at its id",
    async () => {
      const run = await f.run("up", spec, withKey);
      expectOk(run);
      expect(stepSummary(run)).toEqual(["create b1", "create hooks"]);
      const { templates, rules } = f.emulator.state();
      expect(templates).toHaveLength(1);
      expect(templates[0]).toMatchObject({
        TemplateName: "prod_hooks",
        StreamBeginNotifyUrl: hooks.streamBeginNotifyUrl,
        StreamEndNotifyUrl: hooks.streamEndNotifyUrl,
        CallbackKey: CALLBACK_KEY,
      });
      const templateId = templates[0]!.TemplateId;
      expect(rules.map((r) => [r.DomainName, r.AppName, r.TemplateId])).toEqual([["push.example.com", "live", templateId]]);
      expect(run.result.stackOutputs).toMatchObject({ templateIds: { hooks: templateId }, bindingIds: { b1: "push.example.com/live" } });

      const binding = readCheckpoint(f.stateFile)!.resources.find((r) => r.name === "b1")!;
      expect(binding.id).toBe("push.example.com/live");
      expect(binding.dependencies).toEqual([run.result.steps.find((s) => s.name === "hooks")!.urn]);
    },
    TIMEOUT,
  );

  it(
    "changes nothing when the program has not changed",
    async () => {
      expectOk(await f.run("up", spec, withKey));
      f.emulator.resetRequestCounts();
      const run = await f.run("up", spec, withKey);
      expectOk(run);
      expect(stepSummary(run)).toEqual(["same b1", "same hooks"]);
      expect(f.writeCount()).toBe(0);
      expect(Object.keys(run.result.providerCalls).sort()).toEqual(["Check", "Configure", "Diff"]);
      expect(run.stdout).toContain("Resources: 2 unchanged");
    },
    TIMEOUT,
  );

  it(
    "updates a changed callback URL in place and shows exactly that property",
    async () => {
      expectOk(await f.run("up", spec, withKey));
      const templateId = f.emulator.state().templates[0]!.TemplateId;
      const changed = { ...spec, templates: { hooks: { ...hooks, streamEndNotifyUrl: "https://hooks.example.com/v2/end" } } };

      const preview = await f.run("preview", changed, withKey);
      expectOk(preview);
      expect(planLine(preview, "hooks")).toBe("~  tencent-css:CallbackTemplate hooks update [diff: ~streamEndNotifyUrl]");

      f.emulator.resetRequestCounts();
      const run = await f.run("up", changed, withKey);
      expectOk(run);
      expect(stepSummary(run)).toEqual(["same b1", "update hooks"]);
      expect(run.result.steps.find((s) => s.name === "hooks")).toMatchObject({ id: String(templateId), diffs: ["~streamEndNotifyUrl"] });
      const [template] = f.emulator.state().templates;
      expect(template).toMatchObject({ TemplateId: templateId, StreamEndNotifyUrl: "https://hooks.example.com/v2/end" });
      expect(f.emulator.requestCounts().ModifyLiveCallbackTemplate?.received).toBe(1);
      expect(f.emulator.requestCounts().CreateLiveCallbackTemplate).toBeUndefined();
    },
    TIMEOUT,
  );

  it(
    "clears a callback URL that was removed from the program",
    async () => {
      expectOk(await f.run("up", spec, withKey));
      const { streamEndNotifyUrl: _removed, ...withoutEnd } = hooks;
      const run = await f.run("up", { ...spec, templates: { hooks: withoutEnd } }, withKey);
      expectOk(run);
      expect(run.result.steps.find((s) => s.name === "hooks")).toMatchObject({ op: "update", diffs: ["-streamEndNotifyUrl"] });
      expect(f.emulator.state().templates[0]).toMatchObject({ StreamBeginNotifyUrl: hooks.streamBeginNotifyUrl, StreamEndNotifyUrl: "" });
    },
    TIMEOUT,
  );

  it(
    "replaces a binding whose domain changed: the new rule is created, then the old one removed",
    async () => {
      expectOk(await f.run("up", spec, withKey));
      const templateId = f.emulator.state().templates[0]!.TemplateId;
      const moved: StackSpec = { ...spec, bindings: { b1: { domainName: "push2.example.com", template: "hooks" } } };

      const preview = await f.run("preview", moved, withKey);
      expectOk(preview);
      expect(planLine(preview, "b1")).toBe("+- tencent-css:DomainBinding b1 replace [diff: ~domainName]");

      // The order, seen from the cloud: the old rule's delete is refused once, and by then
      // the new rule already exists (deleting first would have stopped before creating it).
      f.emulator.faults.add("DeleteLiveCallbackRule=error:OperationDenied,count=1");
      const refused = await f.run("up", moved, withKey);
      expect(refused.code).toBe(1);
      expect(refused.result.providerCalls).toMatchObject({ Create: 1, Delete: 1 });
      expect(f.emulator.requestCounts().DeleteLiveCallbackRule).toMatchObject({ received: 1, faulted: 1 });
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.TemplateId])).toEqual([
        ["push.example.com", templateId],
        ["push2.example.com", templateId],
      ]);

      const run = await f.run("up", moved, withKey);
      expectOk(run);
      expect(run.result.providerCalls).toMatchObject({ Delete: 1 });
      expect(run.result.providerCalls).not.toHaveProperty("Create");
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.TemplateId])).toEqual([["push2.example.com", templateId]]);
      const ids = readCheckpoint(f.stateFile)!.resources.filter((r) => r.name === "b1").map((r) => r.id);
      expect(ids).toEqual(["push2.example.com/live"]);
    },
    TIMEOUT,
  );
});

describe("secrets", () => {
  it(
    "shows the callback key only as [secret] and never stores it in plain text",
    async () => {
      const up = await f.run("up", spec, withKey);
      expectOk(up);
      const rotated = { secretConfig: { callbackKey: "r0tatedKey77" } };
      const preview = await f.run("preview", spec, rotated);
      expectOk(preview);
      expect(planLine(preview, "hooks")).toBe("~  tencent-css:CallbackTemplate hooks update [diff: ~callbackKey]");
      for (const run of [up, preview]) {
        expect(run.result.stackOutputs.callbackKeys).toEqual({ hooks: "[secret]" });
        expect(run.stdout).not.toContain(CALLBACK_KEY);
        expect(run.stdout).not.toContain("r0tatedKey77");
      }

      const text = readFileSync(f.stateFile, "utf8");
      expect(text).not.toContain(CALLBACK_KEY);
      expect(text).toContain('"ciphertext"');
      const template = readCheckpoint(f.stateFile)!.resources.find((r) => r.name === "hooks")!;
      expect(isSecret(template.inputs.callbackKey)).toBe(true);
      expect(template.outputs.callbackKey).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: CALLBACK_KEY });
    },
    TIMEOUT,
  );
});

describe("destroy", () => {
  it(
    "deletes the binding before its template and leaves an empty stack",
    async () => {
      expectOk(await f.run("up", spec, withKey));
      const run = await f.run("destroy");
      expectOk(run);
      expect(run.result.steps.map((s) => `${s.op} ${s.name}`)).toEqual(["delete b1", "delete hooks"]);
      expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
      expect(readCheckpoint(f.stateFile)).toMatchObject({ resources: [], stackOutputs: {} });
    },
    TIMEOUT,
  );
});
