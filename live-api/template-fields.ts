/**
 * The fields of a Live callback template, in one table: each API field, the property name
 * this package gives it (the names of `tencentcloud.Css.CallbackTemplate`), what kind of
 * value it holds, whether Describe returns it, and which callback events Tencent POSTs to
 * it. The client's wire shapes, the provider's inputs, checks, requests and equality, the
 * SDK's registration and the emulator's parameters, state, answers and event delivery are
 * all derived from this table; none of them lists the fields again.
 *
 * The tests do not use it: they check it against a table of their own, written by hand
 * from the API reference (soak/api-field-oracle.ts).
 */
import type { CallbackEventType } from "./callback-events";
import { DESCRIPTION_LIMITS, TEMPLATE_NAME_LIMITS } from "./value-rules";

/** Values accepted in `RecordExceptionLevels`. */
export const RECORD_EXCEPTION_LEVELS = ["error", "warning", "info"] as const;
/** One recording-exception level. */
export type RecordExceptionLevel = (typeof RECORD_EXCEPTION_LEVELS)[number];

/**
 * What a field holds, which decides how it is checked and compared:
 *
 * - `text`: a name or description (value-rules' characters, within the row's `limits`);
 * - `url`: a callback URL (value-rules' URL rule); `""` means "not set", and Modify
 *   clears a URL with it;
 * - `secret`: the callback key (value-rules' `CALLBACK_KEY_RULE`); Describe returns it in
 *   plain text, so the package keeps it secret in state and previews;
 * - `levels`: a set of {@link RECORD_EXCEPTION_LEVELS}, in any order.
 */
export type TemplateFieldKind = "text" | "url" | "secret" | "levels";

/** One row of {@link TEMPLATE_FIELDS}. */
export interface TemplateFieldSpec {
  /** The API field, as Create, Modify and `CallBackTemplateInfo` spell it. */
  readonly field: string;
  /** The property name of this package; absent for the deprecated field no property sets. */
  readonly property?: string;
  readonly kind: TemplateFieldKind;
  /**
   * What Describe answers: `returned` (as stored, `""` or `[]` when unset), or `never`
   * (Create and Modify accept it, `CallBackTemplateInfo` does not have it).
   */
  readonly describe: "returned" | "never";
  /** Create refuses a request without it (so a resource cannot leave it out). */
  readonly required?: boolean;
  /** Deprecated: Create still takes it, Modify answers `UnknownParameter`. */
  readonly deprecated?: boolean;
  /** For `url` fields: the `event_type`s Tencent POSTs to this URL. */
  readonly eventTypes?: readonly CallbackEventType[];
  /** For `text` fields: the console's limit (characters) and the API's (UTF-8 bytes). */
  readonly limits?: { readonly consoleCharacters: number; readonly apiBytes: number };
}

/**
 * Every field of a callback template, in the order of `CallBackTemplateInfo` (the
 * reference's Structures), with `RecordStatusNotifyUrl`, which that structure lacks,
 * where the Create parameter table puts it: after `RecordNotifyUrl`.
 */
export const TEMPLATE_FIELDS = [
  { field: "TemplateName", property: "templateName", kind: "text", describe: "returned", required: true, limits: TEMPLATE_NAME_LIMITS },
  { field: "Description", property: "description", kind: "text", describe: "returned", limits: DESCRIPTION_LIMITS },
  // Console label "Push callback".
  { field: "StreamBeginNotifyUrl", property: "streamBeginNotifyUrl", kind: "url", describe: "returned", eventTypes: [1] },
  { field: "StreamMixNotifyUrl", kind: "url", describe: "returned", deprecated: true, eventTypes: [] },
  // Console label "Interruption callback".
  { field: "StreamEndNotifyUrl", property: "streamEndNotifyUrl", kind: "url", describe: "returned", eventTypes: [0] },
  // Console label "Recording callback" (one event per recording file).
  { field: "RecordNotifyUrl", property: "recordNotifyUrl", kind: "url", describe: "returned", eventTypes: [100] },
  // Stored by the service but never returned: refresh cannot see it change elsewhere.
  { field: "RecordStatusNotifyUrl", property: "recordStatusNotifyUrl", kind: "url", describe: "never", eventTypes: [332] },
  // Console label "Screencapture callback".
  { field: "SnapshotNotifyUrl", property: "snapshotNotifyUrl", kind: "url", describe: "returned", eventTypes: [200] },
  // Console label "Porn detection callback".
  { field: "PornCensorshipNotifyUrl", property: "pornCensorshipNotifyUrl", kind: "url", describe: "returned", eventTypes: [317] },
  { field: "CallbackKey", property: "callbackKey", kind: "secret", describe: "returned" },
  // Console label "Push error callback".
  { field: "PushExceptionNotifyUrl", property: "pushExceptionNotifyUrl", kind: "url", describe: "returned", eventTypes: [321] },
  // Console label "Audio moderation callback".
  { field: "AudioAuditNotifyUrl", property: "audioAuditNotifyUrl", kind: "url", describe: "returned", eventTypes: [315] },
  // Console label "Recording exception callback".
  { field: "RecordExceptionNotifyUrl", property: "recordExceptionNotifyUrl", kind: "url", describe: "returned", eventTypes: [341] },
  { field: "RecordExceptionLevels", property: "recordExceptionLevels", kind: "levels", describe: "returned" },
] as const satisfies readonly TemplateFieldSpec[];

/** A row of {@link TEMPLATE_FIELDS}, as its literal type. */
export type TemplateFieldRow = (typeof TEMPLATE_FIELDS)[number];
/** A row with a property: the fields this package reads and writes. */
export type TemplatePropertyRow = Extract<TemplateFieldRow, { readonly property: string }>;
type PropertyRow = TemplatePropertyRow;
type UrlRow = Extract<PropertyRow, { readonly kind: "url" }>;

/** A template property that maps to an API field, e.g. `streamBeginNotifyUrl`. */
export type TemplateProperty = PropertyRow["property"];
/** A callback URL API field that a property maps to, e.g. `StreamBeginNotifyUrl`. */
export type CallbackUrlField = UrlRow["field"];
/** A callback URL property name, e.g. `streamBeginNotifyUrl`. */
export type TemplateUrlProperty = UrlRow["property"];

/** The value a field of `kind` holds (a string for all kinds but `levels`). */
export type TemplateFieldValue<K extends TemplateFieldKind> = K extends "levels" ? RecordExceptionLevel[] : string;

/**
 * A template's values by property name, as a program gives them (plain values): the
 * required ones required, the others optional.
 */
export type TemplatePropertyValues = {
  [R in Extract<PropertyRow, { readonly required: true }> as R["property"]]: TemplateFieldValue<R["kind"]>;
} & {
  [R in Exclude<PropertyRow, { readonly required: true }> as R["property"]]?: TemplateFieldValue<R["kind"]>;
};

/** The rows that have a property, in table order. */
export const TEMPLATE_PROPERTY_FIELDS: readonly PropertyRow[] = TEMPLATE_FIELDS.filter(
  (row): row is PropertyRow => "property" in row,
);

/**
 * The 13 properties of a template that map to an API field (`templateName`,
 * `description`, the nine URLs, `callbackKey`, `recordExceptionLevels`), in table order.
 */
export const TEMPLATE_API_PROPERTIES: readonly TemplateProperty[] = TEMPLATE_PROPERTY_FIELDS.map((row) => row.property);

/** The nine callback URL API fields that properties map to, in table order. */
export const CALLBACK_URL_FIELDS: readonly CallbackUrlField[] = TEMPLATE_PROPERTY_FIELDS.filter(
  (row): row is UrlRow => row.kind === "url",
).map((row) => row.field);

/** The nine callback URL property names, in table order. */
export const TEMPLATE_URL_PROPERTY_NAMES: readonly TemplateUrlProperty[] = TEMPLATE_PROPERTY_FIELDS.filter(
  (row): row is UrlRow => row.kind === "url",
).map((row) => row.property);

/** True for a field Create refuses to go without. */
export function isRequiredField(row: TemplateFieldSpec): boolean {
  return row.required === true;
}

/** True for a deprecated field: Create takes it, Modify does not, no property sets it. */
export function isDeprecatedField(row: TemplateFieldSpec): boolean {
  return row.deprecated === true;
}

/** The callback URL API field Tencent POSTs events of `eventType` to. */
export function eventUrlField(eventType: CallbackEventType): CallbackUrlField {
  const row = TEMPLATE_PROPERTY_FIELDS.find((r): r is UrlRow => r.kind === "url" && (r.eventTypes as readonly number[]).includes(eventType));
  if (!row) throw new Error(`no callback URL field receives event_type ${eventType}`);
  return row.field;
}
