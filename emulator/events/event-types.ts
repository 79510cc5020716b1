/**
 * The callback event types Tencent sends, as data: which template URL each goes to,
 * whether it is signed, and how the real service retries it.
 */
import type { CallbackEventType } from "../../live-api/callback-events";
import type { CallbackUrlField } from "../../live-api";

/** How one event type is delivered. */
export interface EventTypeDelivery {
  /** The template field holding the URL this event type is POSTed to. */
  readonly urlField: CallbackUrlField;
  /** Whether Tencent adds `sign`/`t` (when the template has a CallbackKey). */
  readonly signed: boolean;
  /** Attempts in total the real service makes before giving up. */
  readonly tencentAttempts: number;
  /** Time between two attempts at the real service, ms. */
  readonly tencentIntervalMs: number;
}

// Screenshots: 5 attempts 2 minutes apart; push, interruption, recording and porn
// detection: 12 attempts 1 minute apart. Tencent documents nothing for 315, 321, 332,
// 341; they get the 12-attempt policy of the other stream and recording events.
const MINUTE_POLICY = { tencentAttempts: 12, tencentIntervalMs: 60_000 } as const;

/** Delivery of every known event type. */
export const EVENT_TYPE_DELIVERY: Readonly<Record<CallbackEventType, EventTypeDelivery>> = {
  1: { urlField: "StreamBeginNotifyUrl", signed: true, ...MINUTE_POLICY },
  0: { urlField: "StreamEndNotifyUrl", signed: true, ...MINUTE_POLICY },
  100: { urlField: "RecordNotifyUrl", signed: true, ...MINUTE_POLICY },
  200: { urlField: "SnapshotNotifyUrl", signed: true, tencentAttempts: 5, tencentIntervalMs: 120_000 },
  315: { urlField: "AudioAuditNotifyUrl", signed: true, ...MINUTE_POLICY },
  317: { urlField: "PornCensorshipNotifyUrl", signed: true, ...MINUTE_POLICY },
  // The published 321 samples carry no sign and no t.
  321: { urlField: "PushExceptionNotifyUrl", signed: false, ...MINUTE_POLICY },
  332: { urlField: "RecordStatusNotifyUrl", signed: true, ...MINUTE_POLICY },
  341: { urlField: "RecordExceptionNotifyUrl", signed: true, ...MINUTE_POLICY },
};

/** The event types the emulator can simulate, in the reference's order. */
export const SIMULATED_EVENT_TYPES = [1, 0, 100, 200, 315, 317, 321, 332, 341] as const satisfies readonly CallbackEventType[];
