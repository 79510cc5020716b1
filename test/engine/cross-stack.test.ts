/**
 * Using a template another stack owns: StackReference for its id, `CallbackTemplate.get`
 * (a Read through the provider) for its settings. The reading stack never changes or
 * deletes what it only read.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint, runPulumi } from "../../harness";
import { CONSUMER_PROGRAM, startStackFixture, type StackFixture } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;
const PRODUCER = "organization/callbacks/dev";

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("cross-stack use of a template", () => {
  it(
    "binds a domain to another stack's template read by id, keeps its key secret, and leaves it alone on destroy",
    async () => {
      const producer = await f.run(
        "up",
        { templates: { hooks: { templateName: "shared_hooks", streamBeginNotifyUrl: "https://hooks.example.com/start", withCallbackKey: true } } },
        { secretConfig: { callbackKey: "sharedKey123" } },
      );
      expect(producer.code).toBe(0);
      const templateId = f.emulator.state().templates[0]!.TemplateId;

      const consumerState = join(f.dir, "consumer.checkpoint.json");
      const consumer = (command: "up" | "destroy") =>
        runPulumi(command, {
          programDir: CONSUMER_PROGRAM,
          stateFile: consumerState,
          config: { producerStack: PRODUCER, domainName: "consumer.example.com" },
          stackRefs: { [PRODUCER]: f.stateFile },
          env: f.env,
        });

      const up = await consumer("up");
      expect(up.result.errors, up.stdout + up.stderr).toEqual([]);
      expect(up.result.steps.map((s) => `${s.op} ${s.name}`).sort()).toEqual(["create consumer", `read ${PRODUCER}`, "read shared"]);
      expect(up.result.stackOutputs).toEqual({
        sharedTemplateName: "shared_hooks",
        sharedCallbackKey: "[secret]",
        // A StackReference output that holds a secret is secret as a whole, as in Pulumi.
        producerKeys: "[secret]",
        bindingId: "consumer.example.com/live",
      });
      expect(up.stdout).not.toContain("sharedKey123");
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.TemplateId])).toEqual([["consumer.example.com", templateId]]);
      const shared = readCheckpoint(consumerState)!.resources.find((r) => r.name === "shared")!;
      expect(shared).toMatchObject({ external: true, id: String(templateId) });

      const destroy = await consumer("destroy");
      expect(destroy.code).toBe(0);
      // The engine shows the read as discarded: nothing is deleted, the state forgets it.
      expect(destroy.result.steps.map((s) => `${s.op} ${s.name}`)).toEqual(["delete consumer", "discard shared"]);
      expect(f.emulator.state().templates.map((t) => t.TemplateId)).toEqual([templateId]);
      expect(f.emulator.state().rules).toEqual([]);
    },
    TIMEOUT,
  );
});
