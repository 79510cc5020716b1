/**
 * Sends one callback body to one URL the way Tencent does: `POST` with a JSON body,
 * success only on HTTP 200 within the timeout, otherwise retried after a fixed
 * interval until the attempts run out. Closing the emulator cancels waits and
 * requests in flight.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, request } from "undici";
import type { AttemptOutcome, DeliveryAttempt } from "./delivery-log";

/** How many times to try, how long to wait between tries and for an answer. */
export interface RetryPlan {
  /** Attempts in total, at least 1. */
  readonly attempts: number;
  /** Wait between the end of one attempt and the start of the next, ms. */
  readonly intervalMs: number;
  /** Time the receiver has to answer (status line and headers), ms. */
  readonly timeoutMs: number;
}

/** What came of a delivery. */
export interface SendOutcome {
  /** True once an attempt got HTTP 200. */
  readonly delivered: boolean;
  /** True when the emulator was closed before the delivery finished. */
  readonly cancelled: boolean;
  /** Every attempt made, first first. */
  readonly attempts: readonly DeliveryAttempt[];
}

const CANCELLED = "cancelled: the emulator was closed";

/** POSTs callbacks; one per emulator, closed with it. */
export class CallbackSender {
  // Its own connection pool, so close() can drop every socket it opened.
  private readonly agent = new Agent();

  /**
   * @param now - The emulator clock, Unix ms (for each attempt's `at`).
   * @param lifetime - Aborted when the emulator closes.
   */
  constructor(
    private readonly now: () => number,
    private readonly lifetime: AbortSignal,
  ) {}

  /**
   * Delivers `body` to `url` following `plan`. Never rejects: every failure is an
   * attempt with an `error`. `onAttempt` sees each attempt as soon as it ends.
   */
  async send(url: string, body: string, plan: RetryPlan, onAttempt: (attempt: DeliveryAttempt) => void): Promise<SendOutcome> {
    const attempts: DeliveryAttempt[] = [];
    const done = (delivered: boolean, cancelled: boolean): SendOutcome => ({ delivered, cancelled, attempts });
    for (let attempt = 1; attempt <= plan.attempts; attempt++) {
      if (attempt > 1) {
        try {
          await sleep(plan.intervalMs, undefined, { signal: this.lifetime });
        } catch {
          return done(false, true);
        }
      }
      if (this.lifetime.aborted) return done(false, true);
      const at = new Date(this.now()).toISOString();
      const outcome = await this.post(url, body, plan.timeoutMs);
      const record: DeliveryAttempt = { attempt, at, ...outcome };
      attempts.push(record);
      onAttempt(record);
      if ("status" in outcome && outcome.status === 200) return done(true, false);
      if (this.lifetime.aborted) return done(false, true);
    }
    return done(false, false);
  }

  /** Drops every connection. Call after the lifetime signal has been aborted. */
  close(): Promise<void> {
    return this.agent.destroy();
  }

  private async post(url: string, body: string, timeoutMs: number): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const cancel = () => controller.abort();
    this.lifetime.addEventListener("abort", cancel, { once: true });
    try {
      const response = await request(url, {
        dispatcher: this.agent,
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: controller.signal,
        // One connection per attempt: a receiver that died between attempts is reached anew.
        reset: true,
      });
      // The status is the answer; the body is read (and ignored, as Tencent does) only so
      // the connection ends cleanly, and the timer still bounds it.
      await response.body.dump().catch(() => undefined);
      return { status: response.statusCode };
    } catch (error) {
      if (this.lifetime.aborted) return { error: CANCELLED };
      if (timedOut) return { error: `timeout: no answer within ${timeoutMs} ms` };
      return { error: describeError(error) };
    } finally {
      clearTimeout(timer);
      this.lifetime.removeEventListener("abort", cancel);
    }
  }
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && code !== "" ? `${code}: ${error.message}` : error.message;
}
