/**
 * The soak's checks catch what they claim to: each case starts from a consistent
 * cloud + checkpoint + desired stack and breaks one thing.
 */
import { describe, expect, it } from "vitest";
import type { EmulatorState } from "../../emulator";
import type { StackSpec } from "../engine/stack-fixture";
import type { Checkpoint, ResourceState } from "../harness";
import { SECRET_SIG, SIG_KEY } from "../harness/properties";
import { faultPlan, sequentialRates } from "./soak/fault-plan";
import { checkInvariants, desiredTemplate, type InvariantInput } from "./soak/invariants";
import { initialSpec, modifiedSpec } from "./soak/stack-plan";

const KEY = "key123";
const desired: StackSpec = {
  templates: { t0: { templateName: "soak_t0", streamBeginNotifyUrl: "https://h.example.com/0", withCallbackKey: true } },
  bindings: { b0: { domainName: "d0.example.com", template: "t0" } },
};

function consistent(): InvariantInput {
  const template = { TemplateId: 10001, ...desiredTemplate(desired.templates!.t0!, KEY) } as unknown as EmulatorState["templates"][number];
  const rule = { DomainName: "d0.example.com", AppName: "live", TemplateId: 10001, CreateTime: "", UpdateTime: "" };
  const resource = (name: string, type: string, id: string, outputs: ResourceState["outputs"]): ResourceState => ({
    urn: `urn:pulumi:dev::callbacks::${type}::${name}`,
    type,
    name,
    custom: true,
    id,
    inputs: {},
    outputs,
    dependencies: [],
    propertyDependencies: {},
  });
  const checkpoint: Checkpoint = {
    version: 1,
    project: "callbacks",
    stack: "dev",
    stackOutputs: {},
    resources: [
      resource("t0", "pulumi-nodejs:dynamic/tencent-css:CallbackTemplate", "10001", {
        templateName: "soak_t0",
        streamBeginNotifyUrl: "https://h.example.com/0",
        callbackKey: { [SIG_KEY]: SECRET_SIG, value: KEY },
        templateId: 10001,
      }),
      resource("b0", "pulumi-nodejs:dynamic/tencent-css:DomainBinding", "d0.example.com/live", {
        domainName: "d0.example.com",
        appName: "live",
        templateId: 10001,
      }),
    ],
  };
  return { cloud: { nextTemplateId: 10002, templates: [template], rules: [rule] }, checkpoint, desired, callbackKey: KEY, untouched: [] };
}

const checks = (input: InvariantInput) => checkInvariants(input).map((f) => `${f.strength} ${f.check}`);

describe("the soak's invariants", () => {
  it("find nothing wrong in a consistent state", () => {
    expect(checkInvariants(consistent())).toEqual([]);
  });

  it("catch a duplicate template and the leak it is", () => {
    const input = consistent();
    const copy = { ...input.cloud.templates[0]!, TemplateId: 10002 };
    expect(checks({ ...input, cloud: { ...input.cloud, templates: [...input.cloud.templates, copy] } })).toEqual([
      "safety duplicate-template",
      "safety orphan-template",
    ]);
  });

  it("catch a rule nobody wants, and one the checkpoint has not recorded yet", () => {
    const input = consistent();
    const stray = { ...input.cloud.rules[0]!, DomainName: "stray.example.com" };
    expect(checks({ ...input, cloud: { ...input.cloud, rules: [...input.cloud.rules, stray] } })).toEqual(["safety orphan-rule"]);
    const unrecorded = { ...input, checkpoint: { ...(input.checkpoint as Checkpoint), resources: (input.checkpoint as Checkpoint).resources.slice(0, 1) } };
    expect(checks(unrecorded)).toEqual(["convergence rule-not-in-checkpoint", "convergence checkpoint-missing"]);
  });

  it("count a lost binding as safety only when the step did not touch it", () => {
    const input = { ...consistent() };
    const lost = { ...input, cloud: { ...input.cloud, rules: [] } };
    expect(checks(lost)).toEqual(["convergence binding-lost", "convergence checkpoint-stale"]);
    expect(checks({ ...lost, untouched: ["b0"] })).toEqual(["safety binding-lost", "convergence checkpoint-stale"]);
  });

  it("catch a cloud template that differs from the program, and a checkpoint that differs from the cloud", () => {
    const input = consistent();
    const changed = { ...input.cloud.templates[0]!, CallbackKey: "other" };
    expect(checks({ ...input, cloud: { ...input.cloud, templates: [changed] } })).toEqual([
      "convergence template-differs",
      "convergence checkpoint-stale",
    ]);
  });

  it("catch a checkpoint that cannot be read", () => {
    expect(checks({ ...consistent(), checkpoint: new Error("incorrect passphrase") })).toContain("safety checkpoint-invalid");
  });
});

describe("the soak's plans", () => {
  it("spread the fault rate so each fault hits its share exactly", () => {
    const rates = sequentialRates([0.05, 0.05, 0.1]);
    const untouched = rates.reduce((left, rate) => left * (1 - rate), 1);
    expect(1 - untouched).toBeCloseTo(0.2, 10);
    const plan = faultPlan({ rate: 0.3, delayMs: 3500 }).filter((f) => f.action === "DescribeLiveCallbackRules");
    const hit = 1 - plan.reduce((left, f) => left * (1 - (f.spec.rate ?? 1)), 1);
    expect(hit).toBeCloseTo(0.3, 10);
    expect(new Set(plan.map((f) => f.kind))).toEqual(new Set(["throttle", "internal-error", "http-5xx", "reset", "timeout", "after-commit"]));
  });

  it("change, re-point, remove and add in the modified stack", () => {
    const size = { templates: 50, bindings: 500 };
    const before = initialSpec(size);
    const { spec: after, modification } = modifiedSpec(size);
    expect(Object.keys(before.templates!)).toHaveLength(50);
    expect(Object.keys(before.bindings!)).toHaveLength(500);
    expect(after.templates!.t49).toBeUndefined();
    expect(Object.values(after.bindings!).some((b) => b.template === "t49")).toBe(false);
    expect(modification).toMatchObject({ templatesRemoved: 1, templatesAdded: 5, bindingsAdded: 50 });
    expect(modification.urlsChanged).toBeGreaterThan(0);
    expect(modification.repointed).toBeGreaterThan(0);
    expect(Object.keys(after.bindings!)).toHaveLength(500 - modification.bindingsRemoved + modification.bindingsAdded);
  });
});
