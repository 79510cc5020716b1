/**
 * Coalesced checkpoint saves. Writing the whole state after every step cost gigabytes
 * of JSON per run at 1,000 resources (5.5 MB per write, one write per step), and a
 * no-op `up` spent most of its time saving. Instead each change marks the state dirty
 * and the state is written at most once per interval, plus on demand (a failure, the
 * end of the command, a signal).
 *
 * The rule (also in README.md): the file is always a complete, valid checkpoint (each
 * write is atomic), and it reflects every completed step except those of at most the
 * last interval (250 ms by default) plus the time one write takes.
 */
import type { Checkpoint } from "./checkpoint";

/** Default minimum time between two writes, ms. */
export const DEFAULT_SAVE_INTERVAL_MS = 250;

/** Writes the state at most once per interval; {@link flush} writes it now. */
export class CheckpointWriter {
  private current?: () => Checkpoint;
  private timer?: NodeJS.Timeout;
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  private closed = false;
  /** Writes made so far. */
  writes = 0;

  /**
   * @param write - Persists one checkpoint (atomically).
   * @param intervalMs - Minimum time between two writes, ms.
   */
  constructor(
    private readonly write: (checkpoint: Checkpoint) => void,
    private readonly intervalMs = DEFAULT_SAVE_INTERVAL_MS,
  ) {}

  /** The state changed; `current` builds it as it then stands (called at write time). */
  changed(current: () => Checkpoint): void {
    if (this.closed) return;
    this.current = current;
    if (this.timer) return;
    const wait = Math.max(0, this.lastWriteAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Writes now if anything changed since the last write. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    this.write(current());
    this.writes++;
    this.lastWriteAt = Date.now();
  }

  /** Drops a pending write and ignores later changes: the caller writes the final state itself. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.current = undefined;
    this.closed = true;
  }
}
