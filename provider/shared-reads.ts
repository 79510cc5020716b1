/**
 * The two ways a list call is shared between callers. A `ClientSession`
 * (provider/session.ts) owns one of each per list, for the reads of its client.
 *
 * - {@link SharedList}, for `read` only: concurrent reads share one list call, so a refresh
 *   of 1,000 bindings costs one or two list calls instead of 1,000 (the Terraform provider
 *   lists every rule once per binding). An answer is shared while its request is in flight
 *   and for a short time after (`TENCENT_CSS_READ_CACHE_MS`, default 5 s), and never across
 *   a write made by this process: a write started after a list began makes that list stale.
 * - {@link FreshBatch}, for the delete guard and conflict checks: requests sent after the
 *   caller asked, batched with the other callers of the same moment.
 */

/** One shared answer, and what it was fetched under. */
interface Entry<T> {
  readonly epoch: number;
  readonly startedAt: number;
  readonly value: Promise<T>;
}

/** A list shared while it is younger than the TTL and no write of this process began since it was asked for. */
export class SharedList<T> {
  private entry?: Entry<T>;
  /** @param fetch - Sends the list call. */
  constructor(private readonly fetch: () => Promise<T>) {}

  /**
   * The shared answer, or a new list call.
   *
   * @param epoch - The owner's write epoch now (see `ClientSession`); an answer fetched under another is not shared.
   * @param ttlMs - How long an answer is shared after its request began; `0` never shares.
   */
  get(epoch: number, ttlMs: number): Promise<T> {
    if (ttlMs === 0) return this.fetch();
    const now = Date.now();
    const current = this.entry;
    if (current && current.epoch === epoch && now - current.startedAt <= ttlMs) return current.value;
    const value = this.fetch();
    const entry: Entry<T> = { epoch, startedAt: now, value };
    this.entry = entry;
    // A failed list is not shared with later callers.
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }
}

/**
 * A list call sent after every one of its callers asked. Callers join the next request
 * that has not been sent yet; it is sent on the next turn of the event loop, or when the
 * request in flight ends. Nothing older than a caller's own request is ever answered, so
 * the delete guard and conflict checks stay exact, while 1,000 concurrent binding creates
 * cost a handful of list calls (about one per round trip) instead of 1,000.
 */
export class FreshBatch<T> {
  private next?: Promise<T>;
  private running?: Promise<void>;
  /** @param fetch - Sends the list call. */
  constructor(private readonly fetch: () => Promise<T>) {}

  /** The answer of a list call sent after this call was made. */
  get(): Promise<T> {
    if (this.next) return this.next;
    const gate = this.running ?? new Promise<void>((resolve) => setImmediate(resolve));
    const next = gate.then(() => {
      this.next = undefined;
      const result = this.fetch();
      const running: Promise<void> = result.then(
        () => undefined,
        () => undefined,
      );
      this.running = running;
      void running.then(() => {
        if (this.running === running) this.running = undefined;
      });
      return result;
    });
    this.next = next;
    return next;
  }
}
