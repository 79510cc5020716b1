/**
 * The soak's checks catch what they claim to: each case starts from a consistent
 * cloud + checkpoint + desired stack and breaks one thing.
 */
import { describe, expect, it } from "vitest";
import type { EmulatorState } from "../../emulator";
import type { StackSpec } from "../../harness/stack-fixture";
import type { Checkpoint, ResourceState } from "../../harness";
import { SECRET_SIG, SIG_KEY } from "../../harness/properties";
import { faultPlan, sequentialRates } from "../../soak/fault-plan";
import { checkInvariants, desiredTemplate, type InvariantInput } from "../../soak/invariants";
import { soakFailures, type SoakResult } from "../../soak/run-soak";
import { initialSpec, modifiedSpec } from "../../soak/stack-plan";

const KEY = "key123";
const desired: StackSpec = {
  templates: { t0: { templateName: "soak_t0", streamBeginNotifyUrl: "https://h.example.com/0", withCallbackKey: true } },
  bindings: { b0: { domainName: "d0.example.com", template: "t0" } },
};

const TEMPLATE = "pulumi-nodejs:dynamic/tencent-css:CallbackTemplate";
const BINDING = "pulumi-nodejs:dynamic/tencent-css:DomainBinding";
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
const rule = (domain: string, templateId: number) => ({ DomainName: domain, AppName: "live", TemplateId: templateId, CreateTime: "", UpdateTime: "" });

function consistent(): InvariantInput {
  const template = { TemplateId: 10001, ...desiredTemplate(desired.templates!.t0!, KEY) } as unknown as EmulatorState["templates"][number];
  const checkpoint: Checkpoint = {
    version: 1,
    project: "callbacks",
    stack: "dev",
    stackOutputs: {},
    resources: [
      resource("t0", TEMPLATE, "10001", {
        templateName: "soak_t0",
        streamBeginNotifyUrl: "https://h.example.com/0",
        callbackKey: { [SIG_KEY]: SECRET_SIG, value: KEY },
        templateId: 10001,
      }),
      resource("b0", BINDING, "d0.example.com/live", {
        domainName: "d0.example.com",
        appName: "live",
        templateId: 10001,
      }),
    ],
  };
  return { cloud: { nextTemplateId: 10002, templates: [template], rules: [rule("d0.example.com", 10001)] }, checkpoint, desired, callbackKey: KEY, untouched: [] };
}

/** `input` with `change` applied to a copy of its checkpoint. */
function withCheckpoint(input: InvariantInput, change: (checkpoint: Checkpoint) => void): InvariantInput {
  const checkpoint = structuredClone(input.checkpoint as Checkpoint);
  change(checkpoint);
  return { ...input, checkpoint };
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

  it("catch a binding whose rule points at another template, as safety when the step did not touch it", () => {
    const input = consistent();
    const repointed = { ...input, cloud: { ...input.cloud, rules: [rule("d0.example.com", 10009)] } };
    expect(checks(repointed)).toEqual(["convergence binding-wrong-template", "convergence checkpoint-stale"]);
    expect(checks({ ...repointed, untouched: ["b0"] })).toEqual(["safety binding-wrong-template", "convergence checkpoint-stale"]);
    expect(checkInvariants(repointed)[0]!.detail).toBe("b0 (d0.example.com/live) points at 10009, not 10001");
  });

  it("catch a template of the program that is not in the cloud", () => {
    const input = consistent();
    expect(checks({ ...input, cloud: { ...input.cloud, templates: [] } })).toEqual(["convergence template-missing", "convergence checkpoint-stale"]);
  });

  it("catch a template the checkpoint knows but the program no longer wants", () => {
    const input = consistent();
    const old = { ...input.cloud.templates[0]!, TemplateId: 10002, TemplateName: "soak_old" };
    const planted = withCheckpoint({ ...input, cloud: { ...input.cloud, templates: [...input.cloud.templates, old] } }, (c) =>
      c.resources.push(resource("old", TEMPLATE, "10002", { ...c.resources[0]!.outputs, templateName: "soak_old", templateId: 10002 })),
    );
    expect(checks(planted)).toEqual(["convergence unwanted-template", "convergence checkpoint-extra"]);
  });

  it("catch a rule the checkpoint knows but the program no longer wants", () => {
    const input = consistent();
    const planted = withCheckpoint({ ...input, cloud: { ...input.cloud, rules: [...input.cloud.rules, rule("old.example.com", 10001)] } }, (c) =>
      c.resources.push(resource("old", BINDING, "old.example.com/live", { domainName: "old.example.com", appName: "live", templateId: 10001 })),
    );
    expect(checks(planted)).toEqual(["convergence unwanted-rule", "convergence checkpoint-extra"]);
  });

  it("catch a checkpoint resource the program does not declare", () => {
    const planted = withCheckpoint(consistent(), (c) => c.resources.push({ ...c.resources[1]!, name: "b9", urn: c.resources[1]!.urn.replace(/b0$/, "b9") }));
    expect(checks(planted)).toEqual(["convergence checkpoint-extra"]);
  });

  it("catch the old half of a replacement still waiting in the checkpoint", () => {
    const planted = withCheckpoint(consistent(), (c) => c.resources.push({ ...c.resources[1]!, pendingDelete: true }));
    expect(checks(planted)).toEqual(["convergence checkpoint-pending-delete"]);
  });

  it("compare the cloud with the program through their own property → field table", () => {
    // Two fields swapped in the cloud (as a product with a swapped field table would write
    // them) must be a difference, whatever table the product uses.
    const spec = { templateName: "soak_t0", recordNotifyUrl: "https://h.example.com/file", recordExceptionNotifyUrl: "https://h.example.com/exception" };
    const want = desiredTemplate(spec, KEY);
    expect(want).toMatchObject({ RecordNotifyUrl: "https://h.example.com/file", RecordExceptionNotifyUrl: "https://h.example.com/exception" });
    const input = consistent();
    const swapped = { ...input.cloud.templates[0]!, ...want, RecordNotifyUrl: want.RecordExceptionNotifyUrl, RecordExceptionNotifyUrl: want.RecordNotifyUrl };
    const findings = checkInvariants({
      ...input,
      desired: { templates: { t0: spec }, bindings: input.desired.bindings },
      cloud: { ...input.cloud, templates: [swapped as EmulatorState["templates"][number]] },
    });
    expect(findings.find((f) => f.check === "template-differs")?.detail).toBe("t0 (10001) differs in RecordNotifyUrl, RecordExceptionNotifyUrl");
  });
});

describe("the soak's secrecy check", () => {
  it("finds a callback key stored in plain text in the checkpoint", () => {
    const planted = withCheckpoint(consistent(), (c) => (c.resources[0]!.outputs.callbackKey = KEY));
    expect(checkInvariants(planted)).toEqual([
      { check: "plain-secret", strength: "safety", detail: "t0.outputs.callbackKey holds the callbackKey in plain text" },
    ]);
    const inInputs = withCheckpoint(consistent(), (c) => (c.resources[0]!.inputs.callbackKey = KEY));
    expect(checks(inInputs)).toEqual(["safety plain-secret"]);
  });

  it("finds a callback key without the secret marker even when it is not the current one", () => {
    const planted = withCheckpoint(consistent(), (c) => (c.resources[0]!.inputs.callbackKey = "rotatedAway1"));
    expect(checkInvariants(planted)).toEqual([
      { check: "plain-secret", strength: "safety", detail: "t0.inputs.callbackKey is a callback key stored without the secret marker" },
    ]);
  });

  it("finds a secret in any raw text: the checkpoint file, stdout, stderr", () => {
    const input = { ...consistent(), secrets: { secretKey: "s3cretKeyValue" } };
    expect(checkInvariants({ ...input, texts: [{ where: "up stdout", text: "all good" }] })).toEqual([]);
    const findings = checkInvariants({
      ...input,
      texts: [
        { where: "checkpoint file after up", text: `{"callbackKey":"${KEY}"}` },
        { where: "up stderr", text: "signing with s3cretKeyValue" },
      ],
    });
    expect(findings.map((f) => `${f.strength} ${f.check}: ${f.detail}`)).toEqual([
      "safety plain-secret: checkpoint file after up contains the callbackKey",
      "safety plain-secret: up stderr contains the secretKey",
    ]);
  });
});

describe("the soak's verdict", () => {
  const passed = {
    violations: [],
    steps: [{ step: "up", ok: true, attempts: 1 }],
    faultsInjected: 3,
    reruns: 0,
  } as unknown as SoakResult;

  it("passes a soak with faults, no violation and no rerun, whatever is required", () => {
    expect(soakFailures(passed)).toEqual([]);
    expect(soakFailures(passed, { requireFaults: true, maxReruns: 0 })).toEqual([]);
  });

  it("fails on a violation or a step that never succeeded", () => {
    const violation = { check: "plain-secret", detail: "x", strength: "safety" as const };
    expect(soakFailures({ ...passed, violations: [violation] })).toEqual(["1 violation(s)"]);
    expect(soakFailures({ ...passed, steps: [{ ...passed.steps[0]!, ok: false, attempts: 6 }] })).toEqual(["step up did not succeed after 6 attempt(s)"]);
  });

  it("fails a soak that injected no fault only with --require-faults", () => {
    const quiet = { ...passed, faultsInjected: 0 };
    expect(soakFailures(quiet)).toEqual([]);
    expect(soakFailures(quiet, { requireFaults: true })).toEqual(["no fault was injected (--require-faults)"]);
  });

  it("fails a soak that needed more reruns than --max-reruns allows", () => {
    const rerun = { ...passed, reruns: 1 };
    expect(soakFailures(rerun)).toEqual([]);
    expect(soakFailures(rerun, { maxReruns: 1 })).toEqual([]);
    expect(soakFailures(rerun, { maxReruns: 0 })).toEqual(["1 rerun(s), more than --max-reruns 0"]);
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
    expect(new Set(plan.map((f) => f.kind))).toEqual(
      new Set([
        ...["throttle", "internal-error", "http-5xx", "reset", "timeout", "after-commit"],
        ...["non-json", "html", "truncated", "huge", "unknown-fields", "missing-fields", "slowloris"],
      ]),
    );
  });

  it("inject the kinds they are given, each as the emulator's fault of that kind, before and after the commit", () => {
    const plan = faultPlan({ rate: 0.1, delayMs: 3500, kinds: ["wrong-request-id", "slowloris"], trickleMs: 40 }).filter(
      (f) => f.action === "DeleteLiveCallbackRule",
    );
    expect(plan.map((f) => [f.variant, f.spec])).toEqual([
      ["wrong-request-id", { action: "DeleteLiveCallbackRule", kind: "wrong-request-id", rate: expect.any(Number) }],
      ["wrong-request-id:after-commit", { action: "DeleteLiveCallbackRule", kind: "wrong-request-id", afterCommit: true, rate: expect.any(Number) }],
      ["slowloris", { action: "DeleteLiveCallbackRule", kind: "slowloris", ms: 40, rate: expect.any(Number) }],
      ["slowloris:after-commit", { action: "DeleteLiveCallbackRule", kind: "slowloris", ms: 40, afterCommit: true, rate: expect.any(Number) }],
    ]);
    expect(1 - plan.reduce((left, f) => left * (1 - f.spec.rate!), 1)).toBeCloseTo(0.1, 10);
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
