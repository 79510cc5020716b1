/**
 * Adoption, the stand-in for `pulumi import` (which cannot work for dynamic providers):
 * examples/adopt takes over a template and a rule made in the console.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, stepSummary, type StackFixture } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;
const ADOPT_PROGRAM = join(__dirname, "..", "..", "examples", "adopt");


let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("adopting console-made resources", () => {
  it(
    "reconciles the adopted template to the program, re-points nothing, and a second up changes nothing",
    async () => {
      // "In the console": the template to adopt, its rule, and an unrelated template and rule.
      const legacyId = await f.client.createTemplate({
        TemplateName: "console_hooks",
        StreamBeginNotifyUrl: "https://console.example.com/start",
        SnapshotNotifyUrl: "https://console.example.com/snapshot",
      });
      await f.client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: legacyId });
      const otherId = await f.client.createTemplate({ TemplateName: "console_other", StreamEndNotifyUrl: "https://console.example.com/end" });
      await f.client.createRule({ DomainName: "other.example.com", AppName: "live", TemplateId: otherId });
      const before = f.emulator.state();
      f.emulator.resetRequestCounts();
      const run = (command: "up" | "destroy") =>
        f.run(command, undefined, { programDir: ADOPT_PROGRAM, config: { legacyTemplateId: String(legacyId), legacyDomain: "push.example.com" } });

      const adopted = await run("up");
      expectOk(adopted);
      expect(stepSummary(adopted)).toEqual(["create legacy", "create legacy-push"]);
      const after = f.emulator.state();
      expect(after.templates.map((t) => t.TemplateId)).toEqual([legacyId, otherId]);
      expect(after.templates[0]).toMatchObject({
        TemplateName: "legacy_hooks",
        Description: "adopted-from-the-console",
        StreamBeginNotifyUrl: "https://hooks.example.com/legacy/start",
        StreamEndNotifyUrl: "https://hooks.example.com/legacy/end",
        // Set only in the console: the program is the whole truth once adopted.
        SnapshotNotifyUrl: "",
      });
      expect(after.templates[1]).toEqual(before.templates[1]);
      expect(after.rules).toEqual(before.rules);
      const counts = f.emulator.requestCounts();
      expect(counts.ModifyLiveCallbackTemplate?.received).toBe(1);
      for (const action of ["CreateLiveCallbackTemplate", "DeleteLiveCallbackTemplate", "CreateLiveCallbackRule", "DeleteLiveCallbackRule"] as const) {
        expect(counts[action], action).toBeUndefined();
      }
      const ids = Object.fromEntries(readCheckpoint(f.stateFile)!.resources.filter((r) => r.custom).map((r) => [r.name, r.id]));
      expect(ids).toEqual({ legacy: String(legacyId), "legacy-push": "push.example.com/live" });

      f.emulator.resetRequestCounts();
      const again = await run("up");
      expectOk(again);
      expect(stepSummary(again)).toEqual(["same legacy", "same legacy-push"]);
      expect(f.writeCount()).toBe(0);

      // From then on they are the stack's: destroy deletes them, and only them.
      expectOk(await run("destroy"));
      expect(f.emulator.state().templates.map((t) => t.TemplateId)).toEqual([otherId]);
      expect(f.emulator.state().rules.map((r) => r.DomainName)).toEqual(["other.example.com"]);
    },
    TIMEOUT,
  );
});
