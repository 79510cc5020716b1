/**
 * DomainBinding: the callback rule that attaches a template to (push domain, app)
 * (`CreateLiveCallbackRule` / `DeleteLiveCallbackRule`). Its id is `"<domain>/<app>"`.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { z } from "zod";
import { isLiveErrorKind, mayHaveApplied } from "../client";
import { clientSession } from "../client-cache";
import type { ClientSession } from "../session";
import { checkProperties, hostName, positiveId, requireProperty, type CheckFailure } from "../input-rules";
import { containsUnknown } from "../unknown";
import {
  BindingTemplateNotFoundError,
  ForeignRuleError,
  InvalidResourceIdError,
  RuleNotFoundError,
} from "../errors";
import { asUserErrors } from "../user-error";
import { noteHeldRule, noteWantedRule, ruleHeldByThisStack, ruleWantedInThisDeployment } from "./rule-claims";
import { bindingId, ruleOn } from "./rules";

import { DEFAULT_APP_NAME } from "../../live-api/rule-fields";

export { DEFAULT_APP_NAME };

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
 * Validates inputs and fills the default `appName`; notes the rule a valid binding wants,
 * and the rule its old inputs show this stack holding (rule-claims.ts).
 */
export async function check(olds: Record<string, unknown>, news: Record<string, unknown>) {
  noteHeldRule(olds ?? {}, DEFAULT_APP_NAME);
  const inputs = { ...news };
  if (inputs.appName === undefined || inputs.appName === null) inputs.appName = DEFAULT_APP_NAME;
  const failures: CheckFailure[] = [
    ...requireProperty(inputs, "domainName", RESOURCE),
    ...requireProperty(inputs, "templateId", RESOURCE),
    ...checkProperties(inputs, SCHEMAS, RESOURCE),
  ];
  if (failures.length === 0) noteWantedRule(inputs.domainName, inputs.appName, inputs.templateId);
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
  if (slash <= 0 || slash === id.length - 1) throw new InvalidResourceIdError({ resourceType: "DomainBinding", resourceId: id });
  return { domainName: id.slice(0, slash), appName: id.slice(slash + 1) };
}

/**
 * Points (domain, app) at `templateId`. The API says nothing about creating a rule where
 * one exists; if it refuses, the old rule is removed first, but only with `takeOver`: a
 * create without `adopt` may find a rule someone made after its conflict check (the check
 * and the create can be seconds apart while the client paces a large `up`), and that rule
 * is theirs.
 */
async function pointRule(session: ClientSession, domainName: string, appName: string, templateId: number, takeOver: boolean): Promise<void> {
  const { client } = session;
  try {
    await client.createRule({ DomainName: domainName, AppName: appName, TemplateId: templateId });
  } catch (error) {
    if (isLiveErrorKind(error, "NotFound")) throw new BindingTemplateNotFoundError({ templateId, domainName, appName });
    // Every attempt's answer was lost: settle it now with a read, since after this call
    // the rule would look foreign to the rerun (rule-claims.ts) and it is ours.
    if (mayHaveApplied(error)) {
      if (ruleOn(await session.freshRules(), domainName, appName)?.TemplateId === templateId) return;
      throw error;
    }
    if (!isLiveErrorKind(error, "AlreadyExists")) throw error;
    // A retried create whose first attempt was applied also lands here.
    const current = ruleOn(await session.freshRules(), domainName, appName);
    if (current?.TemplateId === templateId) return;
    if (current && !takeOver) throw new ForeignRuleError({ domainName, appName, templateId: current.TemplateId, wantedTemplateId: templateId });
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
      if (ruleOn(await session.freshRules(), domainName, appName)?.TemplateId !== templateId) throw recreateError;
    }
  }
}

/**
 * Creates the rule. A rule already on (domain, app) is taken only when this stack holds it
 * (rule-claims.ts) or with `adopt`; any other is refused as foreign, also when it already
 * points at the wanted template: that is another stack's, the console's, or this stack's
 * under another name, and sharing it silently would let either side's delete unbind the
 * other. A create whose answer was lost is settled inside this call (pointRule).
 */
export async function create(inputs: DomainBindingInputs) {
  const id = bindingId(inputs.domainName, inputs.appName);
  return asUserErrors(`creating DomainBinding ${id}`, async () => {
    const session = clientSession();
    const existing = ruleOn(await session.freshRules(), inputs.domainName, inputs.appName);
    const ours = inputs.adopt === true || ruleHeldByThisStack(id);
    if (existing && !ours) {
      throw new ForeignRuleError({ domainName: inputs.domainName, appName: inputs.appName, templateId: existing.TemplateId, wantedTemplateId: inputs.templateId });
    }
    if (existing?.TemplateId !== inputs.templateId) {
      await pointRule(session, inputs.domainName, inputs.appName, inputs.templateId, ours);
    }
    return { id, outs: outputsOf(inputs as unknown as Record<string, unknown>) };
  });
}

/** Re-points the rule to the new template. */
export async function update(id: string, _olds: Record<string, unknown>, news: DomainBindingInputs) {
  return asUserErrors(`updating DomainBinding ${id}`, async () => {
    const session = clientSession();
    const current = ruleOn(await session.freshRules(), news.domainName, news.appName);
    if (current?.TemplateId !== news.templateId) {
      await pointRule(session, news.domainName, news.appName, news.templateId, true);
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
    const rule = ruleOn(await clientSession().sharedRules(), domainName, appName);
    if (!rule) {
      if (props.domainName === undefined) throw new RuleNotFoundError({ domainName, appName });
      return {};
    }
    const outputs: Record<string, unknown> = { domainName, appName, templateId: rule.TemplateId };
    if (typeof props.adopt === "boolean") outputs.adopt = props.adopt;
    return { id, props: outputs, inputs: { ...outputs } };
  });
}

/**
 * Deletes the rule only while it still points at this binding's template, and no other
 * binding of this deployment wants it (rule-claims.ts): a rule that someone
 * re-pointed is theirs now, and a rule a renamed or replaced binding took over is the new
 * binding's; both are left alone. A rule already gone counts as deleted.
 */
export async function remove(id: string, props: Record<string, unknown>) {
  return asUserErrors(`deleting DomainBinding ${id}`, async () => {
    const { domainName, appName } = parseBindingId(id);
    if (ruleWantedInThisDeployment(id, props.templateId)) return;
    const session = clientSession();
    const rule = ruleOn(await session.freshRules(), domainName, appName);
    if (!rule || rule.TemplateId !== props.templateId) return;
    try {
      await session.client.deleteRule({ DomainName: domainName, AppName: appName });
    } catch (error) {
      if (!isLiveErrorKind(error, "NotFound")) throw error;
    }
  });
}

/** The hooks, in the shape the serialized shim calls. */
export const domainBindingHooks = { check, diff, create, read, update, delete: remove } satisfies dynamic.ResourceProvider;
