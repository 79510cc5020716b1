/**
 * The engine seam of the fault soak: what the soak needs from whatever runs `pulumi up`,
 * `refresh` and `destroy`. The steps, the faults, the reruns and the invariants are the
 * soak's own (run-soak.ts); an engine only runs one command on the soak's stack and says
 * what came of it: did it succeed, what it showed the user, what it printed and stored,
 * and the stack's state afterwards.
 *
 * Two engines: the engine harness (harness-engine.ts, fast) and the real `pulumi` CLI
 * (cli-engine.ts, what users run: a checkpoint saved after every step, at most
 * `--parallel` steps at once, stop at the first failure).
 */
import type { Checkpoint, Command } from "../harness";

/** Which engine a soak runs on (`--engine`). */
export type EngineKind = "harness" | "cli";

/** One command for the engine to run. */
export interface EngineCommand {
  readonly command: Command;
  /** The `callbacks` program's `spec` config value (JSON). */
  readonly spec: string;
  /** Secret stack config (the callback key). */
  readonly secretConfig: Readonly<Record<string, string>>;
  /**
   * The environment of the command and so of its dynamic-provider process: the emulator's
   * endpoint and credentials, the client's knobs, the stats file of this attempt.
   */
  readonly env: Readonly<Record<string, string>>;
}

/** What one command did, as the soak reads it. */
export interface EngineAttempt {
  /** The engine reported success (exit code 0): no rerun needed. */
  readonly ok: boolean;
  /** The first error shown to the user when it failed. */
  readonly failure?: string;
  /** Resource steps of the command, by op (`create`, `same`, …), failed ones left out. */
  readonly steps: Record<string, number>;
  /** Everything the command printed, for the soak's log files. */
  readonly transcript: string;
  /**
   * Raw text that must hold no secret: what the command printed and every state file it
   * wrote, each named by where it was found.
   */
  readonly texts: ReadonlyArray<{ readonly where: string; readonly text: string }>;
  /**
   * The stack's state after the command, secrets as secret markers holding their plain
   * values (so the checks can see both that a value is a secret and what it is), or the
   * error reading it threw; `undefined` before the first checkpoint.
   */
  readonly checkpoint: Checkpoint | Error | undefined;
  /** Operations the engine left pending in the state (`urn` and kind), if it keeps such a list. */
  readonly pendingOperations?: readonly string[];
}

/** Runs commands on one stack of the `callbacks` program. */
export interface SoakEngine {
  /** `harness`, or `cli` … */
  readonly kind: EngineKind;
  /** What ran, for the report: `harness`, or the CLI's version (`v3.274.1`). */
  readonly version: string;
  run(command: EngineCommand, label: string): Promise<EngineAttempt>;
}
