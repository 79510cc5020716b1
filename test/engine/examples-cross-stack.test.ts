/**
 * examples/cross-stack as a user runs it: the platform stack creates the shared templates,
 * the app stack binds its domains to them through a StackReference and reads one with
 * CallbackTemplate.get. Destroying the app stack leaves the platform's templates alone.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runPulumi } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, type StackFixture } from "../../harness/stack-fixture";

const TIMEOUT = 180_000;
const EXAMPLES = join(__dirname, "..", "..", "examples", "cross-stack");
const PLATFORM_STACK = "organization/tencent-css-platform/dev";

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => f.close());

describe("examples/cross-stack", () => {
  it(
    "shares the platform's templates with the app stack, which never changes or deletes them",
    async () => {
      const platformState = join(f.dir, "platform.json");
      const appState = join(f.dir, "app.json");
      const platform = await runPulumi("up", {
        programDir: join(EXAMPLES, "platform"),
        stateFile: platformState,
        secretConfig: { callbackKey: "platformKey1" },
        env: f.env,
      });
      expectOk(platform);
      const templates = f.emulator.state().templates;
      expect(templates.map((t) => t.TemplateName).sort()).toEqual(["shared_recordings", "shared_streams"]);
      const streams = templates.find((t) => t.TemplateName === "shared_streams")!;
      const recordings = templates.find((t) => t.TemplateName === "shared_recordings")!;

      const app = (command: "up" | "destroy") =>
        runPulumi(command, { programDir: join(EXAMPLES, "app"), stateFile: appState, stackRefs: { [PLATFORM_STACK]: platformState }, env: f.env });
      const up = await app("up");
      expectOk(up);
      expect(up.result.stackOutputs).toMatchObject({
        streamsTemplateName: "shared_streams",
        streamBeginUrl: "https://hooks.platform.example.com/start",
      });
      expect(f.emulator.state().rules.map((r) => `${r.DomainName}/${r.AppName}->${r.TemplateId}`).sort()).toEqual([
        `app-push.example.com/archive->${recordings.TemplateId}`,
        `app-push.example.com/live->${streams.TemplateId}`,
      ]);

      const destroy = await app("destroy");
      expectOk(destroy);
      expect(f.emulator.state().rules).toEqual([]);
      expect(f.emulator.state().templates).toHaveLength(2);
    },
    TIMEOUT,
  );
});
