import { describe, expect, it } from "vitest";
import { createCallbackHandler, signCallback, type CallbackEvent, type CallbackHandlerOptions } from "../../sdk/callbacks";
import { serverForTest } from "../support/server-fixture";
import { SAMPLES } from "./samples";

const KEY = "receiverKey42";
async function start(options: Partial<CallbackHandlerOptions> = {}) {
  const events: CallbackEvent[] = [];
  const rejected: Array<[number, string]> = [];
  const server = await serverForTest(
    createCallbackHandler({ callbackKey: KEY, onEvent: (e) => void events.push(e), onRejected: (s, r) => void rejected.push([s, r]), ...options }),
  );
  return { url: `${server.url}/callbacks`, events, rejected };
}

function signed(body: Record<string, unknown>, key = KEY, t = Math.floor(Date.now() / 1000) + 600) {
  return { ...body, t, sign: signCallback(key, t) };
}

async function post(url: string, body: unknown, init: RequestInit = {}) {
  const response = await fetch(url, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), ...init });
  return { status: response.status, body: await response.text() };
}

describe("createCallbackHandler over HTTP", () => {
  it("answers 200 {code:0} and hands over a verified event", async () => {
    const { url, events } = await start();
    expect(await post(url, signed(SAMPLES[1]!))).toEqual({ status: 200, body: '{"code":0}' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event_type: 1, stream_id: "s1" });
  });

  it("answers 401 to a tampered sign, another key's signature, an expired t and a missing signature", async () => {
    const { url, events, rejected } = await start();
    const tamperedSign = { ...signed(SAMPLES[1]!), sign: "0".repeat(32) };
    const other = signed(SAMPLES[1]!, "someoneElse");
    const expired = signed(SAMPLES[1]!, KEY, Math.floor(Date.now() / 1000) - 1);
    expect((await post(url, tamperedSign)).status).toBe(401);
    expect((await post(url, other)).status).toBe(401);
    expect((await post(url, expired)).status).toBe(401);
    expect((await post(url, SAMPLES[1])).status).toBe(401);
    expect(events).toEqual([]);
    expect(rejected.map(([status, reason]) => `${status} ${reason.split(":")[0]}`)).toEqual([
      "401 mismatch",
      "401 mismatch",
      "401 expired",
      "401 missing-signature",
    ]);
  });

  it("accepts a body whose other fields were changed, since Tencent's signature covers only the key and t", async () => {
    const { url, events } = await start();
    const tampered = { ...signed(SAMPLES[1]!), stream_id: "evil" };
    expect(await post(url, tampered)).toEqual({ status: 200, body: '{"code":0}' });
    expect(events.map((e) => (e as { stream_id?: string }).stream_id)).toEqual(["evil"]);
  });

  it("answers 400 to a body that is not a callback", async () => {
    const { url } = await start();
    expect((await post(url, "{oops")).status).toBe(400);
    expect((await post(url, { event_type: 12345 })).status).toBe(400);
  });

  it("answers 413 to a body over 1 MiB", async () => {
    const { url } = await start();
    const huge = JSON.stringify({ ...SAMPLES[1], padding: "x".repeat(1024 * 1024) });
    const result = await post(url, huge).catch((error) => ({ status: -1, body: String(error) }));
    expect(result.status).toBe(413);
  });

  it("answers 405 to anything but POST", async () => {
    const { url } = await start();
    expect((await fetch(url)).status).toBe(405);
  });

  it("accepts unsigned push-exception events only when allowed", async () => {
    const strict = await start();
    expect((await post(strict.url, SAMPLES[321])).status).toBe(401);
    const lenient = await start({ allowUnsigned: [321] });
    expect((await post(lenient.url, SAMPLES[321])).status).toBe(200);
    expect((await post(lenient.url, SAMPLES[1])).status).toBe(401);
    expect(lenient.events.map((e) => e.event_type)).toEqual([321]);
  });

  it("does not answer 500 or crash when onEvent throws or rejects", async () => {
    const errors: unknown[] = [];
    let reported!: () => void;
    const bothReported = new Promise<void>((resolve) => (reported = resolve));
    const { url } = await start({
      onEvent: (event) => {
        if (event.event_type === 1) throw new Error("boom");
        return Promise.reject(new Error("async boom"));
      },
      onError: (error) => {
        errors.push(error);
        if (errors.length === 2) reported();
      },
    });
    expect((await post(url, signed(SAMPLES[1]!))).status).toBe(200);
    expect((await post(url, signed(SAMPLES[0]!))).status).toBe(200);
    await bothReported;
    expect(errors.map((e) => (e as Error).message)).toEqual(["boom", "async boom"]);
    expect((await post(url, signed(SAMPLES[1]!))).status).toBe(200);
  });
});
