/**
 * The one error type of the event simulation: why an event could not be simulated,
 * as data (a stable `code` and a message saying what to do), nothing about HTTP.
 */

/** Why an event was not simulated. */
export type EventSimulationErrorCode =
  /** The request is malformed: unknown event type, missing or empty field, bad `fields`. */
  | "InvalidEvent"
  /** No callback rule binds a template to the (domainName, appName) pair. */
  | "RuleNotFound"
  /** The bound template has no URL for this event type, so Tencent would send nothing. */
  | "NoCallbackUrl"
  /** A 341 event whose `exception_level` is not among the template's RecordExceptionLevels. */
  | "LevelNotSubscribed";

/** An event that cannot be simulated; nothing was sent. */
export class EventSimulationError extends Error {
  /** Literal name, so `instanceof` is not needed across module copies. */
  override readonly name = "EventSimulationError";

  /**
   * @param code - What kind of problem it is (stable, for programs).
   * @param message - What went wrong and what to do next (for people).
   */
  constructor(
    readonly code: EventSimulationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** True when `value` is an {@link EventSimulationError} (also across module copies). */
export function isEventSimulationError(value: unknown): value is EventSimulationError {
  return value instanceof Error && value.name === "EventSimulationError" && typeof (value as EventSimulationError).code === "string";
}
