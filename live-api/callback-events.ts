/**
 * The callback events Tencent POSTs to a template's URLs, as a discriminated union on
 * `event_type`. Fields this package does not know are kept, because Tencent adds fields
 * without notice; numeric fields accept numbers or numeric strings, as both are seen.
 */
import { z } from "zod";
import { RECORD_EXCEPTION_LEVELS } from "./template-fields";

const num = z.union([z.number(), z.string()]);
const signed = { sign: z.string().optional(), t: num.optional() };

const streamCommon = {
  appid: num.optional(),
  app: z.string().optional(),
  appname: z.string().optional(),
  stream_id: z.string(),
  channel_id: z.string().optional(),
  stream_param: z.string().optional(),
  ...signed,
};

/** event_type 1: a stream started (push callback). */
export const StreamBeginEvent = z.looseObject({
  event_type: z.literal(1),
  ...streamCommon,
  event_time: num.optional(),
  sequence: z.string().optional(),
  node: z.string().optional(),
  user_ip: z.string().optional(),
  width: num.optional(),
  height: num.optional(),
  errcode: num.optional(),
  errmsg: z.string().optional(),
  set_id: num.optional(),
});

/** event_type 0: a stream was interrupted (interruption callback); `sequence` matches its start. */
export const StreamEndEvent = StreamBeginEvent.extend({
  event_type: z.literal(0),
  /** How long the push lasted, in milliseconds (a string in Tencent's samples). */
  push_duration: num.optional(),
});

/** event_type 100: a recording file was written. */
export const RecordFileEvent = z.looseObject({
  event_type: z.literal(100),
  ...streamCommon,
  file_id: z.string().optional(),
  file_format: z.string().optional(),
  task_id: z.string().optional(),
  start_time: num.optional(),
  end_time: num.optional(),
  duration: num.optional(),
  file_size: num.optional(),
  video_url: z.string().optional(),
});

/** event_type 200: a screenshot was taken. */
export const SnapshotEvent = z.looseObject({
  event_type: z.literal(200),
  stream_id: z.string(),
  channel_id: z.string().optional(),
  create_time: num.optional(),
  file_size: num.optional(),
  width: num.optional(),
  height: num.optional(),
  pic_url: z.string().optional(),
  pic_full_url: z.string().optional(),
  ...signed,
});

/** event_type 315: audio moderation result. */
export const AudioAuditEvent = z.looseObject({
  event_type: z.literal(315),
  appid: num.optional(),
  stream_id: z.string(),
  channel_id: z.string().optional(),
  domain: z.string().optional(),
  path: z.string().optional(),
  suggestion: z.string().optional(),
  label: z.string().optional(),
  asr_text: z.string().optional(),
  task_id: z.string().optional(),
  ...signed,
});

/** event_type 317: porn detection on a screenshot. Note Tencent's camelCase field names here. */
export const PornCensorshipEvent = z.looseObject({
  event_type: z.literal(317),
  streamId: z.string(),
  channelId: z.string().optional(),
  img: z.string().optional(),
  type: z.array(num).optional(),
  score: num.optional(),
  suggestion: z.string().optional(),
  label: z.string().optional(),
  screenshotTime: num.optional(),
  sendTime: num.optional(),
  app: z.string().optional(),
  appid: num.optional(),
  appname: z.string().optional(),
  stream_param: z.string().optional(),
  ...signed,
});

/** One abnormal push event of a 321 report. */
export const AbnormalPushEvent = z.looseObject({
  type: z.number().int(),
  count: num.optional(),
  detail: z.array(z.unknown()).optional(),
});

/** event_type 321: push exception report. Tencent's samples carry no signature. */
export const PushExceptionEvent = z.looseObject({
  event_type: z.literal(321),
  appid: num.optional(),
  stream_id: z.string(),
  data_time: num.optional(),
  report_interval: num.optional(),
  abnormal_event: z.array(AbnormalPushEvent).optional(),
  interface: z.string().optional(),
  domain: z.string().optional(),
  path: z.string().optional(),
  ...signed,
});

/** The recording status transitions of event 332. */
export const RECORD_EVENTS = [
  "record_start_succeeded",
  "record_start_failed",
  "record_paused",
  "record_resumed",
  "record_error",
  "record_ended",
] as const;

/** event_type 332: recording status changed. */
export const RecordStatusEvent = z.looseObject({
  event_type: z.literal(332),
  appid: num.optional(),
  appname: z.string().optional(),
  domain: z.string().optional(),
  event_time: num.optional(),
  record_event: z.enum(RECORD_EVENTS),
  record_detail: z.unknown().optional(),
  task_id: z.string().optional(),
  seq: num.optional(),
  session_id: z.string().optional(),
  stream_id: z.string(),
  ...signed,
});

/** event_type 341: a recording exception. */
export const RecordExceptionEvent = z.looseObject({
  event_type: z.literal(341),
  appid: num.optional(),
  stream_id: z.string(),
  session_id: z.string().optional(),
  file_format: z.string().optional(),
  timestamp: num.optional(),
  // The levels a template's RecordExceptionLevels chooses from.
  exception_level: z.enum(RECORD_EXCEPTION_LEVELS),
  exception: z.looseObject({ type: num.optional(), occurs: num.optional(), desc: z.string().optional() }).optional(),
  ...signed,
});

/** Every callback event, discriminated by `event_type`. */
export const CallbackEventSchema = z.discriminatedUnion("event_type", [
  StreamEndEvent,
  StreamBeginEvent,
  RecordFileEvent,
  SnapshotEvent,
  AudioAuditEvent,
  PornCensorshipEvent,
  PushExceptionEvent,
  RecordStatusEvent,
  RecordExceptionEvent,
]);

/** A parsed callback event; narrow it with `switch (event.event_type)`. */
export type CallbackEvent = z.infer<typeof CallbackEventSchema>;
/** The `event_type` values this package knows. */
export const CALLBACK_EVENT_TYPES = [0, 1, 100, 200, 315, 317, 321, 332, 341] as const;
/** One known `event_type`. */
export type CallbackEventType = CallbackEvent["event_type"];

/** The body is not a callback event this package understands; the message says why. */
export class CallbackEventError extends Error {
  override readonly name = "CallbackEventError" as const;
}

/**
 * Parses a callback body (raw bytes, a JSON string, or an already-parsed object) into a
 * typed event.
 *
 * @throws CallbackEventError for invalid JSON, a body that is not an object, an unknown
 *   `event_type`, or a known type missing a required field.
 */
export function parseCallbackEvent(body: string | Uint8Array | unknown): CallbackEvent {
  let value: unknown = body;
  if (typeof body === "string" || body instanceof Uint8Array) {
    const text = typeof body === "string" ? body : Buffer.from(body).toString("utf8");
    try {
      value = JSON.parse(text);
    } catch {
      throw new CallbackEventError("the callback body is not valid JSON");
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new CallbackEventError("the callback body is not a JSON object");
  }
  const eventType = (value as { event_type?: unknown }).event_type;
  if (eventType === undefined) throw new CallbackEventError("the callback body has no event_type: it is not a Tencent Live callback");
  const normalized =
    typeof eventType === "string" && /^\d+$/.test(eventType) ? { ...(value as object), event_type: Number(eventType) } : value;
  if (!CALLBACK_EVENT_TYPES.includes((normalized as { event_type: number }).event_type as CallbackEventType)) {
    throw new CallbackEventError(`unknown event_type ${JSON.stringify(eventType)}; known: ${CALLBACK_EVENT_TYPES.join(", ")}`);
  }
  const result = CallbackEventSchema.safeParse(normalized);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    throw new CallbackEventError(`invalid event_type ${eventType} callback: ${issues}`);
  }
  return result.data;
}
