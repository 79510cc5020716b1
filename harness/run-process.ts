/**
 * Runs a command to its end and collects what it printed: the one way the harness, the
 * scripts and the tests start a process whose output they read when it exits.
 */
import { spawn, type SpawnOptions } from "node:child_process";

/** How a process ended and what it printed. */
export interface ProcessResult {
  /** Exit code; -1 when a signal ended it. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Spawns `command` with stdin closed and both outputs piped, and resolves when it has
 * exited and its outputs are closed. Rejects only when it cannot be started.
 */
export function runProcess(command: string, args: readonly string[], options: Omit<SpawnOptions, "stdio"> = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
