/**
 * The soak on the engine harness (`harness/`): each command a fresh harness process
 * with the real dynamic-provider process over gRPC; the checkpoint is the harness's file,
 * read back with its secrets decrypted into secret markers.
 */
import { existsSync, readFileSync } from "node:fs";
import { CALLBACKS_PROGRAM } from "../harness/stack-fixture";
import { readCheckpoint, runPulumi, type Checkpoint } from "../harness";
import type { EngineAttempt, EngineCommand, SoakEngine } from "./soak-engine";

/** A soak engine keeping the stack's checkpoint in `stateFile`. */
export function harnessEngine(stateFile: string): SoakEngine {
  return {
    kind: "harness",
    version: "harness",
    async run(command: EngineCommand, label: string): Promise<EngineAttempt> {
      const run = await runPulumi(command.command, {
        programDir: CALLBACKS_PROGRAM,
        stateFile,
        config: { spec: command.spec },
        secretConfig: command.secretConfig,
        env: command.env,
      });
      const steps: Record<string, number> = {};
      for (const step of run.result.steps) steps[step.op] = (steps[step.op] ?? 0) + 1;
      const ok = run.code === 0;
      let checkpoint: Checkpoint | Error | undefined;
      try {
        checkpoint = readCheckpoint(stateFile);
      } catch (error) {
        checkpoint = error instanceof Error ? error : new Error(String(error));
      }
      return {
        ok,
        ...(ok ? {} : { failure: run.result.errors[0]?.message ?? `exit code ${run.code}` }),
        steps,
        transcript: `${run.stdout}\n--- stderr ---\n${run.stderr}`,
        texts: [
          { where: `${label} stdout`, text: run.stdout },
          { where: `${label} stderr`, text: run.stderr },
          ...(existsSync(stateFile) ? [{ where: `checkpoint file after ${label}`, text: readFileSync(stateFile, "utf8") }] : []),
        ],
        checkpoint,
      };
    },
  };
}
