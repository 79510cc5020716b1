/**
 * DomainBinding: the callback rule that attaches a template to (push domain, app)
 * (`CreateLiveCallbackRule` / `DeleteLiveCallbackRule`). Its id is `"<domain>/<app>"`.
 */
import { z } from "zod";
import { isLiveErrorKind, type LiveClient } from "../client";
import { liveClient } from "../config";
import { checkProperties, hostName, positiveId, requireProperty, type CheckFailure } from "../check-failures";
import { containsUnknown } from "../unknown";
import { ProviderError, asUserErrors } from "../user-error";
import { bindingId, ruleOn } from "./rules";
import { freshRules, sharedRules } from "../shared-reads";
import { DEFAULT_APP_NAME } from "../../live-api/rule-fields";

export { DEFAULT_APP_NAME } from "../../live-api/rule-fields";

/** Inputs of a DomainBinding, as the provider receives them. */
export type DomainBindingInputs = {
  domainName: string;
  appName: string;
  templateId: number;
  adopt?: boolean;
};

/** Outputs: every input echoed. */
export type DomainBindingOutputs = DomainBindingInputs;

const RESOURCE = "DomainBinding";

const SCHEMAS = {
  domainName: hostName("domainName"),
  appName: z
    .string({ error: "appName must be a string" })
    .min(1, "appName must not be empty")
    .refine((v) => !v.includes("/"), 'appName must not contain "/"'),
  templateId: positiveId("templateId"),
  adopt: z.boolean({ error: "adopt must be true or false" }),
};

/**
 * The rules the bindings of this deployment declare, as `domain/app` → template ids.
 *
 * The engine creates a new binding before it deletes the old one whenever both stand for
 * the same rule: a rename without an alias, `pulumi up --replace`/`--target-replace`, and
 * the next `pulumi up` after one of those was interrupted between the two steps (the old
 * binding is still in the stack, or pending deletion). The new binding keeps the rule it
 * finds already pointing at its template; if the old binding's delete then removed that
 * rule, the domain would be unbound while the stack says it is bound.
 *
 * One provider process serves a whole deployment, and the engine checks every binding the
 * program declares (Check, before Create or Diff) before it deletes anything. So `check`
 * notes the rule each valid binding wants, and `delete` leaves a rule alone while a binding
 * of this deployment wants it with the same template. `pulumi destroy` checks nothing, so
 * it deletes every rule as before.
 */
const declaredRules = new Map<string, Set<number>>();

function declareRule(domainName: unknown, appName: unknown, templateId: unknown): void {
  if (typeof domainName !== "string" || typeof appName !== "string" || typeof templateId !== "number") return;
  if (containsUnknown(domainName) || containsUnknown(appName)) return;
  const id = bindingId(domainName, appName);
  let templates = declaredRules.get(id);
  if (!templates) declaredRules.set(id, (templates = new Set()));
  templates.add(templateId);
}

/** True when a binding of this deployment wants the rule on `id` to point at `templateId`. */
function ruleDeclaredInThisDeployment(id: string, templateId: unknown): boolean {
  return typeof templateId === "number" && (declaredRules.get(id)?.has(templateId) ?? false);
}

/** Validates inputs and fills the default `appName`; notes the rule a valid binding wants. */
export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
  const inputs = { ...news };
  if (inputs.appName === undefined || inputs.appName === null) inputs.appName = DEFAULT_APP_NAME;
  const failures: CheckFailure[] = [
    ...requireProperty(inputs, "domainName", RESOURCE),
    ...requireProperty(inputs, "templateId", RESOURCE),
    ...checkProperties(inputs, SCHEMAS, RESOURCE),
  ];
  if (failures.length === 0) declareRule(inputs.domainName, inputs.appName, inputs.templateId);
  return { inputs, failures };
}

/** Moving a binding to another domain or app is a new rule; a new template is re-pointed in place. */
export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const differs = (key: string, fallback?: unknown) =>
    containsUnknown(news[key]) || (news[key] ?? fallback) !== (olds[key] ?? fallback);
  const replaces = ["domainName", "appName"].filter((key) => differs(key, key === "appName" ? DEFAULT_APP_NAME : undefined));
  const changes = replaces.length > 0 || differs("templateId");
  return { changes, replaces, deleteBeforeReplace: false };
}

function outputsOf(inputs: Record<string, unknown>): DomainBindingOutputs {
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (key !== "__provider" && value !== undefined && value !== null) outputs[key] = value;
  }
  return outputs as unknown as DomainBindingOutputs;
}

function parseBindingId(id: string): { domainName: string; appName: string } {
  const slash = id.indexOf("/");
  if (slash <= 0 || slash === id.length - 1) {
    throw new ProviderError(`"${id}" is not a DomainBinding id; it must be "<domainName>/<appName>", e.g. "live.example.com/live".`);
  }
  return { domainName: id.slice(0, slash), appName: id.slice(slash + 1) };
}

/** The error for a rule on (domain, app) that someone else made. */
function foreignRule(id: string, templateId: number): ProviderError {
  return new ProviderError(
    `${id} already has a callback rule pointing at template ${templateId}, made outside this stack. ` +
      "Set adopt: true on this DomainBinding to take it over, or remove that rule in the console, then run `pulumi up` again.",
  );
}

/**
 * Points (domain, app) at `templateId`. The API says nothing about creating a rule where
 * one exists; if it refuses, the old rule is removed first, but only with `takeOver`: a
 * create without `adopt` may find a rule someone made after its conflict check (the check
 * and the create can be seconds apart while the client paces a large `up`), and that rule
 * is theirs.
 */
async function pointRule(client: LiveClient, domainName: string, appName: string, templateId: number, takeOver: boolean): Promise<void> {
  try {
    await client.createRule({ DomainName: domainName, AppName: appName, TemplateId: templateId });
  } catch (error) {
    if (isLiveErrorKind(error, "NotFound")) {
      throw new ProviderError(
        `template ${templateId} does not exist, so ${bindingId(domainName, appName)} cannot be bound to it. Check templateId.`,
      );
    }
    if (!isLiveErrorKind(error, "AlreadyExists")) throw error;
    // A retried create whose first attempt was applied also lands here.
    const current = ruleOn(await freshRules(client), domainName, appName);
    if (current?.TemplateId === templateId) return;
    if (current && !takeOver) throw foreignRule(bindingId(domainName, appName), current.TemplateId);
    try {
      await client.deleteRule({ DomainName: domainName, AppName: appName });
    } catch (deleteError) {
      if (!isLiveErrorKind(deleteError, "NotFound")) throw deleteError;
    }
    try {
      await client.createRule({ DomainName: domainName, AppName: appName, TemplateId: templateId });
    } catch (recreateError) {
      // Found by the fault soak: when this create's answer is lost after it was applied,
      // the client's retry meets our own rule and answers RuleAlreadyExist. That is
      // success if the rule now points where we wanted.
      if (!isLiveErrorKind(recreateError, "AlreadyExists")) throw recreateError;
      if (ruleOn(await freshRules(client), domainName, appName)?.TemplateId !== templateId) throw recreateError;
    }
  }
}

/**
 * Creates the rule. A rule already on (domain, app) that points elsewhere belongs to
 * someone else: it is taken over only with `adopt`. One that already points at the
 * wanted template (left by an earlier run that failed after applying) is kept as is.
 */
export async function create(inputs: DomainBindingInputs) {
  const id = bindingId(inputs.domainName, inputs.appName);
  return asUserErrors(`creating DomainBinding ${id}`, async () => {
    const client = liveClient();
    const existing = ruleOn(await freshRules(client), inputs.domainName, inputs.appName);
    if (existing && existing.TemplateId !== inputs.templateId && !inputs.adopt) throw foreignRule(id, existing.TemplateId);
    if (existing?.TemplateId !== inputs.templateId) {
      await pointRule(client, inputs.domainName, inputs.appName, inputs.templateId, inputs.adopt === true);
    }
    return { id, outs: outputsOf(inputs as unknown as Record<string, unknown>) };
  });
}

/** Re-points the rule to the new template. */
export async function update(id: string, _olds: Record<string, unknown>, news: DomainBindingInputs) {
  return asUserErrors(`updating DomainBinding ${id}`, async () => {
    const client = liveClient();
    const current = ruleOn(await freshRules(client), news.domainName, news.appName);
    if (current?.TemplateId !== news.templateId) {
      await pointRule(client, news.domainName, news.appName, news.templateId, true);
    }
    return { outs: outputsOf(news as unknown as Record<string, unknown>) };
  });
}

/**
 * Reads the rule on (domain, app), from a rule list shared with concurrent reads.
 * Re-pointed to another template: the new templateId, so refresh shows it. Gone: on
 * refresh (`props` are the stored outputs) no id, so refresh drops it from the stack; for
 * `DomainBinding.get` (`props` hold nothing of a binding) a failure naming the id, since
 * the engine would accept an empty read and the program would go on without a rule.
 */
export async function read(id: string, props: Record<string, unknown>) {
  return asUserErrors(`reading DomainBinding ${id}`, async () => {
    const { domainName, appName } = parseBindingId(id);
    const rule = ruleOn(await sharedRules(liveClient()), domainName, appName);
    if (!rule) {
      if (props.domainName === undefined) {
        throw new ProviderError(
          `DomainBinding.get("${id}"): there is no callback rule on ${id} in this account. ` +
            'Check the id ("<domainName>/<appName>", e.g. "live.example.com/live") and the account the credentials belong to, or remove the get.',
        );
      }
      return {};
    }
    const outputs: Record<string, unknown> = { domainName, appName, templateId: rule.TemplateId };
    if (typeof props.adopt === "boolean") outputs.adopt = props.adopt;
    return { id, props: outputs, inputs: { ...outputs } };
  });
}

/**
 * Deletes the rule only while it still points at this binding's template, and no other
 * binding of this deployment wants it (see {@link declaredRules}): a rule that someone
 * re-pointed is theirs now, and a rule a renamed or replaced binding took over is the new
 * binding's; both are left alone. A rule already gone counts as deleted.
 */
export async function remove(id: string, props: Record<string, unknown>) {
  return asUserErrors(`deleting DomainBinding ${id}`, async () => {
    const { domainName, appName } = parseBindingId(id);
    if (ruleDeclaredInThisDeployment(id, props.templateId)) return;
    const client = liveClient();
    const rule = ruleOn(await freshRules(client), domainName, appName);
    if (!rule || rule.TemplateId !== props.templateId) return;
    try {
      await client.deleteRule({ DomainName: domainName, AppName: appName });
    } catch (error) {
      if (!isLiveErrorKind(error, "NotFound")) throw error;
    }
  });
}

/** The hooks, in the shape the serialized shim calls. */
export const domainBindingHooks = { check, diff, create, read, update, delete: remove };
