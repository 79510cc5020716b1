/**
 * The active faults and their bookkeeping. Knows nothing of HTTP: it only decides,
 * per request, which fault (if any) hits it, and counts what it injected.
 */
import { parseFault, faultKindLabel, type FaultSpec } from "./spec";
import { mulberry32 } from "./prng";

/** A fault as listed: its spec plus an id and counters. */
export type ActiveFault = FaultSpec & {
  /** Id for `DELETE /_emulator/faults/ID` and {@link FaultController.remove}. */
  readonly id: number;
  /** How many requests it has hit so far. */
  readonly injected: number;
  /** Hits left when the fault has a `count`; absent when unlimited. */
  readonly remaining?: number;
};

/** Injections per action, then per kind label (see {@link faultKindLabel}). */
export type InjectedCounts = Record<string, Record<string, number>>;

interface FaultEntry {
  readonly id: number;
  readonly spec: FaultSpec;
  injected: number;
  remaining: number;
}

/** Holds the faults of one emulator and draws them with a seeded PRNG. */
export class FaultController {
  private readonly random: () => number;
  private entries: FaultEntry[] = [];
  private nextId = 1;
  private counts: InjectedCounts = {};

  /** @param seed - 32-bit seed; the same seed and request sequence inject the same faults. */
  constructor(readonly seed: number) {
    this.random = mulberry32(seed);
  }

  /** Adds a fault (JSON form or string form); throws `FaultSpecError` when invalid. */
  add(input: FaultSpec | string): ActiveFault {
    const spec = parseFault(input);
    const entry: FaultEntry = { id: this.nextId++, spec, injected: 0, remaining: spec.count ?? Infinity };
    this.entries.push(entry);
    return view(entry);
  }

  /** Removes one fault; false when there was none with that id. */
  remove(id: number): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.id !== id);
    return this.entries.length < before;
  }

  /** Removes every fault and zeroes the injection counts. */
  clear(): void {
    this.entries = [];
    this.counts = {};
  }

  /** The faults in the order they are tried. */
  list(): ActiveFault[] {
    return this.entries.map(view);
  }

  /** Injections so far, by action and kind. */
  injectedCounts(): InjectedCounts {
    return structuredClone(this.counts);
  }

  /**
   * Decides whether a request to `action` is hit. Faults are tried in order; the first
   * that fires wins and is counted. The PRNG is consulted only for faults with
   * `rate < 1`, so certain faults do not shift the random sequence.
   */
  draw(action: string): FaultSpec | undefined {
    for (const entry of this.entries) {
      const { spec } = entry;
      if (entry.remaining <= 0 || (spec.action !== "*" && spec.action !== action)) continue;
      const rate = spec.rate ?? 1;
      if (rate < 1 && !(this.random() < rate)) continue;
      entry.remaining -= 1;
      entry.injected += 1;
      const perAction = (this.counts[action] ??= {});
      const label = faultKindLabel(spec);
      perAction[label] = (perAction[label] ?? 0) + 1;
      return spec;
    }
    return undefined;
  }
}

function view(entry: FaultEntry): ActiveFault {
  return {
    ...entry.spec,
    id: entry.id,
    injected: entry.injected,
    ...(Number.isFinite(entry.remaining) ? { remaining: entry.remaining } : {}),
  };
}
