/**
 * One `pulumi up`/`destroy` of the real CLI, stopped at a chosen point the way a user or
 * a machine stops it:
 *
 * - `int`: SIGINT to the CLI alone, what ^C in a terminal sends. The CLI prints
 *   "^C received; cancelling. If you would like to terminate immediately, press ^C
 *   again." and lets the running steps finish.
 * - `kill`: SIGKILL to the CLI's whole process group (CLI, language host and program,
 *   dynamic-provider process): a crashed machine, an OOM kill, a CI job cancelled hard.
 *   The CLI is spawned detached, so it leads a group of its own that holds nothing else.
 *
 * The point is either the k-th resource step that began (`resourcePreEvent` with an op
 * that changes something, read from `--json`) plus a delay, or a delay after the start.
 */
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import type { CliStack } from "../../cli-driver/pulumi-cli";

/** The two ways of stopping a command. */
export const SIGNALS = ["int", "kill"] as const;
export type InterruptSignal = (typeof SIGNALS)[number];

/** Where to stop it. */
export type InterruptPoint =
  | { readonly after: "step"; readonly step: number; readonly delayMs: number }
  | { readonly after: "start"; readonly delayMs: number };

/** How it went. */
export interface InterruptedRun {
  /** The command line, as typed. */
  readonly commandLine: string;
  /** Exit code, or null when a signal ended the CLI. */
  readonly code: number | null;
  readonly exitSignal: NodeJS.Signals | null;
  /** False when the command ended before the point was reached (nothing was interrupted). */
  readonly signalled: boolean;
  /** Changing resource steps that had begun when the signal was sent (all of them when none was). */
  readonly stepsBegunAtSignal: number;
  readonly stepsBegun: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

/** How long a command may run before the run gives up on it and kills its group. */
const GIVE_UP_MS = 300_000;

const CHANGING_OPS = new Set(["create", "update", "delete", "replace", "create-replacement", "delete-replaced"]);

/** Runs `pulumi <command> --json` on `stack` and stops it at `point` with `signal`. */
export async function runInterrupted(stack: CliStack, command: "up" | "destroy", signal: InterruptSignal, point: InterruptPoint): Promise<InterruptedRun> {
  const args = [command, "--yes", "--skip-preview", "--non-interactive", "--json", "--stack", stack.name, "--color", "never"];
  const started = performance.now();
  const child = spawn(stack.backend.cli.pulumi, args, {
    cwd: stack.projectDir,
    env: stack.backend.environment(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let pendingLine = "";
  let stepsBegun = 0;
  let signalled = false;
  let stepsBegunAtSignal = 0;
  let reached: () => void = () => {};
  const pointReached = new Promise<void>((resolve) => (reached = resolve));
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = chunk.toString("utf8");
    stdout += text;
    const lines = (pendingLine + text).split("\n");
    pendingLine = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.includes("resourcePreEvent")) continue;
      try {
        const metadata = (JSON.parse(line) as { resourcePreEvent?: { metadata?: { op?: string; type?: string } } }).resourcePreEvent?.metadata;
        if (metadata && CHANGING_OPS.has(metadata.op ?? "") && /tencent-css:(CallbackTemplate|DomainBinding)$/.test(metadata.type ?? "")) {
          stepsBegun++;
          if (point.after === "step" && stepsBegun === point.step) reached();
        }
      } catch {
        // Not an event line.
      }
    }
  });
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<{ code: number | null; exitSignal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, exitSignal) => resolve({ code, exitSignal }));
  });
  if (point.after === "start") reached();
  const raced = await Promise.race([pointReached.then(() => "point" as const), exited.then(() => "exited" as const)]);
  if (raced === "point") {
    await sleep(point.delayMs);
    if (child.exitCode === null && child.signalCode === null) {
      signalled = true;
      stepsBegunAtSignal = stepsBegun;
      if (signal === "int") child.kill("SIGINT");
      else process.kill(-child.pid!, "SIGKILL");
    }
  }
  // A guard against a run that hangs, not a timing figure: ^C lets running steps finish, which takes seconds.
  const guard = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  }, GIVE_UP_MS);
  const { code, exitSignal } = await exited;
  clearTimeout(guard);
  return {
    commandLine: `pulumi ${args.join(" ")}`,
    code,
    exitSignal,
    signalled,
    stepsBegunAtSignal: signalled ? stepsBegunAtSignal : stepsBegun,
    stepsBegun,
    stdout,
    stderr,
    durationMs: Math.round(performance.now() - started),
  };
}
