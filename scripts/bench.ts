/**
 * `npm run bench -- --bindings N --templates T [--json]`: the API-call economy of this
 * provider against a naive per-resource strategy, on one emulator that enforces the real
 * service's quotas (200 requests/s per write action, 500/s per Describe action).
 *
 * For each strategy the `callbacks` engine-test program (T templates, N bindings spread
 * over them) goes through preview, up, a no-op up, refresh and destroy in the engine
 * harness. Each phase reports the API calls the emulator received (by action), the wall
 * time of the whole command, and the least time the quotas allow for the calls the phase
 * must make (see {@link minimalCalls} and docs/PERFORMANCE.md).
 *
 * Strategies:
 * - `ours`: the provider as shipped (shared and batched reads, client pacing).
 * - `naive`: one Describe per resource, as the Terraform provider does: shared reads off
 *   (`TENCENT_CSS_READ_CACHE_MS=0`) and the conflict checks and delete guards unbatched
 *   (`TENCENT_CSS_BATCH_FRESH_READS=0`). Same client, so pacing and retries are equal.
 *
 * Options: `--strategies ours,naive` (default both), `--pacing off` (both strategies
 * without client pacing), `--engine harness|cli` (default harness: the real `pulumi` CLI
 * from `npm run cli:install` with `cli`), `--json` (last stdout line is the result object).
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulator, type RunningEmulator } from "../emulator";
import { DOCUMENTED_RATE_LIMITS, type LiveCallbackAction } from "../live-api";
import type { StackSpec } from "../harness/stack-fixture";
import { readCheckpoint, runProcess, runPulumi, type Command, type HarnessResult } from "../harness";
import { CliBackend, findPulumiCli, repositoryModules, type CliStack } from "../cli-driver/pulumi-cli";

/** The engine tests' program whose whole stack is the `spec` config value. */
const CALLBACKS_PROGRAM = join(__dirname, "..", "harness", "programs", "callbacks");

/** The phases, in the order they run. */
export const PHASES = ["preview", "up", "noop_up", "refresh", "destroy"] as const;
/** A phase of the benchmark. */
export type Phase = (typeof PHASES)[number];
const COMMAND: Record<Phase, Command> = { preview: "preview", up: "up", noop_up: "up", refresh: "refresh", destroy: "destroy" };

/** The two strategies compared. */
export const STRATEGIES = { ours: {}, naive: { TENCENT_CSS_READ_CACHE_MS: "0", TENCENT_CSS_BATCH_FRESH_READS: "0" } } as const;
/** A strategy's name. */
export type Strategy = keyof typeof STRATEGIES;

/** What one phase cost. */
export interface PhaseResult {
  api_calls: number;
  /** Requests refused with RequestLimitExceeded (each one retried by the client). */
  throttled: number;
  by_action: Record<string, number>;
  wall_ms: number;
  /** Peak resident memory of the dynamic-provider process, bytes. */
  provider_peak_rss_bytes?: number;
  /** Peak resident memory of the harness process (engine and program), bytes. */
  harness_peak_rss_bytes?: number;
  /** Checkpoint writes the harness made (coalesced, plus the final one). */
  state_writes?: number;
}

/** The result object (`--json` prints it as the last line). */
export interface BenchResult {
  /** `harness`, or `cli` with the real CLI's version. */
  engine: string;
  bindings: number;
  templates: number;
  provider_bytes: number;
  state_bytes_per_resource: number;
  state_bytes: number;
  pacing: boolean;
  strategies: Partial<Record<Strategy, Record<Phase, PhaseResult> & { provider_peak_rss_bytes?: number }>>;
  bound_ms: Record<Phase, number>;
  /**
   * The program alone under Pulumi's mocks, where every registration completes at once:
   * ms from process start (see scripts/program-alone.js). The real CLI's language host
   * pays this too, so `up` cannot end before `first_registered_ms` (first binding) plus
   * the bound, whatever the engine and provider do.
   */
  program_alone: ProgramAlone;
  /** Where it ran; load averages (1, 5, 15 min) before and after. */
  machine: { nproc: number; memory_bytes: number; node: string; load_before: number[]; load_after?: number[] };
}

/** What scripts/program-alone.js prints. */
export interface ProgramAlone {
  sdk_loaded_ms: number;
  program_ran_ms: number;
  /** The first DomainBinding registered (null without bindings). */
  first_registered_ms: number | null;
  all_registered_ms: number;
}

/** Runs the program alone (scripts/program-alone.js) in a fresh process with the bench's spec. */
async function programAlone(spec: string, resources: number): Promise<ProgramAlone> {
  // The spec goes in a file: it can exceed what Linux allows one argument.
  const dir = mkdtempSync(join(tmpdir(), "tencent-css-program-alone-"));
  try {
    const configFile = join(dir, "config.json");
    writeFileSync(configFile, JSON.stringify({ "callbacks:spec": spec }));
    const script = join(__dirname, "program-alone.js");
    const firstType = "pulumi-nodejs:dynamic/tencent-css:DomainBinding";
    const args = [script, "--program", CALLBACKS_PROGRAM, "--expect", String(resources), "--first-type", firstType, "--config-file", configFile];
    const { code, stdout, stderr } = await runProcess(process.execPath, args);
    if (code !== 0) throw new Error(`program-alone.js exited ${code}: ${stderr.slice(-2000)}`);
    return JSON.parse(stdout.trim().split("\n").pop()!) as ProgramAlone;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The least calls each phase must make: up creates every template and every rule,
 * refresh lists templates and rules once each, destroy deletes every rule and template;
 * preview and a no-op up need none. Conflict checks and delete guards are not counted:
 * they are this provider's choice, not the task's.
 */
export function minimalCalls(phase: Phase, bindings: number, templates: number): Partial<Record<LiveCallbackAction, number>> {
  switch (phase) {
    case "up":
      return { CreateLiveCallbackTemplate: templates, CreateLiveCallbackRule: bindings };
    case "refresh":
      return { DescribeLiveCallbackTemplates: 1, DescribeLiveCallbackRules: 1 };
    case "destroy":
      return { DeleteLiveCallbackTemplate: templates, DeleteLiveCallbackRule: bindings };
    default:
      return {};
  }
}

/** The rate-limit bound of a phase, ms: the largest calls/limit over the actions it needs. */
export function boundMs(calls: Partial<Record<LiveCallbackAction, number>>): number {
  let bound = 0;
  for (const [action, count] of Object.entries(calls) as Array<[LiveCallbackAction, number]>) {
    bound = Math.max(bound, (count / DOCUMENTED_RATE_LIMITS[action]) * 1000);
  }
  return Math.round(bound);
}

/** The callbacks program's spec: T templates, N bindings on distinct domains, round-robin over the templates. */
export function benchSpec(bindings: number, templates: number): StackSpec {
  const spec: StackSpec & Required<Pick<StackSpec, "templates" | "bindings">> = { templates: {}, bindings: {} };
  for (let t = 0; t < templates; t++) spec.templates[`t${t}`] = { templateName: `bench${t}`, streamBeginNotifyUrl: `https://hooks.example.com/${t}` };
  for (let b = 0; b < bindings; b++) spec.bindings[`b${b}`] = { domainName: `d${b}.bench.io`, template: `t${b % templates}` };
  return spec;
}

interface Args {
  bindings: number;
  templates: number;
  json: boolean;
  pacing: boolean;
  strategies: Strategy[];
  engine: "harness" | "cli";
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { bindings: 1000, templates: 50, json: false, pacing: true, strategies: ["ours", "naive"], engine: "harness" };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const count = (min: number) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer of at least ${min}`);
      return n;
    };
    if (flag === "--bindings") args.bindings = count(0);
    else if (flag === "--templates") args.templates = count(1);
    else if (flag === "--json") args.json = true;
    else if (flag === "--pacing") args.pacing = value() !== "off";
    else if (flag === "--engine") {
      const engine = value();
      if (engine !== "harness" && engine !== "cli") throw new Error("--engine takes harness or cli");
      args.engine = engine;
    }
    else if (flag === "--strategies") {
      args.strategies = value().split(",") as Strategy[];
      if (!args.strategies.every((s) => s in STRATEGIES)) throw new Error(`--strategies takes ${Object.keys(STRATEGIES).join(",")}`);
    } else throw new Error(`unknown option ${flag}`);
  }
  return args;
}

function sumCounts(emulator: RunningEmulator): Pick<PhaseResult, "api_calls" | "throttled" | "by_action"> {
  const byAction: Record<string, number> = {};
  let calls = 0;
  let throttled = 0;
  for (const [action, counts] of Object.entries(emulator.requestCounts())) {
    byAction[action] = counts.received;
    calls += counts.received;
    throttled += counts.throttled;
  }
  return { api_calls: calls, throttled, by_action: byAction };
}

/** Runs the benchmark; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: npm run bench -- --bindings N --templates T [--json] [--strategies ours,naive] [--pacing off] [--engine harness|cli]\n`);
    return 2;
  }
  const { bindings, templates } = args;
  const print = (line = "") => process.stdout.write(`${line}\n`);
  const machine = { nproc: availableParallelism(), memory_bytes: totalmem(), node: process.version, load_before: loadavg() };
  const spec = JSON.stringify(benchSpec(bindings, templates));
  // One command-line argument may hold at most 128 KiB on Linux.
  if (spec.length > 120_000) throw new Error(`the spec of ${bindings} bindings is ${spec.length} bytes, too long for one --config argument`);
  // First, on a quiet machine: nothing else is started yet.
  const alone = await programAlone(spec, bindings + templates);
  process.stderr.write(`bench: program alone: all ${bindings + templates} resources registered at ${alone.all_registered_ms} ms\n`);

  const emulator = await startEmulator({ rateLimits: "tencent", maxTemplates: Math.max(50, templates) });
  const dir = mkdtempSync(join(tmpdir(), "tencent-css-bench-"));
  const cli = findPulumiCli();
  if (args.engine === "cli" && !cli.available) throw new Error(`--engine cli: the real Pulumi CLI is not available: ${cli.reason}`);
  const result: BenchResult = {
    engine: args.engine === "cli" && cli.available ? `cli ${cli.version}` : "harness",
    bindings,
    templates,
    provider_bytes: 0,
    state_bytes_per_resource: 0,
    state_bytes: 0,
    pacing: args.pacing,
    strategies: {},
    bound_ms: Object.fromEntries(PHASES.map((p) => [p, boundMs(minimalCalls(p, bindings, templates))])) as Record<Phase, number>,
    program_alone: alone,
    machine,
  };
  try {
    for (const strategy of args.strategies) {
      const stateFile = join(dir, `${strategy}.checkpoint.json`);
      const env = {
        TENCENTCLOUD_LIVE_ENDPOINT: emulator.url,
        TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
        TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
        ...STRATEGIES[strategy],
        ...(args.pacing ? {} : { TENCENT_CSS_PACING: "off" }),
      };
      const phases = {} as Record<Phase, PhaseResult>;
      const engine = args.engine === "cli" ? await cliEngine(join(dir, strategy), env, spec) : harnessEngine(stateFile, env, spec);
      for (const phase of PHASES) {
        // Every phase starts with full quota buckets, as after a pause between commands.
        await sleep(1_100);
        emulator.resetRequestCounts();
        const started = performance.now();
        const stats = await engine.run(COMMAND[phase], `${strategy} ${phase}`);
        const wallMs = Math.round(performance.now() - started);
        phases[phase] = {
          ...sumCounts(emulator),
          wall_ms: wallMs,
          provider_peak_rss_bytes: stats?.providerPeakRssBytes,
          harness_peak_rss_bytes: stats?.harnessPeakRssBytes,
          state_writes: stats?.stateWrites,
        };
        if (phase === "up") {
          const rules = emulator.state().rules.length;
          if (rules !== bindings) throw new Error(`${strategy} up left ${rules} rules, expected ${bindings}`);
          if (strategy === args.strategies[0]) await engine.measureState(result);
        }
        process.stderr.write(`bench: ${strategy} ${phase}: ${phases[phase].api_calls} calls, ${wallMs} ms\n`);
      }
      const peaks = PHASES.map((p) => phases[p].provider_peak_rss_bytes ?? 0);
      result.strategies[strategy] = { ...phases, provider_peak_rss_bytes: Math.max(...peaks) || undefined };
      if (emulator.state().rules.length || emulator.state().templates.length) throw new Error(`${strategy} destroy left resources behind`);
    }
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
  result.machine.load_after = loadavg();
  for (const line of table(result)) print(line);
  if (args.json) print(JSON.stringify(result));
  return 0;
}

/** Runs one phase's command; throws when it failed; resolves with the harness's stats (none from the CLI). */
interface BenchEngine {
  run(command: Command, what: string): Promise<HarnessResult["stats"] | undefined>;
  /** `__provider` bytes and state bytes per resource, after up. */
  measureState(result: BenchResult): Promise<void>;
}

function harnessEngine(stateFile: string, env: Record<string, string>, spec: string): BenchEngine {
  return {
    async run(command, what) {
      const run = await runPulumi(command, { programDir: CALLBACKS_PROGRAM, stateFile, config: { spec }, env });
      check(run.result, run.code, what, run.stderr);
      return run.result.stats;
    },
    async measureState(result) {
      measureState(result, stateFile);
    },
  };
}

/**
 * The real CLI on a file backend in `dir`, the program linked to this repository's
 * package. The wall time includes what a user waits for: the CLI, the language host,
 * the program and the provider process. Peak memory and state writes are not measured.
 */
async function cliEngine(dir: string, env: Record<string, string>, spec: string): Promise<BenchEngine> {
  const backend = CliBackend.create(findPulumiCli(), { env, dir });
  const stack: CliStack = await backend.stack(CALLBACKS_PROGRAM, repositoryModules(dir), "bench");
  await stack.setConfig({ spec });
  const commands: Record<string, string[]> = {
    preview: ["preview", "--non-interactive"],
    up: ["up", "--yes", "--skip-preview", "--non-interactive"],
    refresh: ["refresh", "--yes", "--skip-preview", "--non-interactive"],
    destroy: ["destroy", "--yes", "--skip-preview", "--non-interactive"],
  };
  return {
    async run(command, what) {
      const done = await stack.run(commands[command]!);
      if (done.code !== 0) throw new Error(`${what} failed (exit ${done.code}):\n${done.stdout.slice(-3000)}\n${done.stderr.slice(-2000)}`);
      return undefined;
    },
    async measureState(result) {
      const deployment = await stack.exportState();
      const custom = (deployment.resources ?? []).filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"));
      result.provider_bytes = Math.max(...custom.map((r) => Buffer.byteLength(String(r.inputs?.__provider ?? ""), "utf8")));
      // The stack's checkpoint file as the file backend keeps it.
      const file = join(backend.dir, "backend", ".pulumi", "stacks", "callbacks", "bench.json");
      result.state_bytes = statSync(file).size;
      result.state_bytes_per_resource = Math.round(result.state_bytes / custom.length);
    },
  };
}

function check(result: HarnessResult, code: number, what: string, stderr: string): void {
  if (code === 0 && result.ok) return;
  const errors = result.errors.slice(0, 3).map((e) => `  ${e.name ?? ""}: ${e.message}`);
  const more = result.errors.length > 3 ? [`  … and ${result.errors.length - 3} more`] : [];
  throw new Error([`${what} failed (exit ${code}):`, ...errors, ...more, stderr.slice(-2000)].join("\n"));
}

/** `__provider` bytes (the larger of the two resource types) and checkpoint bytes per resource, after up. */
function measureState(result: BenchResult, stateFile: string): void {
  const checkpoint = readCheckpoint(stateFile)!;
  const custom = checkpoint.resources.filter((r) => r.custom);
  const providerBytes = custom.map((r) => Buffer.byteLength(String(r.inputs.__provider ?? ""), "utf8"));
  result.provider_bytes = Math.max(...providerBytes);
  result.state_bytes = statSync(stateFile).size;
  result.state_bytes_per_resource = Math.round(result.state_bytes / custom.length);
}

const MIB = 1024 * 1024;

/** The human-readable report: one row per strategy and phase. */
export function table(result: BenchResult): string[] {
  const lines = [
    `bench (${result.engine}): ${result.bindings} bindings over ${result.templates} templates; emulator quotas 200/s per write action, 500/s per Describe; client pacing ${result.pacing ? "on" : "off"}`,
    "",
    "| strategy | phase | API calls | throttled | wall | rate-limit bound | wall / bound | provider peak RSS | checkpoint writes |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const [strategy, phases] of Object.entries(result.strategies)) {
    for (const phase of PHASES) {
      const p = phases![phase];
      const bound = result.bound_ms[phase];
      // A bound of a few ms (refresh: two Describes) makes a ratio that says nothing.
      const ratio = bound >= 100 ? `${(p.wall_ms / bound).toFixed(2)}×` : "–";
      const calls = Object.entries(p.by_action)
        .filter(([, n]) => n > 0)
        .map(([action, n]) => `${action.replace(/^(Create|Delete|Describe|Modify)LiveCallback/, "$1")} ${n}`)
        .join(", ");
      const rss = p.provider_peak_rss_bytes ? `${(p.provider_peak_rss_bytes / MIB).toFixed(0)} MiB` : "–";
      lines.push(
        `| ${strategy} | ${phase} | ${p.api_calls}${calls ? ` (${calls})` : ""} | ${p.throttled} | ${(p.wall_ms / 1000).toFixed(1)} s | ` +
          `${(bound / 1000).toFixed(3)} s | ${ratio} | ${rss} | ${p.state_writes ?? "–"} |`,
      );
    }
  }
  const { machine } = result;
  const load = (l?: number[]) => (l ? l.map((x) => x.toFixed(2)).join(" ") : "?");
  const alone = result.program_alone;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const upBound = result.bound_ms.up;
  const floor = (alone.first_registered_ms ?? alone.all_registered_ms) + upBound;
  lines.push(
    "",
    `program alone (Pulumi SDK, every registration completing at once): SDK loaded at ${seconds(alone.sdk_loaded_ms)}, ` +
      `program ran at ${seconds(alone.program_ran_ms)}, first binding registered at ${seconds(alone.first_registered_ms ?? 0)}, ` +
      `all at ${seconds(alone.all_registered_ms)}; so up cannot end before ${seconds(floor)}` +
      (upBound > 0 ? ` (${(floor / upBound).toFixed(2)}× the bound)` : ""),
    `__provider: ${result.provider_bytes} bytes; checkpoint after up: ${result.state_bytes} bytes, ${result.state_bytes_per_resource} bytes per resource`,
    `machine: ${machine.nproc} CPUs, ${(machine.memory_bytes / 1024 ** 3).toFixed(1)} GiB, Node ${machine.node}; load average before ${load(machine.load_before)}, after ${load(machine.load_after)}`,
  );
  return lines;
}
