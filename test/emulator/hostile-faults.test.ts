/**
 * The hostile answers the emulator can inject, as they look on the wire: a body that is
 * not JSON, a gateway's HTML page, JSON cut in half, tens of MB, an earlier answer sent
 * again, unknown and missing fields, a body trickled byte by byte; each before the commit
 * (nothing applied) or after it (applied, answer spoiled).
 */
import { describe, expect, it } from "vitest";
import { parseFault, type RunningEmulator } from "../../emulator";
import { UNKNOWN_FIELDS } from "../../emulator/faults/answer-mutations";
import { faultedRequestsAnswered } from "../../soak/emulator-settled";
import { call, callRaw, createTemplate, emulatorForTest } from "../support/emulator-fixture";
import { exchange } from "../support/raw-exchange";

const NEW_TEMPLATE = { TemplateName: "hooks", StreamBeginNotifyUrl: "https://hooks.example.com/b", CallbackKey: "hostileKey0123" };

function signed(emulator: RunningEmulator, action: string, params: unknown = {}) {
  return { url: emulator.url, secretId: emulator.credentials.secretId, secretKey: emulator.credentials.secretKey, action, params };
}

/** The answer without the fields `unknown-fields` adds, at every depth. */
function withoutUnknown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUnknown);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !(key in UNKNOWN_FIELDS)).map(([k, v]) => [k, withoutUnknown(v)]));
}

describe("hostile fault specs", () => {
  it("parses every hostile kind in both forms and refuses bad arguments", () => {
    expect(parseFault("*=non-json")).toEqual({ action: "*", kind: "non-json" });
    expect(parseFault("*=html")).toEqual({ action: "*", kind: "html" });
    expect(parseFault("CreateLiveCallbackRule=html:503,count=2,after-commit")).toEqual({
      action: "CreateLiveCallbackRule",
      kind: "html",
      status: 503,
      count: 2,
      afterCommit: true,
    });
    expect(parseFault("*=truncated:lying")).toEqual({ action: "*", kind: "truncated", contentLength: "lying" });
    expect(parseFault("*=huge:8,rate=0.5")).toEqual({ action: "*", kind: "huge", megabytes: 8, rate: 0.5 });
    expect(parseFault("*=slowloris:250")).toEqual({ action: "*", kind: "slowloris", ms: 250 });
    for (const kind of ["wrong-request-id", "unknown-fields", "missing-fields"]) expect(parseFault(`*=${kind}`)).toEqual({ action: "*", kind });
    expect(parseFault({ action: "*", kind: "truncated", contentLength: "honest" })).toMatchObject({ contentLength: "honest" });
    for (const bad of ["*=html:99", "*=truncated:maybe", "*=huge:0", "*=slowloris:0", "*=non-json:1", "*=missing-fields:Rules", "*=huge:x"]) {
      expect(() => parseFault(bad), bad).toThrow(/invalid fault/);
    }
    expect(() => parseFault({ action: "*", kind: "unknown-fields", fields: 3 })).toThrow(/invalid fault/);
  });

  it("draws hostile faults from the seed: the same seed hits the same requests", async () => {
    const run = async (seed: number) => {
      const emulator = await emulatorForTest({ seed, faults: ["*=non-json,rate=0.3", "*=missing-fields,rate=0.3"] });
      const labels: string[] = [];
      for (let i = 0; i < 30; i++) {
        const answer = await callRaw(emulator, "DescribeLiveCallbackRules");
        labels.push(answer.json === undefined ? "non-json" : "Rules" in answer.json.Response ? "ok" : "missing");
      }
      await emulator.close();
      return labels;
    };
    const first = await run(7);
    expect(new Set(first)).toEqual(new Set(["ok", "non-json", "missing"]));
    expect(await run(7)).toEqual(first);
  });
});

describe("hostile answers", () => {
  it("non-json: HTTP 200 with plain text quoting the request's signature and body; nothing applied", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackTemplate=non-json,count=1"] });
    const answer = await callRaw(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE);
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/^text\/plain/);
    expect(answer.json).toBeUndefined();
    // What a debugging gateway prints, so that a client quoting the answer has to redact it.
    expect(answer.text).toContain(`Credential=${emulator.credentials.secretId}/`);
    expect(answer.text).toContain("hostileKey0123");
    expect(emulator.state().templates).toEqual([]);
    expect(emulator.faults.injected()).toEqual({ CreateLiveCallbackTemplate: { "non-json": 1 } });
  });

  it("non-json after the commit: the template is created, the answer is still text", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackTemplate=non-json,count=1,after-commit"] });
    const answer = await callRaw(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE);
    expect(answer.json).toBeUndefined();
    expect(emulator.state().templates.map((t) => t.TemplateName)).toEqual(["hooks"]);
  });

  it("html: a gateway's 502 page by default, or the status given", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=html,count=1", "DescribeLiveCallbackRules=html:200,count=1"] });
    const gateway = await callRaw(emulator, "DescribeLiveCallbackRules");
    expect(gateway.status).toBe(502);
    expect(gateway.headers["content-type"]).toBe("text/html");
    expect(gateway.text).toMatch(/^<!DOCTYPE html>[\s\S]*<title>502 Bad Gateway<\/title>/);
    const portal = await callRaw(emulator, "DescribeLiveCallbackRules");
    expect(portal.status).toBe(200);
    expect(portal.text).toContain("<title>200 OK</title>");
    expect(emulator.faults.injected()).toEqual({ DescribeLiveCallbackRules: { "html:502": 1, "html:200": 1 } });
  });

  it("truncated: half of the answer, with a Content-Length that matches the half", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackTemplate=truncated,count=1,after-commit"] });
    const answer = await exchange(signed(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE));
    const id = emulator.state().templates[0]!.TemplateId;
    expect(Number(answer.headers["content-length"])).toBe(answer.body.length);
    expect(answer.body.toString()).toMatch(new RegExp(`^\\{"Response":\\{"TemplateId":${id},`));
    expect(() => JSON.parse(answer.body.toString())).toThrow();
    // The whole answer would have been {"Response":{"TemplateId":…,"RequestId":"<uuid>"}}.
    expect(answer.body.length).toBe(Math.floor(JSON.stringify({ Response: { TemplateId: id, RequestId: "x".repeat(36) } }).length / 2));
  });

  it("truncated:lying announces the whole answer, sends half, and closes the connection", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=truncated:lying,count=1"] });
    const answer = await exchange(signed(emulator, "DescribeLiveCallbackRules"));
    expect(answer.status).toBe(200);
    expect(answer.closedByServer).toBe(true);
    expect(answer.body.length).toBe(Math.floor(Number(answer.headers["content-length"]) / 2));
    expect(answer.body.toString()).toMatch(/^\{"Response":\{"Error":\{"Code":"InternalError"/);
  });

  it("huge: the real answer padded to the size asked, streamed in chunks", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackTemplate=huge:1,count=1,after-commit"] });
    const answer = await callRaw(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE);
    expect(answer.headers["transfer-encoding"]).toBe("chunked");
    expect(answer.headers["content-length"]).toBeUndefined();
    const { EmulatorPadding, ...rest } = answer.json.Response;
    expect(EmulatorPadding).toHaveLength(1024 * 1024);
    expect(rest).toEqual({ TemplateId: emulator.state().templates[0]!.TemplateId, RequestId: expect.any(String) });
  });

  it("huge: stops streaming once the client hangs up", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=huge,count=1"] });
    const answer = await exchange(signed(emulator, "DescribeLiveCallbackRules"), { hangUpAfterBodyBytes: 256 * 1024 });
    expect(answer.closedByServer).toBe(false);
    // The request is recorded once its writer has returned: the 40 MiB were not all written.
    await faultedRequestsAnswered(emulator, { giveUpMs: 20_000 });
    expect(emulator.requestCounts().DescribeLiveCallbackRules!.faulted).toBe(1);
  });

  it("wrong-request-id: sends the last answer of the action again, RequestId included; nothing applied", async () => {
    const emulator = await emulatorForTest();
    const first = await call(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE);
    await call(emulator, "DescribeLiveCallbackRules");
    emulator.faults.add("CreateLiveCallbackTemplate=wrong-request-id,count=1");
    const replayed = await call(emulator, "CreateLiveCallbackTemplate", { ...NEW_TEMPLATE, TemplateName: "second" });
    expect(replayed).toEqual(first);
    expect(emulator.state().templates.map((t) => t.TemplateName)).toEqual(["hooks"]);
  });

  it("wrong-request-id after the commit: the change is applied, the answer is the earlier one", async () => {
    const emulator = await emulatorForTest();
    const first = await call(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE);
    emulator.faults.add("CreateLiveCallbackTemplate=wrong-request-id,count=1,after-commit");
    expect(await call(emulator, "CreateLiveCallbackTemplate", { ...NEW_TEMPLATE, TemplateName: "second" })).toEqual(first);
    expect(emulator.state().templates.map((t) => t.TemplateName)).toEqual(["hooks", "second"]);
  });

  it("wrong-request-id with no earlier answer: the nil RequestId", async () => {
    const emulator = await emulatorForTest({ faults: ["*=wrong-request-id,count=1,after-commit"] });
    expect(await call(emulator, "DescribeLiveCallbackRules")).toEqual({ Rules: [], RequestId: "00000000-0000-0000-0000-000000000000" });
  });

  it("unknown-fields: extra fields in every object, every documented value unchanged", async () => {
    const emulator = await emulatorForTest();
    await createTemplate(emulator, "one");
    await createTemplate(emulator, "two");
    const plain = await call(emulator, "DescribeLiveCallbackTemplates");
    emulator.faults.add("DescribeLiveCallbackTemplates=unknown-fields,count=1,after-commit");
    const answer = await callRaw(emulator, "DescribeLiveCallbackTemplates");
    expect(answer.json).toMatchObject(UNKNOWN_FIELDS);
    expect(answer.json.Response).toMatchObject(UNKNOWN_FIELDS);
    for (const template of answer.json.Response.Templates) expect(template).toMatchObject(UNKNOWN_FIELDS);
    expect(withoutUnknown(answer.json)).toEqual({ Response: { ...plain, RequestId: expect.any(String) } });
  });

  it("unknown-fields before the commit: an InternalError with extra fields, the Error's too", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackTemplate=unknown-fields,count=1"] });
    const response = await call(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE);
    expect(response.Error).toMatchObject({ Code: "InternalError", ...UNKNOWN_FIELDS });
    expect(emulator.state().templates).toEqual([]);
  });

  it("missing-fields: drops the answer's first field, the RequestId when there is no other, an error's Code", async () => {
    const emulator = await emulatorForTest({
      faults: [
        "CreateLiveCallbackTemplate=missing-fields,count=1,after-commit",
        "ModifyLiveCallbackTemplate=missing-fields,count=1,after-commit",
        "DescribeLiveCallbackRules=missing-fields,count=1,after-commit",
        "DeleteLiveCallbackTemplate=missing-fields,count=1",
      ],
    });
    expect(await call(emulator, "CreateLiveCallbackTemplate", NEW_TEMPLATE)).toEqual({ RequestId: expect.any(String) });
    const id = emulator.state().templates[0]!.TemplateId;
    expect(await call(emulator, "ModifyLiveCallbackTemplate", { TemplateId: id, Description: "changed" })).toEqual({});
    expect(emulator.state().templates[0]!.Description).toBe("changed");
    expect(await call(emulator, "DescribeLiveCallbackRules")).toEqual({ RequestId: expect.any(String) });
    expect(await call(emulator, "DeleteLiveCallbackTemplate", { TemplateId: id })).toEqual({
      Error: { Message: expect.any(String) },
      RequestId: expect.any(String),
    });
    expect(emulator.state().templates).toHaveLength(1);
  });

  it("slowloris: the headers at once, then the body a byte at a time; stops when the client hangs up", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=slowloris:20,count=1"] });
    const answer = await exchange(signed(emulator, "DescribeLiveCallbackRules"), { hangUpAfterBodyBytes: 3 });
    expect(answer.status).toBe(200);
    expect(answer.closedByServer).toBe(false);
    expect(answer.body.length).toBeLessThan(Number(answer.headers["content-length"]));
    expect('{"Response":{"Error":{"Code":"InternalError"'.startsWith(answer.body.toString())).toBe(true);
    await faultedRequestsAnswered(emulator, { giveUpMs: 20_000 });
    expect(emulator.requestCounts().DescribeLiveCallbackRules!.faulted).toBe(1);
  });

  it("slowloris: close() ends a trickle that would take hours", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=slowloris:600000,count=1"] });
    const pending = exchange(signed(emulator, "DescribeLiveCallbackRules"));
    await expect.poll(() => emulator.faults.injected().DescribeLiveCallbackRules?.slowloris).toBe(1);
    await emulator.close();
    // Closed on the client whether or not the headers got there first.
    await pending.catch(() => undefined);
    await faultedRequestsAnswered(emulator, { giveUpMs: 20_000 });
    expect(emulator.requestCounts().DescribeLiveCallbackRules!.faulted).toBe(1);
  });
});
