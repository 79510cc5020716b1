/**
 * The five template actions: parameter checks, then a call into the model.
 */
import { CALLBACK_URL_FIELDS, type CallbackUrlField } from "../../live-api";
import {
  EmulatorApiError,
  STREAM_MIX_NOTIFY_URL,
  createTemplate,
  deleteTemplate,
  findTemplate,
  modifyTemplate,
  type TemplateSettings,
  type TemplateUrlField,
} from "../model";
import { checkParams, type ParamRule } from "./params";
import { templateInfo } from "./response-shapes";
import type { ActionDefinition } from "./types";
import { checkCallbackUrl, checkDescription, checkRecordExceptionLevels, checkTemplateName } from "./values";

const URL_PARAMS = Object.fromEntries(CALLBACK_URL_FIELDS.map((f) => [f, { type: "string" }])) as Record<
  CallbackUrlField,
  { readonly type: "string" }
>;

const TEMPLATE_PARAMS = {
  TemplateName: { type: "string" },
  Description: { type: "string" },
  ...URL_PARAMS,
  RecordExceptionLevels: { type: "string[]" },
  CallbackKey: { type: "string" },
} as const satisfies Record<string, ParamRule>;

// StreamMixNotifyUrl is deprecated: Create still takes it, Modify answers UnknownParameter.
const CREATE_PARAMS = {
  ...TEMPLATE_PARAMS,
  TemplateName: { type: "string", required: true },
  [STREAM_MIX_NOTIFY_URL]: { type: "string" },
} as const satisfies Record<string, ParamRule>;

const MODIFY_PARAMS = { TemplateId: { type: "integer", required: true }, ...TEMPLATE_PARAMS } as const satisfies Record<
  string,
  ParamRule
>;

const TEMPLATE_ID_PARAMS = { TemplateId: { type: "integer", required: true } } as const satisfies Record<string, ParamRule>;

type TemplateFieldValues = {
  TemplateName?: string;
  Description?: string;
  RecordExceptionLevels?: string[];
  CallbackKey?: string;
} & Partial<Record<TemplateUrlField, string>>;

/**
 * Checks the values of the template fields that were sent and returns them as model
 * settings. `forModify` allows `""` URLs (that is how Modify clears one).
 */
function templateSettings(values: TemplateFieldValues, urlFields: readonly TemplateUrlField[], forModify: boolean): TemplateSettings {
  if (values.TemplateName !== undefined) checkTemplateName(values.TemplateName);
  if (values.Description !== undefined) checkDescription(values.Description);
  const settings: TemplateSettings = {
    TemplateName: values.TemplateName,
    Description: values.Description,
    RecordExceptionLevels:
      values.RecordExceptionLevels === undefined ? undefined : [...checkRecordExceptionLevels(values.RecordExceptionLevels)],
    CallbackKey: values.CallbackKey,
  };
  for (const field of urlFields) {
    const url = values[field];
    if (url === undefined) continue;
    checkCallbackUrl(field, url, forModify);
    settings[field] = url;
  }
  return settings;
}

/** `CreateLiveCallbackTemplate` → `{TemplateId}`. */
export const createLiveCallbackTemplate: ActionDefinition = {
  mutates: true,
  run(params, state, { policy }) {
    const values = checkParams(params, CREATE_PARAMS);
    const urlFields: readonly TemplateUrlField[] = [...CALLBACK_URL_FIELDS, STREAM_MIX_NOTIFY_URL];
    const settings = templateSettings(values, urlFields, false);
    if (urlFields.every((f) => settings[f] === undefined)) {
      throw new EmulatorApiError(
        "InvalidParameterValue",
        `A callback template needs at least one callback URL (${CALLBACK_URL_FIELDS.join(", ")}).`,
      );
    }
    const change = createTemplate(state, { ...settings, TemplateName: values.TemplateName }, policy);
    return { state: change.state, response: { TemplateId: change.template.TemplateId } };
  },
};

/** `ModifyLiveCallbackTemplate` → `{}`: fields not sent keep their value, `""` clears a URL. */
export const modifyLiveCallbackTemplate: ActionDefinition = {
  mutates: true,
  run(params, state, { policy }) {
    const values = checkParams(params, MODIFY_PARAMS);
    const settings = templateSettings(values, CALLBACK_URL_FIELDS, true);
    return { state: modifyTemplate(state, values.TemplateId, settings, policy).state, response: {} };
  },
};

/** `DeleteLiveCallbackTemplate` → `{}`; refused while a rule binds the template. */
export const deleteLiveCallbackTemplate: ActionDefinition = {
  mutates: true,
  run(params, state, { policy }) {
    const values = checkParams(params, TEMPLATE_ID_PARAMS);
    return { state: deleteTemplate(state, values.TemplateId, policy), response: {} };
  },
};

/** `DescribeLiveCallbackTemplate` → `{Template}`. */
export const describeLiveCallbackTemplate: ActionDefinition = {
  mutates: false,
  run(params, state, { policy }) {
    const values = checkParams(params, TEMPLATE_ID_PARAMS);
    return { response: { Template: templateInfo(findTemplate(state, values.TemplateId, policy)) } };
  },
};

/** `DescribeLiveCallbackTemplates` → `{Templates}`, all of them (no pagination, like the API). */
export const describeLiveCallbackTemplates: ActionDefinition = {
  mutates: false,
  run(params, state) {
    checkParams(params, {});
    return { response: { Templates: state.templates.map(templateInfo) } };
  },
};
