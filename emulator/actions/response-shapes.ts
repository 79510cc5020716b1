/**
 * How model records look on the wire: `CallBackTemplateInfo` and `CallBackRuleInfo`.
 */
import { TEMPLATE_FIELDS } from "../../live-api";
import type { CallbackRule, CallbackTemplate } from "../model";

/**
 * A template as Describe returns it: `TemplateId`, then the fields of live-api's table
 * that Describe returns, in the table's order (that of `CallBackTemplateInfo`). The real
 * service stores `RecordStatusNotifyUrl` but never returns it.
 */
export function templateInfo(template: CallbackTemplate): Record<string, unknown> {
  const info: Record<string, unknown> = { TemplateId: template.TemplateId };
  for (const row of TEMPLATE_FIELDS) {
    if (row.describe === "never") continue;
    const value = template[row.field];
    info[row.field] = Array.isArray(value) ? [...value] : value;
  }
  return info;
}

/** A rule as DescribeLiveCallbackRules returns it. */
export function ruleInfo(rule: CallbackRule): Record<string, unknown> {
  return {
    CreateTime: rule.CreateTime,
    UpdateTime: rule.UpdateTime,
    TemplateId: rule.TemplateId,
    DomainName: rule.DomainName,
    AppName: rule.AppName,
  };
}
