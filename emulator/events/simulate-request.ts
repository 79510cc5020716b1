/**
 * What a caller asks for when simulating a stream event: the event type, where it
 * happens, and optional payload fields. Checked with zod; problems become
 * `InvalidEvent` errors that list every issue.
 */
import { z } from "zod";
import { EventSimulationError } from "./errors";
import { SIMULATED_EVENT_TYPES } from "./event-types";

const nonEmpty = (what: string) => z.string().min(1, `${what} must be a non-empty string`);

/** Schema of a simulation request. Unknown top-level keys are refused: extras go in `fields`. */
export const SimulatedEventSchema = z.strictObject({
  /** The callback `event_type`: 1, 0, 100, 200, 315, 317, 321, 332 or 341. */
  eventType: z.literal(SIMULATED_EVENT_TYPES),
  /** The push domain; with `appName`, selects the callback rule. */
  domainName: nonEmpty("domainName"),
  /** The app name (the path segment before the stream id, often `live`). */
  appName: nonEmpty("appName"),
  /** The stream id. */
  streamId: nonEmpty("streamId"),
  /**
   * Payload fields merged over the built payload (they win, except `event_type`). A
   * `t` here is signed as given; a `sign` here is sent as given.
   */
  fields: z.record(z.string(), z.unknown()).optional(),
});

/** A stream event to simulate. */
export type SimulatedEvent = z.infer<typeof SimulatedEventSchema>;

/** Checks `input`; throws `EventSimulationError` (`InvalidEvent`) saying what is wrong. */
export function parseSimulatedEvent(input: unknown): SimulatedEvent {
  const result = SimulatedEventSchema.safeParse(input);
  if (!result.success) {
    throw new EventSimulationError(
      "InvalidEvent",
      `invalid event: ${z.prettifyError(result.error)}\nSend {"eventType": ${SIMULATED_EVENT_TYPES.join("|")}, "domainName", "appName", "streamId", "fields"?: {...}}.`,
    );
  }
  if (result.data.fields && "event_type" in result.data.fields) {
    throw new EventSimulationError("InvalidEvent", "fields may not set event_type; choose the event with eventType instead.");
  }
  return result.data;
}
