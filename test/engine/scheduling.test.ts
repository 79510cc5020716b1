/**
 * How much the harness does at once, as the engine: Check and Diff one resource at a
 * time (the step generator), at most `--parallel` provider operations at once (the step
 * executor), and deletes in waves, each wave finished before the next starts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deletionWaves } from "../../harness/delete-schedule";
import type { ResourceState } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

function templates(count: number, url: string): StackSpec["templates"] {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${i}`, { templateName: `tpl_${i}`, streamBeginNotifyUrl: url }]));
}

describe("concurrency", () => {
  it("runs Check and Diff one at a time and at most --parallel creates, updates and deletes at once", async () => {
    const created = await f.run("up", { templates: templates(8, "https://hooks.example.com/a") }, { parallel: 2 });
    expectOk(created);
    const updated = await f.run("up", { templates: templates(8, "https://hooks.example.com/b") }, { parallel: 2 });
    expectOk(updated);
    const destroyed = await f.run("destroy", undefined, { parallel: 2 });
    expectOk(destroyed);
    for (const run of [created, updated, destroyed]) {
      const peaks = run.result.stats!.peakConcurrentCalls!;
      for (const method of ["Check", "Diff"]) expect(peaks[method] ?? 0, method).toBeLessThanOrEqual(1);
      for (const method of ["Create", "Update", "Delete"]) expect(peaks[method] ?? 0, method).toBeLessThanOrEqual(2);
    }
    expect(f.emulator.state().templates).toEqual([]);
  });
});

describe("delete waves", () => {
  const state = (name: string, dependencies: string[] = []): ResourceState => ({
    urn: `urn:${name}`,
    type: "pulumi-nodejs:dynamic/tencent-css:X",
    name,
    custom: true,
    inputs: {},
    outputs: {},
    dependencies: dependencies.map((d) => `urn:${d}`),
    propertyDependencies: {},
  });

  it("puts a resource that needs nothing in the last wave, after the deepest chain of dependents", () => {
    const { order, waves } = deletionWaves([state("t1"), state("b1", ["t1"]), state("c1", ["b1"]), state("t2")]);
    expect(waves.map((wave) => wave.map((i) => order[i]!.name).sort())).toEqual([["c1"], ["b1"], ["t1", "t2"]]);
  });

  it("deletes an independent template only after the bindings of the other", async () => {
    const spec: StackSpec = {
      templates: templates(2, "https://hooks.example.com/a"),
      bindings: { b0: { domainName: "push0.example.com", template: "t0" }, b1: { domainName: "push1.example.com", template: "t0" } },
    };
    expectOk(await f.run("up", spec));
    const destroy = await f.run("destroy");
    expectOk(destroy);
    const order = destroy.result.steps.map((s) => s.name);
    expect(order.slice(0, 2).sort()).toEqual(["b0", "b1"]);
    expect(order.slice(2).sort()).toEqual(["t0", "t1"]);
  });
});
