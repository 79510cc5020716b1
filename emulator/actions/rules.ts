/**
 * The three rule actions: parameter checks, then a call into the model.
 */
import { EmulatorApiError, createRule, deleteRule } from "../model";
import { checkParams, type ParamRule } from "./params";
import { ruleInfo } from "./response-shapes";
import type { ActionDefinition } from "./types";

const CREATE_RULE_PARAMS = {
  DomainName: { type: "string", required: true },
  AppName: { type: "string", required: true },
  TemplateId: { type: "integer", required: true },
} as const satisfies Record<string, ParamRule>;

// No TemplateId: DeleteLiveCallbackRule removes whatever rule sits on the pair.
const DELETE_RULE_PARAMS = {
  DomainName: { type: "string", required: true },
  AppName: { type: "string", required: true },
} as const satisfies Record<string, ParamRule>;

function checkNotEmpty(name: string, value: string): void {
  if (value.trim() === "") {
    throw new EmulatorApiError("InvalidParameterValue", `${name} must not be empty.`);
  }
}

/** `CreateLiveCallbackRule` → `{}`. */
export const createLiveCallbackRule: ActionDefinition = {
  mutates: true,
  run(params, state, { policy, nowMs }) {
    const values = checkParams(params, CREATE_RULE_PARAMS);
    checkNotEmpty("DomainName", values.DomainName);
    checkNotEmpty("AppName", values.AppName);
    const binding = { DomainName: values.DomainName, AppName: values.AppName, TemplateId: values.TemplateId };
    return { state: createRule(state, binding, nowMs, policy), response: {} };
  },
};

/** `DeleteLiveCallbackRule` → `{}`. */
export const deleteLiveCallbackRule: ActionDefinition = {
  mutates: true,
  run(params, state) {
    const values = checkParams(params, DELETE_RULE_PARAMS);
    return { state: deleteRule(state, values.DomainName, values.AppName), response: {} };
  },
};

/** `DescribeLiveCallbackRules` → `{Rules}`, every rule of the account. */
export const describeLiveCallbackRules: ActionDefinition = {
  mutates: false,
  run(params, state) {
    checkParams(params, {});
    return { response: { Rules: state.rules.map(ruleInfo) } };
  },
};
