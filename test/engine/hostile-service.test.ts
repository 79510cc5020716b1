/**
 * A hostile service as `pulumi up` meets it, through the real dynamic-provider process:
 * a 40 MiB answer is refused and retried without taking the process down, a body
 * trickled byte by byte ends at the deadline as a clear error on the resource that
 * needed it, and a rerun converges.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint, runPulumi } from "../../harness";
import { CALLBACKS_PROGRAM, startStackFixture, stepSummary, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

const spec: StackSpec = {
  templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start", withCallbackKey: true } },
  bindings: { b1: { domainName: "push.example.com", template: "hooks" } },
};

function up() {
  return runPulumi("up", {
    programDir: CALLBACKS_PROGRAM,
    stateFile: f.stateFile,
    config: { spec: JSON.stringify(spec) },
    secretConfig: { callbackKey: "engineKey0123" },
    // Timeouts of 400 ms: a whole-request deadline of 1,200 ms per attempt (3 attempts).
    env: { ...f.env, TENCENT_CSS_TIMEOUT_MS: "400" },
  });
}

describe("a hostile service", () => {
  it(
    "shows a trickled answer as a clear error on the binding, keeps the template, and a rerun finishes",
    async () => {
      // Every attempt of the rule create trickles (a byte per 100 ms, never a pause the
      // 400 ms body timeout would catch); the first rule list is 40 MiB.
      f.emulator.faults.add("DescribeLiveCallbackRules=huge,count=1");
      f.emulator.faults.add("CreateLiveCallbackRule=slowloris:100,count=3");

      const failed = await up();
      expect(failed.code).toBe(1);
      expect(failed.result.errors).toEqual([
        expect.objectContaining({
          name: "b1",
          op: "create",
          message: expect.stringMatching(
            /creating DomainBinding push\.example\.com\/live: CreateLiveCallbackRule got no complete answer from the Live API at http:\/\/127\.0\.0\.1:\d+: the answer's body did not finish within the whole-request deadline of 1200 ms/,
          ),
        }),
      ]);
      expect(f.emulator.faults.injected()).toEqual({ DescribeLiveCallbackRules: { huge: 1 }, CreateLiveCallbackRule: { slowloris: 3 } });
      // The process lived through both: the template was created in the same run.
      expect(readCheckpoint(f.stateFile)!.resources.filter((r) => r.custom).map((r) => r.name)).toEqual(["hooks"]);
      const printed = failed.stdout + failed.stderr;
      for (const secret of [f.emulator.credentials.secretId, f.emulator.credentials.secretKey, "engineKey0123"]) expect(printed).not.toContain(secret);

      const rerun = await up();
      expect(rerun.result.errors, rerun.stdout + rerun.stderr).toEqual([]);
      expect(stepSummary(rerun)).toEqual(["create b1", "same hooks"]);
      const hooks = f.emulator.state().templates.find((t) => t.TemplateName === "hooks")!;
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.TemplateId])).toEqual([["push.example.com", hooks.TemplateId]]);
    },
    TIMEOUT,
  );
});
