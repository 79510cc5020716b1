/**
 * `pulumi-tencent-css/callbacks`: what a server receiving Tencent Live callbacks needs —
 * signature verification, typed event parsing and a ready `node:http` handler. Needs
 * nothing from Pulumi at run time.
 *
 * @example
 * ```ts
 * import { createServer } from "node:http";
 * import { createCallbackHandler } from "pulumi-tencent-css/callbacks";
 *
 * createServer(createCallbackHandler({
 *   callbackKey: process.env.CALLBACK_KEY!,
 *   onEvent: (event) => { if (event.event_type === 1) console.log("stream started", event.stream_id); },
 * })).listen(8080);
 * ```
 *
 * @packageDocumentation
 */
export { signCallback, verifyCallbackSignature, type SignatureCheck, type SignatureFailure, type VerifyOptions } from "./signature";
export {
  parseCallbackEvent,
  CallbackEventError,
  CallbackEventSchema,
  CALLBACK_EVENT_TYPES,
  RECORD_EVENTS,
  type CallbackEvent,
  type CallbackEventType,
} from "../../live-api/callback-events";
export { createCallbackHandler, MAX_CALLBACK_BODY_BYTES, type CallbackHandlerOptions } from "./handler";
