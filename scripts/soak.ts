/**
 * `npm run soak`: reliability figures (docs/RELIABILITY.md).
 *
 * ```
 * npm run soak -- [--engine harness|cli] [--templates 50] [--bindings 500] [--fault-rate 10%] [--seed S]
 *                 [--reruns 5] [--timeout-ms 2000] [--delay-ms 3500] [--retry-base-ms MS] [--keep]
 *                 [--require-faults] [--max-reruns N]
 * npm run soak -- --concurrency 200 [--rps 20]
 * ```
 *
 * The fault soak drives a stack through up → modify → refresh → destroy while the
 * emulator injects faults (see soak/), on the engine harness or, with `--engine cli`, on
 * the real `pulumi` CLI (`npm run cli:install`). The concurrency run starts N
 * provider operations at once against an emulator limited to R requests/s per action.
 * Progress goes to stdout; the LAST line is one JSON object with the figures. Exit code
 * 0 when there was no violation and every step (every operation) finally succeeded, 1
 * otherwise, 2 for a bad command line. `--require-faults` also fails a soak in which no
 * fault was injected, `--max-reruns N` one that needed more than N reruns in total
 * (`--reruns R` is how often a failed step is rerun before giving up; `--max-reruns` how
 * many reruns the soak tolerates before it counts as failed).
 */
import { randomInt } from "node:crypto";
import { runConcurrency } from "../soak/run-concurrency";
import { runSoak, soakFailures, type SoakResult } from "../soak/run-soak";
import type { EngineKind } from "../soak/soak-engine";
import { findPulumiCli } from "../cli-driver/pulumi-cli";

const USAGE =
  "usage: npm run soak -- [--engine harness|cli] [--templates N] [--bindings M] [--fault-rate P|P%] [--seed S] [--reruns R] " +
  "[--timeout-ms MS] [--delay-ms MS] [--retry-base-ms MS] [--keep] [--require-faults] [--max-reruns N]\n" +
  "       npm run soak -- --concurrency N [--rps R]";

class UsageError extends Error {}

interface Args {
  engine: EngineKind;
  templates: number;
  bindings: number;
  faultRate: number;
  seed: number;
  reruns: number;
  timeoutMs: number;
  delayMs?: number;
  retryBaseMs?: number;
  keep: boolean;
  requireFaults: boolean;
  maxReruns?: number;
  concurrency?: number;
  rps: number;
}

function integer(flag: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} needs an integer ≥ ${min}, got "${text ?? ""}"`);
  return n;
}

/** `0.1`, `10%` and `10` all mean 10 %. */
function rate(text: string | undefined): number {
  const percent = text?.endsWith("%");
  const n = Number(percent ? text!.slice(0, -1) : text);
  const value = percent || n >= 1 ? n / 100 : n;
  if (!Number.isFinite(value) || value < 0 || value >= 1) throw new UsageError(`--fault-rate needs a rate below 100 %, got "${text ?? ""}"`);
  return value;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { engine: "harness", templates: 50, bindings: 500, faultRate: 0.1, seed: randomInt(0, 2 ** 31), reruns: 5, timeoutMs: 2000, keep: false, requireFaults: false, rps: 20 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i];
    if (flag === "--engine") {
      const engine = value();
      if (engine !== "harness" && engine !== "cli") throw new UsageError(`--engine takes harness or cli, got "${engine ?? ""}"`);
      args.engine = engine;
    } else if (flag === "--templates") args.templates = integer(flag, value(), 1);
    else if (flag === "--bindings") args.bindings = integer(flag, value(), 0);
    else if (flag === "--fault-rate") args.faultRate = rate(value());
    else if (flag === "--seed") args.seed = integer(flag, value(), 0);
    else if (flag === "--reruns") args.reruns = integer(flag, value(), 0);
    else if (flag === "--timeout-ms") args.timeoutMs = integer(flag, value(), 1);
    else if (flag === "--delay-ms") args.delayMs = integer(flag, value(), 1);
    else if (flag === "--retry-base-ms") args.retryBaseMs = integer(flag, value(), 1);
    else if (flag === "--keep") args.keep = true;
    else if (flag === "--require-faults") args.requireFaults = true;
    else if (flag === "--max-reruns") args.maxReruns = integer(flag, value(), 0);
    else if (flag === "--concurrency") args.concurrency = integer(flag, value(), 1);
    else if (flag === "--rps") args.rps = integer(flag, value(), 1);
    else if (flag === "--help" || flag === "-h") throw new UsageError("");
    else throw new UsageError(`unknown option ${flag}`);
  }
  if (args.delayMs !== undefined && args.delayMs <= args.timeoutMs) throw new UsageError("--delay-ms must be longer than --timeout-ms");
  if (args.requireFaults && args.faultRate === 0) throw new UsageError("--require-faults needs a --fault-rate above 0");
  if (args.engine === "cli" && args.concurrency !== undefined) throw new UsageError("--concurrency runs provider operations without an engine: drop --engine cli");
  if (args.engine === "cli") {
    const cli = findPulumiCli();
    if (!cli.available) throw new UsageError(`--engine cli: the real Pulumi CLI is not available: ${cli.reason}; run \`npm run cli:install\``);
  }
  return args;
}

const print = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function printSoak(result: SoakResult): void {
  const { size, modification: m } = result;
  print("");
  print(
    `Fault soak: ${size.templates} templates, ${size.bindings} bindings, fault rate ${Math.round(result.faultRate * 1000) / 10} %, seed ${result.seed}, ` +
      `engine ${result.engine === "cli" ? `pulumi CLI ${result.engineVersion}` : "harness"}`,
  );
  print(`  client timeout ${result.timeoutMs} ms, timeout faults delay ${result.delayMs} ms`);
  print(
    `  modify: URLs changed on ${m.urlsChanged} templates, ${m.repointed} bindings re-pointed, ${m.bindingsRemoved} bindings and ` +
      `${m.templatesRemoved} template removed, ${m.templatesAdded} templates and ${m.bindingsAdded} bindings added`,
  );
  print("  step      attempts  time      requests  retries  faults  steps");
  for (const s of result.steps) {
    const steps = Object.entries(s.steps).map(([op, n]) => `${n} ${op}`).join(", ");
    print(
      `  ${s.step.padEnd(9)} ${String(s.attempts).padStart(8)}  ${seconds(s.durationMs).padStart(8)}  ${String(s.requests).padStart(8)}  ` +
        `${String(s.retries).padStart(7)}  ${String(s.faultsInjected).padStart(6)}  ${s.ok ? steps : "DID NOT SUCCEED"}`,
    );
  }
  print(`Faults injected: ${result.faultsInjected} (${Object.entries(result.faultsByKind).map(([k, n]) => `${k} ${n}`).join(", ")})`);
  print(`  of which ambiguous template creates (after-commit on CreateLiveCallbackTemplate): ${result.ambiguousCreates}`);
  const reasons = new Map<string, number>();
  for (const s of result.steps) for (const [r, n] of Object.entries(s.retriesByReason)) reasons.set(r, (reasons.get(r) ?? 0) + n);
  print(`Client retries: ${result.retries} of ${result.requests} requests (${[...reasons].map(([r, n]) => `${r} ${n}`).join(", ") || "none"})`);
  print(`Step failures shown to the user: ${result.stepFailures}; reruns: ${result.reruns}`);
  for (const s of result.steps) for (const f of s.failures) print(`  ${s.step}: ${f.split("\n")[0]!.slice(0, 240)}`);
  print(`Violations: ${result.violations.length}`);
  for (const v of result.violations.slice(0, 20)) print(`  ${v.check}: ${v.detail}`);
  print(`Total time: ${seconds(result.durationMs)}${result.workDir ? `; logs, stats and checkpoint kept in ${result.workDir}` : ""}`);
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message ? `${error.message}\n` : ""}${USAGE}\n`);
    return error.message ? 2 : 0;
  }

  if (args.concurrency !== undefined) {
    print(`Concurrency: ${args.concurrency} provider operations at once, emulator limited to ${args.rps} requests/s per action`);
    const r = await runConcurrency({ operations: args.concurrency, rps: args.rps });
    print(`  ${Object.entries(r.byKind).map(([k, n]) => `${n} ${k}`).join(", ")}`);
    print(`  succeeded ${r.succeeded}, failed ${r.failed}; ${r.requests} requests, ${r.retries} retries, ${r.throttled} throttled answers`);
    print(`  total ${seconds(r.durationMs)}, slowest operation ${seconds(r.slowestMs)}; duplicates: ${r.duplicates.length}`);
    for (const f of r.failures) print(`  failure: ${f}`);
    print(
      JSON.stringify({
        mode: "concurrency",
        operations: r.operations,
        by_kind: r.byKind,
        rps: r.rps,
        succeeded: r.succeeded,
        failed: r.failed,
        requests: r.requests,
        retries: r.retries,
        throttled: r.throttled,
        duration_ms: r.durationMs,
        slowest_ms: r.slowestMs,
        duplicates: r.duplicates.length,
      }),
    );
    return r.failed === 0 && r.duplicates.length === 0 ? 0 : 1;
  }

  print(`Fault soak: ${args.templates} templates, ${args.bindings} bindings, fault rate ${args.faultRate}, seed ${args.seed}, engine ${args.engine}`);
  const result = await runSoak({
    engine: args.engine,
    templates: args.templates,
    bindings: args.bindings,
    faultRate: args.faultRate,
    seed: args.seed,
    maxReruns: args.reruns,
    timeoutMs: args.timeoutMs,
    delayMs: args.delayMs,
    retryBaseMs: args.retryBaseMs,
    keep: args.keep,
    log: (line) => print(`  ${line}`),
  });
  printSoak(result);
  const failures = soakFailures(result, { requireFaults: args.requireFaults, maxReruns: args.maxReruns });
  print(failures.length ? `Soak FAILED: ${failures.join("; ")}` : "Soak passed");
  const retriesByReason: Record<string, number> = {};
  for (const s of result.steps) for (const [r, n] of Object.entries(s.retriesByReason)) retriesByReason[r] = (retriesByReason[r] ?? 0) + n;
  print(
    JSON.stringify({
      mode: "fault-soak",
      engine: result.engine,
      ...(result.engine === "cli" ? { pulumi_version: result.engineVersion } : {}),
      templates: result.size.templates,
      bindings: result.size.bindings,
      fault_rate: result.faultRate,
      seed: result.seed,
      timeout_ms: result.timeoutMs,
      delay_ms: result.delayMs,
      faults_injected: result.faultsInjected,
      faults_by_kind: result.faultsByKind,
      faults_by_variant: result.faultsByVariant,
      ambiguous_creates: result.ambiguousCreates,
      requests: result.requests,
      retries: result.retries,
      retries_by_reason: retriesByReason,
      step_failures: result.stepFailures,
      reruns: result.reruns,
      violations: result.violations.length,
      violation_details: result.violations.slice(0, 20).map((v) => `${v.check}: ${v.detail}`),
      failures,
      steps: result.steps.map((s) => ({
        step: s.step,
        ok: s.ok,
        attempts: s.attempts,
        duration_ms: s.durationMs,
        requests: s.requests,
        retries: s.retries,
        faults_injected: s.faultsInjected,
        resource_steps: s.steps,
      })),
      modification: result.modification,
      duration_ms: result.durationMs,
    }),
  );
  return failures.length === 0 ? 0 : 1;
}
