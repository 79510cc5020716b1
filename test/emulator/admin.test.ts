import { describe, expect, it } from "vitest";
import { admin, call, createTemplate, emulatorForTest } from "../support/emulator-fixture";
import { sendRaw } from "../support/signed-request";

describe("admin endpoints", () => {
  it("dumps templates (RecordStatusNotifyUrl included), rules and the id counter", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "t", { RecordStatusNotifyUrl: "https://hooks.example.com/rs" });
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    const answer = await admin(emulator, "GET", "state");
    expect(answer.status).toBe(200);
    expect(answer.json.nextTemplateId).toBe(id + 1);
    expect(answer.json.templates).toEqual([expect.objectContaining({ TemplateId: id, RecordStatusNotifyUrl: "https://hooks.example.com/rs" })]);
    expect(answer.json.rules).toEqual([expect.objectContaining({ DomainName: "push.example.com", AppName: "live", TemplateId: id })]);
    expect(answer.json).toEqual(emulator.state());
  });

  it("empties the state on reset and keeps template ids increasing", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    const answer = await admin(emulator, "POST", "reset");
    expect(answer.json).toEqual({ reset: true, nextTemplateId: id + 1 });
    expect((await call(emulator, "DescribeLiveCallbackTemplates")).Templates).toEqual([]);
    expect((await call(emulator, "DescribeLiveCallbackRules")).Rules).toEqual([]);
    expect(await createTemplate(emulator)).toBe(id + 1);
  });

  it("resets through the programmatic handle too", async () => {
    const emulator = await emulatorForTest();
    await createTemplate(emulator);
    await emulator.reset();
    expect(emulator.state().templates).toEqual([]);
  });

  it("counts requests per action, including failed ones, and resets the counts", async () => {
    const emulator = await emulatorForTest();
    await createTemplate(emulator);
    await call(emulator, "DescribeLiveCallbackTemplate", { TemplateId: 1 });
    await call(emulator, "DescribeLiveCallbackRules", {}, { secretKey: "wrong" });
    const answer = await admin(emulator, "GET", "requests");
    expect(answer.json).toEqual({
      byAction: {
        CreateLiveCallbackTemplate: { received: 1, succeeded: 1, failed: 0, faulted: 0, throttled: 0 },
        DescribeLiveCallbackTemplate: { received: 1, succeeded: 0, failed: 1, faulted: 0, throttled: 0 },
        DescribeLiveCallbackRules: { received: 1, succeeded: 0, failed: 1, faulted: 0, throttled: 0 },
      },
      total: { received: 3, succeeded: 1, failed: 2, faulted: 0, throttled: 0 },
    });
    expect((await admin(emulator, "POST", "requests/reset")).json).toEqual({ reset: true });
    expect((await admin(emulator, "GET", "requests")).json.byAction).toEqual({});
    expect(emulator.requestCounts()).toEqual({});
  });

  it("needs no TC3 signature and is not counted as API traffic", async () => {
    const emulator = await emulatorForTest();
    await admin(emulator, "GET", "state");
    expect(emulator.requestCounts()).toEqual({});
  });

  it("answers 404 for an unknown admin path and 405 with Allow for a wrong method", async () => {
    const emulator = await emulatorForTest();
    expect((await admin(emulator, "GET", "nothing-here")).status).toBe(404);
    const wrongMethod = await admin(emulator, "DELETE", "state");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe("GET");
  });

  it("answers 400 for a fault body that is not JSON", async () => {
    const emulator = await emulatorForTest();
    const bad = await sendRaw({ url: emulator.url, method: "POST", path: "/_emulator/faults", body: "{not json" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toEqual(expect.any(String));
  });
});
