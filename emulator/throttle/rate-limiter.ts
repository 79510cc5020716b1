/**
 * Per-action rate limits, like the real service's per-account, per-action quotas.
 * One token bucket per action: capacity = the limit (one second's worth of burst, at
 * least one request), refilled continuously at the limit per second, on the emulator
 * clock.
 */
import { DOCUMENTED_RATE_LIMITS, LIVE_CALLBACK_ACTIONS, type LiveCallbackAction } from "../../live-api/actions";

/**
 * Limits in requests per second, per action; or `"tencent"` for the real quotas
 * (200/s for the five write actions, 500/s for the three Describe actions).
 */
export type RateLimits = Partial<Record<LiveCallbackAction, number>> | "tencent";

/** The real service's documented quotas. */
export function tencentRateLimits(): Record<LiveCallbackAction, number> {
  return { ...DOCUMENTED_RATE_LIMITS };
}

/**
 * The limit of each action: `rateLimits` where it names the action, else `rps` (applies
 * to all actions), else none.
 */
export function resolveRateLimits(rps: number | undefined, rateLimits: RateLimits | undefined): Map<string, number> {
  const perAction = rateLimits === "tencent" ? tencentRateLimits() : (rateLimits ?? {});
  const limits = new Map<string, number>();
  for (const action of LIVE_CALLBACK_ACTIONS) {
    const limit = perAction[action] ?? rps;
    if (limit !== undefined) {
      if (!(limit > 0) || !Number.isFinite(limit)) throw new RangeError(`rate limit of ${action} must be a positive number, got ${limit}`);
      limits.set(action, limit);
    }
  }
  return limits;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Token buckets keyed by action. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  /**
   * @param limits - Requests per second by action; actions not listed are unlimited.
   * @param now - Clock in Unix milliseconds.
   */
  constructor(
    private readonly limits: ReadonlyMap<string, number>,
    private readonly now: () => number,
  ) {}

  /** Takes a token for `action`; false when the request must be throttled. */
  tryAcquire(action: string): boolean {
    const limit = this.limits.get(action);
    if (limit === undefined) return true;
    const nowMs = this.now();
    const capacity = Math.max(1, limit);
    const bucket = this.buckets.get(action) ?? { tokens: capacity, updatedMs: nowMs };
    // A clock that goes backwards (a test's fake clock) must not mint tokens.
    const elapsed = Math.max(0, nowMs - bucket.updatedMs);
    bucket.tokens = Math.min(capacity, bucket.tokens + (elapsed / 1000) * limit);
    bucket.updatedMs = nowMs;
    this.buckets.set(action, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
