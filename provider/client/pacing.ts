/**
 * Client-side pacing: one token bucket per action at the service's documented quotas
 * (200 requests/s for each write action, 500/s for each Describe action), so a large
 * `pulumi up` sends requests no faster than the account may make them.
 *
 * Without it, 1,000 binding creates sent at once against a 200/s quota are mostly
 * refused with `RequestLimitExceeded`; each refusal costs quota and a back-off with
 * jitter that leaves the quota idle, so the run took about twice the time the quota
 * allows. Paced, the same run needs no retry and finishes close to N / limit seconds.
 * Retries on throttling still apply: another process may share the account's quota.
 *
 * The bucket holds half a second of requests, half of what the service's holds: a
 * request counts against the client's bucket when it is sent but against the service's
 * only when it arrives, so requests held up on the way (a slow network, a busy server)
 * and then delivered together must still fit. Up to `limit / 2` requests at once are
 * never delayed. The provider's setting `TENCENT_CSS_PACING` (provider/settings.ts) turns
 * pacing off, or paces at a fraction of the documented quotas for accounts whose quota
 * other tools share.
 */
import { DOCUMENTED_RATE_LIMITS, type LiveCallbackAction } from "../../live-api/actions";

export { DOCUMENTED_RATE_LIMITS };

/** Requests per second by action; an action not listed is not paced. */
export type PacingLimits = Partial<Record<LiveCallbackAction, number>>;

/**
 * The documented quotas scaled by `factor`: `1` → the quotas themselves, `0.5` → half of
 * each, `0` → no pacing at all (`{}`).
 */
export function pacingAt(factor: number): PacingLimits {
  if (!(factor > 0)) return {};
  return Object.fromEntries(Object.entries(DOCUMENTED_RATE_LIMITS).map(([action, limit]) => [action, limit * factor]));
}

interface Bucket {
  /** May be negative: requests already promised a later slot. */
  tokens: number;
  updatedMs: number;
}

/** Token buckets keyed by action; a caller that finds its bucket empty waits its turn (FIFO). */
export class RequestPacer {
  private readonly buckets = new Map<LiveCallbackAction, Bucket>();

  /**
   * @param limits - Requests per second by action; actions not listed are not paced.
   * @param now - Clock in ms.
   */
  constructor(
    private readonly limits: PacingLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before a request to `action` may be sent; the slot is taken now. */
  reserve(action: LiveCallbackAction): number {
    const limit = this.limits[action];
    if (!limit || !(limit > 0)) return 0;
    const capacity = Math.max(1, limit / 2);
    const nowMs = this.now();
    const bucket = this.buckets.get(action) ?? { tokens: capacity, updatedMs: nowMs };
    bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, nowMs - bucket.updatedMs) / 1000) * limit);
    bucket.updatedMs = nowMs;
    this.buckets.set(action, bucket);
    bucket.tokens -= 1;
    return bucket.tokens >= 0 ? 0 : Math.ceil((-bucket.tokens / limit) * 1000);
  }

  /** Resolves when a request to `action` may be sent (at once while the bucket has tokens). */
  async take(action: LiveCallbackAction): Promise<void> {
    const waitMs = this.reserve(action);
    if (waitMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, waitMs));
  }
}
