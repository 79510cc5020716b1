/**
 * The faults a soak injects: for every action, a rate P spread evenly over the kinds of
 * the mix (by default {@link DEFAULT_FAULT_KINDS}: throttling, InternalError, HTTP 5xx,
 * connection reset, timeout, failure after the change was applied, and the hostile
 * answers of the emulator), plus extra after-commit faults on CreateLiveCallbackTemplate
 * so that ambiguous creates happen often enough to matter.
 *
 * One fault spec per (action, variant), so `faults.list()` tells injections apart by
 * action and by before/after commit (the emulator's `injected()` labels cannot).
 */
import { HOSTILE_FAULT_KINDS, type FaultSpec } from "../emulator";
import { LIVE_CALLBACK_ACTIONS, type LiveCallbackAction } from "../provider/client";

/** Refusals, 5xx, resets, timeouts and answers lost after the commit. */
export const CLASSIC_FAULT_KINDS = ["throttle", "internal-error", "http-5xx", "reset", "timeout", "after-commit"] as const;
/**
 * A hostile or broken service: the emulator's fault kinds of the same names
 * (emulator/README.md, "Hostile answers"; the list is the emulator's), each before and after the commit.
 */
export { HOSTILE_FAULT_KINDS };
/** Every kind a soak can inject and report. */
export const FAULT_KINDS = [...CLASSIC_FAULT_KINDS, ...HOSTILE_FAULT_KINDS] as const;
/** One of {@link FAULT_KINDS}. */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * The kinds a soak injects unless told otherwise: all but `wrong-request-id`. An earlier
 * answer sent again is caught only when this provider process read it itself (its
 * RequestId is one the client has seen); the first requests of each step's new process
 * can be answered with what the previous step's process was told, and a stale
 * `{"RequestId"}` passes for the success of any write. No client can tell that apart
 * (Tencent's RequestIds are its own, the request carries none), so that kind is for
 * soaks that look for exactly this (`kinds` with it), not for the default.
 */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = FAULT_KINDS.filter((kind) => kind !== "wrong-request-id");

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
  /** The kinds the rate is spread over. Default {@link DEFAULT_FAULT_KINDS}. */
  readonly kinds?: readonly FaultKind[];
  /**
   * Pause between two body bytes of a `slowloris` fault, ms. Default 250: below any
   * client body timeout, so only the whole-request deadline ends it.
   */
  readonly trickleMs?: number;
}

/** A fault spec without its action and rate (distributed over the union's members). */
type KindSpec = FaultSpec extends infer F ? (F extends unknown ? Omit<F, "action" | "rate"> : never) : never;

/** Variants of one kind: each entry is a spec without its action and rate. */
function variants(kind: FaultKind, delayMs: number, trickleMs: number): Array<{ variant: string; spec: KindSpec }> {
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
    case "html":
      return [
        { variant: "html:502", spec: { kind: "html", status: 502 } },
        { variant: "html:502:after-commit", spec: { kind: "html", status: 502, afterCommit: true } },
        { variant: "html:200:after-commit", spec: { kind: "html", status: 200, afterCommit: true } },
      ];
    case "truncated":
      return [
        { variant: "truncated", spec: { kind: "truncated", contentLength: "honest" } },
        { variant: "truncated:after-commit", spec: { kind: "truncated", contentLength: "honest", afterCommit: true } },
        { variant: "truncated:lying:after-commit", spec: { kind: "truncated", contentLength: "lying", afterCommit: true } },
      ];
    case "slowloris":
      return [
        { variant: kind, spec: { kind, ms: trickleMs } },
        { variant: `${kind}:after-commit`, spec: { kind, ms: trickleMs, afterCommit: true } },
      ];
    case "non-json":
    case "huge":
    case "wrong-request-id":
    case "unknown-fields":
    case "missing-fields":
      return [
        { variant: kind, spec: { kind } },
        { variant: `${kind}:after-commit`, spec: { kind, afterCommit: true } },
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
  const kinds = options.kinds ?? DEFAULT_FAULT_KINDS;
  if (kinds.length === 0) throw new RangeError("a fault plan needs at least one kind");
  const trickleMs = options.trickleMs ?? 250;
  const plan: PlannedFault[] = [];
  for (const action of LIVE_CALLBACK_ACTIONS) {
    const entries: Array<{ kind: FaultKind; variant: string; spec: KindSpec; share: number }> = [];
    if (action === "CreateLiveCallbackTemplate") {
      const extra = variants("after-commit", options.delayMs, trickleMs);
      const rate = Math.min(options.ambiguousCreateRate ?? options.rate, 0.5);
      for (const v of extra) entries.push({ kind: "after-commit", ...v, share: rate / extra.length });
    }
    const remaining = entries.reduce((left, e) => left - e.share, 1);
    for (const kind of kinds) {
      const list = variants(kind, options.delayMs, trickleMs);
      // The per-action rate P applies to what the extra faults left untouched.
      for (const v of list) entries.push({ kind, ...v, share: (remaining * options.rate) / kinds.length / list.length });
    }
    const rates = sequentialRates(entries.map((e) => e.share));
    entries.forEach((e, i) => {
      plan.push({ kind: e.kind, variant: e.variant, action, spec: { ...e.spec, action, rate: rates[i]! } as FaultSpec });
    });
  }
  return plan;
}
