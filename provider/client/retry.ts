/**
 * The retry policy, as data: which failures are retried, how long to wait, and when to
 * give up. One object, so the soak test, the benchmark and users tune the same knobs.
 */
import { LiveApiError, LiveTransportError } from "./errors";

/** Knobs of the retry policy. */
export interface RetryPolicy {
  /** Attempts in total, the first included. Default 8. */
  readonly maxAttempts: number;
  /** Cap of the first back-off window in ms; each attempt doubles it. Default 250 ms. */
  readonly baseDelayMs: number;
  /** Largest single back-off window in ms. Default 10 s. */
  readonly maxDelayMs: number;
  /** Give up when the next wait would pass this much time since the first attempt. Default 120 s. */
  readonly maxElapsedMs: number;
}

/** Defaults: about two minutes of patience, like a person re-running a throttled command. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxAttempts: 8,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
  maxElapsedMs: 120_000,
});

/** No retries at all. */
export const NO_RETRY: RetryPolicy = Object.freeze({ maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 0 });

/**
 * Whether a failure is worth another attempt. `idempotent` is false for actions that
 * would apply twice if repeated (creating a template): those are retried only when the
 * failure proves the request was not applied.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  if (error instanceof LiveApiError) {
    // Throttled requests are refused before any work happens: safe for every action.
    if (error.kind === "Throttled") return true;
    // A bare InternalError may come after the change was applied; Tencent still says retry.
    if (error.isBareInternalError) return idempotent;
    return false;
  }
  if (error instanceof LiveTransportError) {
    if (error.failure === "dns") return false;
    if (error.failure === "connect-refused") return false;
    if (!error.ambiguous) return true; // connect timeout: nothing was sent
    if (error.failure === "http-status" && (error.status ?? 0) < 500) return false;
    return idempotent;
  }
  // Credentials, unexpected responses and anything not from the client: retrying cannot help.
  return false;
}

/** Full jitter: a uniform wait in `[0, min(maxDelay, base * 2^(attempt-1))]`. `attempt` starts at 1. */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * window);
}

/** What {@link withRetries} reports about each retry. */
export interface RetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

/** True when a request was sent and its answer did not come in time: it may still be running. */
export function timedOutWaiting(error: unknown): boolean {
  return error instanceof LiveTransportError && (error.failure === "headers-timeout" || error.failure === "body-timeout");
}

/**
 * Runs `operation` until it succeeds, a failure is not retryable, or the policy's
 * attempts or total time run out; then throws the last error.
 *
 * With `settleTimedOut`, an attempt that timed out waiting for its answer is sent again
 * only after as long again as it already waited. The server may still be working on it,
 * and a retry that lands first lets the original land later, after whatever the caller
 * did next (found by the fault soak: a timed-out DeleteLiveCallbackRule landing after the
 * rule was re-created removed the new rule). A server that finishes a request later than
 * twice the time the client waited can still race; nothing on the client can rule that out.
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  options: {
    policy: RetryPolicy;
    idempotent: boolean;
    /** Wait as long again as a timed-out attempt took before retrying it (writes). */
    settleTimedOut?: boolean;
    onRetry?: (event: RetryEvent) => void;
    random?: () => number;
    sleep?: (ms: number) => Promise<void>;
    now?: () => number;
  },
): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = now();
  for (let attempt = 1; ; attempt++) {
    const attemptStarted = now();
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.policy.maxAttempts || !isRetryable(error, options.idempotent)) throw error;
      const backoff = backoffDelayMs(options.policy, attempt, options.random);
      const delayMs = options.settleTimedOut && timedOutWaiting(error) ? Math.max(backoff, now() - attemptStarted) : backoff;
      if (now() - started + delayMs > options.policy.maxElapsedMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
