/**
 * `--engine cli` reads the stack's state from `pulumi stack export --show-secrets`: the
 * soak's checks must see in it what they see in the harness's checkpoint, secrets
 * included. The exports here are shaped as v3.274.1 prints them (trimmed to the fields
 * the checks read).
 */
import { describe, expect, it } from "vitest";
import type { EmulatorState } from "../../emulator";
import type { StackSpec } from "../../harness/stack-fixture";
import { SECRET_SIG, SIG_KEY } from "../../harness/properties";
import type { ExportedDeployment } from "../../cli-driver/pulumi-cli";
import { checkpointFromExport, pendingOperationsOf } from "../../soak/exported-checkpoint";
import { checkInvariants, desiredTemplate, type InvariantInput } from "../../soak/invariants";

const KEY = "exportKey77";
const PREFIX = "urn:pulumi:soak::callbacks::";
const TEMPLATE = "pulumi-nodejs:dynamic/tencent-css:CallbackTemplate";
const BINDING = "pulumi-nodejs:dynamic/tencent-css:DomainBinding";
const PROVIDER = "pulumi:providers:pulumi-nodejs";
/** A secret as `--show-secrets` prints it: the value, JSON-encoded, under `plaintext`. */
const shown = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value) });
/** A secret as the state file and a plain export keep it. */
const encrypted = () => ({ [SIG_KEY]: SECRET_SIG, ciphertext: "v1:gT9kJ6T5ZvcrSB6b:+al4+MyemTYK3vvuy/pgIWqVn" });

const desired: StackSpec = {
  templates: { t0: { templateName: "soak_t0", streamBeginNotifyUrl: "https://h.example.com/0", withCallbackKey: true } },
  bindings: { b0: { domainName: "d0.example.com", template: "t0" } },
};

function exported(callbackKey: unknown = shown(KEY)): ExportedDeployment {
  const template = { templateName: "soak_t0", streamBeginNotifyUrl: "https://h.example.com/0", callbackKey };
  return {
    resources: [
      {
        urn: `${PREFIX}pulumi:pulumi:Stack::callbacks-soak`,
        type: "pulumi:pulumi:Stack",
        custom: false,
        outputs: { templateIds: { t0: 10001 }, callbackKeys: { t0: shown(KEY) } },
      },
      {
        urn: `${PREFIX}${PROVIDER}::default`,
        type: PROVIDER,
        custom: true,
        id: "48778337-0a07-4e6b-955c-a53a65d2d25f",
        inputs: { "callbacks:callbackKey": shown(KEY), "callbacks:spec": JSON.stringify(desired) },
      },
      {
        urn: `${PREFIX}${TEMPLATE}::t0`,
        type: TEMPLATE,
        custom: true,
        id: "10001",
        inputs: { __provider: "exports.handler = …", ...template },
        outputs: { __provider: "exports.handler = …", ...template, templateId: 10001 },
      },
      {
        urn: `${PREFIX}${BINDING}::b0`,
        type: BINDING,
        custom: true,
        id: "d0.example.com/live",
        inputs: { domainName: "d0.example.com", appName: "live", templateId: 10001 },
        outputs: { domainName: "d0.example.com", appName: "live", templateId: 10001 },
        dependencies: [`${PREFIX}${TEMPLATE}::t0`],
      },
    ],
  };
}

const cloud = (): EmulatorState => ({
  nextTemplateId: 10002,
  templates: [{ TemplateId: 10001, ...desiredTemplate(desired.templates!.t0!, KEY) } as unknown as EmulatorState["templates"][number]],
  rules: [{ DomainName: "d0.example.com", AppName: "live", TemplateId: 10001, CreateTime: "", UpdateTime: "" }],
});

const input = (deployment: ExportedDeployment): InvariantInput => ({
  cloud: cloud(),
  checkpoint: checkpointFromExport(deployment, "callbacks", "soak"),
  pendingOperations: pendingOperationsOf(deployment),
  desired,
  callbackKey: KEY,
  untouched: [],
});

describe("the real CLI's exported state, as the soak's checks read it", () => {
  it("holds the managed resources by name, the stack outputs, and the provider's config apart", () => {
    const checkpoint = checkpointFromExport(exported(), "callbacks", "soak");
    expect(checkpoint.resources.map((r) => `${r.name} ${r.id}`)).toEqual(["t0 10001", "b0 d0.example.com/live"]);
    expect(checkpoint.stackOutputs.callbackKeys).toEqual({ t0: { [SIG_KEY]: SECRET_SIG, value: KEY } });
    expect(checkpoint.providerConfig?.["callbacks:callbackKey"]).toEqual({ [SIG_KEY]: SECRET_SIG, value: KEY });
    expect(checkpoint.resources[1]!.dependencies).toEqual([`${PREFIX}${TEMPLATE}::t0`]);
  });

  it("passes a consistent stack whose callback key is a secret, comparing the key with the cloud", () => {
    expect(checkInvariants(input(exported()))).toEqual([]);
    const otherKey = checkInvariants(input(exported(shown("someOtherKey1")))).map((f) => `${f.check}: ${f.detail}`);
    expect(otherKey).toEqual(["checkpoint-stale: t0 (10001): checkpoint and cloud differ in CallbackKey"]);
  });

  it("finds a callback key the CLI keeps in plain text", () => {
    const findings = checkInvariants(input(exported(KEY)));
    expect(findings.map((f) => `${f.strength} ${f.check}: ${f.detail}`)).toEqual([
      "safety plain-secret: t0.inputs.callbackKey holds the callbackKey in plain text",
      "safety plain-secret: t0.outputs.callbackKey holds the callbackKey in plain text",
    ]);
  });

  it("finds a stack config secret the provider's state keeps in plain text", () => {
    const deployment = exported();
    const provider = deployment.resources!.find((r) => r.type === PROVIDER)!;
    (provider.inputs as Record<string, unknown>)["callbacks:callbackKey"] = KEY;
    expect(checkInvariants(input(deployment)).map((f) => `${f.check}: ${f.detail}`)).toEqual([
      "plain-secret: provider config.callbacks:callbackKey holds the callbackKey in plain text",
    ]);
  });

  it("does not take a still-encrypted key for the cloud's key", () => {
    const findings = checkInvariants(input(exported(encrypted())));
    expect(findings.map((f) => f.check)).toEqual(["checkpoint-stale"]);
  });

  it("counts a resource waiting to be deleted and an operation the CLI never saw end", () => {
    const deployment = exported();
    const resources = deployment.resources!.map((r) => (r.type === BINDING ? { ...r, delete: true } : r));
    const pending = { ...deployment, resources, pending_operations: [{ type: "creating", resource: { urn: `${PREFIX}${BINDING}::b1` } }] };
    expect(checkInvariants(input(pending)).map((f) => `${f.strength} ${f.check}: ${f.detail}`)).toEqual([
      `convergence checkpoint-pending-operation: creating ${PREFIX}${BINDING}::b1 never ended`,
      "convergence checkpoint-pending-delete: b0 (d0.example.com/live) still waits to be deleted",
    ]);
  });
});
