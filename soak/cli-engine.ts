/**
 * The soak on the real `pulumi` CLI, driven as a user drives it (cli-driver/): a local
 * file backend and `PULUMI_HOME` in the soak's scratch directory, the `callbacks` program
 * copied into a project whose `node_modules` link to this repository's built package,
 * the stack's `spec` and secret `callbackKey` set with `pulumi config set`, each command
 * `pulumi <up|refresh|destroy> --yes --skip-preview --non-interactive --json` with the
 * CLI's default `--parallel`.
 *
 * After each command:
 * - success is the exit code, and what the user was shown is the first error the CLI's
 *   `--json` event stream reports (cli-driver/cli-events.ts);
 * - the state is `pulumi stack export --show-secrets`, read into the checks' shape
 *   (exported-checkpoint.ts); it is parsed in memory and never written anywhere;
 * - the texts searched for plain secrets are what the CLI printed and every file it
 *   wrote: the stack's state file, its backups and history, the stack's config file.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCliEvents, countSteps } from "../cli-driver/cli-events";
import { CliBackend, findPulumiCli, repositoryModules, type CliStack } from "../cli-driver/pulumi-cli";
import { CALLBACKS_PROGRAM } from "../harness/stack-fixture";
import type { Checkpoint } from "../harness";
import { checkpointFromExport, pendingOperationsOf } from "./exported-checkpoint";
import type { EngineAttempt, EngineCommand, SoakEngine } from "./soak-engine";

const STACK = "soak";
const PROJECT = "callbacks";
/** Linux refuses a single command-line argument longer than 128 KiB; `spec` is one. */
const MAX_ARGUMENT_BYTES = 120_000;

/** Modification times of the regular files under `dir` (symbolic links not followed). */
function filesUnder(dir: string, into = new Map<string, number>()): Map<string, number> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return into;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) filesUnder(path, into);
    else if (entry.isFile()) into.set(path, lstatSync(path).mtimeMs);
  }
  return into;
}

/**
 * Starts a soak engine on the real CLI with its backend and project in `dir`. Throws when
 * no CLI is available (`npm run cli:install`).
 */
export async function cliEngine(dir: string): Promise<SoakEngine> {
  const cli = findPulumiCli();
  if (!cli.available) throw new Error(`--engine cli: the real Pulumi CLI is not available: ${cli.reason}`);
  const backend = CliBackend.create(cli, { dir });
  const stack: CliStack = await backend.stack(CALLBACKS_PROGRAM, repositoryModules(dir), STACK);
  const stored = [join(dir, "backend"), join(dir, "pulumi-home")];
  const configFile = join(stack.projectDir, `Pulumi.${STACK}.yaml`);
  const applied: Record<string, string> = {};

  /** `pulumi config set` for what changed since the last command, as a user edits a stack's config. */
  async function applyConfig(command: EngineCommand): Promise<void> {
    if (Buffer.byteLength(command.spec) > MAX_ARGUMENT_BYTES) {
      throw new Error(`the stack's spec is ${Buffer.byteLength(command.spec)} bytes, too long for one \`pulumi config set\` argument`);
    }
    const plain: Record<string, string> = applied.spec === command.spec ? {} : { spec: command.spec };
    const secret = Object.fromEntries(Object.entries(command.secretConfig).filter(([key, value]) => applied[`secret:${key}`] !== value));
    await stack.setConfig(plain, secret);
    applied.spec = command.spec;
    for (const [key, value] of Object.entries(command.secretConfig)) applied[`secret:${key}`] = value;
  }

  return {
    kind: "cli",
    version: cli.version,
    async run(command: EngineCommand, label: string): Promise<EngineAttempt> {
      await applyConfig(command);
      const before = new Map<string, number>();
      for (const root of stored) filesUnder(root, before);
      const done = await stack.run([command.command, "--yes", "--skip-preview", "--non-interactive", "--json"], { env: command.env });
      const events = parseCliEvents(done.stdout, command.command);
      const ok = done.code === 0;

      const written: Array<{ where: string; text: string }> = [];
      const after = new Map<string, number>();
      for (const root of stored) filesUnder(root, after);
      for (const [path, mtime] of after) {
        if (before.get(path) !== mtime) written.push({ where: `${path.slice(dir.length + 1)} after ${label}`, text: readFileSync(path, "utf8") });
      }

      let checkpoint: Checkpoint | Error | undefined;
      let pendingOperations: string[] = [];
      try {
        const deployment = await stack.exportState(true);
        checkpoint = checkpointFromExport(deployment, PROJECT, STACK);
        pendingOperations = pendingOperationsOf(deployment);
      } catch (error) {
        checkpoint = error instanceof Error ? error : new Error(String(error));
      }
      const shown = events.errors.find((e) => !/^update failed$/i.test(e)) ?? events.errors[0];
      return {
        ok,
        ...(ok ? {} : { failure: shown ?? (done.stderr.trim().split("\n").pop() || `exit code ${done.code}`) }),
        steps: countSteps(events.steps),
        transcript: `${done.commandLine}\n${done.stdout}\n--- stderr ---\n${done.stderr}`,
        texts: [
          { where: `${label} stdout`, text: done.stdout },
          { where: `${label} stderr`, text: done.stderr },
          { where: `Pulumi.${STACK}.yaml after ${label}`, text: readFileSync(configFile, "utf8") },
          ...written,
        ],
        checkpoint,
        pendingOperations,
      };
    },
  };
}
