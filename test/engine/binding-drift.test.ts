/**
 * Rules changed outside the stack: `pulumi refresh` shows a re-pointed rule as
 * `templateId` drift and drops a deleted one; the next `pulumi up` restores the program.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, stepSummary, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;

const spec: StackSpec = {
  templates: {
    hooks: { templateName: "prod_hooks", streamBeginNotifyUrl: "https://hooks.example.com/live/start" },
    other: { templateName: "other_hooks", streamBeginNotifyUrl: "https://hooks.example.com/other/start" },
  },
  bindings: { b1: { domainName: "push.example.com", template: "hooks" } },
};


function templateId(f: StackFixture, name: string): number {
  return f.emulator.state().templates.find((t) => t.TemplateName === name)!.TemplateId;
}

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("refresh of bindings changed outside the stack", () => {
  it(
    "shows a rule re-pointed in the console as templateId drift, and the next up points it back",
    async () => {
      expectOk(await f.run("up", spec));
      const hooksId = templateId(f, "prod_hooks");
      const otherId = templateId(f, "other_hooks");
      await f.client.deleteRule({ DomainName: "push.example.com", AppName: "live" });
      await f.client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: otherId });

      const refresh = await f.run("refresh");
      expectOk(refresh);
      const drift = Object.fromEntries(refresh.result.steps.map((s) => [s.name, s.diffs]));
      expect(drift).toEqual({ hooks: [], other: [], b1: ["~templateId"] });
      expect(refresh.stdout).toContain("~  tencent-css:DomainBinding b1 drifted [drift: ~templateId]");
      const stored = readCheckpoint(f.stateFile)!.resources.find((r) => r.name === "b1")!;
      expect(stored.outputs.templateId).toBe(otherId);
      expect(stored.id).toBe("push.example.com/live");

      const up = await f.run("up", spec);
      expectOk(up);
      expect(stepSummary(up)).toEqual(["same hooks", "same other", "update b1"].sort());
      expect(up.result.steps.find((s) => s.name === "b1")!.diffs).toEqual(["~templateId"]);
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.TemplateId])).toEqual([["push.example.com", hooksId]]);
    },
    TIMEOUT,
  );

  it(
    "drops a binding whose rule was deleted in the console, and the next up creates it again",
    async () => {
      expectOk(await f.run("up", spec));
      await f.client.deleteRule({ DomainName: "push.example.com", AppName: "live" });

      const refresh = await f.run("refresh");
      expectOk(refresh);
      expect(refresh.result.steps.find((s) => s.name === "b1")).toMatchObject({ op: "refresh", gone: true });
      expect(refresh.stdout).toContain("-  tencent-css:DomainBinding b1 gone (dropped from the stack)");
      expect(readCheckpoint(f.stateFile)!.resources.filter((r) => r.custom).map((r) => r.name).sort()).toEqual(["hooks", "other"]);

      const up = await f.run("up", spec);
      expectOk(up);
      expect(stepSummary(up)).toEqual(["create b1", "same hooks", "same other"]);
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.AppName, r.TemplateId])).toEqual([
        ["push.example.com", "live", templateId(f, "prod_hooks")],
      ]);
    },
    TIMEOUT,
  );
});
