/**
 * The fields of a Live callback template: each callback URL's API field and the property
 * name this package gives it (the names of `tencentcloud.Css.CallbackTemplate`), and the
 * recording-exception levels. The client's wire shapes, the provider's checks, the SDK's
 * resource and the emulator's validation all read this one table.
 */

/**
 * The nine callback URLs that Create and Modify accept, in the API's order: the property
 * name (as in `tencentcloud.Css.CallbackTemplate`) and the API field. The deprecated
 * `StreamMixNotifyUrl` is not here: Create still takes it, Modify refuses it.
 */
export const CALLBACK_URLS = [
  { property: "streamBeginNotifyUrl", field: "StreamBeginNotifyUrl" },
  { property: "streamEndNotifyUrl", field: "StreamEndNotifyUrl" },
  { property: "recordNotifyUrl", field: "RecordNotifyUrl" },
  { property: "recordStatusNotifyUrl", field: "RecordStatusNotifyUrl" },
  { property: "snapshotNotifyUrl", field: "SnapshotNotifyUrl" },
  { property: "pornCensorshipNotifyUrl", field: "PornCensorshipNotifyUrl" },
  { property: "pushExceptionNotifyUrl", field: "PushExceptionNotifyUrl" },
  { property: "audioAuditNotifyUrl", field: "AudioAuditNotifyUrl" },
  { property: "recordExceptionNotifyUrl", field: "RecordExceptionNotifyUrl" },
] as const;

/** A callback URL API field, e.g. `StreamBeginNotifyUrl`. */
export type CallbackUrlField = (typeof CALLBACK_URLS)[number]["field"];
/** A callback URL property name, e.g. `streamBeginNotifyUrl`. */
export type TemplateUrlProperty = (typeof CALLBACK_URLS)[number]["property"];

/** The nine callback URL API fields, in the API's order. */
export const CALLBACK_URL_FIELDS: readonly CallbackUrlField[] = CALLBACK_URLS.map((u) => u.field);

/** The nine callback URL property names, in the API's order. */
export const TEMPLATE_URL_PROPERTY_NAMES: readonly TemplateUrlProperty[] = CALLBACK_URLS.map((u) => u.property);

/** Each callback URL property and the API field it maps to. */
export const TEMPLATE_URL_PROPERTIES = Object.fromEntries(CALLBACK_URLS.map((u) => [u.property, u.field])) as {
  readonly [P in TemplateUrlProperty]: Extract<(typeof CALLBACK_URLS)[number], { property: P }>["field"];
};

/** Values accepted in `RecordExceptionLevels`. */
export const RECORD_EXCEPTION_LEVELS = ["error", "warning", "info"] as const;
/** One recording-exception level. */
export type RecordExceptionLevel = (typeof RECORD_EXCEPTION_LEVELS)[number];

/**
 * Every property of a template that maps to an API field, in the API's order:
 * `templateName`, `description`, the nine URLs, `recordExceptionLevels`, `callbackKey`.
 */
export const TEMPLATE_API_PROPERTIES = [
  "templateName",
  "description",
  ...TEMPLATE_URL_PROPERTY_NAMES,
  "recordExceptionLevels",
  "callbackKey",
] as const;
