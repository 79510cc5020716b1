/**
 * The harness for tests: runs a Pulumi program through the harness CLI in its own
 * process (as the real language host would), so no test transform ever touches the
 * program, the SDK or the provider.
 *
 * @example
 * ```ts
 * const run = await runPulumi("up", { programDir, stateFile, config: { spec: JSON.stringify(spec) }, env });
 * expect(run.result.steps.map((s) => s.op)).toEqual(["create"]);
 * ```
 */
import { join } from "node:path";
import { loadCheckpoint, type Checkpoint } from "./checkpoint";
import type { Command } from "./engine-context";
import type { HarnessResult } from "./report";
import { runProcess } from "./run-process";

export type { Checkpoint, ResourceState } from "./checkpoint";
export { DEFAULT_PASSPHRASE } from "./checkpoint";
export type { Command, StepError, StepOp, StepRecord } from "./engine-context";
export { ENGINE_BANNER, type HarnessResult, type HarnessStats } from "./report";
export { runProcess, type ProcessResult } from "./run-process";

/** Options of {@link runPulumi}. */
export interface RunPulumiOptions {
  /** The Pulumi project directory (holds Pulumi.yaml). */
  readonly programDir: string;
  /** The checkpoint file; created by the first `up`. */
  readonly stateFile: string;
  /** Stack name. Default `dev`. */
  readonly stack?: string;
  /** Plain config; keys without a namespace get the project's. */
  readonly config?: Readonly<Record<string, string>>;
  /** Secret config; keys without a namespace get the project's. */
  readonly secretConfig?: Readonly<Record<string, string>>;
  /** Other stacks' checkpoints for StackReference, by fully qualified stack name. */
  readonly stackRefs?: Readonly<Record<string, string>>;
  /** Added to this process's environment for the harness (and so for the provider). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `--parallel`: most Create/Update/Delete/Read steps at once. Default as the CLI's, 4 × CPUs. */
  readonly parallel?: number;
}

/** What one command printed and returned. */
export interface RunPulumiResult {
  /** Exit code: 0 success, 1 failed step or program, 2 usage error. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The parsed JSON result line (the last stdout line). */
  readonly result: HarnessResult;
}

/** Path of the CLI entry point. */
export const HARNESS_CLI = join(__dirname, "cli.js");

/** Runs `preview`, `up`, `refresh` or `destroy` on a program and a checkpoint file. */
export async function runPulumi(command: Command, options: RunPulumiOptions): Promise<RunPulumiResult> {
  const args = [HARNESS_CLI, command, "--program", options.programDir, "--state", options.stateFile, "--json"];
  if (options.stack) args.push("--stack", options.stack);
  for (const [key, value] of Object.entries(options.config ?? {})) args.push("--config", `${key}=${value}`);
  for (const [key, value] of Object.entries(options.secretConfig ?? {})) args.push("--secret-config", `${key}=${value}`);
  for (const [name, file] of Object.entries(options.stackRefs ?? {})) args.push("--stack-ref", `${name}=${file}`);
  if (options.parallel !== undefined) args.push("--parallel", String(options.parallel));
  const { code, stdout, stderr } = await runProcess(process.execPath, args, {
    cwd: options.programDir,
    env: { ...process.env, ...options.env },
  });
  const last = stdout.trimEnd().split("\n").pop() ?? "";
  let result: HarnessResult;
  try {
    result = JSON.parse(last) as HarnessResult;
  } catch {
    throw new Error(`harness ${command} exited ${code} without a JSON result.\nstdout:\n${stdout}\nstderr:\n${stderr}`);
  }
  return { code, stdout, stderr, result };
}

/** Reads a checkpoint written by the harness, secrets decrypted (as secret markers). */
export function readCheckpoint(file: string, env: NodeJS.ProcessEnv = process.env): Checkpoint | undefined {
  return loadCheckpoint(file, env);
}
