import { describe, expect, it } from "vitest";
import { callRaw, emulatorForTest, errorCode, TestClock } from "../support/emulator-fixture";

describe("rate limits", () => {
  it("answers RequestLimitExceeded as an HTTP 200 Tencent error once the per-second budget is spent", async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now, rps: 2 });
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe(undefined);
    const answer = await callRaw(emulator, "DescribeLiveCallbackRules");
    expect(answer.status).toBe(200);
    expect(answer.json.Response).toEqual({ Error: { Code: "RequestLimitExceeded", Message: expect.any(String) }, RequestId: expect.any(String) });
  });

  it("refills the budget as the clock moves on", async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now, rps: 1 });
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe("RequestLimitExceeded");
    clock.advance(1_000);
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe(undefined);
  });

  it("keeps a separate budget per action", async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now, rps: 1 });
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackTemplates")).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe("RequestLimitExceeded");
  });

  it("lets rateLimits override rps for one action", async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now, rps: 1, rateLimits: { DescribeLiveCallbackRules: 3 } });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push(await errorCode(emulator, "DescribeLiveCallbackRules"));
    expect(codes).toEqual([undefined, undefined, undefined, "RequestLimitExceeded"]);
    expect(await errorCode(emulator, "DescribeLiveCallbackTemplates")).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackTemplates")).toBe("RequestLimitExceeded");
  });

  it('applies the real quotas with rateLimits "tencent": 200/s for writes', async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now, rateLimits: "tencent" });
    const codes = await Promise.all(
      Array.from({ length: 201 }, () => errorCode(emulator, "DeleteLiveCallbackRule", { DomainName: "d.example.com", AppName: "live" })),
    );
    expect(codes.filter((c) => c === "FailedOperation.NotFound")).toHaveLength(200);
    expect(codes.filter((c) => c === "RequestLimitExceeded")).toHaveLength(1);
  });

  it('applies the real quotas with rateLimits "tencent": 500/s for Describe actions', async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now, rateLimits: "tencent" });
    const codes = await Promise.all(Array.from({ length: 501 }, () => errorCode(emulator, "DescribeLiveCallbackTemplates")));
    expect(codes.filter((c) => c === undefined)).toHaveLength(500);
    expect(codes.filter((c) => c === "RequestLimitExceeded")).toHaveLength(1);
  });

  it("counts throttled requests separately", async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 1));
    const emulator = await emulatorForTest({ now: clock.now, rps: 1 });
    await errorCode(emulator, "DescribeLiveCallbackRules");
    await errorCode(emulator, "DescribeLiveCallbackRules");
    expect(emulator.requestCounts().DescribeLiveCallbackRules).toEqual({ received: 2, succeeded: 1, failed: 0, faulted: 0, throttled: 1 });
  });

  it("refuses a non-positive limit at start", async () => {
    await expect(emulatorForTest({ rps: 0 })).rejects.toThrow(/positive/);
  });
});
