/**
 * The fault soak: drives the `callbacks` program through up → modify → refresh →
 * destroy while the emulator injects faults on every action, reruns a failed step as a
 * user would, and checks the invariants after every command. The commands run on an
 * engine (soak-engine.ts): the engine harness, or the real `pulumi` CLI.
 *
 * The provider processes write one line per API request and per retry to a stats file
 * (`TENCENT_CSS_STATS_FILE`, one per attempt, passed in the command's environment, which
 * the CLI hands on to its dynamic-provider process too), so retries are counted where
 * they happen, whichever engine started the provider.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../emulator";
import type { StackSpec } from "../harness/stack-fixture";
import type { Command } from "../harness";
import { faultPlan, FAULT_KINDS, type FaultKind, type PlannedFault } from "./fault-plan";
import { checkInvariants, type Finding } from "./invariants";
import { faultedRequestsAnswered } from "./emulator-settled";
import { initialSpec, modifiedSpec, type Modification, type SoakSize } from "./stack-plan";
import { cliEngine } from "./cli-engine";
import { harnessEngine } from "./harness-engine";
import type { EngineKind, SoakEngine } from "./soak-engine";

/** Knobs of a soak. */
export interface SoakOptions extends SoakSize {
  /** Probability that a request is hit by a fault, in [0, 1). */
  readonly faultRate: number;
  /** PRNG seed of the emulator's faults. */
  readonly seed: number;
  /** Reruns allowed per step after a failure. Default 5. */
  readonly maxReruns?: number;
  /** The provider's client timeout, ms (`TENCENT_CSS_TIMEOUT_MS`). Default 2000. */
  readonly timeoutMs?: number;
  /**
   * Delay of a timeout fault, ms. Default `timeoutMs + 1500`: undici's timers fire a
   * timeout of T between T and about T + 1 s, so this always times out.
   */
  readonly delayMs?: number;
  /** `TENCENT_CSS_RETRY_BASE_MS`; the provider's default (250) when omitted. */
  readonly retryBaseMs?: number;
  /** Which engine runs the commands. Default `harness`. */
  readonly engine?: EngineKind;
  /** Keep the scratch directory (checkpoint or CLI backend, logs, stats) and print where it is. */
  readonly keep?: boolean;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** Figures of one step (all its attempts). */
export interface StepFigures {
  readonly step: string;
  readonly command: Command;
  readonly attempts: number;
  readonly ok: boolean;
  readonly durationMs: number;
  /** API requests the provider processes sent, and their client retries. */
  readonly requests: number;
  readonly retries: number;
  readonly retriesByReason: Record<string, number>;
  readonly faultsInjected: number;
  /** Error messages the engine showed, one per failed attempt (first error). */
  readonly failures: string[];
  readonly steps: Record<string, number>;
}

/** The soak's result: the figures printed and the JSON line. */
export interface SoakResult {
  readonly engine: EngineKind;
  /** `harness`, or the real CLI's version. */
  readonly engineVersion: string;
  readonly size: SoakSize;
  readonly faultRate: number;
  readonly seed: number;
  readonly timeoutMs: number;
  readonly delayMs: number;
  readonly modification: Modification;
  readonly steps: StepFigures[];
  readonly faultsInjected: number;
  readonly faultsByKind: Record<FaultKind, number>;
  readonly faultsByVariant: Record<string, number>;
  readonly ambiguousCreates: number;
  readonly requests: number;
  readonly retries: number;
  readonly reruns: number;
  readonly stepFailures: number;
  /** Distinct problems, each under the first step that saw it. */
  readonly violations: Finding[];
  readonly durationMs: number;
  readonly workDir?: string;
}

interface StatsLine {
  readonly event: "request" | "retry";
  readonly reason?: string;
}

function readStats(file: string): { requests: number; retries: number; byReason: Record<string, number> } {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return { requests: 0, retries: 0, byReason: {} };
  }
  const byReason: Record<string, number> = {};
  let requests = 0;
  let retries = 0;
  for (const line of text.split("\n")) {
    if (!line) continue;
    const stat = JSON.parse(line) as StatsLine;
    if (stat.event === "request") requests++;
    else if (stat.event === "retry") {
      retries++;
      byReason[stat.reason ?? "unknown"] = (byReason[stat.reason ?? "unknown"] ?? 0) + 1;
    }
  }
  return { requests, retries, byReason };
}

function injectedByFault(emulator: RunningEmulator): number[] {
  return emulator.faults.list().map((f) => f.injected);
}

function bindingNamesSame(before: StackSpec, after: StackSpec): string[] {
  const a = before.bindings ?? {};
  const b = after.bindings ?? {};
  return Object.keys(a).filter((name) => b[name] && JSON.stringify(a[name]) === JSON.stringify(b[name]));
}

/** Runs a soak and resolves with its figures; never throws for a failed step or a violation. */
export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 2000;
  const delayMs = options.delayMs ?? timeoutMs + 1500;
  const maxReruns = options.maxReruns ?? 5;
  const started = Date.now();
  const plan: PlannedFault[] = faultPlan({ rate: options.faultRate, delayMs });
  // Room for duplicates to show up as duplicates rather than as the 50-template limit.
  const emulator = await startEmulator({ seed: options.seed, faults: plan.map((p) => p.spec), maxTemplates: 10_000 });
  const dir = mkdtempSync(join(tmpdir(), "tencent-css-soak-"));
  mkdirSync(join(dir, "logs"));
  const callbackKey = `soakKey${options.seed}`;
  const { spec: changed, modification } = modifiedSpec(options);
  const first = initialSpec(options);
  const stepsPlan: Array<{ step: string; command: Command; spec: StackSpec; desired: StackSpec; untouched: string[] }> = [
    { step: "up", command: "up", spec: first, desired: first, untouched: [] },
    { step: "modify", command: "up", spec: changed, desired: changed, untouched: bindingNamesSame(first, changed) },
    { step: "refresh", command: "refresh", spec: changed, desired: changed, untouched: Object.keys(changed.bindings ?? {}) },
    { step: "destroy", command: "destroy", spec: changed, desired: {}, untouched: [] },
  ];
  const violations = new Map<string, Finding>();
  const figures: StepFigures[] = [];
  let engine: SoakEngine | undefined;
  try {
    engine = options.engine === "cli" ? await cliEngine(join(dir, "cli")) : harnessEngine(join(dir, "soak.checkpoint.json"));
    for (const s of stepsPlan) {
      const stepStarted = Date.now();
      const faultsBefore = injectedByFault(emulator);
      const failures: string[] = [];
      const byReason: Record<string, number> = {};
      let requests = 0;
      let retries = 0;
      let attempts = 0;
      let ok = false;
      let steps: Record<string, number> = {};
      while (!ok && attempts <= maxReruns) {
        attempts++;
        const statsFile = join(dir, `stats-${s.step}-${attempts}.jsonl`);
        const run = await engine.run(
          {
            command: s.command,
            spec: JSON.stringify(s.spec),
            secretConfig: { callbackKey },
            env: {
              TENCENTCLOUD_LIVE_ENDPOINT: emulator.url,
              TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
              TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
              TENCENT_CSS_TIMEOUT_MS: String(timeoutMs),
              TENCENT_CSS_STATS_FILE: statsFile,
              ...(options.retryBaseMs ? { TENCENT_CSS_RETRY_BASE_MS: String(options.retryBaseMs) } : {}),
            },
          },
          s.step,
        );
        writeFileSync(join(dir, "logs", `${s.step}-${attempts}.log`), run.transcript);
        // A request delayed past the client's timeout still lands; let it, before looking.
        await faultedRequestsAnswered(emulator);
        ok = run.ok;
        steps = run.steps;
        const stats = readStats(statsFile);
        requests += stats.requests;
        retries += stats.retries;
        for (const [reason, n] of Object.entries(stats.byReason)) byReason[reason] = (byReason[reason] ?? 0) + n;
        if (!ok) failures.push(run.failure ?? "failed");

        const findings = checkInvariants({
          cloud: emulator.state(),
          checkpoint: run.checkpoint,
          pendingOperations: run.pendingOperations,
          desired: s.desired,
          callbackKey,
          untouched: s.untouched,
          secrets: { secretId: emulator.credentials.secretId, secretKey: emulator.credentials.secretKey },
          texts: run.texts,
        });
        const final = ok || attempts > maxReruns;
        const counted = findings.filter((f) => final || f.strength === "safety");
        // A problem that persists (a leaked template) is counted once, under the first step that saw it.
        for (const f of counted) {
          const key = `${f.check} ${f.detail}`;
          if (!violations.has(key)) violations.set(key, { ...f, detail: `${s.step}: ${f.detail}` });
        }
        const pending = findings.length - counted.length;
        log(
          `${s.step} attempt ${attempts}: ${ok ? "ok" : "FAILED"}, ${stats.requests} requests, ${stats.retries} retries` +
            `${counted.length ? `, ${counted.length} violation(s)` : ""}${pending ? `, ${pending} pending for the rerun` : ""}` +
            `${ok ? "" : `\n    shown to the user: ${failures[failures.length - 1]!.split("\n")[0]!.slice(0, 300)}`}`,
        );
        for (const f of counted.slice(0, 10)) log(`    violation ${f.check}: ${f.detail}`);
      }
      const faultsAfter = injectedByFault(emulator);
      figures.push({
        step: s.step,
        command: s.command,
        attempts,
        ok,
        durationMs: Date.now() - stepStarted,
        requests,
        retries,
        retriesByReason: byReason,
        faultsInjected: faultsAfter.reduce((sum, n, i) => sum + n - (faultsBefore[i] ?? 0), 0),
        failures,
        steps,
      });
    }
  } finally {
    await emulator.close();
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }

  const listed = emulator.faults.list();
  const faultsByKind = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const faultsByVariant: Record<string, number> = {};
  let ambiguousCreates = 0;
  listed.forEach((fault, i) => {
    const planned = plan[i]!;
    faultsByKind[planned.kind] += fault.injected;
    faultsByVariant[planned.variant] = (faultsByVariant[planned.variant] ?? 0) + fault.injected;
    if (planned.action === "CreateLiveCallbackTemplate" && planned.kind === "after-commit") ambiguousCreates += fault.injected;
  });
  return {
    engine: engine?.kind ?? options.engine ?? "harness",
    engineVersion: engine?.version ?? "",
    size: { templates: options.templates, bindings: options.bindings },
    faultRate: options.faultRate,
    seed: options.seed,
    timeoutMs,
    delayMs,
    modification,
    steps: figures,
    faultsInjected: listed.reduce((sum, f) => sum + f.injected, 0),
    faultsByKind,
    faultsByVariant,
    ambiguousCreates,
    requests: figures.reduce((sum, s) => sum + s.requests, 0),
    retries: figures.reduce((sum, s) => sum + s.retries, 0),
    reruns: figures.reduce((sum, s) => sum + s.attempts - 1, 0),
    stepFailures: figures.reduce((sum, s) => sum + s.failures.length, 0),
    violations: [...violations.values()],
    durationMs: Date.now() - started,
    ...(options.keep ? { workDir: dir } : {}),
  };
}

/** What a soak must show besides "no violation, every step succeeded" (command-line flags). */
export interface SoakRequirements {
  /** `--require-faults`: at least one fault was injected (a soak without faults proves nothing). */
  readonly requireFaults?: boolean;
  /** `--max-reruns N`: at most N reruns in total (the goal is none: every fault absorbed by retries). */
  readonly maxReruns?: number;
}

/** Why a soak failed, one line each; empty when it passed. Decides the exit code. */
export function soakFailures(result: SoakResult, requirements: SoakRequirements = {}): string[] {
  const reasons: string[] = [];
  if (result.violations.length) reasons.push(`${result.violations.length} violation(s)`);
  for (const s of result.steps) if (!s.ok) reasons.push(`step ${s.step} did not succeed after ${s.attempts} attempt(s)`);
  if (requirements.requireFaults && result.faultsInjected === 0) reasons.push("no fault was injected (--require-faults)");
  if (requirements.maxReruns !== undefined && result.reruns > requirements.maxReruns) {
    reasons.push(`${result.reruns} rerun(s), more than --max-reruns ${requirements.maxReruns}`);
  }
  return reasons;
}
