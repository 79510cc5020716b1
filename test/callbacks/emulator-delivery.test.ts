/**
 * The emulator's simulated callbacks against the package's own receiver: what the
 * emulator sends must be what `createCallbackHandler` and `parseCallbackEvent` accept.
 */
import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { CALLBACK_URL_FIELDS } from "../../live-api/wire";
import {
  createCallbackHandler,
  parseCallbackEvent,
  verifyCallbackSignature,
  type CallbackEvent,
  type CallbackHandlerOptions,
} from "../../sdk/callbacks";
import { EVENT_TYPE_DELIVERY, SIMULATED_EVENT_TYPES, type RunningEmulator } from "../../emulator";
import { admin, bindNewTemplate, call, emulatorForTest } from "../support/emulator-fixture";
import { serverForTest } from "../support/server-fixture";

const DOMAIN = "push.example.com";
const KEY = "templateKey7";

/** A receiver built with createCallbackHandler on 127.0.0.1; records verified events and refusals. */
async function handlerReceiver(options: Partial<CallbackHandlerOptions> = {}) {
  const events: Array<{ event: CallbackEvent; path: string }> = [];
  const rejected: Array<[number, string]> = [];
  const { url } = await serverForTest(
    createCallbackHandler({
      callbackKey: KEY,
      onEvent: (event, request: IncomingMessage) => void events.push({ event, path: request.url ?? "" }),
      onRejected: (status, reason) => void rejected.push([status, reason]),
      ...options,
    }),
  );
  return { url, events, rejected };
}

function bind(emulator: RunningEmulator, settings: Record<string, unknown>): Promise<number> {
  return bindNewTemplate(emulator, DOMAIN, settings);
}

function simulate(emulator: RunningEmulator, eventType: number, streamId = "s1") {
  return admin(emulator, "POST", "events", { eventType, domainName: DOMAIN, appName: "live", streamId });
}

describe("emulator callbacks received with createCallbackHandler", () => {
  it("delivers a simulated push on a bound domain that the handler verifies with the template's key", async () => {
    const emulator = await emulatorForTest();
    const receiver = await handlerReceiver();
    await bind(emulator, { StreamBeginNotifyUrl: `${receiver.url}/live/begin`, CallbackKey: KEY });

    const answer = await simulate(emulator, 1, "room-42");

    expect(answer.json.delivered).toBe(true);
    expect(receiver.rejected).toEqual([]);
    expect(receiver.events).toHaveLength(1);
    const { event, path } = receiver.events[0]!;
    expect(path).toBe("/live/begin");
    expect(event).toMatchObject({ event_type: 1, stream_id: "room-42", channel_id: "room-42", app: DOMAIN, appname: "live" });
    expect(verifyCallbackSignature(event, KEY).ok).toBe(true);
    expect(verifyCallbackSignature(event, "some-other-key")).toMatchObject({ ok: false, reason: "mismatch" });
  });

  it.each(SIMULATED_EVENT_TYPES.map((type) => [type, EVENT_TYPE_DELIVERY[type].urlField] as const))(
    "sends event_type %s to %s in a body parseCallbackEvent accepts",
    async (eventType, urlField) => {
      const emulator = await emulatorForTest();
      const receiver = await handlerReceiver({ allowUnsigned: [321] });
      // Every URL field points at its own path, so a wrong field shows up as a wrong path.
      await bind(emulator, { CallbackKey: KEY, ...Object.fromEntries(CALLBACK_URL_FIELDS.map((f) => [f, `${receiver.url}/${f}`])) });

      const answer = await simulate(emulator, eventType);

      expect(answer.json).toMatchObject({ delivered: true, eventType, url: `${receiver.url}/${urlField}` });
      expect(receiver.rejected).toEqual([]);
      expect(receiver.events.map((e) => e.path)).toEqual([`/${urlField}`]);
      const parsed = parseCallbackEvent(JSON.stringify(answer.json.payload));
      expect(parsed.event_type).toBe(eventType);
      expect(receiver.events[0]!.event).toEqual(parsed);
      const streamId = parsed.event_type === 317 ? parsed.streamId : parsed.stream_id;
      expect(streamId).toBe("s1");
    },
  );

  it("sends push exception reports (321) unsigned, even when the template has a key", async () => {
    const emulator = await emulatorForTest({ deliveryAttempts: 1 });
    const lenient = await handlerReceiver({ allowUnsigned: [321] });
    const strict = await handlerReceiver();
    await bind(emulator, { PushExceptionNotifyUrl: lenient.url, CallbackKey: KEY });

    const answer = await simulate(emulator, 321);

    expect(answer.json.delivered).toBe(true);
    expect(answer.json.payload).not.toHaveProperty("sign");
    expect(answer.json.payload).not.toHaveProperty("t");
    expect(lenient.events.map((e) => e.event.event_type)).toEqual([321]);

    // A receiver that insists on signatures refuses it, and the emulator reports the 401.
    await call(emulator, "ModifyLiveCallbackTemplate", { TemplateId: emulator.state().templates[0]!.TemplateId, PushExceptionNotifyUrl: strict.url });
    const refused = await simulate(emulator, 321);
    expect(refused.json).toMatchObject({ delivered: false, attempts: [{ attempt: 1, status: 401 }] });
    expect(strict.rejected).toEqual([[401, expect.stringMatching(/^missing-signature/)]]);
  });

  it("sends no sign and no t when the template has no CallbackKey", async () => {
    const emulator = await emulatorForTest({ deliveryAttempts: 1 });
    const receiver = await handlerReceiver({ allowUnsigned: true });
    await bind(emulator, { StreamBeginNotifyUrl: receiver.url, SnapshotNotifyUrl: receiver.url });

    for (const eventType of [1, 200]) {
      const answer = await simulate(emulator, eventType);
      expect(answer.json.delivered).toBe(true);
      expect(answer.json.payload).not.toHaveProperty("sign");
      expect(answer.json.payload).not.toHaveProperty("t");
    }
    expect(receiver.events.map((e) => e.event.event_type)).toEqual([1, 200]);
  });

  it("signs with an expiry ten minutes after sending", async () => {
    const emulator = await emulatorForTest();
    const receiver = await handlerReceiver();
    await bind(emulator, { RecordNotifyUrl: receiver.url, CallbackKey: KEY });
    const before = Math.floor(Date.now() / 1000);

    const { payload } = (await simulate(emulator, 100)).json;

    expect(payload.t).toBeGreaterThanOrEqual(before + 600);
    expect(payload.t).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 600);
    // Eleven minutes later the handler would refuse it as expired.
    expect(verifyCallbackSignature(payload, KEY, { now: (payload.t + 60) * 1000 })).toMatchObject({ ok: false, reason: "expired" });
  });

  it("reports the 401 of a receiver that verifies with another key", async () => {
    const emulator = await emulatorForTest({ deliveryAttempts: 1 });
    const wrongKey = await handlerReceiver({ callbackKey: "not-the-template-key" });
    await bind(emulator, { StreamEndNotifyUrl: wrongKey.url, CallbackKey: KEY });

    const answer = await simulate(emulator, 0);

    expect(answer.json).toMatchObject({ delivered: false, attempts: [{ attempt: 1, status: 401 }] });
    expect(wrongKey.rejected).toEqual([[401, expect.stringMatching(/^mismatch/)]]);
    expect(wrongKey.events).toEqual([]);
  });
});
