/**
 * What `pulumi up` will meet when it applies a plan, decided from the plan and the live
 * state alone (no API write, no engine): the same rules the provider applies at `up`,
 * run ahead of time so a pull request shows them.
 *
 * - A template delete is refused while a rule outside the plan still points at it.
 * - A binding create on a (domain, app) whose rule points at another template fails
 *   without `adopt`, and with `adopt` takes that rule over.
 * - A template create fails past the account's 50 templates.
 * - `adoptTemplateId` must name a template that exists.
 */
import { TEMPLATE_LIMIT } from "../live-api/actions";
import type { ProviderErrorCode } from "../provider/errors";
import type { Plan, PlannedBinding } from "./preview-file";

export { TEMPLATE_LIMIT };

/** The live objects the check compares with. */
export interface LiveState {
  readonly templates: readonly { readonly TemplateId: number; readonly TemplateName?: string }[];
  readonly rules: readonly { readonly DomainName: string; readonly AppName: string; readonly TemplateId: number }[];
}

/** Which stack manages a binding or a template, learnt from `pulumi stack export` files. */
export interface KnownStacks {
  /** `domain/app` → `project/stack` (resource name). */
  readonly bindings: ReadonlyMap<string, string>;
  /** template id → `project/stack` (resource name). */
  readonly templates: ReadonlyMap<number, string>;
}

/** The kinds of finding, stable for tools that read `--format json`. */
export type FindingKind =
  | "template-still-bound"
  | "binding-conflict"
  | "binding-renamed-without-alias"
  | "binding-takeover"
  | "template-limit"
  | "adopt-missing";

/** One thing `pulumi up` will meet. */
export interface Finding {
  readonly kind: FindingKind;
  /** `refused`: `up` will fail on it; `warning`: `up` will do it, and someone should know. */
  readonly severity: "refused" | "warning";
  /** For a refusal: the `code` of the error `pulumi up` will raise (README, Error codes). */
  readonly code?: ProviderErrorCode;
  /** The resource of the plan it is about (its name) and its URN. */
  readonly resource: string;
  readonly urn: string;
  /** One or two sentences: what will happen and what to do. Nothing secret. */
  readonly message: string;
  /** `domain/app` of the rules involved. */
  readonly rules?: readonly string[];
}

/** Runs every check; findings in plan order, refusals first. */
export function checkPlan(plan: Plan, live: LiveState, known: KnownStacks = { bindings: new Map(), templates: new Map() }): Finding[] {
  const findings: Finding[] = [];
  const ruleKey = (domain: string, app: string) => `${domain}/${app}`;
  const whose = (key: string) => {
    const owner = known.bindings.get(key);
    return owner ? `managed by ${owner}` : "not managed by any stack given with --state";
  };

  // The rules as they will be once the plan's bindings are created, re-pointed and deleted.
  const rules = new Map<string, number | "new">(live.rules.map((r) => [ruleKey(r.DomainName, r.AppName), r.TemplateId]));
  const claimed = new Set(plan.bindings.filter((b) => b.op !== "delete").map((b) => ruleKey(b.domainName, b.appName)));

  // A create meets a rule that exists: the provider takes it only when this stack holds it
  // (the same resource being replaced) or with adopt (provider/resources/rule-claims.ts).
  for (const binding of plan.bindings.filter((b) => b.op === "create")) {
    const key = ruleKey(binding.domainName, binding.appName);
    const current = rules.get(key);
    const leaving = plan.bindings.filter((b) => b.op === "delete" && ruleKey(b.domainName, b.appName) === key);
    const replaced = leaving.some((b) => b.urn === binding.urn);
    if (current !== undefined && current !== "new" && !replaced) {
      const renamedFrom = leaving.find((b) => b.urn !== binding.urn);
      if (binding.adopt) {
        if (current !== binding.templateId) findings.push(bindingConflict(binding, key, current, whose(key)));
      } else if (renamedFrom) {
        findings.push(renamedWithoutAlias(binding, key, renamedFrom));
      } else {
        findings.push(bindingConflict(binding, key, current, whose(key)));
      }
    }
    rules.set(key, binding.templateId ?? "new");
  }
  for (const binding of plan.bindings.filter((b) => b.op === "update" || b.op === "same")) {
    rules.set(ruleKey(binding.domainName, binding.appName), binding.templateId ?? "new");
  }
  for (const binding of plan.bindings.filter((b) => b.op === "delete")) {
    const key = ruleKey(binding.domainName, binding.appName);
    // The provider removes a rule only while it still points at the binding's template,
    // and keeps it when a binding of the same plan takes it over (a rename or a replacement).
    if (!claimed.has(key) && rules.get(key) === binding.oldTemplateId) rules.delete(key);
  }

  const liveIds = new Set(live.templates.map((t) => t.TemplateId));
  let count = live.templates.length;
  for (const template of plan.templates.filter((t) => t.op === "delete")) {
    const bound = [...rules].filter(([, id]) => id === template.templateId).map(([key]) => key).sort();
    if (bound.length === 0) {
      if (template.templateId !== undefined && liveIds.has(template.templateId)) count--;
      continue;
    }
    const list = bound.map((key) => `${key} (${whose(key)})`).join(", ");
    findings.push({
      kind: "template-still-bound",
      severity: "refused",
      code: "TemplateStillBound",
      resource: template.name,
      urn: template.urn,
      rules: bound,
      message:
        `template ${template.templateId} will not be deleted: still bound to ${list}. ` +
        "Remove or re-point those bindings first (or unbind them in the console).",
    });
  }
  for (const template of plan.templates.filter((t) => t.op === "create")) {
    if (template.adoptTemplateId !== undefined) {
      if (!liveIds.has(template.adoptTemplateId)) {
        findings.push({
          kind: "adopt-missing",
          severity: "refused",
          code: "AdoptedTemplateNotFound",
          resource: template.name,
          urn: template.urn,
          message: `template ${template.adoptTemplateId} named in adoptTemplateId does not exist: correct the id, or remove adoptTemplateId to create one.`,
        });
      }
      continue;
    }
    count++;
    if (count > TEMPLATE_LIMIT) {
      findings.push({
        kind: "template-limit",
        severity: "refused",
        code: "TemplateLimitReached",
        resource: template.name,
        urn: template.urn,
        message: `creating it would make ${count} templates; an account holds at most ${TEMPLATE_LIMIT}. Delete unused templates or share one.`,
      });
    }
  }
  return [...findings.filter((f) => f.severity === "refused"), ...findings.filter((f) => f.severity === "warning")];
}

function bindingConflict(binding: PlannedBinding, key: string, current: number, owner: string): Finding {
  if (binding.adopt) {
    return {
      kind: "binding-takeover",
      severity: "warning",
      resource: binding.name,
      urn: binding.urn,
      rules: [key],
      message: `adopt: takes over the rule on ${key}, which points at template ${current} (${owner}); that template's callbacks stop for this domain.`,
    };
  }
  return {
    kind: "binding-conflict",
    severity: "refused",
    code: "ForeignRule",
    resource: binding.name,
    urn: binding.urn,
    rules: [key],
    message:
      current === binding.templateId
        ? `${key} already has a callback rule pointing at template ${current}, the template this binding wants (${owner}): ` +
          "two owners of one rule would unbind each other on delete. Bind it in one stack only, or set adopt: true to take it over."
        : `${key} already has a callback rule pointing at template ${current} (${owner}). Set adopt: true to take it over, or remove that rule.`,
  };
}

/** A binding renamed without an alias: a new resource whose create meets the rule the old name holds. */
function renamedWithoutAlias(binding: PlannedBinding, key: string, old: PlannedBinding): Finding {
  return {
    kind: "binding-renamed-without-alias",
    severity: "refused",
    code: "ForeignRule",
    resource: binding.name,
    urn: binding.urn,
    rules: [key],
    message:
      `${binding.name} is a new binding for ${key}, which ${old.name} of this stack holds: \`pulumi up\` will refuse its create, ` +
      `since a create cannot tell this stack's rule from another stack's. Add \`aliases: [{ name: "${old.name}" }]\` to ${binding.name} ` +
      "(or run `pulumi state rename`) to rename it with no change to the cloud.",
  };
}
