/**
 * The wire shapes of the eight Live callback actions (API version 2018-08-01), as zod
 * schemas. The client validates every response against these, so a surprise from the
 * service is a clear error instead of an `undefined` deep in a lifecycle hook.
 *
 * Only the fields this project uses are typed. Tencent adds fields without notice, so an
 * unknown response field is accepted and dropped (`z.object` strips it): code that
 * compares what it read with what it wants (the ambiguous-create recovery) must see only
 * the documented fields, or a new one would make every template look different.
 */
import { z } from "zod";
import type { LiveCallbackAction } from "./actions";
import {
  RECORD_EXCEPTION_LEVELS,
  TEMPLATE_FIELDS,
  TEMPLATE_PROPERTY_FIELDS,
  isRequiredField,
  type TemplateFieldRow,
  type TemplatePropertyRow,
} from "./template-fields";

// The field list and the levels are facts both the client and the emulator use: they
// live in live-api/, and are re-exported here for the client's users.
export { CALLBACK_URL_FIELDS, RECORD_EXCEPTION_LEVELS, type CallbackUrlField, type RecordExceptionLevel } from "./template-fields";

// The action list is a fact of its own (live-api/actions.ts); re-exported for the client's users.
export { LIVE_CALLBACK_ACTIONS, WRITE_ACTIONS, type LiveCallbackAction } from "./actions";

const levelsRequest = () => z.array(z.enum(RECORD_EXCEPTION_LEVELS));
type RequestValue<R extends TemplatePropertyRow> = R["kind"] extends "levels" ? ReturnType<typeof levelsRequest> : z.ZodString;
type RequestFields<Create extends boolean> = {
  [R in TemplatePropertyRow as R["field"]]: Create extends true
    ? R extends { readonly required: true }
      ? RequestValue<R>
      : z.ZodOptional<RequestValue<R>>
    : z.ZodOptional<RequestValue<R>>;
};

/**
 * The template fields of a Create (`create`: required fields required) or a Modify
 * request (every field optional). Only fields a property maps to: the client never sends
 * the deprecated one.
 */
function requestFields<Create extends boolean>(create: Create): RequestFields<Create> {
  return Object.fromEntries(
    TEMPLATE_PROPERTY_FIELDS.map((row) => {
      const value = row.kind === "levels" ? levelsRequest() : z.string();
      return [row.field, create && isRequiredField(row) ? value : value.optional()];
    }),
  ) as RequestFields<Create>;
}

/** Request of `CreateLiveCallbackTemplate`. */
export const CreateTemplateRequest = z.strictObject(requestFields(true));
export type CreateTemplateRequest = z.infer<typeof CreateTemplateRequest>;
/** Request of `ModifyLiveCallbackTemplate`: fields not sent keep their value; `""` clears a URL. */
export const ModifyTemplateRequest = z.strictObject({ TemplateId: z.number().int(), ...requestFields(false) });
export type ModifyTemplateRequest = z.infer<typeof ModifyTemplateRequest>;
/** Request naming one template. */
export const TemplateIdRequest = z.strictObject({ TemplateId: z.number().int() });
export type TemplateIdRequest = z.infer<typeof TemplateIdRequest>;
/** Request of `CreateLiveCallbackRule`. */
export const CreateRuleRequest = z.strictObject({
  DomainName: z.string(),
  AppName: z.string(),
  TemplateId: z.number().int(),
});
export type CreateRuleRequest = z.infer<typeof CreateRuleRequest>;
/** Request of `DeleteLiveCallbackRule`: there is no TemplateId, it removes whatever rule is there. */
export const DeleteRuleRequest = z.strictObject({ DomainName: z.string(), AppName: z.string() });
export type DeleteRuleRequest = z.infer<typeof DeleteRuleRequest>;
/** Request with no parameters. */
export const EmptyRequest = z.strictObject({});
export type EmptyRequest = z.infer<typeof EmptyRequest>;

const describedText = () => z.string().default("");
const describedLevels = () =>
  z
    .array(z.string())
    .nullish()
    .transform((v) => v ?? []);
const writeOnly = () => z.string().optional();
type DescribedValue<R extends TemplateFieldRow> = R["describe"] extends "never"
  ? ReturnType<typeof writeOnly>
  : R extends { readonly required: true }
    ? z.ZodString
    : R["kind"] extends "levels"
      ? ReturnType<typeof describedLevels>
      : ReturnType<typeof describedText>;

/**
 * `CallBackTemplateInfo` as Describe returns it: `TemplateId`, then every field of the
 * table. Unset strings come back as `""`; a field Describe never returns is optional, so
 * a service that starts returning it is not an error.
 */
export const CallbackTemplateInfo = z.object({
  TemplateId: z.number().int(),
  ...(Object.fromEntries(
    TEMPLATE_FIELDS.map((row: TemplateFieldRow) => {
      if (row.describe === "never") return [row.field, writeOnly()];
      if (isRequiredField(row)) return [row.field, z.string()];
      return [row.field, row.kind === "levels" ? describedLevels() : describedText()];
    }),
  ) as { [R in TemplateFieldRow as R["field"]]: DescribedValue<R> }),
});
export type CallbackTemplateInfo = z.infer<typeof CallbackTemplateInfo>;

/** `CallBackRuleInfo`. Times are Beijing time (UTC+8) strings `YYYY-MM-DD hh:mm:ss`. */
export const CallbackRuleInfo = z.object({
  CreateTime: z.string(),
  UpdateTime: z.string(),
  TemplateId: z.number().int(),
  DomainName: z.string(),
  AppName: z.string(),
});
export type CallbackRuleInfo = z.infer<typeof CallbackRuleInfo>;

const withRequestId = { RequestId: z.string() };

/**
 * A documented list output. The key is always in the answer; a `null` is read as an empty
 * list, but an answer without the key is not an answer to this action: read as `[]`, it
 * would tell refresh that every binding was deleted.
 */
const listOf = <T extends z.ZodType>(item: T) => z.array(item).nullable().transform((v) => v ?? []);

/** Success bodies (the contents of `Response`), per action. */
export const ResponseSchemas = {
  CreateLiveCallbackTemplate: z.object({ TemplateId: z.number().int(), ...withRequestId }),
  ModifyLiveCallbackTemplate: z.object(withRequestId),
  DeleteLiveCallbackTemplate: z.object(withRequestId),
  DescribeLiveCallbackTemplate: z.object({ Template: CallbackTemplateInfo, ...withRequestId }),
  DescribeLiveCallbackTemplates: z.object({ Templates: listOf(CallbackTemplateInfo), ...withRequestId }),
  CreateLiveCallbackRule: z.object(withRequestId),
  DeleteLiveCallbackRule: z.object(withRequestId),
  DescribeLiveCallbackRules: z.object({ Rules: listOf(CallbackRuleInfo), ...withRequestId }),
} as const satisfies Record<LiveCallbackAction, z.ZodType>;

/** Request schemas, per action. */
export const RequestSchemas = {
  CreateLiveCallbackTemplate: CreateTemplateRequest,
  ModifyLiveCallbackTemplate: ModifyTemplateRequest,
  DeleteLiveCallbackTemplate: TemplateIdRequest,
  DescribeLiveCallbackTemplate: TemplateIdRequest,
  DescribeLiveCallbackTemplates: EmptyRequest,
  CreateLiveCallbackRule: CreateRuleRequest,
  DeleteLiveCallbackRule: DeleteRuleRequest,
  DescribeLiveCallbackRules: EmptyRequest,
} as const satisfies Record<LiveCallbackAction, z.ZodType>;

/** The request type of an action. */
export type RequestOf<A extends LiveCallbackAction> = z.input<(typeof RequestSchemas)[A]>;
/** The parsed success response of an action. */
export type ResponseOf<A extends LiveCallbackAction> = z.output<(typeof ResponseSchemas)[A]>;

/** The envelope every answer comes in: HTTP 200 with either an `Error` or the fields. */
export const ResponseEnvelope = z.object({
  Response: z.looseObject({
    RequestId: z.string().optional(),
    Error: z.object({ Code: z.string(), Message: z.string().default("") }).optional(),
  }),
});
