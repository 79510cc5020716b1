/**
 * The five template actions: parameter checks, then a call into the model.
 */
import { CALLBACK_URL_FIELDS, TEMPLATE_FIELDS, isDeprecatedField, isRequiredField, type TemplateFieldRow } from "../../live-api";
import {
  EmulatorApiError,
  createTemplate,
  deleteTemplate,
  findTemplate,
  modifyTemplate,
  type TemplateSettings,
} from "../model";
import { checkParams, type ParamRule } from "./params";
import { templateInfo } from "./response-shapes";
import type { ActionDefinition } from "./types";
import { checkCallbackUrl, checkDescription, checkRecordExceptionLevels, checkTemplateName } from "./values";

type ForCreate<R extends TemplateFieldRow> = {
  readonly type: R["kind"] extends "levels" ? "string[]" : "string";
  readonly required: R extends { readonly required: true } ? true : false;
};
type ForModify<R extends TemplateFieldRow> = { readonly type: R["kind"] extends "levels" ? "string[]" : "string"; readonly required: false };

/** The template parameters of Create: every field of the table, the deprecated one included. */
const CREATE_PARAMS = Object.fromEntries(
  TEMPLATE_FIELDS.map((row: TemplateFieldRow) => [
    row.field,
    { type: row.kind === "levels" ? "string[]" : "string", required: isRequiredField(row) },
  ]),
) as { readonly [R in TemplateFieldRow as R["field"]]: ForCreate<R> };

// Deprecated fields (StreamMixNotifyUrl): Create still takes them, Modify answers UnknownParameter.
const MODIFY_PARAMS = {
  TemplateId: { type: "integer", required: true },
  ...(Object.fromEntries(
    TEMPLATE_FIELDS.filter((row: TemplateFieldRow) => !isDeprecatedField(row)).map((row) => [
      row.field,
      { type: row.kind === "levels" ? "string[]" : "string", required: false },
    ]),
  ) as { readonly [R in Exclude<TemplateFieldRow, { readonly deprecated: true }> as R["field"]]: ForModify<R> }),
} as const satisfies Record<string, ParamRule>;

const TEMPLATE_ID_PARAMS = { TemplateId: { type: "integer", required: true } } as const satisfies Record<string, ParamRule>;

/** The value check of each text field, with the code the API documents for it. */
const TEXT_CHECKS: Readonly<Record<Extract<TemplateFieldRow, { readonly kind: "text" }>["field"], (value: string) => void>> = {
  TemplateName: checkTemplateName,
  Description: checkDescription,
};

/**
 * Checks the values of the template fields that were sent and returns them as model
 * settings. `forModify` allows `""` URLs (that is how Modify clears one).
 */
function templateSettings(values: Readonly<Record<string, unknown>>, forModify: boolean): TemplateSettings {
  const settings: Record<string, unknown> = {};
  for (const row of TEMPLATE_FIELDS) {
    const value = values[row.field];
    if (value === undefined) continue;
    switch (row.kind) {
      case "text":
        TEXT_CHECKS[row.field](value as string);
        settings[row.field] = value;
        break;
      case "url":
        checkCallbackUrl(row.field, value as string, forModify);
        settings[row.field] = value;
        break;
      case "levels":
        settings[row.field] = [...checkRecordExceptionLevels(value as string[])];
        break;
      case "secret":
        settings[row.field] = value;
        break;
    }
  }
  return settings as TemplateSettings;
}

/** `CreateLiveCallbackTemplate` → `{TemplateId}`. */
export const createLiveCallbackTemplate: ActionDefinition = {
  mutates: true,
  run(params, state, { policy }) {
    const values = checkParams(params, CREATE_PARAMS);
    const settings = templateSettings(values, false);
    if (TEMPLATE_FIELDS.every((row) => row.kind !== "url" || settings[row.field] === undefined)) {
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
    const settings = templateSettings(values, true);
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
