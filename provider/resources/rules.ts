/** Shared reading of the account's callback rules (the list `DescribeLiveCallbackRules` answers). */
import type { CallbackRuleInfo } from "../client";
import type { RuleLocation } from "../errors";

/** The id of a DomainBinding: `"<domainName>/<appName>"`. */
export function bindingId(domainName: string, appName: string): string {
  return `${domainName}/${appName}`;
}

/** Every (domain, app) whose rule points at `templateId`, sorted by binding id. */
export function bindingsOfTemplate(rules: readonly CallbackRuleInfo[], templateId: number): RuleLocation[] {
  return rules
    .filter((rule) => rule.TemplateId === templateId)
    .map((rule) => ({ domainName: rule.DomainName, appName: rule.AppName }))
    .sort((a, b) => {
      const [x, y] = [bindingId(a.domainName, a.appName), bindingId(b.domainName, b.appName)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
}

/** The rule on (domain, app), if any. The API keys rules by the exact pair. */
export function ruleOn(rules: readonly CallbackRuleInfo[], domainName: string, appName: string): CallbackRuleInfo | undefined {
  return rules.find((rule) => rule.DomainName === domainName && rule.AppName === appName);
}
