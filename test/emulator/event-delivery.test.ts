import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator, type SimulatedEvent } from "../../emulator";
import { signCallback } from "../../sdk/callbacks";
import { runCli, startCliEmulator, type CliEmulator } from "../support/emulator-cli";
import { admin, bindNewTemplate, emulatorForTest, TestClock } from "../support/emulator-fixture";
import { closeServer, serverForTest } from "../support/server-fixture";
import { sendRaw } from "../support/signed-request";

const DOMAIN = "push.example.com";
const KEY = "deliveryKey42";

/** What a test receiver does with one request: answer a status, never answer, or drop the connection. */
type Reply = number | "hang" | "reset";

interface TestReceiver {
  readonly url: string;
  readonly server: Server;
  /** Bodies received, in order, parsed as JSON. */
  readonly bodies: Array<Record<string, any>>;
  readonly paths: string[];
}

const clis: CliEmulator[] = [];
afterEach(async () => {
  for (const cli of clis.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill("SIGKILL");
    await cli.exited;
  }
});

/** A receiver on 127.0.0.1 that answers the n-th request (1-based) with `reply(n)`. */
async function receiver(reply: (n: number) => Reply = () => 200): Promise<TestReceiver> {
  const bodies: Array<Record<string, any>> = [];
  const paths: string[] = [];
  const { server, url } = await serverForTest((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      paths.push(req.url ?? "");
      const what = reply(bodies.length);
      if (what === "hang") return;
      if (what === "reset") return void req.socket.destroy();
      res.writeHead(what, { "content-type": "application/json" }).end('{"code":0}');
    });
  });
  return { url, server, bodies, paths };
}

/** Creates a template with `settings` and binds it to DOMAIN/live. */
function bind(emulator: RunningEmulator, settings: Record<string, unknown>, appName = "live"): Promise<number> {
  return bindNewTemplate(emulator, DOMAIN, settings, appName);
}

function push(eventType: number, extra: Record<string, unknown> = {}): SimulatedEvent {
  return { eventType, domainName: DOMAIN, appName: "live", streamId: "s1", ...extra } as SimulatedEvent;
}

/** Fails instead of hanging when `promise` does not settle in `ms`. */
function settlesWithin<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)));
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe("POST /_emulator/events", () => {
  it("delivers a simulated push to the template's StreamBeginNotifyUrl, signed with its CallbackKey", async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now });
    const hooks = await receiver();
    await bind(emulator, { StreamBeginNotifyUrl: `${hooks.url}/begin`, CallbackKey: KEY });

    const answer = await admin(emulator, "POST", "events", push(1));

    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ delivered: true, url: `${hooks.url}/begin`, eventType: 1 });
    expect(answer.json.attempts).toEqual([{ attempt: 1, at: new Date(clock.nowMs).toISOString(), status: 200 }]);
    expect(hooks.paths).toEqual(["/begin"]);
    const body = hooks.bodies[0]!;
    expect(body).toEqual(answer.json.payload);
    expect(body).toMatchObject({ event_type: 1, app: DOMAIN, appname: "live", stream_id: "s1", channel_id: "s1", event_time: clock.seconds });
    expect(body.t).toBe(clock.seconds + 600);
    expect(body.sign).toBe(signCallback(KEY, body.t));
    expect(body.sequence).toMatch(/^[1-9]\d{18}$/);
  });

  it("repeats the start's sequence on the interruption and reports how long the push lasted", async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now });
    const hooks = await receiver();
    await bind(emulator, { StreamBeginNotifyUrl: `${hooks.url}/begin`, StreamEndNotifyUrl: `${hooks.url}/end` });

    const start = await admin(emulator, "POST", "events", push(1));
    clock.advance(90_000);
    const end = await admin(emulator, "POST", "events", push(0));

    expect(end.json.payload.sequence).toBe(start.json.payload.sequence);
    expect(end.json.payload.push_duration).toBe("90000");
    expect(hooks.paths).toEqual(["/begin", "/end"]);
  });

  it("merges fields over the payload and signs a t given there as given", async () => {
    const emulator = await emulatorForTest();
    const hooks = await receiver();
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url, CallbackKey: KEY });

    const answer = await admin(emulator, "POST", "events", push(1, { fields: { width: 640, user_ip: "203.0.113.9", t: 1000 } }));

    expect(hooks.bodies[0]).toMatchObject({ width: 640, user_ip: "203.0.113.9", t: 1000, sign: signCallback(KEY, 1000) });
    expect(answer.json.payload).toEqual(hooks.bodies[0]);
  });

  it("retries a receiver that answers 500 and reports the 500 then the 200", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 5 });
    const hooks = await receiver((n) => (n === 1 ? 500 : 200));
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });

    const answer = await admin(emulator, "POST", "events", push(1));

    expect(answer.json.delivered).toBe(true);
    expect(answer.json.attempts.map((a: any) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 200],
    ]);
    expect(hooks.bodies).toHaveLength(2);
    expect(hooks.bodies[1]).toEqual(hooks.bodies[0]);
  });

  it("counts any status but 200 as a failure, 204 included", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1, deliveryAttempts: 2 });
    const hooks = await receiver(() => 204);
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });
    const answer = await admin(emulator, "POST", "events", push(1));
    expect(answer.json.delivered).toBe(false);
    expect(answer.json.attempts.map((a: any) => a.status)).toEqual([204, 204]);
  });

  it("gives up after Tencent's 12 attempts for a push and answers delivered: false", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1 });
    const hooks = await receiver(() => 503);
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });

    const answer = await admin(emulator, "POST", "events", push(1));

    expect(answer.status).toBe(200);
    expect(answer.json.delivered).toBe(false);
    expect(answer.json.attempts.map((a: any) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(new Set(answer.json.attempts.map((a: any) => a.status))).toEqual(new Set([503]));
    expect(hooks.bodies).toHaveLength(12);
  });

  it("gives up after Tencent's 5 attempts for a screenshot", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1 });
    const hooks = await receiver(() => 500);
    await bind(emulator, { SnapshotNotifyUrl: hooks.url });
    const answer = await admin(emulator, "POST", "events", push(200));
    expect(answer.json.delivered).toBe(false);
    expect(answer.json.attempts).toHaveLength(5);
  });

  it("takes the number of attempts from deliveryAttempts when given", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1, deliveryAttempts: 3 });
    const hooks = await receiver(() => 500);
    await bind(emulator, { SnapshotNotifyUrl: hooks.url });
    expect((await admin(emulator, "POST", "events", push(200))).json.attempts).toHaveLength(3);
  });

  it("counts a receiver that does not answer within the timeout, or drops the connection, as failed attempts", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1, deliveryAttempts: 3, deliveryTimeoutMs: 150 });
    const hooks = await receiver((n) => (n === 1 ? "hang" : n === 2 ? "reset" : 200));
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });

    const answer = await admin(emulator, "POST", "events", push(1));

    expect(answer.json.delivered).toBe(true);
    const [first, second, third] = answer.json.attempts;
    expect(first.error).toMatch(/^timeout: no answer within 150 ms/);
    expect(first.status).toBeUndefined();
    expect(second.error).toEqual(expect.any(String));
    expect(third).toMatchObject({ attempt: 3, status: 200 });
  });

  it("records a refused connection as an attempt error", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1, deliveryAttempts: 2 });
    const gone = await receiver();
    await closeServer(gone.server);
    await bind(emulator, { StreamBeginNotifyUrl: gone.url });

    const answer = await admin(emulator, "POST", "events", push(1));

    expect(answer.json.delivered).toBe(false);
    expect(answer.json.attempts.map((a: any) => a.error)).toEqual([expect.stringMatching(/ECONNREFUSED/), expect.stringMatching(/ECONNREFUSED/)]);
  });

  it("answers 404 RuleNotFound when no rule binds the domain and app, and sends nothing", async () => {
    const emulator = await emulatorForTest();
    const hooks = await receiver();
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url }, "other-app");

    const answer = await admin(emulator, "POST", "events", push(1));

    expect(answer.status).toBe(404);
    expect(answer.json.code).toBe("RuleNotFound");
    expect(answer.json.error).toContain(`${DOMAIN}/live`);
    expect(hooks.bodies).toEqual([]);
    expect(emulator.deliveries()).toEqual([]);
  });

  it("answers 404 NoCallbackUrl when the template has no URL for the event type", async () => {
    const emulator = await emulatorForTest();
    const hooks = await receiver();
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });
    const answer = await admin(emulator, "POST", "events", push(200));
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({ code: "NoCallbackUrl", error: expect.stringContaining("SnapshotNotifyUrl") });
    expect(hooks.bodies).toEqual([]);
  });

  it.each([
    ["an unknown event type", push(2)],
    ["a missing streamId", { eventType: 1, domainName: DOMAIN, appName: "live" }],
    ["an empty domainName", push(1, { domainName: "" })],
    ["an unknown top-level key", push(1, { width: 640 })],
    ["fields that are not an object", push(1, { fields: [1, 2] })],
    ["fields that set event_type", push(1, { fields: { event_type: 0 } })],
    ["a body that is not an object", [1]],
  ])("answers 400 InvalidEvent for %s", async (_name, body) => {
    const emulator = await emulatorForTest();
    const answer = await admin(emulator, "POST", "events", body);
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: "InvalidEvent", error: expect.any(String) });
  });

  it("answers 400 for a body that is not JSON", async () => {
    const emulator = await emulatorForTest();
    const answer = await sendRaw({ url: emulator.url, method: "POST", path: "/_emulator/events", body: "{nope" });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/JSON/);
  });

  it("sends a recording exception only at a level the template subscribes to", async () => {
    const emulator = await emulatorForTest();
    const hooks = await receiver();
    await bind(emulator, { RecordExceptionNotifyUrl: hooks.url, RecordExceptionLevels: ["warning"] });

    const sent = await admin(emulator, "POST", "events", push(341));
    expect(sent.json.payload.exception_level).toBe("warning");
    const refused = await admin(emulator, "POST", "events", push(341, { fields: { exception_level: "info" } }));
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe("LevelNotSubscribed");
    expect(hooks.bodies).toHaveLength(1);
  });

  it("answers 202 at once with ?wait=false and delivers in the background", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1 });
    const hooks = await receiver((n) => (n === 1 ? 500 : 200));
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });

    const answer = await sendRaw({ url: emulator.url, method: "POST", path: "/_emulator/events?wait=false", body: JSON.stringify(push(1)) });

    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ deliveryId: expect.any(Number), url: hooks.url, eventType: 1, payload: { stream_id: "s1" } });
    await until(() => emulator.deliveries().length === 2, "two attempts");
    expect(emulator.deliveries().map((d) => ("status" in d ? d.status : d.error))).toEqual([500, 200]);
  });
});

describe("GET and DELETE /_emulator/deliveries", () => {
  it("lists every attempt, newest last, with what was delivered where; DELETE clears them", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 1 });
    const hooks = await receiver((n) => (n === 1 ? 500 : 200));
    await bind(emulator, { StreamBeginNotifyUrl: `${hooks.url}/b`, SnapshotNotifyUrl: `${hooks.url}/s` });
    const first = await admin(emulator, "POST", "events", push(1));
    const second = await admin(emulator, "POST", "events", push(200, { streamId: "s2" }));

    const listed = await admin(emulator, "GET", "deliveries");

    expect(listed.status).toBe(200);
    expect(listed.json.attempts).toEqual([
      expect.objectContaining({ deliveryId: first.json.deliveryId, attempt: 1, status: 500, eventType: 1, url: `${hooks.url}/b`, domainName: DOMAIN, appName: "live", streamId: "s1" }),
      expect.objectContaining({ deliveryId: first.json.deliveryId, attempt: 2, status: 200, eventType: 1 }),
      expect.objectContaining({ deliveryId: second.json.deliveryId, attempt: 1, status: 200, eventType: 200, url: `${hooks.url}/s`, streamId: "s2" }),
    ]);
    expect(second.json.deliveryId).not.toBe(first.json.deliveryId);
    expect(listed.json.attempts).toEqual(emulator.deliveries());

    expect((await admin(emulator, "DELETE", "deliveries")).json).toEqual({ cleared: 3 });
    expect((await admin(emulator, "GET", "deliveries")).json.attempts).toEqual([]);
  });

  it("answers 405 with Allow for a wrong method", async () => {
    const emulator = await emulatorForTest();
    const answer = await admin(emulator, "POST", "deliveries", {});
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("GET, DELETE");
    const events = await admin(emulator, "GET", "events");
    expect(events.status).toBe(405);
    expect(events.headers.allow).toBe("POST");
  });
});

describe("the programmatic handle", () => {
  it("simulates events and rejects with EventSimulationError when there is no rule", async () => {
    const emulator = await emulatorForTest();
    const hooks = await receiver();
    await bind(emulator, { PushExceptionNotifyUrl: hooks.url, CallbackKey: KEY });

    const report = await emulator.simulateEvent({ eventType: 321, domainName: DOMAIN, appName: "live", streamId: "s9" });
    expect(report).toMatchObject({ delivered: true, eventType: 321, payload: { stream_id: "s9" } });
    expect(emulator.deliveries()).toHaveLength(1);
    expect(emulator.clearDeliveries()).toBe(1);
    await expect(emulator.simulateEvent({ eventType: 1, domainName: "nowhere.example.com", appName: "live", streamId: "s" })).rejects.toMatchObject({
      name: "EventSimulationError",
      code: "RuleNotFound",
    });
  });

  it("refuses delivery settings out of range", async () => {
    await expect(startEmulator({ deliveryAttempts: 0 })).rejects.toThrow(/deliveryAttempts/);
    await expect(startEmulator({ deliveryIntervalMs: -1 })).rejects.toThrow(/deliveryIntervalMs/);
    await expect(startEmulator({ deliveryTimeoutMs: 0 })).rejects.toThrow(/deliveryTimeoutMs/);
  });

  it("close() cancels a pending retry without hanging; the report says cancelled", async () => {
    const emulator = await emulatorForTest({ deliveryIntervalMs: 60_000 });
    const hooks = await receiver(() => 500);
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });

    const report = emulator.simulateEvent(push(1));
    await until(() => emulator.deliveries().length === 1, "the first attempt");
    await settlesWithin(emulator.close(), 5_000, "close()");

    expect(await settlesWithin(report, 5_000, "the report")).toMatchObject({ delivered: false, cancelled: true, attempts: [{ attempt: 1, status: 500 }] });
    expect(hooks.bodies).toHaveLength(1);
  });

  it("close() cancels an attempt in flight to a receiver that never answers", async () => {
    const emulator = await emulatorForTest();
    const hooks = await receiver(() => "hang");
    await bind(emulator, { StreamBeginNotifyUrl: hooks.url });

    const report = emulator.simulateEvent(push(1));
    await until(() => hooks.bodies.length === 1, "the receiver to get the callback");
    await settlesWithin(emulator.close(), 5_000, "close()");

    const done = await settlesWithin(report, 5_000, "the report");
    expect(done).toMatchObject({ delivered: false, cancelled: true });
    expect(done.attempts).toEqual([expect.objectContaining({ attempt: 1, error: expect.stringMatching(/^cancelled/) })]);
  });
});

describe("delivery flags of the CLI", () => {
  it("takes --delivery-attempts, --delivery-interval-ms and --delivery-timeout-ms", async () => {
    const cli = await startCliEmulator(["--port", "0", "--delivery-attempts", "2", "--delivery-interval-ms", "1", "--delivery-timeout-ms", "200"]);
    clis.push(cli);
    const hooks = await receiver((n) => (n === 1 ? "hang" : 500));
    const asEmulator = { url: cli.url, credentials: { secretId: cli.secretId, secretKey: cli.secretKey } } as RunningEmulator;
    await bind(asEmulator, { StreamBeginNotifyUrl: hooks.url });

    const answer = await sendRaw({ url: cli.url, method: "POST", path: "/_emulator/events", body: JSON.stringify(push(1)) });

    expect(answer.json.delivered).toBe(false);
    expect(answer.json.attempts).toEqual([
      expect.objectContaining({ attempt: 1, error: expect.stringMatching(/within 200 ms/) }),
      expect.objectContaining({ attempt: 2, status: 500 }),
    ]);
  });

  it("refuses --delivery-attempts 0 with exit code 2", async () => {
    const cli = runCli(["emulator", "--delivery-attempts", "0"]);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toMatch(/--delivery-attempts must be an integer from 1/);
  });
});
