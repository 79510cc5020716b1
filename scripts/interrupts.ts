/**
 * `npm run interrupts`: interrupted deployments under the real Pulumi CLI
 * (docs/RELIABILITY.md, "Interrupted deployments").
 *
 * ```
 * npm run interrupts -- [--seed N] [--runs K] [--templates T] [--bindings B]
 *                       [--signal int|kill|both] [--op up|destroy|repoint|all]
 *                       [--api-latency-ms MS] [--recovery documented|rerun] [--point K+MS|start+MS] [--keep]
 * ```
 *
 * Each run stops a `pulumi up` (from an empty stack), a re-point or a `pulumi destroy` at a
 * random point, with SIGINT to the CLI or SIGKILL to its whole process group, recovers as
 * the documentation says (`--recovery rerun`: as a user who ignores the pending-operations
 * warning), and checks that the cloud equals the program and the stack the cloud. One line
 * per run; the LAST line is one JSON object with the counts. Exit 0 when no run found a
 * violation and every recovery finished, 1 otherwise, 2 for a bad command line or no CLI.
 * Defaults: 12 runs, 10 templates, 100 bindings, both signals, all operations, 100 ms of
 * API latency, a random seed (printed), a random point per run (`--point 1+500`: every run
 * 500 ms after its first resource step began; `--point start+2000`: 2 s after the start).
 */
import { randomInt } from "node:crypto";
import { findPulumiCli } from "../cli-driver/pulumi-cli";
import { INTERRUPTED_OPS, type InterruptedOp } from "../soak/interrupts/stack-plans";
import { SIGNALS, type InterruptPoint, type InterruptSignal } from "../soak/interrupts/interrupted-command";
import { RECOVERY_MODES, type RecoveryMode } from "../soak/interrupts/recovery-walk";
import { runInterrupts, type InterruptOptions } from "../soak/interrupts/run-interrupts";

const USAGE =
  "usage: npm run interrupts -- [--seed N] [--runs K] [--templates T] [--bindings B] [--signal int|kill|both] " +
  "[--op up|destroy|repoint|all] [--api-latency-ms MS] [--recovery documented|rerun] [--point K+MS|start+MS] [--keep]";

class UsageError extends Error {}

function integer(flag: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs an integer ≥ ${min}, got "${text ?? ""}"`);
  return n;
}

function parseArgs(argv: readonly string[]): InterruptOptions {
  let seed = randomInt(0, 2 ** 31);
  let runs = 12;
  let templates = 10;
  let bindings = 100;
  let signals: readonly InterruptSignal[] = SIGNALS;
  let ops: readonly InterruptedOp[] = INTERRUPTED_OPS;
  let apiLatencyMs = 100;
  let recovery: RecoveryMode = "documented";
  let keep = false;
  let point: InterruptPoint | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i];
    if (flag === "--seed") seed = integer(flag, value(), 0);
    else if (flag === "--runs") runs = integer(flag, value(), 1);
    else if (flag === "--templates") templates = integer(flag, value(), 3);
    else if (flag === "--bindings") bindings = integer(flag, value(), 1);
    else if (flag === "--api-latency-ms") apiLatencyMs = integer(flag, value(), 0);
    else if (flag === "--keep") keep = true;
    else if (flag === "--point") {
      const match = /^(start|\d+)\+(\d+)$/.exec(value() ?? "");
      if (!match || match[1] === "0") throw new UsageError("--point takes K+MS (K ≥ 1: after the K-th resource step began) or start+MS");
      point = match[1] === "start" ? { after: "start", delayMs: Number(match[2]) } : { after: "step", step: Number(match[1]), delayMs: Number(match[2]) };
    }
    else if (flag === "--signal") {
      const v = value();
      if (v === "both") signals = SIGNALS;
      else if (SIGNALS.includes(v as InterruptSignal)) signals = [v as InterruptSignal];
      else throw new UsageError(`--signal takes int, kill or both, got "${v ?? ""}"`);
    } else if (flag === "--op") {
      const v = value();
      if (v === "all") ops = INTERRUPTED_OPS;
      else if (INTERRUPTED_OPS.includes(v as InterruptedOp)) ops = [v as InterruptedOp];
      else throw new UsageError(`--op takes up, destroy, repoint or all, got "${v ?? ""}"`);
    } else if (flag === "--recovery") {
      const v = value();
      if (!RECOVERY_MODES.includes(v as RecoveryMode)) throw new UsageError(`--recovery takes ${RECOVERY_MODES.join(" or ")}, got "${v ?? ""}"`);
      recovery = v as RecoveryMode;
    } else throw new UsageError(`unknown option ${flag}`);
  }
  return { seed, runs, templates, bindings, signals, ops, apiLatencyMs, recovery, keep, point };
}

/** Runs the interrupts; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let options: InterruptOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const cli = findPulumiCli();
  if (!cli.available) {
    process.stderr.write(`interrupts: the real Pulumi CLI is not available: ${cli.reason}. Run \`npm run cli:install\`.\n`);
    return 2;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(
    `interrupts: seed ${options.seed}, ${options.runs} runs, ${options.templates} templates and ${options.bindings} bindings, ` +
      `signals ${options.signals.join("+")}, operations ${options.ops.join("+")}, API latency ${options.apiLatencyMs} ms, ` +
      `recovery ${options.recovery}, pulumi ${cli.version}`,
  );
  const { runs, result } = await runInterrupts({ ...options, log: print });
  const failed = runs.filter((r) => r.failure).length;
  print(
    `${result.interrupts_tried} interrupts tried (${result.interrupted} while the command ran): ` +
      `${Object.entries(result.by_signal_op).map(([k, n]) => `${n} ${k}`).join(", ")}; ` +
      `recoveries ${Object.entries(result.recoveries).map(([k, n]) => `${n} ${k}`).join(", ")}; ` +
      `${result.violations} violations; ${failed} recoveries failed`,
  );
  print(JSON.stringify(result));
  return result.violations === 0 && failed === 0 ? 0 : 1;
}
