import { afterEach, describe, expect, it } from "vitest";
import { DOCUMENTED_RATE_LIMITS, RequestPacer } from "../../provider/client";
import { readSettings } from "../../provider/settings";
import { liveFixture } from "../support/live";

describe("client pacing", () => {
  it("sends half a second's worth at once, then one request per 1/limit seconds, in order", () => {
    let now = 1_000;
    const pacer = new RequestPacer({ CreateLiveCallbackRule: 200 }, () => now);
    const waits = Array.from({ length: 103 }, () => pacer.reserve("CreateLiveCallbackRule"));
    expect(waits.slice(0, 100)).toEqual(Array(100).fill(0));
    expect(waits.slice(100)).toEqual([5, 10, 15]);
    // The bucket refills with time: after 20 ms the three waiting slots are used and one token is back.
    now += 20;
    expect(pacer.reserve("CreateLiveCallbackRule")).toBe(0);
    expect(pacer.reserve("CreateLiveCallbackRule")).toBe(5);
  });

  it("paces each action on its own and leaves actions without a limit alone", () => {
    const pacer = new RequestPacer({ DeleteLiveCallbackRule: 2 }, () => 0);
    expect([1, 2].map(() => pacer.reserve("DeleteLiveCallbackRule"))).toEqual([0, 500]);
    expect(Array.from({ length: 50 }, () => pacer.reserve("DescribeLiveCallbackRules")).every((w) => w === 0)).toBe(true);
  });

  it("reads TENCENT_CSS_PACING: documented quotas by default, off, or a fraction; never fails on a bad value", () => {
    const pacing = (value?: string) => readSettings(value === undefined ? {} : { TENCENT_CSS_PACING: value }).pacing;
    expect(pacing()).toEqual(DOCUMENTED_RATE_LIMITS);
    expect(pacing("off")).toEqual({});
    expect(pacing("0.5").CreateLiveCallbackRule).toBe(100);
    expect(pacing("nonsense")).toEqual(DOCUMENTED_RATE_LIMITS);
    expect(pacing("2")).toEqual(DOCUMENTED_RATE_LIMITS);
  });

  describe("against an emulator enforcing the quota", () => {
    let stop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await stop?.();
      stop = undefined;
    });

    it("is never throttled when many requests start at once", async () => {
      const fx = await liveFixture({ rateLimits: { DescribeLiveCallbackTemplates: 20 } }, { pacing: { DescribeLiveCallbackTemplates: 20 } });
      stop = fx.stop;
      await Promise.all(Array.from({ length: 30 }, () => fx.client.describeTemplates()));
      expect(fx.emulator.requestCounts().DescribeLiveCallbackTemplates).toMatchObject({ received: 30, throttled: 0 });
    });

    it("without pacing, the same burst is throttled", async () => {
      const fx = await liveFixture({ rateLimits: { DescribeLiveCallbackTemplates: 20 } }, { pacing: {} });
      stop = fx.stop;
      await Promise.allSettled(Array.from({ length: 30 }, () => fx.client.describeTemplates()));
      expect(fx.emulator.requestCounts().DescribeLiveCallbackTemplates!.throttled).toBeGreaterThan(0);
    });
  });
});
