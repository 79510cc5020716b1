/**
 * The programs the interrupt runs deploy (as `spec` values of the `callbacks` program),
 * and which operation takes the stack from which to which.
 *
 * - `up`: from an empty stack to the first program (the soak's: T templates of mixed
 *   fields and callback keys, B bindings spread over them).
 * - `repoint`: between the first program and its re-pointed twin. The twin adds template
 *   `t<T>`, moves every binding of `t0` onto it and removes `t0` (so the engine re-points
 *   before it deletes, and the delete guard meets any rule left behind), and moves every
 *   fourth other binding to the next template. Going back re-creates `t0`.
 * - `destroy`: from either program to an empty stack.
 */
import type { StackSpec } from "../../harness/stack-fixture";
import { initialSpec, type SoakSize } from "../stack-plan";

/** The operations interrupted. */
/** In the order runs chain them: each leaves the stack where the next one starts. */
export const INTERRUPTED_OPS = ["up", "repoint", "destroy"] as const;
export type InterruptedOp = (typeof INTERRUPTED_OPS)[number];

/** Where the stack is between runs. */
export type StackPhase = "empty" | "first" | "repointed";

/** The first program. */
export function firstProgram(size: SoakSize): StackSpec {
  return initialSpec(size);
}

/** The first program with its bindings re-pointed (see the module comment). */
export function repointedProgram(size: SoakSize): StackSpec {
  const first = initialSpec(size);
  const templates = { ...first.templates! };
  const moved = `t${size.templates}`;
  templates[moved] = { ...templates.t0!, templateName: `soak_t${size.templates}` };
  delete templates.t0;
  const bindings = { ...first.bindings! };
  for (const [name, binding] of Object.entries(bindings)) {
    const j = Number(name.slice(1));
    if (binding.template === "t0") bindings[name] = { ...binding, template: moved };
    else if (j % 4 === 1 && size.templates > 2) {
      const next = (Number(binding.template!.slice(1)) % (size.templates - 1)) + 1;
      bindings[name] = { ...binding, template: `t${next}` };
    }
  }
  return { templates, bindings };
}

/** The program a phase stands for. */
export function programOf(phase: StackPhase, size: SoakSize): StackSpec {
  return phase === "empty" ? {} : phase === "first" ? firstProgram(size) : repointedProgram(size);
}

/** What an operation needs before it, the command it runs, and where it leaves the stack. */
export interface OpPlan {
  /** Phases the operation can start from. */
  readonly from: readonly StackPhase[];
  readonly command: "up" | "destroy";
  /** Where the stack ends when started from `phase`. */
  to(phase: StackPhase): StackPhase;
}

export const OP_PLANS: Readonly<Record<InterruptedOp, OpPlan>> = {
  up: { from: ["empty"], command: "up", to: () => "first" },
  repoint: { from: ["first", "repointed"], command: "up", to: (phase) => (phase === "first" ? "repointed" : "first") },
  destroy: { from: ["first", "repointed"], command: "destroy", to: () => "empty" },
};

/** Resource steps (creates, updates, deletes) an operation makes from `from` to `to`: the range of the random point. */
export function changedResources(from: StackSpec, to: StackSpec): number {
  let changed = 0;
  const keys = <T extends object>(a?: T, b?: T) => new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const name of keys(from.templates, to.templates)) {
    if (JSON.stringify(from.templates?.[name]) !== JSON.stringify(to.templates?.[name])) changed++;
  }
  for (const name of keys(from.bindings, to.bindings)) {
    if (JSON.stringify(from.bindings?.[name]) !== JSON.stringify(to.bindings?.[name])) changed++;
  }
  return changed;
}
