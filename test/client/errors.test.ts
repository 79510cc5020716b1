import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { LiveClient, LiveCredentials, kindOfCode } from "../../provider/client";
import { clientFor, rejection } from "../support/live";

const running: Array<{ close(): Promise<void> }> = [];
async function emulator(options: Parameters<typeof startEmulator>[0] = {}): Promise<RunningEmulator> {
  const started = await startEmulator(options);
  running.push(started);
  return started;
}
function client(em: RunningEmulator, options: Parameters<typeof clientFor>[1] = {}) {
  const c = clientFor(em, options);
  running.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

const URL = { StreamBeginNotifyUrl: "https://hooks.example.com/b" };

describe("error kinds the client distinguishes", () => {
  it("not found: an unknown template", async () => {
    const c = client(await emulator());
    expect((await rejection(c.deleteTemplate(99999))).kind).toBe("NotFound");
  });

  it("not found: deleting a rule that does not exist", async () => {
    const c = client(await emulator());
    const error = await rejection(c.deleteRule({ DomainName: "a.example.com", AppName: "live" }));
    expect(error).toMatchObject({ kind: "NotFound", code: "FailedOperation.NotFound" });
  });

  it("in use: deleting a template that is still bound", async () => {
    const c = client(await emulator());
    const id = await c.createTemplate({ TemplateName: "bound", ...URL });
    await c.createRule({ DomainName: "a.example.com", AppName: "live", TemplateId: id });
    expect(await rejection(c.deleteTemplate(id))).toMatchObject({ kind: "InUse", code: "FailedOperation.ConfInUsed" });
  });

  it("limit exceeded: more templates than the account allows", async () => {
    const c = client(await emulator({ maxTemplates: 2 }));
    await c.createTemplate({ TemplateName: "one", ...URL });
    await c.createTemplate({ TemplateName: "two", ...URL });
    const error = await rejection(c.createTemplate({ TemplateName: "three", ...URL }));
    expect(error).toMatchObject({ kind: "LimitExceeded", code: "InternalError.ConfOutLimit" });
    expect(error.message).toContain("at most 50");
  });

  it("already exists: a second rule on the same domain and app", async () => {
    const c = client(await emulator());
    const id = await c.createTemplate({ TemplateName: "t", ...URL });
    await c.createRule({ DomainName: "a.example.com", AppName: "live", TemplateId: id });
    const error = await rejection(c.createRule({ DomainName: "a.example.com", AppName: "live", TemplateId: id }));
    expect(error).toMatchObject({ kind: "AlreadyExists", code: "InternalError.RuleAlreadyExist" });
  });

  it("throttled: RequestLimitExceeded once retries run out", async () => {
    const em = await emulator({ faults: ["DescribeLiveCallbackRules=error:RequestLimitExceeded"] });
    const c = client(em, { retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 1000 } });
    const error = await rejection(c.describeRules());
    expect(error).toMatchObject({ kind: "Throttled", code: "RequestLimitExceeded" });
    expect(c.stats.requests).toBe(3);
  });

  it("authentication: a wrong SecretKey is refused and the key is not in the message", async () => {
    const em = await emulator();
    const wrongKey = "WRONGKEY0123456789abcdefWRONGKEY";
    const c = new LiveClient({ connection: { credentials: new LiveCredentials(em.credentials.secretId, wrongKey), endpoint: em.url } });
    running.push(c);
    const error = await rejection(c.describeRules());
    expect(error).toMatchObject({ kind: "Authentication", code: "AuthFailure.SignatureFailure" });
    expect(error.message).not.toContain(wrongKey);
    expect(error.message).not.toContain(em.credentials.secretId);
    expect(c.stats.requests).toBe(1);
  });

  it("authentication: an unknown SecretId", async () => {
    const em = await emulator();
    const c = new LiveClient({ connection: { credentials: new LiveCredentials("AKIDunknown0000", "whatever0000"), endpoint: em.url } });
    running.push(c);
    expect(await rejection(c.describeRules())).toMatchObject({ kind: "Authentication", code: "AuthFailure.SecretIdNotFound" });
  });

  it("authentication: a clock more than five minutes off", async () => {
    const em = await emulator();
    const c = clientFor(em, { now: () => Date.now() - 10 * 60_000 });
    running.push(c);
    expect(await rejection(c.describeRules())).toMatchObject({ kind: "Authentication", code: "AuthFailure.SignatureExpire" });
  });

  it("invalid parameter: a name outside the allowed characters", async () => {
    const c = client(await emulator());
    const error = await rejection(c.createTemplate({ TemplateName: "bad name!", ...URL }));
    expect(error).toMatchObject({ kind: "InvalidParameter", code: "InvalidParameter.ArgsNotMatch" });
  });

  it("transport: nothing listening is a transport failure, not retried", async () => {
    const em = await emulator();
    const url = em.url;
    await em.close();
    const c = new LiveClient({
      connection: { credentials: new LiveCredentials("AKIDx0000", "keyx0000"), endpoint: url },
      retryPolicy: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 1000 },
    });
    running.push(c);
    const error = await rejection(c.describeRules());
    expect(error).toMatchObject({ name: "LiveTransportError", kind: "Transport", failure: "connect-refused" });
    expect(c.stats.requests).toBe(1);
  });

  it("transport: a headers timeout is reported as one", async () => {
    const em = await emulator({ faults: ["DescribeLiveCallbackRules=delay:2000"] });
    const c = clientFor(em, { timeouts: { headersMs: 200 }, retryPolicy: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 0 } });
    running.push(c);
    expect(await rejection(c.describeRules())).toMatchObject({ kind: "Transport", failure: "headers-timeout", ambiguous: true });
  });

  it("classifies the documented codes", () => {
    expect(kindOfCode("InternalError.ConfInUsed")).toBe("InUse");
    expect(kindOfCode("InternalError.RuleInUsing")).toBe("InUse");
    expect(kindOfCode("InternalError.ConfNotFound")).toBe("NotFound");
    expect(kindOfCode("InternalError.RuleNotFound")).toBe("NotFound");
    expect(kindOfCode("RequestLimitExceeded.UinLimitExceeded")).toBe("Throttled");
    expect(kindOfCode("AuthFailure.TokenFailure")).toBe("Authentication");
    expect(kindOfCode("MissingParameter")).toBe("InvalidParameter");
    expect(kindOfCode("ResourceNotFound.ForbidService")).toBe("ServiceUnavailable");
    expect(kindOfCode("InternalError")).toBe("Internal");
  });
});
