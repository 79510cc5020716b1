/**
 * CallbackTemplate: one Live callback template (`CreateLiveCallbackTemplate` and friends).
 *
 * Holds the resource's input/output shapes and its lifecycle hooks. The serialized shim
 * in the SDK forwards every hook here at call time.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { z } from "zod";
import {
  LiveApiError,
  RECORD_EXCEPTION_LEVELS,
  isLiveErrorKind,
  type CallbackTemplateInfo,
  type CreateTemplateRequest,
  type ModifyTemplateRequest,
  type RecordExceptionLevel,
} from "../client";
import {
  CALLBACK_KEY_RULE,
  TEMPLATE_PROPERTY_FIELDS,
  TEMPLATE_URL_PROPERTY_NAMES,
  isRequiredField,
  type TemplatePropertyRow,
  type TemplatePropertyValues,
} from "../../live-api";
import { clientSession } from "../client-cache";
import { callbackUrl, checkProperties, consoleName, positiveId, requireProperty, type CheckFailure } from "../input-rules";
import { containsUnknown } from "../unknown";
import {
  AdoptedTemplateNotFoundError,
  InvalidResourceIdError,
  TemplateDeletedOutsideError,
  TemplateNotFoundError,
  TemplateStillBoundError,
  type RuleLocation,
} from "../errors";
import { asUserErrors } from "../user-error";
import { bindingsOfTemplate } from "./rules";
import { templateDifferences } from "./template-equality";
import { createRequest, modifyRequest, propertiesFromFields } from "./template-wire";

const URL_PROPERTIES = TEMPLATE_URL_PROPERTY_NAMES;

/**
 * Inputs of a CallbackTemplate, as the provider receives them (plain values): a property
 * per row of live-api's field table, and `adoptTemplateId`. The SDK's
 * `CallbackTemplateArgs` is checked against this type when the package is compiled.
 */
export type CallbackTemplateInputs = TemplatePropertyValues & {
  /** An existing template to take over instead of creating one; only read by create. */
  adoptTemplateId?: number;
};

/** Outputs: every input echoed, plus the template id. */
export type CallbackTemplateOutputs = CallbackTemplateInputs & { templateId: number };

const RESOURCE = "CallbackTemplate";

/** The console's rule for one property, by the kind of its field. */
function propertySchema(row: TemplatePropertyRow): z.ZodType {
  switch (row.kind) {
    case "text":
      return consoleName(row.property, row.limits.consoleCharacters, { allowEmpty: !isRequiredField(row) });
    case "url":
      return callbackUrl(row.property);
    case "levels":
      return z
        .array(z.enum(RECORD_EXCEPTION_LEVELS, { error: `${row.property} values must be one of ${RECORD_EXCEPTION_LEVELS.join(", ")}` }), {
          error: `${row.property} must be a list`,
        })
        .refine((levels) => new Set(levels).size === levels.length, `${row.property} must not repeat a level`);
    case "secret":
      return z
        .string({ error: `${row.property} must be a string` })
        .max(CALLBACK_KEY_RULE.maxLength, `${row.property} must be at most ${CALLBACK_KEY_RULE.maxLength} characters long`)
        .regex(CALLBACK_KEY_RULE.characters, `${row.property} may contain only letters and digits`);
  }
}

/** Console rules, one schema per property. */
const SCHEMAS = {
  ...Object.fromEntries(TEMPLATE_PROPERTY_FIELDS.map((row) => [row.property, propertySchema(row)])),
  adoptTemplateId: positiveId("adoptTemplateId"),
};

/** Validates inputs against the console's rules; unknown values pass. */
export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>) {
  const failures: CheckFailure[] = [
    ...TEMPLATE_PROPERTY_FIELDS.filter(isRequiredField).flatMap((row) => requireProperty(news, row.property, RESOURCE)),
    ...checkProperties(news, SCHEMAS, RESOURCE),
  ];
  // A URL of the wrong type already fails on its own property; one failure is enough.
  const anyUrl = URL_PROPERTIES.some((p) => news[p] !== undefined && news[p] !== null && news[p] !== "");
  if (!anyUrl) {
    failures.push({
      property: "streamBeginNotifyUrl",
      reason: `a callback template needs at least one callback URL; set one of ${URL_PROPERTIES.join(", ")}.`,
    });
  }
  return { inputs: news, failures };
}

/**
 * Exact changes: compares what the cloud would hold (template-equality.ts). A template
 * never needs replacing: Modify can change every field.
 */
export async function diff(_id: string, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const changed = templateDifferences(olds, news);
  return { changes: changed.length > 0, replaces: [] as string[], deleteBeforeReplace: false };
}

/** Outputs echo every input that is set (no `undefined`: the host cannot encode it). */
function outputsOf(inputs: Record<string, unknown>, templateId: number): CallbackTemplateOutputs {
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (key !== "__provider" && key !== "templateId" && value !== undefined && value !== null) outputs[key] = value;
  }
  outputs.templateId = templateId;
  return outputs as CallbackTemplateOutputs;
}

function parseTemplateId(id: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) throw new InvalidResourceIdError({ resourceType: "CallbackTemplate", resourceId: id });
  return Number(id);
}

/** Creates the template, or takes over `adoptTemplateId` and reconciles it to the program. */
export async function create(inputs: CallbackTemplateInputs) {
  // The callback key is removed from any error message (see toUserError).
  return asUserErrors(`creating callback template "${inputs.templateName}"`, async () => {
    const session = clientSession();
    const { client } = session;
    let templateId: number;
    if (inputs.adoptTemplateId !== undefined) {
      templateId = inputs.adoptTemplateId;
      try {
        await client.describeTemplate(templateId);
      } catch (error) {
        if (isLiveErrorKind(error, "NotFound")) throw new AdoptedTemplateNotFoundError({ templateId });
        throw error;
      }
      await client.modifyTemplate(modifyRequest(templateId, inputs));
    } else {
      templateId = await session.createTemplate(createRequest(inputs));
    }
    return { id: String(templateId), outs: outputsOf(inputs, templateId) };
  }, [inputs.callbackKey]);
}

/** Sends the complete desired state, so fields removed from the program are cleared. */
export async function update(id: string, olds: Record<string, unknown>, news: CallbackTemplateInputs) {
  return asUserErrors(`updating callback template ${id}`, async () => {
    const templateId = parseTemplateId(id);
    try {
      await clientSession().client.modifyTemplate(modifyRequest(templateId, news));
    } catch (error) {
      if (isLiveErrorKind(error, "NotFound")) throw new TemplateDeletedOutsideError({ templateId });
      throw error;
    }
    return { outs: outputsOf(news, templateId) };
  }, [news.callbackKey, olds.callbackKey]);
}

/** The cloud's view of a template as outputs. */
function propsFromCloud(info: CallbackTemplateInfo, previous: Record<string, unknown>): CallbackTemplateOutputs {
  const props: Record<string, unknown> = propertiesFromFields(info);
  // A field Describe never returns (RecordStatusNotifyUrl): the last value this stack set is the best knowledge.
  for (const row of TEMPLATE_PROPERTY_FIELDS) {
    const described = (info as Record<string, unknown>)[row.field];
    if (row.describe === "never" && described === undefined && typeof previous[row.property] === "string") {
      props[row.property] = previous[row.property];
    }
  }
  if (typeof previous.adoptTemplateId === "number") props.adoptTemplateId = previous.adoptTemplateId;
  props.templateId = info.TemplateId;
  return props as CallbackTemplateOutputs;
}

/**
 * Reads the template as it is in the cloud, from a template list shared with concurrent
 * reads (see shared-reads.ts and session.ts).
 *
 * - Refresh (`props` are the stored outputs): a template deleted outside the stack answers
 *   no id, so refresh drops it from the stack.
 * - `CallbackTemplate.get` (`props` hold nothing of a template): a missing id fails at
 *   once, naming it. The dynamic-provider host would otherwise answer an empty read that
 *   the engine accepts, and the program would go on with a template that does not exist.
 *
 * Outputs carry the cloud's callback key (the engine stores it encrypted: the resource
 * declares it in `additionalSecretOutputs`, and refresh keeps a secret output secret).
 * Inputs never do: the engine marks a read input secret only when the stored input was,
 * and the host does not tell this hook whether it was, so a key returned as an input
 * would land in state, and in the next preview, in plain text. Inputs without it are
 * harmless: `diff` compares the program with the outputs.
 */
export async function read(id: string, props: Record<string, unknown>) {
  return asUserErrors(`reading callback template ${id}`, async () => {
    const templateId = parseTemplateId(id);
    const info = (await clientSession().sharedTemplates()).find((t) => t.TemplateId === templateId);
    if (!info) {
      if (props.templateName === undefined) throw new TemplateNotFoundError({ templateId });
      return {};
    }
    const outputs = propsFromCloud(info, props);
    const { templateId: _omit, callbackKey: _key, ...inputs } = outputs;
    return { id: String(templateId), props: outputs, inputs };
  }, [props.callbackKey]);
}

/**
 * The delete guard: lists the rules fresh and refuses while any (domain, app) still
 * points at this template. A template already gone counts as deleted.
 */
export async function remove(id: string, props: Record<string, unknown>) {
  return asUserErrors(`deleting callback template ${id}`, async () => {
    const templateId = parseTemplateId(id);
    const session = clientSession();
    const bound = bindingsOfTemplate(await session.freshRules(), templateId);
    if (bound.length) throw templateInUse(templateId, bound);
    try {
      await session.client.deleteTemplate(templateId);
    } catch (error) {
      if (isLiveErrorKind(error, "NotFound")) return;
      if (isLiveErrorKind(error, "InUse")) {
        // Bound between our check and the delete: say where, from a fresh list.
        throw templateInUse(templateId, bindingsOfTemplate(await session.freshRules(), templateId), error);
      }
      throw error;
    }
  }, [props.callbackKey]);
}

function templateInUse(templateId: number, bindings: RuleLocation[], refusal?: unknown): TemplateStillBoundError {
  const tencentCode = refusal instanceof LiveApiError ? refusal.code : undefined;
  return new TemplateStillBoundError({ templateId, bindings, ...(tencentCode ? { tencentCode } : {}) });
}

/** The hooks, in the shape the serialized shim calls. */
export const callbackTemplateHooks = { check, diff, create, read, update, delete: remove } satisfies dynamic.ResourceProvider;
