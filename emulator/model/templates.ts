/**
 * Template lifecycle over plain state: create, modify, delete, look up.
 * Parameter syntax is checked by the action layer; this file holds the account
 * rules (the template limit, "still bound" on delete, unknown ids).
 */
import { TEMPLATE_FIELDS } from "../../live-api";
import { EmulatorApiError } from "./errors";
import type { CallbackTemplate, EmulatorState, ModelPolicy } from "./state";

/** Template fields a caller may set; an absent (or `undefined`) field means "not sent". */
export type TemplateSettings = { -readonly [K in keyof Omit<CallbackTemplate, "TemplateId">]?: CallbackTemplate[K] };

/** The result of a change: the new state and the record it touched. */
export interface TemplateChange {
  readonly state: EmulatorState;
  readonly template: CallbackTemplate;
}

/** The template with `templateId`, or the policy's not-found error. */
export function findTemplate(state: EmulatorState, templateId: number, policy: ModelPolicy): CallbackTemplate {
  const template = state.templates.find((t) => t.TemplateId === templateId);
  if (!template) {
    throw new EmulatorApiError(
      policy.templateNotFoundCode,
      `Callback template ${templateId} does not exist. Check the TemplateId, or list templates with DescribeLiveCallbackTemplates.`,
    );
  }
  return template;
}

/** Creates a template with the next id; refuses once the account holds `policy.maxTemplates`. */
export function createTemplate(
  state: EmulatorState,
  settings: TemplateSettings & { readonly TemplateName: string },
  policy: ModelPolicy,
): TemplateChange {
  if (state.templates.length >= policy.maxTemplates) {
    throw new EmulatorApiError(
      "InternalError.ConfOutLimit",
      `The account already has ${state.templates.length} callback templates, the limit is ${policy.maxTemplates}. Delete an unused template first.`,
    );
  }
  // Every field of the table, unset ("" or []) unless the request set it.
  const blank = Object.fromEntries(TEMPLATE_FIELDS.map((row) => [row.field, row.kind === "levels" ? [] : ""]));
  const template = {
    ...blank,
    ...definedOnly(settings),
    TemplateId: state.nextTemplateId,
  } as CallbackTemplate;
  return {
    state: { ...state, nextTemplateId: state.nextTemplateId + 1, templates: [...state.templates, template] },
    template,
  };
}

/** Changes the fields that were sent and keeps the others. */
export function modifyTemplate(
  state: EmulatorState,
  templateId: number,
  changes: TemplateSettings,
  policy: ModelPolicy,
): TemplateChange {
  const current = findTemplate(state, templateId, policy);
  const template: CallbackTemplate = { ...current, ...definedOnly(changes), TemplateId: templateId };
  return {
    state: { ...state, templates: state.templates.map((t) => (t === current ? template : t)) },
    template,
  };
}

/** Deletes a template that no rule binds. */
export function deleteTemplate(state: EmulatorState, templateId: number, policy: ModelPolicy): EmulatorState {
  const template = findTemplate(state, templateId, policy);
  const binding = state.rules.find((r) => r.TemplateId === templateId);
  if (binding) {
    throw new EmulatorApiError(
      policy.inUseCode,
      `Callback template ${template.TemplateId} is still bound to ${binding.DomainName}/${binding.AppName}. Delete that callback rule first, then delete the template.`,
    );
  }
  return { ...state, templates: state.templates.filter((t) => t !== template) };
}

function definedOnly<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as Partial<T>;
}
