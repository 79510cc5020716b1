import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, isRetryable, LiveApiError, LiveTransportError, withRetries } from "../../provider/client";
import { clientFor, rejection } from "../support/live";

const running: Array<{ close(): Promise<void> }> = [];
async function setup(faults: string[]) {
  const emulator: RunningEmulator = await startEmulator({ faults, seed: 7 });
  const retries: string[] = [];
  const client = clientFor(emulator, { onRetry: (event) => retries.push((event.error as Error).name) });
  running.push(client, emulator);
  return { emulator, client, retries };
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((r) => r.close()));
});

const URL = { StreamBeginNotifyUrl: "https://hooks.example.com/b" };

describe("retries against injected faults", () => {
  it("retries throttling until it passes", async () => {
    const { client, retries } = await setup(["DescribeLiveCallbackRules=error:RequestLimitExceeded,count=3"]);
    expect(await client.describeRules()).toEqual([]);
    expect(retries).toEqual(["LiveApiError", "LiveApiError", "LiveApiError"]);
    expect(client.stats.requests).toBe(4);
  });

  it("retries a bare InternalError on a read", async () => {
    const { client } = await setup(["DescribeLiveCallbackTemplates=error:InternalError,count=2"]);
    await client.describeTemplates();
    expect(client.stats.retries).toBe(2);
  });

  it("retries HTTP 5xx answers", async () => {
    const { client } = await setup(["DescribeLiveCallbackRules=http:503,count=2"]);
    await client.describeRules();
    expect(client.stats.retries).toBe(2);
  });

  it("retries connection resets", async () => {
    const { client, emulator } = await setup(["DescribeLiveCallbackRules=reset,count=2"]);
    await client.describeRules();
    expect(client.stats.retries).toBe(2);
    expect(emulator.faults.injected()).toMatchObject({ DescribeLiveCallbackRules: { reset: 2 } });
  });

  it("retries a template create refused by throttling: nothing was created", async () => {
    const { client, emulator } = await setup(["CreateLiveCallbackTemplate=error:RequestLimitExceeded,count=2"]);
    await client.createTemplate({ TemplateName: "t", ...URL });
    expect(emulator.state().templates).toHaveLength(1);
  });

  it("does not blindly retry a template create whose answer was lost: no duplicate", async () => {
    const { client, emulator } = await setup(["CreateLiveCallbackTemplate=http:502,count=1,after-commit"]);
    const error = await rejection(client.createTemplate({ TemplateName: "t", ...URL }));
    expect(error).toMatchObject({ kind: "Transport", ambiguous: true });
    expect(emulator.state().templates).toHaveLength(1);
    expect(client.stats.requests).toBe(1);
  });

  it("retries an idempotent write whose answer was lost", async () => {
    const { client, emulator } = await setup([]);
    const id = await client.createTemplate({ TemplateName: "t", ...URL });
    emulator.faults.add("ModifyLiveCallbackTemplate=reset,count=1,after-commit");
    await client.modifyTemplate({ TemplateId: id, Description: "changed" });
    expect(client.stats.retries).toBe(1);
    expect(emulator.state().templates[0]).toMatchObject({ Description: "changed" });
  });

  it("never retries an authentication failure", async () => {
    const { client } = await setup(["DescribeLiveCallbackRules=error:AuthFailure.SignatureFailure"]);
    await rejection(client.describeRules());
    expect(client.stats.requests).toBe(1);
  });

  it("never retries a parameter error", async () => {
    const { client } = await setup([]);
    await rejection(client.createTemplate({ TemplateName: "no urls" }));
    expect(client.stats.requests).toBe(1);
  });
});

describe("the retry policy", () => {
  it("waits with full jitter inside an exponentially growing window", () => {
    const policy = { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000, maxElapsedMs: 60_000 };
    expect(backoffDelayMs(policy, 1, () => 0.999)).toBe(99);
    expect(backoffDelayMs(policy, 3, () => 0.999)).toBe(399);
    expect(backoffDelayMs(policy, 9, () => 0.999)).toBe(999);
    expect(backoffDelayMs(policy, 3, () => 0)).toBe(0);
  });

  it("stops at the attempt bound", async () => {
    let calls = 0;
    const throttled = new LiveApiError({ code: "RequestLimitExceeded", message: "slow down", action: "DescribeLiveCallbackRules", requestId: "r" });
    await rejection(
      withRetries(
        async () => {
          calls++;
          throw throttled;
        },
        { policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 4 }, idempotent: true, sleep: async () => {} },
      ),
    );
    expect(calls).toBe(4);
  });

  it("stops when the next wait would pass the total time bound", async () => {
    let clock = 0;
    let calls = 0;
    const throttled = new LiveApiError({ code: "RequestLimitExceeded", message: "", action: "DescribeLiveCallbackRules", requestId: "r" });
    await rejection(
      withRetries(
        async () => {
          calls++;
          throw throttled;
        },
        {
          policy: { maxAttempts: 100, baseDelayMs: 1000, maxDelayMs: 1000, maxElapsedMs: 2500 },
          idempotent: true,
          random: () => 0.999,
          now: () => clock,
          sleep: async (ms) => {
            clock += ms;
          },
        },
      ),
    );
    expect(calls).toBe(3);
    expect(clock).toBeLessThanOrEqual(2500);
  });

  it("treats an ambiguous failure of a non-idempotent action as final", () => {
    const reset = new LiveTransportError({ action: "CreateLiveCallbackTemplate", failure: "connection-reset", detail: "reset", endpoint: "http://x" });
    expect(isRetryable(reset, false)).toBe(false);
    expect(isRetryable(reset, true)).toBe(true);
    const connectTimeout = new LiveTransportError({ action: "CreateLiveCallbackTemplate", failure: "connect-timeout", detail: "t", endpoint: "http://x" });
    expect(isRetryable(connectTimeout, false)).toBe(true);
  });
});
