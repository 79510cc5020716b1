/**
 * The two engines the demo can walk a stack with, behind one interface: the real
 * `pulumi` CLI (local file backend in a temporary directory) when `npm run cli:install`
 * or PATH provides one, otherwise the engine harness in harness.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENGINE_BANNER, readCheckpoint, runPulumi, type Command, type RunPulumiResult } from "../../harness";
import { countSteps, parseCliEvents, type CliEvents } from "../../cli-driver/cli-events";
import { CliBackend, findPulumiCli, repositoryModules, type CliStack } from "../../cli-driver/pulumi-cli";

/** The stack config one command runs with; keys without a namespace get the project's. */
export interface StackConfig {
  readonly plain: Readonly<Record<string, string>>;
  readonly secret: Readonly<Record<string, string>>;
}

/**
 * How many resources a command did (or plans to do) something to, by kind. The stack
 * resource itself is not counted. Refresh reports `drift` and `gone`.
 */
export type ChangeCounts = Partial<Record<"create" | "update" | "replace" | "delete" | "same" | "drift" | "gone", number>>;

/** One resource's step, when the engine reports steps individually. */
export interface ResourceChange {
  readonly name: string;
  readonly op: string;
  /** `~prop` changed, `+prop` added, `-prop` removed (drift, for refresh). */
  readonly diffs: readonly string[];
}

/** What one command did. */
export interface EngineRun {
  /** The command as a user would type it. */
  readonly commandLine: string;
  readonly ok: boolean;
  /** What the engine printed: the plan, outputs and errors. */
  readonly output: string;
  /** Diagnostics printed on stderr (provider logs); shown only when a step went wrong. */
  readonly diagnostics: string;
  /** Everything the engine printed, stdout (the CLI's whole event stream) and stderr, for the secrets check. */
  readonly transcript: string;
  readonly counts: ChangeCounts;
  /** Per-resource steps, in the order the engine began them. */
  readonly changes: readonly ResourceChange[];
}

/** A managed resource as the stack's state holds it. */
export interface StackResource {
  readonly name: string;
  readonly type: string;
  readonly id?: string;
  /** Outputs; secrets appear in the engine's encrypted form. */
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** An engine that runs one program against one stack. */
export interface DemoEngine {
  /** Which engine this is, printed at the start of the demo. */
  readonly name: string;
  run(command: Command, config: StackConfig): Promise<EngineRun>;
  /** The stack's managed (custom) resources. */
  stackResources(): Promise<StackResource[]>;
  /** Removes temporary files. */
  close(): Promise<void>;
}

/** Where the engine runs and with which environment (emulator endpoint, credentials, passphrase). */
export interface EngineOptions {
  /** The Pulumi project (examples/basic). */
  readonly programDir: string;
  readonly env: Readonly<Record<string, string>>;
}

/** Which engine to walk with: the real CLI, the harness, or the CLI whenever one is available. */
export type EngineChoice = "cli" | "harness" | "auto";

/** The CLI when asked for or (with `auto`) when `npm run cli:install` or PATH provides one; otherwise the harness. */
export async function chooseEngine(options: EngineOptions, choice: EngineChoice = "auto"): Promise<DemoEngine> {
  const cli = findPulumiCli();
  if (choice === "cli" && !cli.available) throw new Error(`--engine cli: the real Pulumi CLI is not available: ${cli.reason}`);
  return choice !== "harness" && cli.available ? PulumiCliEngine.start(options) : HarnessEngine.start(options);
}

/** The engine harness: harness/cli.js, the real dynamic-provider process over gRPC. */
export class HarnessEngine implements DemoEngine {
  readonly name = ENGINE_BANNER.replace(/^engine: /, "");

  private constructor(
    private readonly options: EngineOptions,
    private readonly dir: string,
    private readonly stateFile: string,
  ) {}

  static async start(options: EngineOptions): Promise<HarnessEngine> {
    const dir = mkdtempSync(join(tmpdir(), "tencent-css-demo-"));
    return new HarnessEngine(options, dir, join(dir, "dev.checkpoint.json"));
  }

  async run(command: Command, config: StackConfig): Promise<EngineRun> {
    const result = await runPulumi(command, {
      programDir: this.options.programDir,
      stateFile: this.stateFile,
      config: config.plain,
      secretConfig: config.secret,
      env: this.options.env,
    });
    return {
      commandLine: harnessCommandLine(command, config),
      ok: result.code === 0 && result.result.ok,
      output: withoutJsonLine(result),
      diagnostics: result.stderr,
      transcript: `${result.stdout}\n${result.stderr}`,
      counts: harnessCounts(result),
      changes: result.result.steps.map((step) => ({
        name: step.name,
        op: step.op === "refresh" ? (step.gone ? "gone" : step.drifted ? "drift" : "same") : step.op,
        // The CLI engine's parser reports a refresh's changed outputs; so does this one.
        diffs: step.op === "refresh" ? (step.outputDiffs ?? step.diffs) : step.diffs,
      })),
    };
  }

  async stackResources(): Promise<StackResource[]> {
    const checkpoint = readCheckpoint(this.stateFile, { ...process.env, ...this.options.env });
    return (checkpoint?.resources ?? [])
      .filter((r) => r.custom && !r.pendingDelete)
      .map((r) => ({ name: r.name, type: r.type, id: r.id, outputs: r.outputs }));
  }

  async close(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function harnessCommandLine(command: Command, config: StackConfig): string {
  const flags = [
    ...Object.entries(config.plain).map(([key, value]) => `--config ${key}=${value}`),
    ...Object.keys(config.secret).map((key) => `--secret-config ${key}=[secret]`),
  ];
  return ["node harness/cli.js", command, "--program examples/basic", ...flags].join(" ");
}

function withoutJsonLine(run: RunPulumiResult): string {
  const lines = run.stdout.trimEnd().split("\n");
  lines.pop();
  return lines.join("\n");
}

function harnessCounts(run: RunPulumiResult): ChangeCounts {
  const counts: ChangeCounts = {};
  for (const step of run.result.steps) {
    const kind = step.op === "refresh" ? (step.gone ? "gone" : step.drifted ? "drift" : "same") : step.op === "read" || step.op === "discard" ? undefined : step.op;
    if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/**
 * The real Pulumi CLI with a local file backend (cli-driver/pulumi-cli.ts). The example
 * is copied into a temporary project (the CLI writes `Pulumi.dev.yaml` next to
 * `Pulumi.yaml`) whose node_modules link back to this repository's package, its
 * `@pulumi/pulumi` and `typescript`. Each command runs with `--json`, so the steps, the
 * changed properties and the errors are read from the engine's own event stream
 * (cli-driver/cli-events.ts), not guessed from its text.
 */
export class PulumiCliEngine implements DemoEngine {
  private applied: StackConfig = { plain: {}, secret: {} };

  private constructor(
    readonly name: string,
    private readonly backend: CliBackend,
    private readonly stack: CliStack,
  ) {}

  static async start(options: EngineOptions): Promise<PulumiCliEngine> {
    const cli = findPulumiCli();
    const backend = CliBackend.create(cli, { env: { ...options.env, PULUMI_ENABLE_STREAMING_JSON_PREVIEW: "true" } });
    const stack = await backend.stack(options.programDir, repositoryModules(backend.dir), "dev");
    const version = cli.available ? cli.version : "?";
    return new PulumiCliEngine(`Pulumi CLI ${version} (local file backend in ${backend.dir})`, backend, stack);
  }

  private async applyConfig(config: StackConfig): Promise<void> {
    const changedPlain = Object.fromEntries(Object.entries(config.plain).filter(([key, value]) => this.applied.plain[key] !== value));
    const changedSecret = Object.fromEntries(Object.entries(config.secret).filter(([key, value]) => this.applied.secret[key] !== value));
    await this.stack.setConfig(changedPlain, changedSecret);
    const wanted = new Set([...Object.keys(config.plain), ...Object.keys(config.secret)]);
    for (const key of [...Object.keys(this.applied.plain), ...Object.keys(this.applied.secret)]) {
      if (!wanted.has(key)) await this.stack.removeConfig(key);
    }
    this.applied = config;
  }

  async run(command: Command, config: StackConfig): Promise<EngineRun> {
    await this.applyConfig(config);
    const args = [command, "--non-interactive", "--json", ...(command === "preview" ? [] : ["--yes", "--skip-preview"])];
    const done = await this.stack.run(args);
    const events = parseCliEvents(done.stdout, command);
    const changes = events.steps.map((step) => ({ name: step.name, op: step.op, diffs: step.diffs }));
    return {
      commandLine: `pulumi ${args.join(" ")} --stack dev`,
      ok: done.code === 0,
      output: renderEvents(command, events),
      diagnostics: done.stderr,
      transcript: `${done.stdout}\n${done.stderr}`,
      counts: countSteps(events.steps) as ChangeCounts,
      changes,
    };
  }

  async stackResources(): Promise<StackResource[]> {
    const deployment = await this.stack.exportState();
    return (deployment.resources ?? [])
      .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:") && !r.delete)
      .map((r) => ({ name: r.urn.split("::").pop() ?? r.urn, type: r.type, id: r.id, outputs: r.outputs ?? {} }));
  }

  async close(): Promise<void> {
    this.backend.close();
  }
}

/**
 * The plan as the CLI's text display shows it (`~ CallbackTemplate streams update
 * [diff: ~streamEndNotifyUrl]`), then the errors and the summary, from the event stream.
 */
export function renderEvents(command: Command, events: CliEvents): string {
  const symbol: Record<string, string> = { create: "+", update: "~", replace: "+-", delete: "-", same: " ", drift: "~", gone: "-", read: ">" };
  const lines = events.steps.map((step) => {
    const diff = step.diffs.length ? ` [diff: ${step.diffs.join(", ")}]` : "";
    return ` ${symbol[step.op] ?? "?"}  ${step.type} ${step.name} ${step.op}${step.failed ? " failed" : ""}${diff}`;
  });
  for (const error of events.errors) lines.push(`error: ${error}`);
  const counts = countSteps(events.steps);
  lines.push(`${command}: ${events.result ?? (events.errors.length ? "failed" : "done")} (${Object.entries(counts).map(([op, n]) => `${n} ${op}`).join(", ") || "no resources"})`);
  return lines.join("\n");
}
