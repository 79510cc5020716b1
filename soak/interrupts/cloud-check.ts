/**
 * After a recovery: the cloud equals the program and the stack equals the cloud, with the
 * soak's own invariants (soak/invariants.ts: no duplicate template, no template the stack
 * does not know, every binding present and on its template, every field as the program
 * says, the checkpoint equal to the cloud, no secret in plain text), read from the real
 * CLI's `pulumi stack export --show-secrets`, plus what only an interrupted deployment
 * can leave: a pending operation still in the stack, a rule pointing at a template that
 * no longer exists.
 */
import type { EmulatorState } from "../../emulator";
import type { ExportedResource } from "../../cli-driver/pulumi-cli";
import type { Checkpoint, ResourceState } from "../../harness";
import type { StackSpec } from "../../harness/stack-fixture";
import { SECRET_SIG, SIG_KEY } from "../../harness/properties";
import { checkInvariants, type Finding } from "../invariants";

/** `pulumi stack export --show-secrets`'s deployment, as far as the check reads it. */
export interface RevealedDeployment {
  readonly resources?: ExportedResource[];
  readonly pending_operations?: Array<{ type: string; resource: { urn: string } }>;
}

const OURS = /tencent-css:(CallbackTemplate|DomainBinding)$/;

/** A `--show-secrets` value (`{sig, plaintext: "<JSON>"}`) as the harness marks a secret (`{sig, value}`). */
function revealed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(revealed);
  if (!value || typeof value !== "object") return value;
  const object = value as Record<string, unknown>;
  if (object[SIG_KEY] === SECRET_SIG) {
    const plain = typeof object.plaintext === "string" ? (JSON.parse(object.plaintext) as unknown) : object.value;
    return { [SIG_KEY]: SECRET_SIG, value: revealed(plain) };
  }
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, revealed(inner)]));
}

/** This package's resources of a real export in the harness's checkpoint form, which the invariants read. */
export function checkpointOfExport(deployment: RevealedDeployment): Checkpoint {
  const resources: ResourceState[] = (deployment.resources ?? [])
    .filter((r) => OURS.test(r.type))
    .map((r) => ({
      urn: r.urn,
      type: r.type,
      name: r.urn.split("::").pop() ?? r.urn,
      custom: r.custom ?? false,
      id: r.id,
      inputs: revealed(r.inputs ?? {}) as ResourceState["inputs"],
      outputs: revealed(r.outputs ?? {}) as ResourceState["outputs"],
      dependencies: [],
      propertyDependencies: {},
      pendingDelete: r.delete,
    }));
  return { version: 1, project: "", stack: "", stackOutputs: {}, resources };
}

/** What the check compares. */
export interface RecoveryCheckInput {
  readonly cloud: EmulatorState;
  readonly deployment: RevealedDeployment;
  readonly desired: StackSpec;
  readonly callbackKey: string;
  /** SecretId and SecretKey. */
  readonly secrets: Readonly<Record<string, string>>;
  /** Everything the run printed or stored: command outputs, the plain export, the checkpoint file. */
  readonly texts: ReadonlyArray<{ readonly where: string; readonly text: string }>;
}

/** Every finding, of any strength: after a recovery, each one is a violation. */
export function checkRecovered(input: RecoveryCheckInput): Finding[] {
  const findings = checkInvariants({
    cloud: input.cloud,
    checkpoint: checkpointOfExport(input.deployment),
    desired: input.desired,
    callbackKey: input.callbackKey,
    untouched: [],
    secrets: input.secrets,
    texts: input.texts,
  });
  for (const op of input.deployment.pending_operations ?? []) {
    findings.push({ check: "pending-operation-left", detail: `${op.resource.urn.split("::").pop()} is still ${op.type}`, strength: "convergence" });
  }
  const templateIds = new Set(input.cloud.templates.map((t) => t.TemplateId));
  for (const rule of input.cloud.rules) {
    if (!templateIds.has(rule.TemplateId)) {
      findings.push({ check: "rule-on-deleted-template", detail: `${rule.DomainName}/${rule.AppName} points at template ${rule.TemplateId}, which does not exist`, strength: "safety" });
    }
  }
  return findings;
}
