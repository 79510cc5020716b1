/**
 * The delete guard seen from `pulumi up`: a template that a rule made outside the stack
 * still uses is not deleted, the failure names the rule, and the stack keeps the template.
 * The provider's own check refuses before any delete is sent, so the guard does not rest
 * on the service refusing (its fallback for a binding made after the check is in
 * test/provider/delete-guard-race.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { startStackFixture, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;

const spec: StackSpec = {
  templates: { hooks: { templateName: "prod_hooks", streamBeginNotifyUrl: "https://hooks.example.com/live/start" } },
};

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("delete guard", () => {
  it(
    "refuses to delete a template still bound outside the stack, naming the binding, without sending the delete, until it is unbound",
    async () => {
      const created = await f.run("up", spec);
      expect(created.code).toBe(0);
      const templateId = f.emulator.state().templates[0]!.TemplateId;
      await f.client.createRule({ DomainName: "outside.example.com", AppName: "live", TemplateId: templateId });
      f.emulator.resetRequestCounts();

      const refused = await f.run("up", { templates: {} });
      expect(refused.code).toBe(1);
      expect(refused.result.ok).toBe(false);
      expect(refused.result.errors).toHaveLength(1);
      expect(refused.result.errors[0]).toMatchObject({ name: "hooks", op: "delete" });
      expect(refused.result.errors[0]!.message).toContain("outside.example.com/live");
      expect(refused.stdout).toContain("outside.example.com/live");
      expect(f.emulator.requestCounts().DescribeLiveCallbackRules?.received).toBeGreaterThan(0);
      expect(f.emulator.requestCounts()).not.toHaveProperty("DeleteLiveCallbackTemplate");
      expect(f.emulator.state().templates.map((t) => t.TemplateId)).toEqual([templateId]);
      const kept = readCheckpoint(f.stateFile)!.resources.find((r) => r.name === "hooks");
      expect(kept?.id).toBe(String(templateId));

      await f.client.deleteRule({ DomainName: "outside.example.com", AppName: "live" });
      const removed = await f.run("up", { templates: {} });
      expect(removed.result.errors).toEqual([]);
      expect(removed.code).toBe(0);
      expect(removed.result.steps.map((s) => `${s.op} ${s.name}`)).toEqual(["delete hooks"]);
      expect(f.emulator.state().templates).toEqual([]);
      expect(readCheckpoint(f.stateFile)!.resources.filter((r) => r.custom)).toEqual([]);
    },
    TIMEOUT,
  );
});
