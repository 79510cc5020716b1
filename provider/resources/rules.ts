/** Shared reading of the account's callback rules (the list `DescribeLiveCallbackRules` answers). */
import type { CallbackRuleInfo } from "../client";

/** The id of a DomainBinding: `"<domainName>/<appName>"`. */
export function bindingId(domainName: string, appName: string): string {
  return `${domainName}/${appName}`;
}

/** Every `domain/app` whose rule points at `templateId`, sorted. */
export function bindingsOfTemplate(rules: readonly CallbackRuleInfo[], templateId: number): string[] {
  return rules
    .filter((rule) => rule.TemplateId === templateId)
    .map((rule) => bindingId(rule.DomainName, rule.AppName))
    .sort();
}

/** The rule on (domain, app), if any. The API keys rules by the exact pair. */
export function ruleOn(rules: readonly CallbackRuleInfo[], domainName: string, appName: string): CallbackRuleInfo | undefined {
  return rules.find((rule) => rule.DomainName === domainName && rule.AppName === appName);
}
