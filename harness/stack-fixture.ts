/**
 * One engine test's world: a fresh emulator on 127.0.0.1, a temporary checkpoint, a
 * signed client for changing things "outside the stack", and a `run` that drives the
 * `callbacks` program through the harness with the emulator's endpoint and credentials.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "../emulator";
import { LiveClient, LiveCredentials } from "../provider/client";
import { providerEnvFor } from "./provider-env";
import { runPulumi, type Command, type RunPulumiOptions, type RunPulumiResult } from ".";

/** The program most engine tests run; its whole stack is the `spec` config value. */
export const CALLBACKS_PROGRAM = join(__dirname, "programs", "callbacks");
/** A program that uses another stack's template through StackReference and `CallbackTemplate.get`. */
export const CONSUMER_PROGRAM = join(__dirname, "programs", "consumer");

/** The `spec` config of the callbacks program. */
export interface StackSpec {
  templates?: Record<string, Record<string, unknown> & { templateName: string; withCallbackKey?: boolean }>;
  bindings?: Record<
    string,
    {
      domainName: string;
      appName?: string;
      template?: string;
      templateId?: number;
      adopt?: boolean;
      deleteBeforeReplace?: boolean;
      aliases?: string[];
    }
  >;
  /** `CallbackTemplate.get` / `DomainBinding.get` of existing ids, by resource name. */
  gets?: Record<string, { kind: "template" | "binding"; id: string }>;
  /** Every resource gets an explicit `Provider` instead of the default `pulumi-nodejs` one. */
  explicitProvider?: boolean;
}

/** Per-run options on top of the spec. */
export type RunOptions = Partial<Omit<RunPulumiOptions, "env">>;

/** A started fixture. */
export interface StackFixture {
  readonly emulator: RunningEmulator;
  /** A client signed with the emulator's credentials, for changes made outside the stack. */
  readonly client: LiveClient;
  readonly stateFile: string;
  /** A scratch directory removed by `close`. */
  readonly dir: string;
  /** Environment given to the harness: endpoint, credentials, fast retries. */
  readonly env: Record<string, string>;
  /** Runs the callbacks program with `spec` (or any program through `options.programDir`). */
  run(command: Command, spec?: StackSpec, options?: RunOptions): Promise<RunPulumiResult>;
  /** Emulator requests that changed something (Create/Modify/Delete), summed over actions. */
  writeCount(): number;
  /** Every emulator request, summed over actions. */
  requestCount(): number;
  close(): Promise<void>;
}

/** Starts an emulator and a scratch directory. */
export async function startStackFixture(): Promise<StackFixture> {
  const emulator = await startEmulator({ host: "127.0.0.1" });
  const dir = mkdtempSync(join(tmpdir(), "tencent-css-engine-"));
  const stateFile = join(dir, "dev.checkpoint.json");
  const { secretId, secretKey } = emulator.credentials;
  const env = providerEnvFor(emulator);
  const client = new LiveClient({ connection: { credentials: new LiveCredentials(secretId, secretKey), endpoint: emulator.url } });
  const sum = (filter: (action: string) => boolean) =>
    Object.entries(emulator.requestCounts())
      .filter(([action]) => filter(action))
      .reduce((total, [, counts]) => total + counts.received, 0);
  return {
    emulator,
    client,
    stateFile,
    dir,
    env,
    run(command, spec, options = {}) {
      return runPulumi(command, {
        programDir: CALLBACKS_PROGRAM,
        stateFile,
        ...options,
        config: { ...(spec ? { spec: JSON.stringify(spec) } : {}), ...options.config },
        env,
      });
    },
    writeCount: () => sum((action) => /^(Create|Modify|Delete)/.test(action)),
    requestCount: () => sum(() => true),
    async close() {
      await client.close();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `op name` of every step, e.g. `["create hooks", "same b1"]`, sorted. */
export function stepSummary(run: RunPulumiResult): string[] {
  return run.result.steps.map((step) => `${step.op} ${step.name}`).sort();
}

/** The plan line printed for resource `name`, without the leading symbol column. */
export function planLine(run: RunPulumiResult, name: string): string | undefined {
  return run.stdout
    .split("\n")
    .map((line) => line.trim())
    .find((line) => new RegExp(`^\\S+\\s+tencent-css:\\w+ ${name} `).test(line));
}
