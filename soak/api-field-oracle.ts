/**
 * The tests' own statement of where each CallbackTemplate property goes in the Live API,
 * written by hand from /work/shared/reference/tencent-live-callback-api.md (the
 * CreateLiveCallbackTemplate parameter table and CallBackTemplateInfo) and the property
 * names of `tencentcloud.Css.CallbackTemplate`.
 *
 * This deliberately repeats a fact the product holds in its own field table
 * (live-api/template-fields.ts, from which the product derives everything else): it is
 * the oracle that table is checked against. A test or invariant that imported the
 * product's table would agree with it even when it is wrong (two fields swapped stay
 * swapped on the way out and on the way back). Never import a product table here.
 */

/** Each of the 13 CallbackTemplate properties and the API field that carries it. */
export const PROPERTY_API_FIELD = {
  templateName: "TemplateName",
  description: "Description",
  streamBeginNotifyUrl: "StreamBeginNotifyUrl", // Push callback, event_type 1
  streamEndNotifyUrl: "StreamEndNotifyUrl", // Interruption callback, event_type 0
  recordNotifyUrl: "RecordNotifyUrl", // Recording file callback, event_type 100
  recordStatusNotifyUrl: "RecordStatusNotifyUrl", // Recording status callback, event_type 332
  snapshotNotifyUrl: "SnapshotNotifyUrl", // Screencapture callback, event_type 200
  pornCensorshipNotifyUrl: "PornCensorshipNotifyUrl", // Porn detection callback, event_type 317
  pushExceptionNotifyUrl: "PushExceptionNotifyUrl", // Push error callback, event_type 321
  audioAuditNotifyUrl: "AudioAuditNotifyUrl", // Audio moderation callback, event_type 315
  recordExceptionNotifyUrl: "RecordExceptionNotifyUrl", // Recording exception callback, event_type 341
  recordExceptionLevels: "RecordExceptionLevels",
  callbackKey: "CallbackKey",
} as const;

/** A CallbackTemplate property that maps to an API field. */
export type OracleProperty = keyof typeof PROPERTY_API_FIELD;

/** The nine callback URL properties (the ones whose value is one URL). */
export const URL_PROPERTIES = [
  "streamBeginNotifyUrl",
  "streamEndNotifyUrl",
  "recordNotifyUrl",
  "recordStatusNotifyUrl",
  "snapshotNotifyUrl",
  "pornCensorshipNotifyUrl",
  "pushExceptionNotifyUrl",
  "audioAuditNotifyUrl",
  "recordExceptionNotifyUrl",
] as const satisfies readonly OracleProperty[];

/** Accepted by Create and Modify, but never returned by Describe (see the reference's Structures). */
export const WRITE_ONLY_FIELDS: readonly string[] = ["RecordStatusNotifyUrl"];

/**
 * Every field of CallBackTemplateInfo as Describe returns it. `StreamMixNotifyUrl` is
 * deprecated and set by no property: it is always `""` for templates this package makes.
 */
export const DESCRIBED_FIELDS = [
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
] as const;

/**
 * The cloud template (API field names, without `TemplateId`) that a template's property
 * values describe: unset strings are `""`, unset levels `[]`, levels sorted.
 */
export function apiFieldsOf(properties: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { StreamMixNotifyUrl: "" };
  for (const [property, field] of Object.entries(PROPERTY_API_FIELD)) {
    const value = properties[property];
    if (property === "recordExceptionLevels") out[field] = [...((value as string[] | undefined) ?? [])].sort();
    else out[field] = value ?? "";
  }
  return out;
}
