/**
 * 200 provider operations started at once against an emulator that allows 20 requests/s
 * per action: every one succeeds through back-off, and nothing is created twice. The
 * figures (retries, total time) are printed by `npm run soak -- --concurrency 200 --rps 20`,
 * not asserted here.
 */
import { describe, expect, it } from "vitest";
import { runConcurrency } from "../../soak/run-concurrency";

describe("concurrency under a rate limit", () => {
  it("completes 200 concurrent creates, updates, binds and reads at 20 requests/s", async () => {
    const result = await runConcurrency({ operations: 200, rps: 20 });

    expect(result.failures).toEqual([]);
    expect(result.succeeded).toBe(200);
    // The limit was really hit, and the client's back-off is what got through it.
    expect(result.throttled).toBeGreaterThan(0);
    expect(result.retries).toBeGreaterThanOrEqual(result.throttled);
    // 50 templates made beforehand plus 50 created; one rule per binding; no duplicate.
    expect(result.templates).toBe(100);
    expect(result.rules).toBe(50);
    expect(result.duplicates).toEqual([]);
  }, 180_000);
});
