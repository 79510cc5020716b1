/**
 * The callback event types Tencent sends, as data: which template URL each goes to (from
 * live-api's field table), whether it is signed, and how the real service retries it.
 */
import type { CallbackEventType } from "../../live-api/callback-events";
import { eventUrlField, type CallbackUrlField } from "../../live-api";

/** How one event type is delivered. */
export interface EventTypeDelivery {
  /** The template field holding the URL this event type is POSTed to (live-api's field table says which). */
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

const SIGNED = { signed: true, ...MINUTE_POLICY } as const;

/** How each known event type is delivered, without its URL field. */
const DELIVERY: Readonly<Record<CallbackEventType, Omit<EventTypeDelivery, "urlField">>> = {
  1: SIGNED,
  0: SIGNED,
  100: SIGNED,
  200: { signed: true, tencentAttempts: 5, tencentIntervalMs: 120_000 },
  315: SIGNED,
  317: SIGNED,
  // The published 321 samples carry no sign and no t.
  321: { signed: false, ...MINUTE_POLICY },
  332: SIGNED,
  341: SIGNED,
};

/** Delivery of every known event type. */
export const EVENT_TYPE_DELIVERY: Readonly<Record<CallbackEventType, EventTypeDelivery>> = Object.fromEntries(
  Object.entries(DELIVERY).map(([type, delivery]) => [type, { urlField: eventUrlField(Number(type) as CallbackEventType), ...delivery }]),
) as Record<CallbackEventType, EventTypeDelivery>;

/** The event types the emulator can simulate, in the reference's order. */
export const SIMULATED_EVENT_TYPES = [1, 0, 100, 200, 315, 317, 321, 332, 341] as const satisfies readonly CallbackEventType[];
