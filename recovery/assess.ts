/**
 * What happened in the cloud to each operation an interrupted `pulumi` left pending, and
 * what to do with it. Decided from the export and the live account alone.
 *
 * - A pending **template create**: the create may have been applied while its answer
 *   never came back (the process was killed after sending). This is the ambiguous-create
 *   rule of the provider (provider/resources/ambiguous-create.ts) carried across
 *   processes: a template equal to the pending inputs in every field (the same equality,
 *   `matchesRequest`) that no resource of this stack, nor of the other stacks given,
 *   holds is the one it made → import it. None → it was not made → clear it. Several →
 *   the user picks (`--pick`). A `pulumi up` run since, which made the template again,
 *   leaves the stack holding the resource: the match is then a leftover to delete.
 * - A pending **binding create**: the rule on its (domain, app) pointing at its template
 *   is the one it made → import it; no rule → clear; a rule pointing elsewhere is not
 *   this stack's → clear, and `pulumi up` reports the conflict.
 * - Pending **updates and deletes** (and reads): `pulumi refresh` clears them and reads
 *   the cloud; this says whether the change landed.
 *
 * Nothing secret is put in a sentence: templates are named by id and name, never by key.
 */
import type { CallbackRuleInfo, CallbackTemplateInfo, CreateTemplateRequest } from "../provider/client";
import type { CallbackTemplateInputs } from "../provider/resources/callback-template";
import { createRequest } from "../provider/resources/template-wire";
import { matchesRequest } from "../provider/resources/ambiguous-create";
import { bindingId, ruleOn } from "../provider/resources/rules";
import { kindOf, nameOfUrn, plainProperties, readStateValue, type ExportedResource, type PendingOperation, type ResourceKind, type StackExport } from "./stack-export";

/** The live account: one template list and one rule list. */
export interface LiveAccount {
  readonly templates: readonly CallbackTemplateInfo[];
  readonly rules: readonly CallbackRuleInfo[];
}

/** Objects other stacks hold (from their exports), so they are never taken for this stack's. */
export interface HeldElsewhere {
  /** Template id → `project/stack (resource)`. */
  readonly templates: ReadonlyMap<number, string>;
  /** `domain/app` → `project/stack (resource)`. */
  readonly bindings: ReadonlyMap<string, string>;
}

/** What to do with one pending operation. */
export type Verdict =
  /** The create happened: take the object into the stack under the pending resource. */
  | { readonly action: "import"; readonly id: string; readonly replaces?: boolean }
  /** The create did not happen (or its object is already in the stack): drop the pending create. */
  | { readonly action: "clear" }
  /** Several objects could be the one the create made: the user decides. */
  | { readonly action: "choose"; readonly candidates: readonly string[] }
  /** An update, delete or read: `pulumi refresh` clears it and reads the cloud. */
  | { readonly action: "refresh" }
  /** Another provider's pending create: left for `pulumi refresh` run interactively. */
  | { readonly action: "leave" };

/** One pending operation, judged. */
export interface Assessment {
  readonly urn: string;
  /** The resource name. */
  readonly name: string;
  readonly kind: ResourceKind | "other";
  /** As the export says: `creating`, `updating`, `deleting`, `reading`, `importing`. */
  readonly operation: string;
  /** What happened in the cloud, in one or two sentences. */
  readonly happened: string;
  readonly verdict: Verdict;
  /** Something the user should do besides the commands (delete a leftover, expect a conflict). */
  readonly advice?: string;
}

/** A template in the account no stack holds that equals one this stack holds: likely left by an interrupted create. */
export interface PossibleLeftover {
  readonly templateId: number;
  readonly templateName: string;
  /** The resource of this stack it equals. */
  readonly like: string;
}

/** Judges every pending operation of `exported` against `live`. `picks`: URN → id chosen with `--pick`. */
export function assessPendingOperations(
  exported: StackExport,
  live: LiveAccount,
  elsewhere: HeldElsewhere = { templates: new Map(), bindings: new Map() },
  picks: ReadonlyMap<string, string> = new Map(),
): Assessment[] {
  const held = heldByStack(exported.resources);
  const judged = exported.pending.map((op): Assessment => {
    const kind = kindOf(op.resource.type);
    const base = { urn: op.resource.urn, name: nameOfUrn(op.resource.urn), kind: kind ?? ("other" as const), operation: op.type };
    if (op.type === "creating" && kind === "template") return { ...base, ...templateCreate(op, exported, live, held, elsewhere, picks) };
    if (op.type === "creating" && kind === "binding") return { ...base, ...bindingCreate(op, exported, live, held, elsewhere) };
    if (op.type === "creating") {
      return {
        ...base,
        happened: "not one of this package's resources",
        verdict: { action: "leave" },
        advice: "check in its provider's console whether it exists: `pulumi stack import` drops its pending create, and `pulumi up` then creates it again",
      };
    }
    return { ...base, happened: otherOperation(op, kind, live), verdict: { action: "refresh" } };
  });
  return oneImportPerObject(judged);
}

/**
 * Pending creates pile up: each killed `pulumi up` adds one, and the engine keeps them
 * all. One resource takes one object: a second pending create of the same resource that
 * finds the same object is cleared. Two resources finding the same object cannot both
 * have made it: the user decides.
 */
function oneImportPerObject(judged: readonly Assessment[]): Assessment[] {
  const byObject = new Map<string, Set<string>>();
  for (const a of judged) {
    if (a.verdict.action !== "import") continue;
    const key = `${a.kind}:${a.verdict.id}`;
    byObject.set(key, (byObject.get(key) ?? new Set()).add(a.urn));
  }
  const imported = new Set<string>();
  return judged.map((a) => {
    if (a.verdict.action !== "import") return a;
    const key = `${a.kind}:${a.verdict.id}`;
    if (byObject.get(key)!.size > 1) {
      const others = [...byObject.get(key)!].filter((urn) => urn !== a.urn).map(nameOfUrn);
      return { ...a, happened: `${a.happened}; but ${others.join(", ")} found the same object`, verdict: { action: "choose", candidates: [a.verdict.id] } };
    }
    if (imported.has(key)) return { ...a, happened: `an earlier pending create of ${a.name} takes ${a.verdict.id}`, verdict: { action: "clear" } };
    imported.add(key);
    return a;
  });
}

interface Held {
  readonly templates: ReadonlyMap<number, string>;
  readonly bindings: ReadonlyMap<string, string>;
}

function heldByStack(resources: readonly ExportedResource[]): Held {
  const templates = new Map<number, string>();
  const bindings = new Map<string, string>();
  for (const r of resources) {
    if (!r.id) continue;
    const kind = kindOf(r.type);
    if (kind === "template" && /^\d+$/.test(r.id)) templates.set(Number(r.id), nameOfUrn(r.urn));
    if (kind === "binding") bindings.set(r.id, nameOfUrn(r.urn));
  }
  return { templates, bindings };
}

/** The create request a template resource's inputs make, and what is known of its callback key. */
function requestOf(inputs: Record<string, unknown> | undefined): { request: CreateTemplateRequest; key: "known" | "encrypted" | "absent" } {
  const { values, encrypted } = plainProperties(inputs);
  const request = createRequest(values as CallbackTemplateInputs);
  const key = encrypted.includes("callbackKey") ? "encrypted" : readStateValue(inputs?.callbackKey).state === "absent" ? "absent" : "known";
  return { request, key };
}

/**
 * The provider's equality. With the key encrypted in the export, the key is compared as
 * set or not set only: the template's own key stands in for the unknown one.
 */
function equalsRequest(template: CallbackTemplateInfo, request: CreateTemplateRequest, key: "known" | "encrypted" | "absent"): boolean {
  if (key !== "encrypted") return matchesRequest(template, request);
  return template.CallbackKey !== "" && matchesRequest(template, { ...request, CallbackKey: template.CallbackKey } as CreateTemplateRequest);
}

const KEY_NOTE = "; the callback key is compared as set or not set, since a plain `pulumi stack export` keeps it encrypted";

function templateCreate(
  op: PendingOperation,
  exported: StackExport,
  live: LiveAccount,
  held: Held,
  elsewhere: HeldElsewhere,
  picks: ReadonlyMap<string, string>,
): Pick<Assessment, "happened" | "verdict" | "advice"> {
  const urn = op.resource.urn;
  const adoptId = readStateValue(op.resource.inputs?.adoptTemplateId);
  if (adoptId.state === "known" && typeof adoptId.value === "number") {
    const exists = live.templates.some((t) => t.TemplateId === adoptId.value);
    return exists
      ? { happened: `it adopts template ${adoptId.value}, which exists`, verdict: { action: "import", id: String(adoptId.value) } }
      : { happened: `template ${adoptId.value} named in adoptTemplateId does not exist`, verdict: { action: "clear" } };
  }
  const { request, key } = requestOf(op.resource.inputs);
  const keyNote = key === "encrypted" ? KEY_NOTE : "";
  const unheld = live.templates.filter((t) => !held.templates.has(t.TemplateId) && !elsewhere.templates.has(t.TemplateId));
  const candidates = unheld.filter((t) => equalsRequest(t, request, key)).map((t) => t.TemplateId).sort((a, b) => a - b);
  const described = (ids: readonly number[]) => ids.map((id) => `${id}`).join(", ");
  const inStack = exported.resources.find((r) => r.urn === urn && !r.delete && r.id);
  if (inStack) {
    if (candidates.length === 0) return { happened: `the stack already holds it as template ${inStack.id}`, verdict: { action: "clear" } };
    return {
      happened: `the stack already holds it as template ${inStack.id} (a later \`pulumi up\` made it again), and template${candidates.length > 1 ? "s" : ""} ${described(candidates)} equal to its inputs ${candidates.length > 1 ? "are" : "is"} held by no stack${keyNote}`,
      verdict: { action: "clear" },
      advice: `template${candidates.length > 1 ? "s" : ""} ${described(candidates)} (${request.TemplateName}) ${candidates.length > 1 ? "are leftovers" : "is a leftover"} of the interrupted create: delete ${candidates.length > 1 ? "them" : "it"} in the console once you are sure no other stack uses ${candidates.length > 1 ? "them" : "it"}`,
    };
  }
  const picked = picks.get(urn);
  if (picked !== undefined) {
    if (!candidates.includes(Number(picked))) {
      return {
        happened: `--pick names template ${picked}, which is not one of the templates equal to its inputs that no stack holds (${described(candidates) || "none"})`,
        verdict: { action: "choose", candidates: candidates.map(String) },
      };
    }
    return { happened: `template ${picked} was picked among ${described(candidates)}`, verdict: { action: "import", id: picked } };
  }
  if (candidates.length === 1) {
    return {
      happened: `created as template ${candidates[0]} (${request.TemplateName}): equal to its inputs in every field Describe returns, and held by no stack${keyNote}`,
      verdict: { action: "import", id: String(candidates[0]) },
    };
  }
  if (candidates.length === 0) {
    return { happened: `no template equal to its inputs that no stack holds: the create did not happen${keyNote}`, verdict: { action: "clear" } };
  }
  return {
    happened: `templates ${described(candidates)} are all equal to its inputs and held by no stack given${keyNote}`,
    verdict: { action: "choose", candidates: candidates.map(String) },
    advice: "the others are leftovers of earlier interrupted creates, or another stack's: pass that stack's export with --state, or pick one",
  };
}

function bindingCreate(
  op: PendingOperation,
  exported: StackExport,
  live: LiveAccount,
  held: Held,
  elsewhere: HeldElsewhere,
): Pick<Assessment, "happened" | "verdict" | "advice"> {
  const { values } = plainProperties(op.resource.inputs);
  const domainName = String(values.domainName ?? "");
  const appName = String(values.appName ?? "live");
  const templateId = values.templateId;
  const id = bindingId(domainName, appName);
  const rule = ruleOn(live.rules, domainName, appName);
  const inStack = exported.resources.find((r) => r.urn === op.resource.urn && !r.delete && r.id);
  if (inStack?.id === id) return { happened: `the stack already holds it (${id})`, verdict: { action: "clear" } };
  const holder = held.bindings.get(id) ?? elsewhere.bindings.get(id);
  if (holder) return { happened: `the rule on ${id} is held by ${holder}, not by this create`, verdict: { action: "clear" } };
  if (!rule) return { happened: `there is no rule on ${id}: the create did not happen`, verdict: { action: "clear" } };
  if (rule.TemplateId === templateId) {
    return {
      happened: `the rule on ${id} points at template ${rule.TemplateId}, as its inputs ask: the create happened`,
      verdict: { action: "import", id, ...(inStack ? { replaces: true } : {}) },
    };
  }
  return {
    happened: `the rule on ${id} points at template ${rule.TemplateId}, not ${String(templateId)}: it is not the one this create made`,
    verdict: { action: "clear" },
    advice: values.adopt === true ? undefined : `\`pulumi up\` will report ${id} as a conflict: set adopt: true on ${nameOfUrn(op.resource.urn)} to take that rule over, or remove it in the console`,
  };
}

/** What the cloud says about an interrupted update, delete or read. */
function otherOperation(op: PendingOperation, kind: ResourceKind | undefined, live: LiveAccount): string {
  const { values } = plainProperties(op.resource.inputs);
  const { values: outputs } = plainProperties(op.resource.outputs);
  if (kind === "template") {
    const template = live.templates.find((t) => String(t.TemplateId) === op.resource.id);
    if (op.type === "deleting") return template ? `template ${op.resource.id} still exists: the delete did not happen` : `template ${op.resource.id} is gone: the delete happened`;
    if (!template) return `template ${op.resource.id} no longer exists`;
    if (op.type !== "updating") return `template ${op.resource.id} exists`;
    const { request, key } = requestOf(op.resource.inputs);
    return equalsRequest(template, request, key)
      ? `template ${op.resource.id} holds the new values: the update happened`
      : `template ${op.resource.id} does not hold the new values: the update did not happen (or only partly)`;
  }
  if (kind === "binding") {
    const id = op.resource.id ?? bindingId(String(values.domainName), String(values.appName ?? "live"));
    const [domainName, appName] = [id.slice(0, id.indexOf("/")), id.slice(id.indexOf("/") + 1)];
    const rule = ruleOn(live.rules, domainName, appName);
    if (op.type === "deleting") {
      if (!rule) return `the rule on ${id} is gone: the delete happened`;
      return rule.TemplateId === outputs.templateId
        ? `the rule on ${id} still points at template ${rule.TemplateId}: the delete did not happen`
        : `the rule on ${id} points at template ${rule.TemplateId}, re-pointed outside this stack: the delete leaves it alone`;
    }
    if (!rule) {
      return op.type === "updating"
        ? `there is no rule on ${id}: the re-point was cut between removing the old rule and creating the new one; the domain has no callback rule until \`pulumi up\``
        : `there is no rule on ${id}`;
    }
    if (op.type !== "updating") return `the rule on ${id} points at template ${rule.TemplateId}`;
    return rule.TemplateId === values.templateId
      ? `the rule on ${id} points at template ${rule.TemplateId}: the re-point happened`
      : `the rule on ${id} still points at template ${rule.TemplateId}: the re-point did not happen`;
  }
  return "not one of this package's resources";
}

/**
 * Templates no stack holds that equal, in every field Describe returns, a template this
 * stack holds: what an interrupted create leaves once its pending operation is gone (a
 * `pulumi refresh --clear-pending-creates`, or `--import-pending-creates`, which in Pulumi
 * 3.274 drops the operation without importing it) and a later `pulumi up` made another.
 */
export function possibleLeftovers(exported: StackExport, live: LiveAccount, elsewhere: HeldElsewhere): PossibleLeftover[] {
  const held = heldByStack(exported.resources);
  const found: PossibleLeftover[] = [];
  for (const r of exported.resources) {
    if (kindOf(r.type) !== "template" || !r.id || r.delete) continue;
    const { request, key } = requestOf(r.outputs);
    for (const t of live.templates) {
      if (held.templates.has(t.TemplateId) || elsewhere.templates.has(t.TemplateId)) continue;
      if (equalsRequest(t, request, key)) found.push({ templateId: t.TemplateId, templateName: t.TemplateName, like: nameOfUrn(r.urn) });
    }
  }
  return found.sort((a, b) => a.templateId - b.templateId);
}
