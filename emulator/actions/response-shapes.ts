/**
 * How model records look on the wire: `CallBackTemplateInfo` and `CallBackRuleInfo`.
 */
import type { CallbackRule, CallbackTemplate } from "../model";

// The documented field order of CallBackTemplateInfo. RecordStatusNotifyUrl is not in
// it: the real service stores that URL but never returns it.
const TEMPLATE_INFO_FIELDS = [
  "TemplateId",
  "TemplateName",
  "Description",
  "StreamBeginNotifyUrl",
  "StreamMixNotifyUrl",
  "StreamEndNotifyUrl",
  "RecordNotifyUrl",
  "SnapshotNotifyUrl",
  "PornCensorshipNotifyUrl",
  "CallbackKey",
  "PushExceptionNotifyUrl",
  "AudioAuditNotifyUrl",
  "RecordExceptionNotifyUrl",
  "RecordExceptionLevels",
] as const satisfies ReadonlyArray<keyof CallbackTemplate>;

/** A template as Describe returns it: documented fields only, in order. */
export function templateInfo(template: CallbackTemplate): Record<string, unknown> {
  return Object.fromEntries(
    TEMPLATE_INFO_FIELDS.map((f) => [f, Array.isArray(template[f]) ? [...(template[f] as unknown[])] : template[f]]),
  );
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
