/**
 * The real Pulumi CLI, driven as a user drives it: a file backend and `PULUMI_HOME` in a
 * temporary directory, a passphrase, no network, `--non-interactive`. Used by the
 * real-CLI suite (test/cli), the demo and the bench. It does not depend on vitest.
 *
 * Where the CLI comes from: `npm run cli:install` records it in `.pulumi-cli/cli.json`
 * (a build of the pinned version, or a `pulumi` found on PATH); {@link findPulumiCli}
 * reads that record, then falls back to PATH.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { runProcess } from "../harness/run-process";

export const REPO_ROOT = join(__dirname, "..");
/** The passphrase of every stack the tests create (a file backend needs one). */
export const CLI_PASSPHRASE = "tencent-css-tests";

/** Where the real CLI is, or why there is none. */
export type CliLocation =
  | { readonly available: true; readonly binDir: string; readonly pulumi: string; readonly version: string; readonly source: string }
  | { readonly available: false; readonly reason: string };

/** The CLI recorded by `npm run cli:install`, else a `pulumi` on PATH, else why not. */
export function findPulumiCli(): CliLocation {
  const recordFile = join(REPO_ROOT, ".pulumi-cli", "cli.json");
  if (existsSync(recordFile)) {
    const record = JSON.parse(readFileSync(recordFile, "utf8")) as {
      available: boolean;
      reason?: string;
      binDir?: string;
      pulumi?: string;
      version?: string;
      source?: string;
    };
    if (record.available && record.pulumi && existsSync(record.pulumi)) {
      return { available: true, binDir: record.binDir!, pulumi: record.pulumi, version: record.version!, source: record.source ?? "build" };
    }
    if (!record.available) return { available: false, reason: record.reason ?? "npm run cli:install found none" };
  }
  try {
    const pulumi = execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim();
    const version = execFileSync(pulumi, ["version"], { encoding: "utf8" }).trim();
    return { available: true, binDir: dirname(pulumi), pulumi, version, source: "PATH" };
  } catch {
    return { available: false, reason: "no .pulumi-cli/cli.json (run `npm run cli:install`) and no pulumi on PATH" };
  }
}

/** What one CLI command did. */
export interface CliResult {
  /** As a user would type it, secrets replaced by `[secret]`. */
  readonly commandLine: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of {@link CliBackend.create}. */
export interface CliBackendOptions {
  /** Added to the CLI's environment (the provider inherits it): endpoint, credentials, knobs. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the backend, PULUMI_HOME and projects go; a new temporary directory by default. */
  readonly dir?: string;
}

/**
 * A local file backend with its own PULUMI_HOME: the stacks of one test. Several projects
 * and stacks can share it (StackReference needs that).
 */
export class CliBackend {
  private constructor(
    readonly cli: Extract<CliLocation, { available: true }>,
    readonly dir: string,
    private readonly ownsDir: boolean,
    private env: NodeJS.ProcessEnv,
  ) {}

  static create(cli: CliLocation, options: CliBackendOptions = {}): CliBackend {
    if (!cli.available) throw new Error(`the real Pulumi CLI is not available: ${cli.reason}`);
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), "tencent-css-cli-"));
    const backend = join(dir, "backend");
    const home = join(dir, "pulumi-home");
    mkdirSync(backend, { recursive: true });
    mkdirSync(home, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${cli.binDir}:${process.env.PATH ?? ""}`,
      PULUMI_HOME: home,
      PULUMI_BACKEND_URL: `file://${backend}`,
      PULUMI_CONFIG_PASSPHRASE: CLI_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      // Nothing may be downloaded: plugins come from PATH.
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      // Programs are type-checked by `npm run typecheck`; transpiling alone saves seconds per run.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      NO_COLOR: "1",
      ...options.env,
    };
    return new CliBackend(cli, dir, options.dir === undefined, env);
  }

  /** The environment every command runs with (a copy). */
  environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /** Changes the environment of later commands (a key rotation, a new endpoint); `undefined` unsets. */
  setEnv(changes: Readonly<Record<string, string | undefined>>): void {
    const env = { ...this.env, ...changes };
    for (const [key, value] of Object.entries(changes)) if (value === undefined) delete env[key];
    this.env = env;
  }

  /** Runs `pulumi <args>` in `cwd`. */
  async pulumi(args: readonly string[], cwd: string, options: { env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
    const env = { ...this.env, ...options.env };
    const done = await runProcess(this.cli.pulumi, [...args, "--color", "never"], { cwd, env });
    return { commandLine: `pulumi ${args.join(" ")}`, ...done };
  }

  /**
   * Makes a project directory from `programDir` (its Pulumi.yaml and TypeScript sources)
   * whose `node_modules` is `modulesDir`, and creates stack `stack` in it.
   */
  async stack(programDir: string, modulesDir: string, stack = "dev", projectName?: string): Promise<CliStack> {
    const projectDir = join(this.dir, "projects", `${projectName ?? basename(programDir)}-${stack}`);
    copyProgram(programDir, projectDir, modulesDir);
    const created = await this.pulumi(["stack", "init", stack, "--non-interactive"], projectDir);
    if (created.code !== 0) throw new Error(`pulumi stack init ${stack} failed:\n${created.stdout}${created.stderr}`);
    return new CliStack(this, projectDir, stack);
  }

  /** Removes the directory (when it made it). */
  close(): void {
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Copies a program's Pulumi.yaml and sources into `projectDir`, linking `node_modules`. */
export function copyProgram(programDir: string, projectDir: string, modulesDir: string): void {
  mkdirSync(projectDir, { recursive: true });
  cpSync(programDir, projectDir, {
    recursive: true,
    filter: (path) => !/(^|[\\/])(node_modules|Pulumi\.[^.]+\.yaml)$/.test(path.slice(programDir.length)),
  });
  // A project's own package.json would name "file:../.." dependencies; the linked modules are what it uses.
  writeFileSync(join(projectDir, "package.json"), JSON.stringify({ name: basename(projectDir), private: true, main: "index.ts" }, null, 2));
  const yaml = readFileSync(join(projectDir, "Pulumi.yaml"), "utf8");
  // The repository's root Pulumi.yaml runs examples/basic with `main:`; a copied project runs its own index.ts.
  writeFileSync(join(projectDir, "Pulumi.yaml"), yaml.replace(/^main:.*\n?/m, ""));
  if (!existsSync(join(projectDir, "node_modules"))) symlinkSync(modulesDir, join(projectDir, "node_modules"), "dir");
}

/**
 * A `node_modules` in `dir` whose `pulumi-tencent-css` is this repository (its `dist/`),
 * with the repository's `@pulumi` and `typescript`: for projects that run the working
 * tree rather than the packed package (the demo, the bench). Returns its path.
 */
export function repositoryModules(dir: string): string {
  const modules = join(dir, "node_modules");
  mkdirSync(modules, { recursive: true });
  symlinkSync(REPO_ROOT, join(modules, "pulumi-tencent-css"), "dir");
  symlinkSync(join(REPO_ROOT, "node_modules", "@pulumi"), join(modules, "@pulumi"), "dir");
  symlinkSync(join(REPO_ROOT, "node_modules", "typescript"), join(modules, "typescript"), "dir");
  return modules;
}

/** Per-command options. */
export interface CommandOptions {
  /** Extra flags, e.g. `["--diff"]`, `["--target-replace", urn]`. */
  readonly flags?: readonly string[];
  readonly env?: Record<string, string | undefined>;
}

/** One stack of one project. */
export class CliStack {
  constructor(
    readonly backend: CliBackend,
    readonly projectDir: string,
    readonly name: string,
  ) {}

  /** `organization/project/stack` as StackReference names it on a file backend. */
  get qualifiedName(): string {
    const project = /^name:\s*(\S+)/m.exec(readFileSync(join(this.projectDir, "Pulumi.yaml"), "utf8"))?.[1];
    return `organization/${project}/${this.name}`;
  }

  run(args: readonly string[], options: CommandOptions = {}): Promise<CliResult> {
    return this.backend.pulumi([...args, "--stack", this.name, ...(options.flags ?? [])], this.projectDir, { env: options.env });
  }

  /** `pulumi config set` (with `--secret` for secrets; `--plaintext` otherwise, so nothing is guessed). */
  async setConfig(plain: Readonly<Record<string, string>> = {}, secret: Readonly<Record<string, string>> = {}): Promise<void> {
    for (const [key, value] of Object.entries(plain)) await this.mustRun(["config", "set", "--plaintext", key, value]);
    for (const [key, value] of Object.entries(secret)) await this.mustRun(["config", "set", "--secret", key, value]);
  }

  async removeConfig(key: string): Promise<void> {
    await this.mustRun(["config", "rm", key]);
  }

  preview(options: CommandOptions = {}): Promise<CliResult> {
    return this.run(["preview", "--non-interactive"], options);
  }

  /** `pulumi preview --json`, parsed. */
  async previewJson(options: CommandOptions = {}): Promise<{ result: CliResult; preview: PreviewJson }> {
    const result = await this.run(["preview", "--non-interactive", "--json"], options);
    let preview: PreviewJson;
    try {
      preview = JSON.parse(result.stdout) as PreviewJson;
    } catch {
      throw new Error(`pulumi preview --json printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
    }
    return { result, preview };
  }

  up(options: CommandOptions = {}): Promise<CliResult> {
    return this.run(["up", "--yes", "--non-interactive", "--skip-preview"], options);
  }

  refresh(options: CommandOptions = {}): Promise<CliResult> {
    return this.run(["refresh", "--yes", "--non-interactive", "--skip-preview"], options);
  }

  destroy(options: CommandOptions = {}): Promise<CliResult> {
    return this.run(["destroy", "--yes", "--non-interactive", "--skip-preview"], options);
  }

  /**
   * `pulumi stack export`: secrets stay encrypted, as on disk, unless `showSecrets`
   * (`--show-secrets`: each secret as `{<sig>, plaintext: "<JSON>"}`; never print that).
   */
  async exportState(showSecrets = false): Promise<ExportedDeployment> {
    const done = await this.run(["stack", "export", ...(showSecrets ? ["--show-secrets"] : [])]);
    // What a failed --show-secrets export printed may hold secrets: say only why it failed.
    if (done.code !== 0) throw new Error(`${done.commandLine} exited ${done.code}:\n${showSecrets ? "" : `${done.stdout}\n`}${done.stderr}`);
    return (JSON.parse(done.stdout) as { deployment: ExportedDeployment }).deployment;
  }

  /**
   * Changes the stack's state as `pulumi stack export`, an edit, then `pulumi stack import`
   * would: how a test reproduces a state a real run leaves behind only when it is
   * interrupted at a precise moment (two resources claiming one object, a pending delete).
   */
  async editState(edit: (deployment: ExportedDeployment & { resources: ExportedResource[] }) => void): Promise<void> {
    const exported = JSON.parse((await this.mustRun(["stack", "export"])).stdout) as { deployment: ExportedDeployment };
    const deployment = { ...exported.deployment, resources: [...(exported.deployment.resources ?? [])] };
    edit(deployment);
    const file = join(this.backend.dir, `state-edit-${this.name}-${Date.now()}.json`);
    writeFileSync(file, JSON.stringify({ ...exported, deployment }));
    await this.mustRun(["stack", "import", "--file", file]);
  }

  /** `pulumi stack output --json` (`--show-secrets` when asked). */
  async outputs(showSecrets = false): Promise<Record<string, unknown>> {
    const done = await this.mustRun(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])]);
    return JSON.parse(done.stdout) as Record<string, unknown>;
  }

  /** The URN of resource `name` of `type` (a short type such as `CallbackTemplate`). */
  urn(type: "CallbackTemplate" | "DomainBinding", name: string): string {
    const project = /^name:\s*(\S+)/m.exec(readFileSync(join(this.projectDir, "Pulumi.yaml"), "utf8"))?.[1];
    return `urn:pulumi:${this.name}::${project}::pulumi-nodejs:dynamic/tencent-css:${type}::${name}`;
  }

  /** Runs a command and throws with its output when it fails. */
  async mustRun(args: readonly string[], options: CommandOptions = {}): Promise<CliResult> {
    const done = await this.run(args, options);
    if (done.code !== 0) throw new Error(`${done.commandLine} exited ${done.code}:\n${done.stdout}\n${done.stderr}`);
    return done;
  }
}

/** A resource in `pulumi stack export`. */
export interface ExportedResource {
  readonly urn: string;
  readonly type: string;
  readonly custom?: boolean;
  readonly id?: string;
  readonly inputs?: Record<string, unknown>;
  readonly outputs?: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies?: string[];
  readonly propertyDependencies?: Record<string, string[]>;
  /** Read with `Resource.get` (or imported by a StackReference): not managed by this stack. */
  readonly external?: boolean;
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly deletedWith?: string;
  readonly pendingReplacement?: boolean;
  readonly delete?: boolean;
  readonly provider?: string;
}

/** The `deployment` of `pulumi stack export`. */
export interface ExportedDeployment {
  readonly resources?: ExportedResource[];
  readonly pending_operations?: unknown[];
}

/** One step of `pulumi preview --json`. */
export interface PreviewStep {
  readonly op: string;
  readonly urn: string;
  readonly provider?: string;
  readonly oldState?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  readonly newState?: { type?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };
  readonly diffReasons?: string[] | null;
  readonly replaceReasons?: string[] | null;
  readonly detailedDiff?: Record<string, unknown> | null;
}

/** `pulumi preview --json`. */
export interface PreviewJson {
  readonly steps?: PreviewStep[];
  readonly diagnostics?: Array<{ message: string; severity: string; urn?: string }>;
  readonly changeSummary?: Record<string, number>;
}

/** The resource name at the end of a URN. */
export function urnName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}
