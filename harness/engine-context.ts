/**
 * What every command shares: the options, the provider process (started once per
 * command, configured first), the engine's limits on concurrent work, the steps and
 * errors so far, and the plan lines printed as steps complete.
 */
import type { Checkpoint } from "./checkpoint";
import { CheckpointWriter } from "./checkpoint-writer";
import { Slots } from "./parallelism";
import { plainMap, secret, type PropertyMap } from "./properties";
import { ProviderCallError, ProviderHost } from "./provider-host";
import type { PulumiModules } from "./pulumi-modules";

/** The four commands the harness plays. */
export type Command = "preview" | "up" | "refresh" | "destroy";

/** What happened to one resource (`discard`: a resource read with `.get` left the stack). */
export type StepOp = "create" | "update" | "replace" | "delete" | "same" | "read" | "refresh" | "discard";

/** One step, as reported in the plan and the JSON result. */
export interface StepRecord {
  readonly op: StepOp;
  readonly urn: string;
  /** Full type token, e.g. `pulumi-nodejs:dynamic/tencent-css:CallbackTemplate`. */
  readonly type: string;
  readonly name: string;
  readonly id?: string;
  /** Changed properties: `~key` changed, `+key` added, `-key` removed. */
  readonly diffs: string[];
  /** Refresh only: the resource no longer exists and was dropped from the stack. */
  readonly gone?: boolean;
  /**
   * Refresh only: the engine counts the resource as changed (its `update`): the provider's
   * Diff of the refreshed state against the program's last inputs found a difference (for
   * a resource read with `.get`, the outputs changed). `diffs` are what the CLI shows.
   */
  readonly drifted?: boolean;
  /** Refresh only: the output properties that changed (`~key`, `+key`, `-key`), secrets compared by value. */
  readonly outputDiffs?: string[];
}

/** One error of a command. */
export interface StepError {
  /** The error as the engine would show it (a provider error's gRPC `details`). */
  readonly message: string;
  readonly urn?: string;
  readonly name?: string;
  readonly op?: StepOp;
}

/** Everything a command needs to know. */
export interface EngineOptions {
  readonly command: Command;
  readonly programDir: string;
  readonly project: string;
  readonly stack: string;
  readonly modules: PulumiModules;
  /** The stack's state before the command. */
  readonly old: Checkpoint;
  /** Stack config, namespaced keys (`tencentcloud:secretId`), secrets as plain strings. */
  readonly config: Record<string, string>;
  /** Create, Update, Delete and Read steps run at once at most (`--parallel`). */
  readonly parallel: number;
  /** Namespaced keys of `config` that are secret. */
  readonly secretKeys: readonly string[];
  /** Checkpoints of other stacks, by fully qualified stack name, for StackReference. */
  readonly stackRefs: ReadonlyMap<string, Checkpoint>;
  /** Environment of the provider process. */
  readonly env: NodeJS.ProcessEnv;
  /**
   * Writes the state atomically (never called by preview). Changes are coalesced: it is
   * called at most once per `saveIntervalMs`, on a failure, and on {@link EngineContext.flushState}.
   */
  readonly save: (checkpoint: Checkpoint) => void;
  /** Minimum time between two saves, ms. Default 250. */
  readonly saveIntervalMs?: number;
  /** Prints one line of the plan. */
  readonly print: (line: string) => void;
}

/** The type the root stack resource has. */
export const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";
const DYNAMIC_PREFIX = "pulumi-nodejs:dynamic";

/** True for resources implemented by a Node dynamic provider. */
export function isDynamicType(type: string): boolean {
  return type === `${DYNAMIC_PREFIX}:Resource` || type.startsWith(`${DYNAMIC_PREFIX}/`) || type.startsWith(`${DYNAMIC_PREFIX}:`);
}

/** `pulumi-nodejs:dynamic/tencent-css:CallbackTemplate` → `tencent-css:CallbackTemplate`. */
export function displayType(type: string): string {
  return type.startsWith(`${DYNAMIC_PREFIX}/`) ? type.slice(DYNAMIC_PREFIX.length + 1) : type;
}

const SYMBOLS: Record<StepOp, string> = { create: "+", update: "~", replace: "+-", delete: "-", same: " ", read: "=", refresh: "~", discard: "<" };

/** Shared state and services of one command. */
export class EngineContext {
  readonly steps: StepRecord[] = [];
  readonly errors: StepError[] = [];
  /** Set by the first failed step: nothing else is changed afterwards. */
  halted = false;
  /** The step generator: Check and Diff, one resource at a time. */
  readonly generator = new Slots(1);
  /** The step executor: at most `--parallel` provider operations at once. */
  readonly executor: Slots;
  /** Set when the provider was configured from the current config (see {@link provider}). */
  private configuredFrom?: "current" | "stored";
  private host?: Promise<ProviderHost>;
  private spawning?: Promise<ProviderHost>;
  private started?: ProviderHost;
  private readonly writer: CheckpointWriter;
  /** The provider process's peak resident memory, read when it is stopped (Linux only). */
  providerPeakRssBytes?: number;

  constructor(readonly options: EngineOptions) {
    this.writer = new CheckpointWriter(options.save, options.saveIntervalMs);
    this.executor = new Slots(options.parallel);
  }

  /** The state changed: `current` builds it as it now stands. Saved within the save interval. */
  stateChanged(current: () => Checkpoint): void {
    if (!this.preview) this.writer.changed(current);
  }

  /** Saves a pending change now. */
  flushState(): void {
    this.writer.flush();
  }

  /** Saves made so far (coalesced). */
  get stateWrites(): number {
    return this.writer.writes;
  }

  /** True for `preview`: no provider writes, no checkpoint writes. */
  get preview(): boolean {
    return this.options.command === "preview";
  }

  /** The URN the engine gives a resource. Children of the stack are not prefixed with its type. */
  urnFor(type: string, name: string, parent: string | undefined): string {
    let qualified = type;
    const parentType = parent?.split("::")[2];
    if (parentType && parentType !== ROOT_STACK_TYPE) qualified = `${parentType}$${type}`;
    return `urn:pulumi:${this.options.stack}::${this.options.project}::${qualified}::${name}`;
  }

  /** The stack resource's URN. */
  get stackUrn(): string {
    return this.urnFor(ROOT_STACK_TYPE, `${this.options.project}-${this.options.stack}`, undefined);
  }

  /**
   * Starts the provider process now, while the program loads (both take seconds); it is
   * configured on first use, as the engine does.
   */
  prestart(): void {
    this.spawning ??= this.spawn();
    this.spawning.catch(() => undefined);
  }

  private async spawn(): Promise<ProviderHost> {
    const { modules, programDir, project, stack, env } = this.options;
    const host = await ProviderHost.start(modules, { programDir, project, stack, env });
    this.started = host;
    return host;
  }

  /**
   * The provider process, started and configured on first use. Like the engine's default
   * `pulumi-nodejs` provider: a program's registrations configure it from the current
   * stack config (`from: "current"`); work on the state alone (refresh, destroy, the
   * deletes of an `up` whose program declares no dynamic resource) from the config stored
   * with the state when the provider was last used, falling back to the current config
   * for a checkpoint that stores none.
   */
  provider(from: "current" | "stored" = "current"): Promise<ProviderHost> {
    this.host ??= (async () => {
      this.configuredFrom = from;
      this.spawning ??= this.spawn();
      const host = await this.spawning;
      const stored = this.options.old.providerConfig;
      const config = from === "stored" && stored ? (plainMap(stored) as Record<string, string>) : this.options.config;
      await host.configure(config);
      return host;
    })();
    return this.host;
  }

  /**
   * The provider config to store with the state: the current config once a program's
   * registration configured the provider (secrets as secrets), else what was stored.
   */
  providerConfigToStore(): PropertyMap | undefined {
    if (this.configuredFrom !== "current") return this.options.old.providerConfig;
    const { config, secretKeys } = this.options;
    return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, secretKeys.includes(key) ? secret(value) : value]));
  }

  /** Calls made to the provider, by method. */
  providerCalls(): Record<string, number> {
    return { ...(this.started?.calls ?? {}) };
  }

  /** The most calls of each provider method that were under way at once. */
  peakConcurrentCalls(): Record<string, number> {
    return { ...(this.started?.peakConcurrentCalls ?? {}) };
  }

  /** Records a completed step and prints its plan line (nothing for an unchanged resource). */
  recordStep(step: StepRecord): void {
    this.steps.push(step);
    if (step.op === "same") return;
    const diff = step.diffs.length ? ` [${step.op === "refresh" ? "drift" : "diff"}: ${step.diffs.join(", ")}]` : "";
    const what = step.op === "refresh" ? (step.gone ? "gone (dropped from the stack)" : step.drifted ? "drifted" : "refreshed") : step.op;
    const symbol = step.op === "refresh" ? (step.gone ? "-" : step.drifted ? "~" : " ") : SYMBOLS[step.op];
    this.options.print(` ${symbol.padEnd(2)} ${displayType(step.type)} ${step.name} ${what}${diff}`);
  }

  /**
   * Records a failed step and prints the error. It halts the command (nothing new starts)
   * unless `halt` is false: refresh reads everything whatever fails, and the engine goes
   * on past a delete refused because the resource is protected.
   */
  fail(error: unknown, about: { urn?: string; name?: string; type?: string; op?: StepOp } = {}, halt = true): StepError {
    const message = error instanceof ProviderCallError || error instanceof Error ? error.message : String(error);
    const recorded: StepError = { message, urn: about.urn, name: about.name, op: about.op };
    this.errors.push(recorded);
    if (halt) this.halted = true;
    // What succeeded before the failure is on disk before anything else happens.
    this.writer.flush();
    const where = about.type && about.name ? `${displayType(about.type)} ${about.name}: ` : "";
    this.options.print(`error: ${where}${about.op ? `${about.op} failed: ` : ""}${message}`);
    return recorded;
  }

  /**
   * Stops the provider process (noting its peak memory) and drops pending saves: the
   * caller writes the final state.
   */
  close(): void {
    this.writer.close();
    if (this.started) this.providerPeakRssBytes = this.started.peakRssBytes();
    this.started?.close();
  }
}

/** Thrown to the runtime for registrations after a failure: the engine stops doing work. */
export class HaltedError extends Error {
  override readonly name = "HaltedError" as const;
  constructor() {
    super("skipped: an earlier step failed");
  }
}

