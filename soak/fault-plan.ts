/**
 * The faults a soak injects: for every action, a rate P spread evenly over six kinds
 * (throttling, InternalError, HTTP 5xx, connection reset, timeout, failure after the
 * change was applied), plus extra after-commit faults on CreateLiveCallbackTemplate so
 * that ambiguous creates happen often enough to matter.
 *
 * One fault spec per (action, variant), so `faults.list()` tells injections apart by
 * action and by before/after commit (the emulator's `injected()` labels cannot).
 */
import type { FaultSpec } from "../emulator";
import { LIVE_CALLBACK_ACTIONS, type LiveCallbackAction } from "../provider/client";

/** The six kinds a soak reports. */
export const FAULT_KINDS = ["throttle", "internal-error", "http-5xx", "reset", "timeout", "after-commit"] as const;
/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault spec with what the soak calls it. */
export interface PlannedFault {
  readonly kind: FaultKind;
  /** `throttle`, `timeout`, `after-commit:reset`, …: the kind plus the after-commit variant. */
  readonly variant: string;
  readonly action: LiveCallbackAction;
  readonly spec: FaultSpec;
}

/** What a plan is made from. */
export interface FaultPlanOptions {
  /** Probability in [0, 1) that a request to any action is hit. */
  readonly rate: number;
  /** Delay of a timeout fault, ms: longer than the provider's client timeout. */
  readonly delayMs: number;
  /** Extra after-commit rate on CreateLiveCallbackTemplate, tried before the others. Default `rate`. */
  readonly ambiguousCreateRate?: number;
}

/** A fault spec without its action and rate (distributed over the union's members). */
type KindSpec = FaultSpec extends infer F ? (F extends unknown ? Omit<F, "action" | "rate"> : never) : never;

/** Variants of one kind: each entry is a spec without its action and rate. */
function variants(kind: FaultKind, delayMs: number): Array<{ variant: string; spec: KindSpec }> {
  switch (kind) {
    case "throttle":
      return [{ variant: kind, spec: { kind: "error", code: "RequestLimitExceeded" } }];
    case "internal-error":
      return [{ variant: kind, spec: { kind: "error", code: "InternalError" } }];
    case "http-5xx":
      return [{ variant: kind, spec: { kind: "http", status: 503 } }];
    case "reset":
      return [{ variant: kind, spec: { kind: "reset" } }];
    case "timeout":
      return [{ variant: kind, spec: { kind: "delay", ms: delayMs } }];
    case "after-commit":
      return [
        { variant: "after-commit:internal-error", spec: { kind: "error", code: "InternalError", afterCommit: true } },
        { variant: "after-commit:http-5xx", spec: { kind: "http", status: 502, afterCommit: true } },
        { variant: "after-commit:reset", spec: { kind: "reset", afterCommit: true } },
        { variant: "after-commit:timeout", spec: { kind: "delay", ms: delayMs, afterCommit: true } },
      ];
  }
}

/**
 * Rates for faults tried in order (the first that fires wins) so that fault i hits a
 * request with probability exactly `shares[i]`: its rate is its share divided by the
 * probability that no earlier fault fired.
 */
export function sequentialRates(shares: readonly number[]): number[] {
  let untouched = 1;
  return shares.map((share) => {
    const rate = untouched > 0 ? Math.min(1, share / untouched) : 0;
    untouched -= share;
    return rate;
  });
}

/** The planned faults, in the order they must be added to the emulator. */
export function faultPlan(options: FaultPlanOptions): PlannedFault[] {
  if (!(options.rate >= 0 && options.rate < 1)) throw new RangeError(`fault rate must be in [0, 1), got ${options.rate}`);
  if (options.rate === 0) return [];
  const plan: PlannedFault[] = [];
  for (const action of LIVE_CALLBACK_ACTIONS) {
    const entries: Array<{ kind: FaultKind; variant: string; spec: KindSpec; share: number }> = [];
    if (action === "CreateLiveCallbackTemplate") {
      const extra = variants("after-commit", options.delayMs);
      const rate = Math.min(options.ambiguousCreateRate ?? options.rate, 0.5);
      for (const v of extra) entries.push({ kind: "after-commit", ...v, share: rate / extra.length });
    }
    const remaining = entries.reduce((left, e) => left - e.share, 1);
    for (const kind of FAULT_KINDS) {
      const list = variants(kind, options.delayMs);
      // The per-action rate P applies to what the extra faults left untouched.
      for (const v of list) entries.push({ kind, ...v, share: (remaining * options.rate) / FAULT_KINDS.length / list.length });
    }
    const rates = sequentialRates(entries.map((e) => e.share));
    entries.forEach((e, i) => {
      plan.push({ kind: e.kind, variant: e.variant, action, spec: { ...e.spec, action, rate: rates[i]! } as FaultSpec });
    });
  }
  return plan;
}
