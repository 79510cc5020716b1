/**
 * Callback rules over plain state. A rule is keyed by (DomainName, AppName); at most
 * one exists per pair, and it always points at an existing template.
 */
import { formatBeijingTime } from "./beijing-time";
import { EmulatorApiError } from "./errors";
import { findTemplate } from "./templates";
import type { CallbackRule, EmulatorState, ModelPolicy } from "./state";

/** What CreateLiveCallbackRule asks for. */
export interface RuleBinding {
  readonly DomainName: string;
  readonly AppName: string;
  readonly TemplateId: number;
}

/** The rule on (domainName, appName), if any. */
export function findRule(state: EmulatorState, domainName: string, appName: string): CallbackRule | undefined {
  return state.rules.find((r) => r.DomainName === domainName && r.AppName === appName);
}

/**
 * Binds a template to (DomainName, AppName) at `nowMs`. When the pair already has a
 * rule, `policy.ruleConflict` decides: refuse with `InternalError.RuleAlreadyExist`, or
 * re-point it (CreateTime kept, UpdateTime set to now).
 */
export function createRule(state: EmulatorState, binding: RuleBinding, nowMs: number, policy: ModelPolicy): EmulatorState {
  findTemplate(state, binding.TemplateId, policy);
  const now = formatBeijingTime(nowMs);
  const existing = findRule(state, binding.DomainName, binding.AppName);
  if (!existing) {
    const rule: CallbackRule = {
      DomainName: binding.DomainName,
      AppName: binding.AppName,
      TemplateId: binding.TemplateId,
      CreateTime: now,
      UpdateTime: now,
    };
    return { ...state, rules: [...state.rules, rule] };
  }
  if (policy.ruleConflict === "error") {
    throw new EmulatorApiError(
      "InternalError.RuleAlreadyExist",
      `${binding.DomainName}/${binding.AppName} already has a callback rule (template ${existing.TemplateId}). Delete it with DeleteLiveCallbackRule before binding another template.`,
    );
  }
  const repointed: CallbackRule = { ...existing, TemplateId: binding.TemplateId, UpdateTime: now };
  return { ...state, rules: state.rules.map((r) => (r === existing ? repointed : r)) };
}

/** Removes whatever rule sits on (domainName, appName); `FailedOperation.NotFound` if none. */
export function deleteRule(state: EmulatorState, domainName: string, appName: string): EmulatorState {
  const existing = findRule(state, domainName, appName);
  if (!existing) {
    throw new EmulatorApiError(
      "FailedOperation.NotFound",
      `There is no callback rule on ${domainName}/${appName}. List rules with DescribeLiveCallbackRules.`,
    );
  }
  return { ...state, rules: state.rules.filter((r) => r !== existing) };
}
