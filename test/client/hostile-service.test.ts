/**
 * The client against a hostile or broken service (the emulator's hostile answers, over
 * HTTP on 127.0.0.1): every answer ends in a clear error of its own kind, or in the right
 * result, within the configured timeouts, and no message carries a credential, the
 * request's signature or its callback key.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import {
  LiveResponseError,
  LiveTransportError,
  NO_RETRY,
  type LiveClient,
  type LiveClientOptions,
} from "../../provider/client";
import { clientFor, rejection } from "../support/live";

const running: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

async function setup(emulatorOptions: EmulatorOptions = {}, clientOptions: Omit<LiveClientOptions, "connection"> = {}) {
  const emulator: RunningEmulator = await startEmulator(emulatorOptions);
  const client: LiveClient = clientFor(emulator, { retryPolicy: NO_RETRY, ...clientOptions });
  running.push(client, emulator);
  return { emulator, client };
}

const URL = { StreamBeginNotifyUrl: "https://hooks.example.com/b" };
const CALLBACK_KEY = "hostileKey0123";

/** Everything a user or a log could see of an error. */
function everythingShown(error: Error): string {
  return [error.message, error.stack ?? "", inspect(error, { depth: 5 }), JSON.stringify(error)].join("\n");
}

function expectNoSecret(error: Error, emulator: RunningEmulator): void {
  const shown = everythingShown(error);
  expect(shown).not.toContain(emulator.credentials.secretId);
  expect(shown).not.toContain(emulator.credentials.secretKey);
  expect(shown).not.toContain(CALLBACK_KEY);
  // A TC3 signature is 64 hex digits; none may be printed, ours or another.
  expect(shown).not.toMatch(/[0-9a-f]{64}/);
}

describe("answers that are not JSON", () => {
  it("non-json: a LiveResponseError quoting the start of the body, with the echoed signature and callback key removed", async () => {
    const { emulator, client } = await setup();
    const id = await client.createTemplate({ TemplateName: "t", ...URL });
    emulator.faults.add("ModifyLiveCallbackTemplate=non-json,count=1");
    const error = await rejection(client.modifyTemplate({ TemplateId: id, CallbackKey: CALLBACK_KEY }));
    expect(error).toBeInstanceOf(LiveResponseError);
    expect(error).toBeInstanceOf(LiveTransportError);
    expect(error).toMatchObject({ name: "LiveResponseError", kind: "Response", failure: "not-json", ambiguous: true, action: "ModifyLiveCallbackTemplate" });
    // The server echoed the Authorization header and the body; the excerpt shows where, not what.
    expect(error.excerpt).toBe(`Request rejected by the upstream filter. Authorization: *** Body: {"TemplateId":${id},"CallbackKey":"***"}`);
    expect(error.message).toContain(error.excerpt);
    expectNoSecret(error, emulator);
  });

  it("html: a gateway's 502 page is an HTTP failure that names the page by its title", async () => {
    const { emulator, client } = await setup({ faults: ["DescribeLiveCallbackRules=html,count=1"] });
    const error = await rejection(client.describeRules());
    expect(error).toMatchObject({ name: "LiveTransportError", failure: "http-status", status: 502, ambiguous: true });
    expect(error.message).toContain('HTTP 502 (an HTML page: "502 Bad Gateway")');
    expectNoSecret(error, emulator);
  });

  it("html with HTTP 200: a LiveResponseError html-page", async () => {
    const { emulator, client } = await setup({ faults: ["CreateLiveCallbackTemplate=html:200,count=1"] });
    const error = await rejection(client.createTemplate({ TemplateName: "t", ...URL, CallbackKey: CALLBACK_KEY }));
    expect(error).toMatchObject({ name: "LiveResponseError", failure: "html-page", excerpt: "200 OK" });
    expectNoSecret(error, emulator);
  });
});

describe("answers cut short or too large", () => {
  it("truncated: JSON cut in half is told apart from a body that is not JSON", async () => {
    const { client } = await setup({ faults: ["DescribeLiveCallbackTemplates=truncated,count=1"] });
    const error = await rejection(client.describeTemplates());
    expect(error).toMatchObject({ name: "LiveResponseError", failure: "truncated" });
    expect(error.message).toMatch(/the JSON body is cut short after \d+ bytes/);
  });

  it("truncated: quotes nothing of the JSON it got, which may hold other templates' callback keys", async () => {
    const { emulator, client } = await setup();
    await client.createTemplate({ TemplateName: "theirs", ...URL, CallbackKey: "theirCallbackKey99" });
    await client.createTemplate({ TemplateName: "other", ...URL });
    emulator.faults.add("DescribeLiveCallbackTemplates=truncated,count=1,after-commit");
    const error = await rejection(client.describeTemplates());
    expect(error).toMatchObject({ failure: "truncated", excerpt: undefined });
    expect(everythingShown(error)).not.toContain("theirCallbackKey99");
  });

  it("truncated with a lying Content-Length: the connection closed before the announced length", async () => {
    const { client } = await setup({ faults: ["DescribeLiveCallbackRules=truncated:lying,count=1"] });
    const error = await rejection(client.describeRules());
    expect(error).toMatchObject({ name: "LiveResponseError", failure: "truncated" });
    expect(error.message).toMatch(/the connection closed after (\d+) bytes of the \d+ announced/);
  });

  it("huge: a 40 MiB answer is refused once it passes the 4 MiB cap", async () => {
    const { client } = await setup({ faults: ["DescribeLiveCallbackRules=huge,count=1"] });
    const error = await rejection(client.describeRules());
    expect(error).toMatchObject({ name: "LiveResponseError", failure: "too-large" });
    expect(error.message).toContain(`passed ${4 * 1024 * 1024} bytes`);
  });

  it("huge: under a raised cap, the padded answer is read and gives the right result", async () => {
    const { emulator, client } = await setup(
      { faults: ["CreateLiveCallbackTemplate=huge:1,count=1,after-commit"] },
      { maxResponseBytes: 2 * 1024 * 1024 },
    );
    const id = await client.createTemplate({ TemplateName: "t", ...URL });
    expect(emulator.state().templates.map((t) => t.TemplateId)).toEqual([id]);
  });
});

describe("answers that are JSON but not this request's answer", () => {
  it("wrong-request-id: an answer whose RequestId this client has already read is refused as replayed", async () => {
    const { emulator, client } = await setup();
    await client.describeRules();
    emulator.faults.add("DescribeLiveCallbackRules=wrong-request-id,count=1");
    const error = await rejection(client.describeRules());
    expect(error).toMatchObject({ name: "LiveResponseError", failure: "replayed", requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it("wrong-request-id: a stale answer meant for another client cannot be told from a fresh one", async () => {
    // The limit of the check: the RequestId is Tencent's, the request carries none, and this
    // client never saw the other's answer. The stale list is taken as the current one.
    const { emulator, client } = await setup();
    await client.describeRules();
    const template = await client.createTemplate({ TemplateName: "t", ...URL });
    await client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: template });
    emulator.faults.add("DescribeLiveCallbackRules=wrong-request-id,count=1");
    const other = clientFor(emulator, { retryPolicy: NO_RETRY });
    running.push(other);
    expect(await other.describeRules()).toEqual([]);
  });

  it("unknown-fields: the right result, with only the documented fields", async () => {
    const { emulator, client } = await setup();
    const template = await client.createTemplate({ TemplateName: "t", ...URL, CallbackKey: CALLBACK_KEY });
    await client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: template });
    const templates = await client.describeTemplates();
    const rules = await client.describeRules();
    emulator.faults.add("*=unknown-fields,after-commit");
    expect(await client.createTemplate({ TemplateName: "t2", ...URL })).toBe(emulator.state().templates[1]!.TemplateId);
    expect(await client.describeTemplates()).toEqual([...templates, expect.objectContaining({ TemplateName: "t2" })]);
    expect(await client.describeTemplate(template)).toEqual(templates[0]);
    expect(await client.describeRules()).toEqual(rules);
  });

  it("unknown-fields on an error answer: still the Tencent error, by its code", async () => {
    const { client } = await setup({ faults: ["DescribeLiveCallbackRules=unknown-fields,count=1"] });
    expect(await rejection(client.describeRules())).toMatchObject({ name: "LiveApiError", code: "InternalError", kind: "Internal" });
  });

  it("missing-fields: a list answer without its list is malformed, not an empty account", async () => {
    const { emulator, client } = await setup();
    const template = await client.createTemplate({ TemplateName: "t", ...URL });
    await client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: template });
    const reads = { DescribeLiveCallbackRules: () => client.describeRules(), DescribeLiveCallbackTemplates: () => client.describeTemplates() };
    for (const [action, field] of [
      ["DescribeLiveCallbackRules", "Rules"],
      ["DescribeLiveCallbackTemplates", "Templates"],
    ] as const) {
      emulator.faults.add(`${action}=missing-fields,count=1,after-commit`);
      const error = await rejection(reads[action]());
      expect(error).toMatchObject({ name: "LiveResponseError", failure: "malformed", requestId: expect.any(String) });
      expect(error.message).toContain(`it is not a ${action} answer (${field}: `);
    }
  });

  it("missing-fields: a create answer without its TemplateId, and an error answer without its Code", async () => {
    const { emulator, client } = await setup({
      faults: ["CreateLiveCallbackTemplate=missing-fields,count=1,after-commit", "DeleteLiveCallbackTemplate=missing-fields,count=1"],
    });
    const created = await rejection(client.createTemplate({ TemplateName: "t", ...URL }));
    expect(created).toMatchObject({ failure: "malformed", ambiguous: true });
    expect(created.message).toContain("TemplateId: ");
    const refused = await rejection(client.deleteTemplate(emulator.state().templates[0]!.TemplateId));
    expect(refused).toMatchObject({ failure: "malformed" });
    expect(refused.message).toContain("it is not a Live API answer (Response.Error.Code: ");
  });
});

describe("a body trickled slower than any timeout", () => {
  it("slowloris: the whole-request deadline ends it, though every byte comes well within the body timeout", async () => {
    // 50 ms between bytes never trips a 2 s body timeout; the answer would take seconds.
    const { client } = await setup(
      { faults: ["DescribeLiveCallbackRules=slowloris:50,count=1"] },
      { timeouts: { connectMs: 2000, headersMs: 2000, bodyMs: 2000, requestMs: 300 } },
    );
    const error = await rejection(client.describeRules());
    expect(error).toMatchObject({ name: "LiveTransportError", failure: "response-deadline", ambiguous: true });
    expect(error.message).toMatch(/did not finish within the whole-request deadline of 300 ms \(\d+ bytes arrived\)/);
  });

  it("slowloris: without a deadline of its own, the request gets the three timeouts added up", async () => {
    const { client } = await setup(
      { faults: ["DescribeLiveCallbackRules=slowloris:50,count=1"] },
      { timeouts: { connectMs: 100, headersMs: 100, bodyMs: 200 } },
    );
    expect((await rejection(client.describeRules())).message).toContain("whole-request deadline of 400 ms");
  });
});

describe("what is retried", () => {
  const hostile = ["non-json", "html", "html:200", "truncated", "truncated:lying", "huge", "missing-fields", "slowloris:20"];

  it("a read hit once by any hostile answer is retried and succeeds", async () => {
    for (const kind of hostile) {
      const { emulator, client } = await setup({}, { retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 10_000 }, timeouts: { requestMs: 500 } });
      await client.describeRules();
      emulator.faults.add(`DescribeLiveCallbackRules=${kind},count=1`);
      expect(await client.describeRules(), kind).toEqual([]);
      expect(client.stats.retries, kind).toBe(1);
    }
  });

  it("a write that is safe to repeat is retried after its answer was spoiled; the change is made once", async () => {
    const { emulator, client } = await setup({}, { retryPolicy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 10_000 } });
    const id = await client.createTemplate({ TemplateName: "t", ...URL });
    emulator.faults.add("ModifyLiveCallbackTemplate=truncated:lying,count=1,after-commit");
    await client.modifyTemplate({ TemplateId: id, Description: "changed" });
    expect(client.stats.retries).toBe(1);
    expect(emulator.state().templates.map((t) => t.Description)).toEqual(["changed"]);
  });

  it("a template create is not sent again by the client: its outcome is unknown, and that is the ambiguous-create recovery's to settle", async () => {
    const { emulator, client } = await setup(
      { faults: ["CreateLiveCallbackTemplate=non-json,count=1,after-commit"] },
      { retryPolicy: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 10_000 } },
    );
    expect(await rejection(client.createTemplate({ TemplateName: "t", ...URL }))).toMatchObject({ failure: "not-json", ambiguous: true });
    expect(client.stats.requests).toBe(1);
    expect(emulator.state().templates).toHaveLength(1);
  });
});
