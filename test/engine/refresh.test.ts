/**
 * `pulumi refresh`: Read through the real provider process, drift reported per property,
 * resources deleted outside the stack dropped from it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { saveCheckpoint } from "../../harness/checkpoint";
import { expectOk } from "./expect-ok";
import { planLine, startStackFixture, stepSummary, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;

const spec: StackSpec = {
  templates: {
    hooks: {
      templateName: "prod_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/live/start",
      streamEndNotifyUrl: "https://hooks.example.com/live/end",
    },
  },
};


let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("refresh", () => {
  it(
    "finds a URL changed in the console, stores it, and the next up puts the program's value back",
    async () => {
      expectOk(await f.run("up", spec));
      const templateId = f.emulator.state().templates[0]!.TemplateId;
      await f.client.modifyTemplate({ TemplateId: templateId, StreamEndNotifyUrl: "https://elsewhere.example.com/end" });

      const refresh = await f.run("refresh");
      expectOk(refresh);
      expect(refresh.result.steps).toEqual([expect.objectContaining({ op: "refresh", name: "hooks", diffs: ["~streamEndNotifyUrl"] })]);
      // Like the engine's RefreshStep: Read, then Diff of the refreshed state against the program's inputs.
      expect(refresh.result.providerCalls).toEqual({ Configure: 1, Read: 1, Diff: 1 });
      expect(refresh.stdout).toContain("Resources: 1 drifted");
      const stored = readCheckpoint(f.stateFile)!.resources.find((r) => r.name === "hooks")!;
      expect(stored.outputs.streamEndNotifyUrl).toBe("https://elsewhere.example.com/end");

      const preview = await f.run("preview", spec);
      expect(planLine(preview, "hooks")).toBe("~  tencent-css:CallbackTemplate hooks update [diff: ~streamEndNotifyUrl]");
      expectOk(await f.run("up", spec));
      expect(f.emulator.state().templates[0]!.StreamEndNotifyUrl).toBe("https://hooks.example.com/live/end");
    },
    TIMEOUT,
  );

  it(
    "reports no drift when nothing changed outside the stack",
    async () => {
      expectOk(await f.run("up", spec));
      const refresh = await f.run("refresh");
      expectOk(refresh);
      expect(refresh.result.steps).toEqual([expect.objectContaining({ op: "refresh", name: "hooks", diffs: [] })]);
      expect(f.writeCount()).toBe(1);
    },
    TIMEOUT,
  );

  it(
    "drops a template deleted outside the stack, and the next up creates it again",
    async () => {
      expectOk(await f.run("up", spec));
      const templateId = f.emulator.state().templates[0]!.TemplateId;
      await f.client.deleteTemplate(templateId);

      const refresh = await f.run("refresh");
      expectOk(refresh);
      expect(refresh.result.steps).toEqual([expect.objectContaining({ op: "refresh", name: "hooks", gone: true })]);
      expect(readCheckpoint(f.stateFile)!.resources.map((r) => r.name)).not.toContain("hooks");

      const up = await f.run("up", spec);
      expectOk(up);
      expect(stepSummary(up)).toEqual(["create hooks"]);
      expect(f.emulator.state().templates.map((t) => t.TemplateName)).toEqual(["prod_hooks"]);
    },
    TIMEOUT,
  );

  it(
    "reads pending deletes too, and drops one whose object is gone",
    async () => {
      expectOk(await f.run("up", spec));
      // The old half of a replacement whose delete never ran, its object since deleted in the console.
      const gone = await f.client.createTemplate({ TemplateName: "old_half", StreamBeginNotifyUrl: "https://hooks.example.com/old" });
      await f.client.deleteTemplate(gone);
      const state = readCheckpoint(f.stateFile)!;
      const hooks = state.resources.find((r) => r.name === "hooks")!;
      saveCheckpoint(f.stateFile, { ...state, resources: [...state.resources, { ...hooks, id: String(gone), pendingDelete: true }] });

      const refresh = await f.run("refresh");
      expectOk(refresh);
      expect(refresh.result.steps.map((s) => `${s.name} ${s.id} ${s.gone ? "gone" : "kept"}`).sort()).toEqual(
        [`hooks ${gone} gone`, `hooks ${hooks.id} kept`].sort(),
      );
      expect(readCheckpoint(f.stateFile)!.resources.filter((r) => r.pendingDelete)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "goes on reading after a read fails, even one at a time, and fails at the end",
    async () => {
      const twoOfEach: StackSpec = {
        templates: { ...spec.templates, other: { templateName: "other_hooks", streamBeginNotifyUrl: "https://hooks.example.com/other" } },
        bindings: { b1: { domainName: "push1.example.com", template: "hooks" }, b2: { domainName: "push2.example.com", template: "other" } },
      };
      expectOk(await f.run("up", twoOfEach));
      f.emulator.faults.add("DescribeLiveCallbackTemplates=error:AuthFailure.UnauthorizedOperation");

      const refresh = await f.run("refresh", undefined, { parallel: 1 });
      expect(refresh.code).toBe(1);
      expect(refresh.result.errors.map((e) => e.name).sort()).toEqual(["hooks", "other"]);
      expect(refresh.result.steps.map((s) => s.name).sort()).toEqual(["b1", "b2"]);
    },
    TIMEOUT,
  );
});
