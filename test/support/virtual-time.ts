/**
 * Time as a sequence of events, for tests of rules that are about time ("wait as long
 * again as the timed-out request waited"): a virtual clock the client is given
 * (`LiveClientOptions.now` / `sleep`), and a transport that plays a slow server on it.
 *
 * Nothing waits for real. A request the server answers late is held and sent to the
 * emulator, over real HTTP, at the virtual moment it lands: when someone's sleep moves
 * the clock past that moment, or at `settle()`. So which of "the late request lands" and
 * "the client's next request" comes first is decided by the product's waits alone, not by
 * timer ticks or machine load.
 */
import { LiveTransportError, type Transport } from "../../provider/client";

interface Landing {
  readonly at: number;
  readonly order: number;
  readonly land: () => Promise<void>;
}

/** A clock that moves only when someone sleeps on it. */
export class VirtualClock {
  private nowMs: number;
  private landings: Landing[] = [];
  private scheduled = 0;

  /** Starts at `startMs` (default: the real time now, so signatures stay valid). */
  constructor(startMs: number = Date.now()) {
    this.nowMs = startMs;
  }

  /** Pass as `LiveClientOptions.now`. */
  readonly now = (): number => this.nowMs;

  /** Pass as `LiveClientOptions.sleep`: moves the clock by `ms`, landing whatever falls due. */
  readonly sleep = (ms: number): Promise<void> => this.advanceTo(this.nowMs + Math.max(0, ms));

  /** Runs `land` when the clock reaches `ms` from now. */
  at(ms: number, land: () => Promise<void>): void {
    this.landings.push({ at: this.nowMs + ms, order: this.scheduled++, land });
  }

  /** Lands everything still scheduled, in time order (the slow server finishes its work). */
  async settle(): Promise<void> {
    while (this.landings.length) await this.advanceTo(Math.max(...this.landings.map((l) => l.at)));
  }

  private async advanceTo(target: number): Promise<void> {
    for (;;) {
      const due = this.landings.filter((l) => l.at <= target).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!due) break;
      this.landings = this.landings.filter((l) => l !== due);
      this.nowMs = Math.max(this.nowMs, due.at);
      await due.land();
    }
    this.nowMs = Math.max(this.nowMs, target);
  }
}

/** How the slow server treats one request. */
export interface SlowAnswer {
  /** When the server applies the request and answers, ms after it was sent. */
  readonly answerAfterMs: number;
  /** When the client gives up waiting for the answer (its headers timeout), ms after sending. */
  readonly clientTimeoutMs: number;
}

/**
 * `inner` behind a slow server on `clock`: for the n-th request of an action (1-based),
 * `plan(action, n)` says how late it is answered; `undefined` answers at once. A request
 * answered after the client's timeout fails with a headers timeout at that moment and is
 * applied later, when it lands, as a slow server would.
 */
export function slowServer(clock: VirtualClock, inner: Transport, plan: (action: string, n: number) => SlowAnswer | undefined): Transport {
  const sent = new Map<string, number>();
  return {
    async post(endpoint, headers, body, action) {
      const n = (sent.get(action) ?? 0) + 1;
      sent.set(action, n);
      const slow = plan(action, n);
      if (!slow) return inner.post(endpoint, headers, body, action);
      if (slow.answerAfterMs <= slow.clientTimeoutMs) {
        await clock.sleep(slow.answerAfterMs);
        return inner.post(endpoint, headers, body, action);
      }
      // Its answer is lost to the client; the request itself is applied when it lands.
      clock.at(slow.answerAfterMs, () => inner.post(endpoint, headers, body, action).then(
        () => undefined,
        () => undefined,
      ));
      await clock.sleep(slow.clientTimeoutMs);
      throw new LiveTransportError({ action, failure: "headers-timeout", detail: "headers timeout (virtual clock)", endpoint });
    },
    close: () => inner.close(),
  };
}
