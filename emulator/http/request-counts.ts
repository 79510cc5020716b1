/**
 * Per-action request counters for `GET /_emulator/requests`, so a test can assert
 * how many calls a client really made (retries included).
 */

/** How each request to one action ended. `received` is the sum of the other four. */
export interface ActionRequestCounts {
  /** Requests that named this action, whatever became of them. */
  received: number;
  /** Answered with a success body. */
  succeeded: number;
  /** Answered with a Tencent error that no fault injected (validation, auth, model). */
  failed: number;
  /** Hit by an injected fault (error, 5xx, reset or delay). */
  faulted: number;
  /** Answered `RequestLimitExceeded` by the rate limiter. */
  throttled: number;
}

/** Counters keyed by action name. */
export type RequestCounts = Record<string, ActionRequestCounts>;

/** The way a request ended. */
export type RequestOutcome = "succeeded" | "failed" | "faulted" | "throttled";

/** Mutable counters of one emulator. */
export class RequestCounter {
  private counts: RequestCounts = {};

  /** Counts one request to `action` that ended with `outcome`. */
  record(action: string, outcome: RequestOutcome): void {
    const entry = (this.counts[action] ??= { received: 0, succeeded: 0, failed: 0, faulted: 0, throttled: 0 });
    entry.received += 1;
    entry[outcome] += 1;
  }

  /** A copy of the counters. */
  snapshot(): RequestCounts {
    return structuredClone(this.counts);
  }

  /** Zeroes every counter. */
  reset(): void {
    this.counts = {};
  }
}

/** The sum of `counts` over all actions. */
export function totalRequestCounts(counts: RequestCounts): ActionRequestCounts {
  const total: ActionRequestCounts = { received: 0, succeeded: 0, failed: 0, faulted: 0, throttled: 0 };
  for (const entry of Object.values(counts)) {
    for (const key of Object.keys(total) as Array<keyof ActionRequestCounts>) total[key] += entry[key];
  }
  return total;
}
