/**
 * `Resource.get` of an object that does not exist, as the engine handles it: the
 * dynamic-provider host answers Read with an empty id, the engine's ReadStep does not fail
 * (it fails only on an answer with no properties at all), keeps the id the program asked
 * for, and gives the program whatever the provider answered. Checked with the real CLI in
 * test/cli/differential.test.ts (same program).
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, stepSummary, type StackFixture } from "../../harness/stack-fixture";

const EMPTY_READ = join(__dirname, "programs", "empty-read");

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("reading an id that does not exist", () => {
  it("succeeds with the asked-for id and no outputs, and destroy only discards it", async () => {
    const up = await f.run("up", undefined, { programDir: EMPTY_READ });
    expectOk(up);
    expect(stepSummary(up)).toEqual(["read missing"]);
    expect(up.result.stackOutputs).toEqual({ thingId: "no-such-id", thingLabel: "(none)" });
    expect(readCheckpoint(f.stateFile)!.resources.find((r) => r.name === "missing")).toMatchObject({ id: "no-such-id", external: true });

    const destroy = await f.run("destroy", undefined, { programDir: EMPTY_READ });
    expectOk(destroy);
    expect(stepSummary(destroy)).toEqual(["discard missing"]);
    expect(readCheckpoint(f.stateFile)!.resources.filter((r) => r.custom)).toEqual([]);
  });
});

describe("reads while pulumi:disable-default-providers turns the dynamic provider off", () => {
  it("fails the program with the engine's message and reads nothing", async () => {
    const up = await f.run("up", undefined, { programDir: EMPTY_READ, config: { "pulumi:disable-default-providers": '["pulumi-nodejs"]' } });
    expect(up.code).toBe(1);
    // A program error, not a resource's: the engine refuses the read request itself.
    expect(up.result.errors).toEqual([
      { message: "Default provider for 'pulumi-nodejs:dynamic:Resource' disabled. 'pulumi-nodejs:dynamic:Resource' must use an explicit provider." },
    ]);
    expect(up.result.providerCalls.Read).toBeUndefined();
  });
});
