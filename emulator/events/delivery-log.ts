/**
 * Every delivery attempt the emulator made, newest last, bounded so a long run does not
 * grow without limit.
 */
import type { CallbackEventType } from "../../live-api/callback-events";

/** The outcome of one attempt: the receiver's HTTP status, or why there was none. */
export type AttemptOutcome = { readonly status: number } | { readonly error: string };

/** One attempt as the simulation's answer lists it. */
export type DeliveryAttempt = {
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** When the attempt started, ISO 8601 on the emulator clock. */
  readonly at: string;
} & AttemptOutcome;

/** One attempt in the emulator-wide log: the attempt plus what it delivered. */
export type DeliveryLogEntry = {
  /** Groups the attempts of one simulated event. */
  readonly deliveryId: number;
  readonly eventType: CallbackEventType;
  readonly url: string;
  readonly domainName: string;
  readonly appName: string;
  readonly streamId: string;
} & DeliveryAttempt;

/** Entries kept by default. */
export const DEFAULT_DELIVERY_LOG_SIZE = 1000;

/** A bounded, append-only list of attempts. */
export class DeliveryLog {
  private entries: DeliveryLogEntry[] = [];

  /** @param capacity - Entries kept; the oldest are dropped beyond it. */
  constructor(private readonly capacity: number = DEFAULT_DELIVERY_LOG_SIZE) {}

  /** Appends one attempt. */
  record(entry: DeliveryLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** A copy of the entries, oldest first. */
  list(): DeliveryLogEntry[] {
    return [...this.entries];
  }

  /** Forgets every entry; returns how many there were. */
  clear(): number {
    const count = this.entries.length;
    this.entries = [];
    return count;
  }
}
