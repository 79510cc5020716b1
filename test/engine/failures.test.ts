/**
 * Failures as the engine reports them: input problems at preview, a failed create
 * leaving a consistent checkpoint behind.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { startStackFixture, type StackFixture } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("failures", () => {
  it(
    "rejects an invalid callback URL at preview, naming the property",
    async () => {
      const run = await f.run("preview", { templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "ftp://hooks.example.com" } } });
      expect(run.code).toBe(1);
      expect(run.result.errors).toEqual([
        // The engine's own wording (GetResourcePropertyInvalidValueError), value included.
        expect.objectContaining({
          name: "hooks",
          message: expect.stringContaining("resource 'hooks': property streamBeginNotifyUrl value {ftp://hooks.example.com} has a problem"),
        }),
      ]);
      expect(f.requestCount()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "keeps what succeeded when a binding cannot be created, and finishes once the conflict is adopted",
    async () => {
      const other = await f.client.createTemplate({ TemplateName: "console_made", StreamBeginNotifyUrl: "https://console.example.com/start" });
      await f.client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: other });
      const spec = {
        templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } },
        bindings: { b1: { domainName: "push.example.com", template: "hooks" } },
      };

      const failed = await f.run("up", spec);
      expect(failed.code).toBe(1);
      expect(failed.result.errors).toEqual([
        expect.objectContaining({ name: "b1", op: "create", message: expect.stringContaining("Set adopt: true") }),
      ]);
      const afterFailure = readCheckpoint(f.stateFile)!.resources.filter((r) => r.custom).map((r) => r.name);
      expect(afterFailure).toEqual(["hooks"]);

      const adopted = await f.run("up", { ...spec, bindings: { b1: { ...spec.bindings.b1, adopt: true } } });
      expect(adopted.result.errors, adopted.stdout + adopted.stderr).toEqual([]);
      expect(adopted.result.steps.map((s) => `${s.op} ${s.name}`).sort()).toEqual(["create b1", "same hooks"]);
      const hooksId = f.emulator.state().templates.find((t) => t.TemplateName === "hooks")!.TemplateId;
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.TemplateId])).toEqual([["push.example.com", hooksId]]);
    },
    TIMEOUT,
  );
});
