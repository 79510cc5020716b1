/**
 * How much the engine does at once. Its step generator handles one registration at a
 * time, so Check and Diff are never called concurrently; its step executor runs at most
 * `--parallel` steps (Create, Update, Delete, Read) at once, by default four per CPU
 * (`PULUMI_PARALLEL` overrides the default; pkg/cmd/pulumi/operations/up.go, step_executor.go).
 */
import { availableParallelism } from "node:os";

/** The CLI's default `--parallel`: `PULUMI_PARALLEL`, else 4 × the CPUs Go would use. */
export function defaultParallel(env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.PULUMI_PARALLEL);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : 4 * availableParallelism();
}

/** At most `limit` pieces of work at once, started in the order they asked. */
export class Slots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly limit: number) {}

  /** Runs `work` once a slot is free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
