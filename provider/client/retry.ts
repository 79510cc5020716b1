/**
 * The retry policy, as data, and the one loop that follows it: which failures are
 * retried, how long to wait, when to give up, and what to do first when a failed write
 * may have been applied. One object and one loop, so the soak test, the benchmark, users
 * and the ambiguous template create all tune and follow the same rules.
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
 * The shortest wait after a write timed out waiting for its answer, before it is sent
 * again or looked for. undici's timers let a timeout of T fire up to about a second late,
 * so a request that "took" a few hundred milliseconds may have been on the server longer.
 */
export const MIN_SETTLE_MS = 1_000;

/**
 * True when a failure leaves open whether the request was applied: the answer was lost
 * after sending (reset, timeout, 5xx) or Tencent answered a bare `InternalError`, which
 * may come after the change was made. A 4xx from something in front of the API means the
 * request was turned away, so it is not ambiguous.
 */
export function mayHaveApplied(error: unknown): boolean {
  if (error instanceof LiveApiError) return error.isBareInternalError;
  if (error instanceof LiveTransportError) return error.ambiguous && !(error.failure === "http-status" && (error.status ?? 500) < 500);
  return false;
}

/**
 * Whether a failure is worth another attempt. `idempotent` is false for actions that
 * would apply twice if repeated (creating a template): those are retried only when the
 * failure proves the request was not applied.
 */
export function isRetryable(error: unknown, idempotent: boolean): boolean {
  // Throttled requests are refused before any work happens: safe for every action.
  if (error instanceof LiveApiError && error.kind === "Throttled") return true;
  // A connect timeout sent nothing; a refused connection or an unknown host will not heal by retrying.
  if (error instanceof LiveTransportError && !error.ambiguous) return error.failure === "connect-timeout";
  // An answer that was not an answer (a LiveResponseError is an ambiguous LiveTransportError),
  // a reset, a 5xx: retried when repeating is safe. Credentials, parameters and anything not
  // from the client: retrying cannot help.
  return idempotent && mayHaveApplied(error);
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

/** Options of {@link withRetries}. */
export interface RetryOptions<T> {
  readonly policy: RetryPolicy;
  /** False for an action that applies twice when repeated: an ambiguous failure is then not retried blindly. */
  readonly idempotent: boolean;
  /** The action changes something: after a timeout, let the lost attempt land first (see {@link withRetries}). */
  readonly settleTimedOut?: boolean;
  /**
   * Looks for the effect of an attempt whose failure may have been applied
   * ({@link mayHaveApplied}); answers the result to finish with, or `undefined` when the
   * attempt was not applied and may be sent again. It runs after every such failure, the
   * last attempt's included, so nothing applied is left unclaimed.
   */
  readonly recover?: (error: unknown) => Promise<T | undefined>;
  /** Attempts at the least, whatever the policy says. Default: the policy's. */
  readonly minAttempts?: number;
  readonly onRetry?: (event: RetryEvent) => void;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Runs `operation` until it succeeds, a failure is not retryable, or the policy's
 * attempts or total time run out; then throws the last error.
 *
 * After a failure that may have been applied, with `recover`: looks for what the attempt
 * did, and finishes with it when found; when not found the attempt provably did nothing
 * and is retried like any safe failure.
 *
 * With `settleTimedOut`, nothing follows an attempt that timed out waiting for its answer
 * (neither the next attempt nor the look of `recover`) before as long again as it already
 * waited, {@link MIN_SETTLE_MS} at the least. The server may still be working on it, and
 * a retry that lands first lets the original land later, after whatever the caller did
 * next (found by the fault soak: a timed-out DeleteLiveCallbackRule landing after the
 * rule was re-created removed the new rule); a look that comes first misses it and sends
 * a duplicate. A server that finishes a request later than twice the time the client
 * waited can still race; nothing on the client can rule that out.
 */
export async function withRetries<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions<T>): Promise<T> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = Math.max(options.policy.maxAttempts, options.minAttempts ?? 0);
  const started = now();
  for (let attempt = 1; ; attempt++) {
    const attemptStarted = now();
    try {
      return await operation(attempt);
    } catch (error) {
      let settleMs = options.settleTimedOut && timedOutWaiting(error) ? Math.max(MIN_SETTLE_MS, now() - attemptStarted) : 0;
      let retryable: boolean;
      if (options.recover && mayHaveApplied(error)) {
        if (settleMs > 0) await sleep(settleMs);
        settleMs = 0;
        const found = await options.recover(error);
        if (found !== undefined) return found;
        retryable = isRetryable(error, true); // not applied: as safe to send again as any
      } else {
        retryable = isRetryable(error, options.idempotent);
      }
      if (attempt >= maxAttempts || !retryable) throw error;
      const delayMs = Math.max(backoffDelayMs(options.policy, attempt, options.random), settleMs);
      if (now() - started + delayMs > options.policy.maxElapsedMs) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
    }
  }
}
