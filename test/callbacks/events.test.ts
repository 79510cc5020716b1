import { describe, expect, it } from "vitest";
import { CALLBACK_EVENT_TYPES, CallbackEventError, parseCallbackEvent } from "../../sdk/callbacks";
import { SAMPLES } from "./samples";

describe("parseCallbackEvent", () => {
  it.each(CALLBACK_EVENT_TYPES.map((t) => [t]))("parses a sample of event_type %i", (type) => {
    const event = parseCallbackEvent(JSON.stringify(SAMPLES[type]));
    expect(event.event_type).toBe(type);
    expect(event).toEqual(SAMPLES[type]);
  });

  it("narrows by event_type", () => {
    const event = parseCallbackEvent(SAMPLES[332]);
    if (event.event_type !== 332) throw new Error("wrong type");
    expect(event.record_event).toBe("record_start_succeeded");
  });

  it("keeps fields it does not know", () => {
    expect(parseCallbackEvent({ ...SAMPLES[1], brand_new_field: "x" })).toMatchObject({ brand_new_field: "x" });
  });

  it("accepts event_type as a numeric string", () => {
    expect(parseCallbackEvent({ ...SAMPLES[100], event_type: "100" }).event_type).toBe(100);
  });

  it.each([
    ["not json", "not valid JSON"],
    ["[1,2]", "not a JSON object"],
    ['{"hello":"world"}', "no event_type"],
    ['{"event_type":999,"stream_id":"s"}', "unknown event_type 999"],
    ['{"event_type":1}', "stream_id"],
    ['{"event_type":332,"stream_id":"s","record_event":"record_exploded"}', "record_event"],
  ])("explains why %s is not a callback", (body, expected) => {
    expect(() => parseCallbackEvent(body)).toThrow(CallbackEventError);
    expect(() => parseCallbackEvent(body)).toThrow(expected);
  });
});
