/**
 * What must hold between the cloud (the emulator's state), the checkpoint and the
 * desired stack after each command of a soak.
 *
 * Two strengths. Safety findings must hold after every command, even one that failed:
 * no duplicate template, no template the checkpoint does not know (a leak a rerun
 * cannot repair), no rule nobody wants, no rule lost that the step did not touch, a
 * checkpoint that parses. Convergence findings (the cloud equals the desired state, the
 * checkpoint equals the cloud) only have to hold once the step succeeded; after a failed
 * attempt they are "pending": the rerun is expected to repair them. Secrecy is safety:
 * no callback key or credential in plain text in the checkpoint or the command's output.
 *
 * Which API field a property lands in comes from the tests' own table
 * (soak/api-field-oracle.ts), never the product's: a product table with two
 * fields swapped would otherwise agree with itself and the soak would see nothing.
 * For the same reason the comparison of a cloud template with the desired one is this
 * file's own (`differences`, on the oracle's API field names), not the provider's
 * template equality: an equality that ignored a field would pass its own check.
 */
import type { EmulatorState } from "../emulator";
import type { StackSpec } from "../harness/stack-fixture";
import type { Checkpoint, ResourceState } from "../harness";
import { SECRET_SIG, SIG_KEY } from "../harness/properties";
import { apiFieldsOf } from "./api-field-oracle";

/** One thing found wrong. */
export interface Finding {
  /** Stable name of the check, e.g. `duplicate-template`. */
  readonly check: string;
  readonly detail: string;
  /** `safety`: wrong after any command; `convergence`: wrong once the step succeeded. */
  readonly strength: "safety" | "convergence";
}

/** What the checks compare. */
export interface InvariantInput {
  readonly cloud: EmulatorState;
  /** The checkpoint, or the error reading it threw; secrets as secret markers holding their values. */
  readonly checkpoint: Checkpoint | Error | undefined;
  /**
   * Operations the engine recorded as started but never saw end (the real CLI's
   * `pending_operations`, as `<kind> <urn>`); the harness keeps no such list.
   */
  readonly pendingOperations?: readonly string[];
  /** The desired stack; `{}` after destroy. */
  readonly desired: StackSpec;
  /** The value of the secret config `callbackKey` given to templates with `withCallbackKey`. */
  readonly callbackKey: string;
  /** Bindings the step must not touch (same in the old and the new desired stack). */
  readonly untouched: readonly string[];
  /**
   * Other values that must never appear in plain text, by name (the SecretId and the
   * SecretKey). The callback key is always one.
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /** Raw text that must hold no secret: the checkpoint file as written, the command's stdout and stderr. */
  readonly texts?: ReadonlyArray<{ readonly where: string; readonly text: string }>;
}

const TEMPLATE_TYPE = /:CallbackTemplate$/;
const BINDING_TYPE = /:DomainBinding$/;

type DesiredTemplate = Record<string, unknown>;

/** The cloud template a template spec asks for, in the API's field names (no id). */
export function desiredTemplate(spec: NonNullable<StackSpec["templates"]>[string], callbackKey: string): DesiredTemplate {
  const { withCallbackKey, ...properties } = spec;
  return apiFieldsOf({ ...properties, callbackKey: withCallbackKey ? callbackKey : undefined });
}

function cloudView(template: EmulatorState["templates"][number]): DesiredTemplate {
  const { TemplateId: _id, ...rest } = template;
  return { ...rest, RecordExceptionLevels: [...rest.RecordExceptionLevels].sort() };
}

function differences(want: DesiredTemplate, have: DesiredTemplate): string[] {
  return Object.keys(want).filter((key) => JSON.stringify(want[key]) !== JSON.stringify(have[key] ?? ""));
}

/** A checkpoint value without its secret marker. */
function plain(value: unknown): unknown {
  if (value && typeof value === "object" && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) {
    return (value as { value: unknown }).value;
  }
  return value;
}

/** The cloud template a checkpoint's template outputs describe. */
function templateFromOutputs(outputs: Record<string, unknown>): DesiredTemplate {
  const properties = Object.fromEntries(Object.entries(outputs).map(([key, value]) => [key, plain(value)]));
  const { StreamMixNotifyUrl: _mix, ...fields } = apiFieldsOf(properties);
  return fields;
}

/** Every secret value, by name. */
function secretsOf(input: InvariantInput): Array<[string, string]> {
  return Object.entries({ callbackKey: input.callbackKey, ...input.secrets }).filter(([, value]) => value !== "");
}

/** Where a checkpoint holds a secret outside a secret marker (`resource.outputs.callbackKey`). */
function plainSecretsIn(checkpoint: Checkpoint, secrets: Array<[string, string]>): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === "string") {
      const leaked = secrets.filter(([, secret]) => value.includes(secret)).map(([name]) => name);
      if (leaked.length) found.push(`${path} holds the ${leaked.join(" and ")} in plain text`);
      else if (/\.callbackKey$/.test(path) && value !== "") found.push(`${path} is a callback key stored without the secret marker`);
    } else if (Array.isArray(value)) value.forEach((inner, i) => walk(inner, `${path}[${i}]`));
    else if (value && typeof value === "object") {
      if ((value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG) return;
      for (const [key, inner] of Object.entries(value)) walk(inner, `${path}.${key}`);
    }
  };
  walk(checkpoint.stackOutputs, "stack outputs");
  if (checkpoint.providerConfig) walk(checkpoint.providerConfig, "provider config");
  for (const r of checkpoint.resources) {
    walk(r.inputs, `${r.name}.inputs`);
    walk(r.outputs, `${r.name}.outputs`);
  }
  return found;
}

const ruleKey = (domain: string, app: string) => `${domain}/${app}`;

/** Runs every check; the caller decides which strengths count as violations. */
export function checkInvariants(input: InvariantInput): Finding[] {
  const findings: Finding[] = [];
  const safety = (check: string, detail: string) => findings.push({ check, detail, strength: "safety" });
  const convergence = (check: string, detail: string) => findings.push({ check, detail, strength: "convergence" });
  const { cloud, desired, callbackKey } = input;
  const desiredTemplates = desired.templates ?? {};
  const desiredBindings = desired.bindings ?? {};

  const byName = new Map<string, EmulatorState["templates"][number][]>();
  for (const t of cloud.templates) byName.set(t.TemplateName, [...(byName.get(t.TemplateName) ?? []), t]);
  for (const [name, list] of byName) {
    if (list.length > 1) safety("duplicate-template", `${list.length} templates named ${name}: ${list.map((t) => t.TemplateId).join(", ")}`);
  }
  const cloudIdOf = (resource: string) => byName.get(desiredTemplates[resource]?.templateName ?? "")?.[0]?.TemplateId;
  const wantedRules = new Map<string, { name: string; templateId: number | undefined }>();
  for (const [name, b] of Object.entries(desiredBindings)) {
    wantedRules.set(ruleKey(b.domainName, b.appName ?? "live"), { name, templateId: b.template ? cloudIdOf(b.template) : b.templateId });
  }
  const rules = new Map(cloud.rules.map((r) => [ruleKey(r.DomainName, r.AppName), r]));

  // Secrecy: nothing secret in plain text, in any text the step left behind.
  const secrets = secretsOf(input);
  for (const { where, text } of input.texts ?? []) {
    for (const [name, secret] of secrets) if (text.includes(secret)) safety("plain-secret", `${where} contains the ${name}`);
  }

  // The cloud against the desired stack.
  for (const [resource, spec] of Object.entries(desiredTemplates)) {
    const found = byName.get(spec.templateName);
    if (!found?.length) {
      convergence("template-missing", `${resource} (${spec.templateName}) is not in the cloud`);
      continue;
    }
    const diff = differences(desiredTemplate(spec, callbackKey), cloudView(found[0]!));
    if (diff.length) convergence("template-differs", `${resource} (${found[0]!.TemplateId}) differs in ${diff.join(", ")}`);
  }
  const wantedNames = new Set(Object.values(desiredTemplates).map((t) => t.templateName));
  for (const [key, want] of wantedRules) {
    const rule = rules.get(key);
    const check = input.untouched.includes(want.name) ? safety : convergence;
    if (!rule) check("binding-lost", `${want.name} (${key}) has no rule in the cloud`);
    else if (want.templateId !== undefined && rule.TemplateId !== want.templateId) {
      check("binding-wrong-template", `${want.name} (${key}) points at ${rule.TemplateId}, not ${want.templateId}`);
    }
  }

  if (input.checkpoint instanceof Error) {
    safety("checkpoint-invalid", input.checkpoint.message);
    return findings;
  }
  if (input.checkpoint) for (const problem of plainSecretsIn(input.checkpoint, secrets)) safety("plain-secret", problem);
  const managed = (input.checkpoint?.resources ?? []).filter((r) => r.custom && !r.external);
  const templatesInCheckpoint = managed.filter((r) => TEMPLATE_TYPE.test(r.type));
  const bindingsInCheckpoint = managed.filter((r) => BINDING_TYPE.test(r.type));
  const knownIds = new Set(templatesInCheckpoint.map((r) => r.id));
  const knownRules = new Set(bindingsInCheckpoint.map((r) => r.id));

  // Leaks: what the cloud holds that neither the checkpoint nor the program knows.
  for (const t of cloud.templates) {
    if (!knownIds.has(String(t.TemplateId))) {
      safety("orphan-template", `template ${t.TemplateId} (${t.TemplateName}) is in the cloud but not in the checkpoint`);
    } else if (!wantedNames.has(t.TemplateName)) {
      convergence("unwanted-template", `template ${t.TemplateId} (${t.TemplateName}) is not in the desired stack`);
    }
  }
  for (const [key, rule] of rules) {
    if (knownRules.has(key)) {
      if (!wantedRules.has(key)) convergence("unwanted-rule", `rule ${key} → ${rule.TemplateId} is not in the desired stack`);
    } else if (!wantedRules.has(key)) {
      safety("orphan-rule", `rule ${key} → ${rule.TemplateId} is in neither the checkpoint nor the desired stack`);
    } else {
      // Left by a failed create; the rerun adopts it when it points at the wanted template.
      convergence("rule-not-in-checkpoint", `rule ${key} → ${rule.TemplateId} is not in the checkpoint yet`);
    }
  }

  // The checkpoint against the cloud and the desired stack.
  const expected = new Set([...Object.keys(desiredTemplates), ...Object.keys(desiredBindings)]);
  const names = new Set(managed.map((r) => r.name));
  for (const name of expected) if (!names.has(name)) convergence("checkpoint-missing", `${name} is not in the checkpoint`);
  for (const operation of input.pendingOperations ?? []) convergence("checkpoint-pending-operation", `${operation} never ended`);
  for (const r of managed) {
    if (!expected.has(r.name)) convergence("checkpoint-extra", `${r.name} (${r.id}) is in the checkpoint but not in the desired stack`);
    if (r.pendingDelete) convergence("checkpoint-pending-delete", `${r.name} (${r.id}) still waits to be deleted`);
    for (const problem of checkpointAgainstCloud(r, cloud, rules)) convergence("checkpoint-stale", problem);
  }
  return findings;
}

function checkpointAgainstCloud(r: ResourceState, cloud: EmulatorState, rules: Map<string, EmulatorState["rules"][number]>): string[] {
  if (!r.id) return [`${r.name} has no id`];
  if (TEMPLATE_TYPE.test(r.type)) {
    const template = cloud.templates.find((t) => String(t.TemplateId) === r.id);
    if (!template) return [`${r.name}: template ${r.id} is not in the cloud`];
    if (plain(r.outputs.templateId) !== template.TemplateId) return [`${r.name}: templateId output is not ${r.id}`];
    const have = cloudView(template);
    const { StreamMixNotifyUrl: _mix, ...want } = templateFromOutputs(r.outputs);
    const diff = differences(want, have);
    return diff.length ? [`${r.name} (${r.id}): checkpoint and cloud differ in ${diff.join(", ")}`] : [];
  }
  if (BINDING_TYPE.test(r.type)) {
    const rule = rules.get(r.id);
    if (!rule) return [`${r.name}: rule ${r.id} is not in the cloud`];
    if (plain(r.outputs.templateId) !== rule.TemplateId) {
      return [`${r.name} (${r.id}): checkpoint says template ${String(plain(r.outputs.templateId))}, cloud ${rule.TemplateId}`];
    }
    return [];
  }
  return [`${r.name}: unexpected resource type ${r.type}`];
}
