/**
 * The two engines the demo can walk a stack with, behind one interface: the real
 * `pulumi` CLI (local file backend in a temporary directory) when it is on PATH,
 * otherwise the engine harness in test/harness.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ENGINE_BANNER, readCheckpoint, runProcess, runPulumi, type Command, type ProcessResult, type RunPulumiResult } from "../../test/harness";

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
  readonly counts: ChangeCounts;
  /** Per-resource steps; undefined when the engine only prints them (the CLI). */
  readonly changes?: readonly ResourceChange[];
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
  /** The repository root: the `pulumi-tencent-css` package and its node_modules. */
  readonly repoRoot: string;
  readonly env: Readonly<Record<string, string>>;
}

/** True when a `pulumi` executable is on PATH. */
export function pulumiCliOnPath(): boolean {
  try {
    execFileSync("sh", ["-c", "command -v pulumi"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The CLI when it is installed, otherwise the harness. */
export async function chooseEngine(options: EngineOptions): Promise<DemoEngine> {
  return pulumiCliOnPath() ? PulumiCliEngine.start(options) : HarnessEngine.start(options);
}

/** The engine harness: test/harness/cli.js, the real dynamic-provider process over gRPC. */
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
      counts: harnessCounts(result),
      changes: result.result.steps.map((step) => ({
        name: step.name,
        op: step.op === "refresh" ? (step.gone ? "gone" : step.diffs.length ? "drift" : "same") : step.op,
        diffs: step.diffs,
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
  return ["node test/harness/cli.js", command, "--program examples/basic", ...flags].join(" ");
}

function withoutJsonLine(run: RunPulumiResult): string {
  const lines = run.stdout.trimEnd().split("\n");
  lines.pop();
  return lines.join("\n");
}

function harnessCounts(run: RunPulumiResult): ChangeCounts {
  const counts: ChangeCounts = {};
  for (const step of run.result.steps) {
    const kind = step.op === "refresh" ? (step.gone ? "gone" : step.diffs.length ? "drift" : "same") : step.op === "read" ? undefined : step.op;
    if (kind) counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/**
 * The real Pulumi CLI with a local file backend. The example is copied into a temporary
 * project (the CLI writes `Pulumi.dev.yaml` next to `Pulumi.yaml`) whose node_modules
 * link back to this repository's package and its `@pulumi/pulumi`.
 */
export class PulumiCliEngine implements DemoEngine {
  private applied: StackConfig = { plain: {}, secret: {} };
  private stackIsNew = true;

  private constructor(
    readonly name: string,
    private readonly dir: string,
    private readonly projectDir: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async start(options: EngineOptions): Promise<PulumiCliEngine> {
    const dir = mkdtempSync(join(tmpdir(), "tencent-css-demo-cli-"));
    const projectDir = join(dir, "project");
    const backend = join(dir, "backend");
    mkdirSync(backend, { recursive: true });
    for (const file of ["Pulumi.yaml", "index.ts", "package.json"]) {
      cpSync(join(options.programDir, file), join(projectDir, file));
    }
    const modules = join(projectDir, "node_modules");
    mkdirSync(modules, { recursive: true });
    symlinkSync(options.repoRoot, join(modules, "pulumi-tencent-css"), "dir");
    symlinkSync(join(options.repoRoot, "node_modules", "@pulumi"), join(modules, "@pulumi"), "dir");
    symlinkSync(join(options.repoRoot, "node_modules", "typescript"), join(modules, "typescript"), "dir");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      // The harness transpiles without type checking too; the example is type-checked by `npm run typecheck`.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    };
    const version = execFileSync("pulumi", ["version"], { env, encoding: "utf8" }).trim();
    const engine = new PulumiCliEngine(`Pulumi CLI ${version} (local file backend in ${backend})`, dir, projectDir, env);
    await engine.pulumi(["stack", "init", "dev", "--non-interactive"]);
    return engine;
  }

  private pulumi(args: string[]): Promise<ProcessResult> {
    return runProcess("pulumi", [...args, "--color", "never"], { cwd: this.projectDir, env: this.env });
  }

  private async applyConfig(config: StackConfig): Promise<void> {
    const set = async (key: string, value: string, secret: boolean) => {
      const done = await this.pulumi(["config", "set", "--stack", "dev", ...(secret ? ["--secret"] : ["--plaintext"]), key, value]);
      if (done.code !== 0) throw new Error(`pulumi config set ${key} failed: ${done.stderr}`);
    };
    for (const [key, value] of Object.entries(config.plain)) if (this.applied.plain[key] !== value) await set(key, value, false);
    for (const [key, value] of Object.entries(config.secret)) if (this.applied.secret[key] !== value) await set(key, value, true);
    const wanted = new Set([...Object.keys(config.plain), ...Object.keys(config.secret)]);
    for (const key of [...Object.keys(this.applied.plain), ...Object.keys(this.applied.secret)]) {
      if (!wanted.has(key)) await this.pulumi(["config", "rm", "--stack", "dev", key]);
    }
    this.applied = config;
  }

  async run(command: Command, config: StackConfig): Promise<EngineRun> {
    await this.applyConfig(config);
    const args = [command, "--stack", "dev", "--non-interactive", ...(command === "preview" ? [] : ["--yes", "--skip-preview"])];
    const done = await this.pulumi(args);
    const output = done.stdout.trimEnd();
    const counts = cliCounts(command, output, this.stackIsNew);
    if (command === "up" && done.code === 0) this.stackIsNew = false;
    if (command === "destroy" && done.code === 0) this.stackIsNew = true;
    return { commandLine: `pulumi ${args.join(" ")}`, ok: done.code === 0, output, diagnostics: done.stderr, counts };
  }

  async stackResources(): Promise<StackResource[]> {
    const done = await this.pulumi(["stack", "export", "--stack", "dev"]);
    if (done.code !== 0) throw new Error(`pulumi stack export failed: ${done.stderr}`);
    const exported = JSON.parse(done.stdout) as {
      deployment?: { resources?: Array<{ urn: string; type: string; id?: string; custom?: boolean; outputs?: Record<string, unknown> }> };
    };
    return (exported.deployment?.resources ?? [])
      .filter((r) => r.custom && !r.type.startsWith("pulumi:providers:"))
      .map((r) => ({ name: r.urn.split("::").pop() ?? r.urn, type: r.type, id: r.id, outputs: r.outputs ?? {} }));
  }

  async close(): Promise<void> {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const CLI_WORDS: Record<string, keyof ChangeCounts> = {
  "to create": "create",
  created: "create",
  "to update": "update",
  updated: "update",
  "to replace": "replace",
  replaced: "replace",
  "to delete": "delete",
  deleted: "delete",
  unchanged: "same",
};

/**
 * Reads the `Resources:` block the CLI prints last (`+ 5 to create`, `4 unchanged`, …).
 * The CLI counts the stack resource too: created with the stack's first update, deleted
 * by destroy, unchanged otherwise; it is taken out here so both engines count alike.
 */
export function cliCounts(command: Command, output: string, stackIsNew: boolean): ChangeCounts {
  const block = output.slice(output.lastIndexOf("Resources:"));
  const counts: ChangeCounts = {};
  for (const match of block.matchAll(/^\s*(?:[+~-]+\s*)?(\d+) (to create|created|to update|updated|to replace|replaced|to delete|deleted|unchanged)\b/gm)) {
    let kind = CLI_WORDS[match[2]!]!;
    if (command === "refresh") kind = kind === "update" ? "drift" : kind === "delete" ? "gone" : kind;
    counts[kind] = (counts[kind] ?? 0) + Number(match[1]);
  }
  const stackKind: keyof ChangeCounts = command === "destroy" ? "delete" : stackIsNew && command !== "refresh" ? "create" : "same";
  if (counts[stackKind]) counts[stackKind] -= 1;
  if (counts[stackKind] === 0) delete counts[stackKind];
  return counts;
}
