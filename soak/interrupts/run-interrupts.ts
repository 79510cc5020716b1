/**
 * The interrupt runs: a stack of the `callbacks` program, driven by the real `pulumi` CLI
 * against an emulator started here, is interrupted at random points of a large `up`, a
 * `destroy` and a re-point (SIGINT to the CLI, or SIGKILL to its whole process group),
 * recovered as docs/RELIABILITY.md tells users to, and checked: the cloud equals the
 * program and the stack equals the cloud (cloud-check.ts).
 *
 * Each write action of the emulator answers after a delay once it is applied (default
 * 100 ms): the real API takes that long, and a kill inside that window is what leaves an
 * object the stack never heard of. Runs follow one another on one stack: each starts
 * where the last recovery left it (operations that need another starting point get an
 * uninterrupted command first, counted as setup).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "../../emulator";
import { mulberry32 } from "../../emulator/faults/prng";
import { LIVE_CALLBACK_ACTIONS } from "../../live-api/actions";
import { CALLBACKS_PROGRAM } from "../../harness/stack-fixture";
import { providerEnvFor } from "../../harness/provider-env";
import { CliBackend, findPulumiCli, repositoryModules, type CliStack } from "../../cli-driver/pulumi-cli";
import { faultedRequestsAnswered } from "../emulator-settled";
import type { SoakSize } from "../stack-plan";
import { checkRecovered, type RevealedDeployment } from "./cloud-check";
import { runInterrupted, type InterruptPoint, type InterruptSignal } from "./interrupted-command";
import { UserTerminal, recover, type RecoveryMode } from "./recovery-walk";
import { OP_PLANS, changedResources, programOf, type InterruptedOp, type StackPhase } from "./stack-plans";

/** Knobs of the interrupt runs. */
export interface InterruptOptions extends SoakSize {
  readonly seed: number;
  readonly runs: number;
  readonly signals: readonly InterruptSignal[];
  readonly ops: readonly InterruptedOp[];
  /** How long each write action waits, after it is applied, before it answers (ms). */
  readonly apiLatencyMs: number;
  readonly recovery: RecoveryMode;
  /** One point for every run instead of random ones (to reproduce a case). */
  readonly point?: InterruptPoint;
  /**
   * Keep the scratch directory and print where it is: the backend, and per run the
   * interrupted command's output (`interrupted-N.out`), the export and repaired export
   * (`state-N.json`, `repaired-N.json`) and what `recover` printed (`recover-N.txt`).
   */
  readonly keep?: boolean;
  readonly log?: (line: string) => void;
}

/** What one run did. */
export interface RunRecord {
  readonly run: number;
  readonly op: InterruptedOp;
  readonly signal: InterruptSignal;
  readonly point: InterruptPoint;
  /** False when the command finished before the point: nothing was interrupted. */
  readonly interrupted: boolean;
  readonly exit: string;
  /** Pending operations the interrupt left in the stack, by type. */
  readonly pendingLeft: Readonly<Record<string, number>>;
  readonly recovery: "rerun" | "recover";
  readonly verdicts: Readonly<Record<string, number>>;
  readonly unlocks: number;
  /** Empty attribute files of the file backend deleted (file-backend.ts). */
  readonly emptyAttrsRemoved: number;
  /** Commands after the first look at the stack (`pulumi stack export`), `pulumi cancel` included. */
  readonly recoveryCommands: number;
  readonly failure?: string;
  readonly violations: readonly string[];
  readonly durationMs: number;
}

/** The counts the last JSON line carries. */
export interface InterruptResult {
  readonly engine: "cli";
  readonly cli_version: string;
  readonly seed: number;
  readonly templates: number;
  readonly bindings: number;
  readonly api_latency_ms: number;
  readonly recovery_mode: RecoveryMode;
  readonly interrupts_tried: number;
  /** Signals sent while the command ran (the rest found it finished). */
  readonly interrupted: number;
  /**
   * Of those, commands that still ended with exit 0. A `pulumi destroy` stopped by ^C does:
   * it deletes only what had begun, then says "The resources in the stack have been
   * deleted" (its rerun deletes the rest).
   */
  readonly exit_0_after_signal: number;
  readonly by_signal: Record<string, number>;
  readonly by_op: Record<string, number>;
  readonly by_signal_op: Record<string, number>;
  readonly pending_left: Record<string, number>;
  readonly recoveries: Record<string, number>;
  readonly recover_verdicts: Record<string, number>;
  readonly unlocks: number;
  readonly empty_attrs_removed: number;
  readonly setup_commands: number;
  readonly recovery_failures: number;
  readonly violations: number;
  readonly violations_by_check: Record<string, number>;
  readonly wall_s: number;
}

const WRITE_ACTIONS = LIVE_CALLBACK_ACTIONS.filter((a) => !a.startsWith("Describe"));
const add = (counts: Record<string, number>, key: string, n = 1) => (counts[key] = (counts[key] ?? 0) + n);

/** A callback key for the stack's secret config: letters and digits, as the API allows. */
function callbackKeyFrom(random: () => number): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  return Array.from({ length: 24 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
}

/** The point of run `run`: mostly the k-th changing step plus up to 300 ms, one run in eight a delay after the start. */
function pointFor(random: () => number, steps: number): InterruptPoint {
  if (random() < 0.125 || steps === 0) return { after: "start", delayMs: Math.floor(random() * 5000) };
  return { after: "step", step: 1 + Math.floor(random() * steps), delayMs: Math.floor(random() * 300) };
}

function describePoint(point: InterruptPoint): string {
  return point.after === "start" ? `${point.delayMs} ms after the start` : `step ${point.step} + ${point.delayMs} ms`;
}

/** Runs the interrupts; resolves with every run and the totals. */
export async function runInterrupts(options: InterruptOptions): Promise<{ runs: RunRecord[]; result: InterruptResult }> {
  const log = options.log ?? (() => {});
  const cli = findPulumiCli();
  if (!cli.available) throw new Error(`the real Pulumi CLI is not available: ${cli.reason}`);
  const random = mulberry32(options.seed);
  const started = performance.now();
  const emulator = await startEmulator({ host: "127.0.0.1", seed: options.seed, maxTemplates: 50 });
  if (options.apiLatencyMs > 0) for (const action of WRITE_ACTIONS) emulator.faults.add(`${action}=delay:${options.apiLatencyMs},after-commit`);
  const dir = mkdtempSync(join(tmpdir(), "tencent-css-interrupts-"));
  const callbackKey = callbackKeyFrom(random);
  const secrets = { SecretId: emulator.credentials.secretId, SecretKey: emulator.credentials.secretKey };
  const runs: RunRecord[] = [];
  let setupCommands = 0;
  try {
    const backend = CliBackend.create(cli, { env: providerEnvFor(emulator), dir });
    const stack = await backend.stack(CALLBACKS_PROGRAM, repositoryModules(dir), "interrupts");
    await stack.setConfig({}, { callbackKey });
    const setSpec = (phase: StackPhase) => stack.setConfig({ spec: JSON.stringify(programOf(phase, options)) });
    const checkpointFile = join(dir, "backend", ".pulumi", "stacks", "callbacks", "interrupts.json");
    let phase: StackPhase = "empty";

    for (let run = 1; run <= options.runs; run++) {
      const runStarted = performance.now();
      // Operations chain (up, repoint, destroy, up, …) and signals alternate, so every pair
      // of signal and operation comes once in each six runs; with all three operations no
      // setup command is needed.
      const op = options.ops[(run - 1) % options.ops.length]!;
      const signal = options.signals[(run - 1) % options.signals.length]!;
      const plan = OP_PLANS[op];
      if (!plan.from.includes(phase)) {
        // Bring the stack where the operation starts, without interrupting.
        const needed = plan.from[0]!;
        if (needed === "empty") await stack.mustRun(["destroy", "--yes", "--skip-preview"]);
        else {
          await setSpec(needed);
          await stack.mustRun(["up", "--yes", "--skip-preview"]);
        }
        setupCommands++;
        phase = needed;
      }
      const target = plan.to(phase);
      await setSpec(target === "empty" ? phase : target);
      const randomPoint = pointFor(random, changedResources(programOf(phase, options), programOf(target, options)));
      const point = options.point ?? randomPoint;
      const interrupted = await runInterrupted(stack, plan.command, signal, point);
      writeFileSync(join(dir, `interrupted-${run}.out`), `${interrupted.commandLine}\n${interrupted.stdout}\n${interrupted.stderr}`);
      await faultedRequestsAnswered(emulator);
      // What the interrupt left, read as a user reads it (export prints pending_operations; it takes no lock).
      const terminal = new UserTerminal(stack);
      const afterInterrupt = await terminal.pulumi(["stack", "export"]);
      if (afterInterrupt.code !== 0) throw new Error(`run ${run}: pulumi stack export failed after the interrupt:\n${afterInterrupt.stderr}`);
      const pendingLeft: Record<string, number> = {};
      const pendingOps = (JSON.parse(afterInterrupt.stdout) as { deployment: { pending_operations?: Array<{ type: string }> } }).deployment.pending_operations ?? [];
      for (const pending of pendingOps) add(pendingLeft, pending.type);
      const outcome = await recover(terminal, plan.command, { mode: options.recovery, pendingLeft: pendingOps.length, workDir: dir, run });
      await faultedRequestsAnswered(emulator);
      const revealed = JSON.parse((await stack.mustRun(["stack", "export", "--show-secrets"])).stdout) as { deployment: RevealedDeployment };
      const texts = [
        { where: "the interrupted command's output", text: interrupted.stdout + interrupted.stderr },
        ...terminal.commands.map((c) => ({ where: `the output of ${c.commandLine}`, text: c.stdout + c.stderr })),
        { where: "pulumi stack export", text: JSON.stringify(await stack.exportState()) },
        { where: "the checkpoint file", text: readFileSync(checkpointFile, "utf8") },
        ...terminal.commands.flatMap((c) => repairedFileOf(c.commandLine)).map((file) => ({ where: file, text: readFileSync(file, "utf8") })),
      ];
      const findings = checkRecovered({ cloud: emulator.state(), deployment: revealed.deployment, desired: programOf(target, options), callbackKey, secrets, texts });
      phase = target;
      const record: RunRecord = {
        run,
        op,
        signal,
        point,
        interrupted: interrupted.signalled,
        exit: interrupted.exitSignal ?? `exit ${interrupted.code}`,
        pendingLeft,
        recovery: outcome.kind,
        verdicts: outcome.verdicts,
        unlocks: terminal.unlocks,
        emptyAttrsRemoved: terminal.emptyAttrsRemoved,
        recoveryCommands: terminal.commands.length - 1,
        failure: outcome.failure,
        violations: findings.map((f) => `${f.check}: ${f.detail}`),
        durationMs: Math.round(performance.now() - runStarted),
      };
      runs.push(record);
      log(runLine(record, options.runs));
      if (outcome.failure) {
        // Leave the next run a stack it can start from: the command again, as a user would.
        const again = await stack.run([plan.command, "--yes", "--skip-preview"]);
        if (again.code !== 0) throw new Error(`run ${run}: the stack did not recover (${outcome.failure}), and ${again.commandLine} failed too:\n${again.stdout.slice(-2000)}\n${again.stderr.slice(-1000)}`);
      }
    }
  } finally {
    await emulator.close();
    if (options.keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
  return { runs, result: totals(runs, options, cli.version, setupCommands, Math.round((performance.now() - started) / 1000)) };
}

/** The repaired export a `recover --write` command line wrote, if it wrote one (only when something is to import or clear). */
function repairedFileOf(commandLine: string): string[] {
  const match = /^pulumi-tencent-css recover .* --write (\S+)/.exec(commandLine);
  return match && existsSync(match[1]!) ? [match[1]!] : [];
}

/** One line per run. */
export function runLine(r: RunRecord, of: number): string {
  const pending = Object.entries(r.pendingLeft).map(([type, n]) => `${n} ${type}`).join(", ") || "none";
  const verdicts = Object.entries(r.verdicts).map(([v, n]) => `${n} ${v}`).join(", ");
  const outcome = r.violations.length ? `${r.violations.length} VIOLATIONS: ${r.violations.slice(0, 5).join("; ")}` : "0 violations";
  return (
    `run ${r.run}/${of}: ${r.signal} ${r.op} at ${describePoint(r.point)}${r.interrupted ? "" : " (it had finished)"}: ${r.exit}; pending left: ${pending}; ` +
    `recovery: ${r.recovery}${verdicts ? ` (${verdicts})` : ""}${r.unlocks ? `, ${r.unlocks} unlock` : ""}` +
    `${r.emptyAttrsRemoved ? `, ${r.emptyAttrsRemoved} empty .attrs removed` : ""}, ${r.recoveryCommands} commands` +
    `${r.failure ? `, FAILED: ${r.failure}` : ""}; ${outcome} (${(r.durationMs / 1000).toFixed(0)} s)`
  );
}

function totals(runs: readonly RunRecord[], options: InterruptOptions, version: string, setupCommands: number, wallS: number): InterruptResult {
  const bySignal: Record<string, number> = {};
  const byOp: Record<string, number> = {};
  const bySignalOp: Record<string, number> = {};
  const pendingLeft: Record<string, number> = {};
  const recoveries: Record<string, number> = {};
  const verdicts: Record<string, number> = {};
  const byCheck: Record<string, number> = {};
  for (const r of runs) {
    add(bySignal, r.signal);
    add(byOp, r.op);
    add(bySignalOp, `${r.signal} ${r.op}`);
    for (const [type, n] of Object.entries(r.pendingLeft)) add(pendingLeft, type, n);
    add(recoveries, r.recovery);
    for (const [verdict, n] of Object.entries(r.verdicts)) add(verdicts, verdict, n);
    for (const v of r.violations) add(byCheck, v.slice(0, v.indexOf(":")));
  }
  return {
    engine: "cli",
    cli_version: version,
    seed: options.seed,
    templates: options.templates,
    bindings: options.bindings,
    api_latency_ms: options.apiLatencyMs,
    recovery_mode: options.recovery,
    interrupts_tried: runs.length,
    interrupted: runs.filter((r) => r.interrupted).length,
    exit_0_after_signal: runs.filter((r) => r.interrupted && r.exit === "exit 0").length,
    by_signal: bySignal,
    by_op: byOp,
    by_signal_op: bySignalOp,
    pending_left: pendingLeft,
    recoveries,
    recover_verdicts: verdicts,
    unlocks: runs.reduce((n, r) => n + r.unlocks, 0),
    empty_attrs_removed: runs.reduce((n, r) => n + r.emptyAttrsRemoved, 0),
    setup_commands: setupCommands,
    recovery_failures: runs.filter((r) => r.failure).length,
    violations: runs.reduce((n, r) => n + r.violations.length, 0),
    violations_by_check: byCheck,
    wall_s: wallS,
  };
}
