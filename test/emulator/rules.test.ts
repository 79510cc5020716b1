import { describe, expect, it } from "vitest";
import { call, createTemplate, emulatorForTest, errorCode, TestClock } from "../support/emulator-fixture";

// 2026-01-01T00:00:00Z is 2026-01-01 08:00:00 in Beijing.
const NEW_YEAR_UTC_MS = Date.UTC(2026, 0, 1, 0, 0, 0);

describe("callback rules", () => {
  it("binds a template to a domain and app, and lists the rule with Beijing times", async () => {
    const clock = new TestClock(NEW_YEAR_UTC_MS);
    const emulator = await emulatorForTest({ now: clock.now });
    const id = await createTemplate(emulator);
    const created = await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    expect(created).toEqual({ RequestId: expect.any(String) });
    const response = await call(emulator, "DescribeLiveCallbackRules");
    expect(response.Rules).toEqual([
      { CreateTime: "2026-01-01 08:00:00", UpdateTime: "2026-01-01 08:00:00", TemplateId: id, DomainName: "push.example.com", AppName: "live" },
    ]);
    expect(response.RequestId).toEqual(expect.any(String));
  });

  it("lists no rules as Rules: []", async () => {
    const emulator = await emulatorForTest();
    expect((await call(emulator, "DescribeLiveCallbackRules")).Rules).toEqual([]);
  });

  it("keys rules by domain and app, so two apps of one domain get two rules", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "game", TemplateId: id });
    expect((await call(emulator, "DescribeLiveCallbackRules")).Rules).toHaveLength(2);
  });

  it("refuses a second rule on the same domain and app with InternalError.RuleAlreadyExist by default", async () => {
    const emulator = await emulatorForTest();
    const first = await createTemplate(emulator, "a");
    const second = await createTemplate(emulator, "b");
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: first });
    const response = await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: second });
    expect(response.Error?.Code).toBe("InternalError.RuleAlreadyExist");
    expect(emulator.state().rules.map((r) => r.TemplateId)).toEqual([first]);
  });

  it("re-points the rule and moves UpdateTime when ruleConflict is overwrite", async () => {
    const clock = new TestClock(NEW_YEAR_UTC_MS);
    const emulator = await emulatorForTest({ now: clock.now, ruleConflict: "overwrite" });
    const first = await createTemplate(emulator, "a");
    const second = await createTemplate(emulator, "b");
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: first });
    clock.advance(90_000);
    expect(await errorCode(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: second })).toBe(
      undefined,
    );
    expect((await call(emulator, "DescribeLiveCallbackRules")).Rules).toEqual([
      { CreateTime: "2026-01-01 08:00:00", UpdateTime: "2026-01-01 08:01:30", TemplateId: second, DomainName: "push.example.com", AppName: "live" },
    ]);
  });

  it("deletes whatever rule sits on the domain and app", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    expect(await call(emulator, "DeleteLiveCallbackRule", { DomainName: "push.example.com", AppName: "live" })).toEqual({
      RequestId: expect.any(String),
    });
    expect((await call(emulator, "DescribeLiveCallbackRules")).Rules).toEqual([]);
  });

  it("answers FailedOperation.NotFound when there is no rule to delete", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DeleteLiveCallbackRule", { DomainName: "push.example.com", AppName: "live" })).toBe("FailedOperation.NotFound");
  });

  it("refuses to delete a template that is still bound, with FailedOperation.ConfInUsed by default", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    const response = await call(emulator, "DeleteLiveCallbackTemplate", { TemplateId: id });
    expect(response.Error?.Code).toBe("FailedOperation.ConfInUsed");
    expect(response.Error?.Message).toContain("push.example.com/live");
    expect(emulator.state().templates).toHaveLength(1);
  });

  it.each(["InternalError.ConfInUsed", "InternalError.RuleInUsing"] as const)("answers %s for a bound template when inUseCode says so", async (code) => {
    const emulator = await emulatorForTest({ inUseCode: code });
    const id = await createTemplate(emulator);
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    expect(await errorCode(emulator, "DeleteLiveCallbackTemplate", { TemplateId: id })).toBe(code);
  });

  it("deletes the template once its rule is gone", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    await call(emulator, "CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: id });
    await call(emulator, "DeleteLiveCallbackRule", { DomainName: "push.example.com", AppName: "live" });
    expect(await errorCode(emulator, "DeleteLiveCallbackTemplate", { TemplateId: id })).toBe(undefined);
  });

  it.each([
    ["ModifyLiveCallbackTemplate", { TemplateId: 424242, Description: "x" }],
    ["DeleteLiveCallbackTemplate", { TemplateId: 424242 }],
    ["DescribeLiveCallbackTemplate", { TemplateId: 424242 }],
    ["CreateLiveCallbackRule", { DomainName: "push.example.com", AppName: "live", TemplateId: 424242 }],
  ])("%s on an unknown template answers InvalidParameter.ConfNotFound by default", async (action, params) => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, action, params)).toBe("InvalidParameter.ConfNotFound");
  });

  it("answers InternalError.ConfNotFound for an unknown template when templateNotFoundCode says so", async () => {
    const emulator = await emulatorForTest({ templateNotFoundCode: "InternalError.ConfNotFound" });
    expect(await errorCode(emulator, "DescribeLiveCallbackTemplate", { TemplateId: 1 })).toBe("InternalError.ConfNotFound");
    expect(await errorCode(emulator, "CreateLiveCallbackRule", { DomainName: "d", AppName: "live", TemplateId: 1 })).toBe(
      "InternalError.ConfNotFound",
    );
  });
});
