/**
 * The harness command line: plays the Pulumi CLI's engine and the Node language host for
 * `preview`, `up`, `refresh` and `destroy` of one program and one checkpoint file.
 *
 * ```
 * node harness/cli.js <preview|up|refresh|destroy> --program <dir> --state <checkpoint.json>
 *   [--stack dev] [--project name] [--config key=value]... [--secret-config key=value]...
 *   [--stack-ref <org/project/stack>=<checkpoint.json>]... [--parallel N] [--json]
 * ```
 *
 * Exit code 0 when everything succeeded, 1 when a step or the program failed, 2 for
 * usage errors.
 */
import { resolve } from "node:path";
import { emptyCheckpoint, loadCheckpoint, saveCheckpoint, type Checkpoint } from "./checkpoint";
import { Deployment } from "./deployment";
import { EngineContext, type Command, type EngineOptions } from "./engine-context";
import { loadPulumi } from "./pulumi-modules";
import { defaultParallel } from "./parallelism";
import { refresh } from "./refresh";
import { destroy } from "./destroy";
import { ENGINE_BANNER, displayOutputs, outputLines, summaryLine, type HarnessResult } from "./report";
import { readProjectFile } from "./project-file";
import { runProgram } from "./run-program";

const USAGE =
  "usage: node harness/cli.js <preview|up|refresh|destroy> --program <dir> --state <checkpoint.json> " +
  "[--stack dev] [--project name] [--config key=value]... [--secret-config key=value]... " +
  "[--stack-ref <org/project/stack>=<checkpoint.json>]... [--parallel N] [--json]";

interface CliArgs {
  command: Command;
  program: string;
  state: string;
  stack: string;
  project?: string;
  config: Array<[string, string]>;
  secretConfig: Array<[string, string]>;
  stackRefs: Array<[string, string]>;
  parallel?: number;
  json: boolean;
}

class UsageError extends Error {}

function keyValue(flag: string, text: string | undefined): [string, string] {
  const at = text?.indexOf("=") ?? -1;
  if (!text || at <= 0) throw new UsageError(`${flag} needs key=value, got "${text ?? ""}"`);
  return [text.slice(0, at), text.slice(at + 1)];
}

function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (command !== "preview" && command !== "up" && command !== "refresh" && command !== "destroy") {
    throw new UsageError(`unknown command "${command ?? ""}"`);
  }
  const args: Partial<CliArgs> & Pick<CliArgs, "config" | "secretConfig" | "stackRefs"> = {
    command,
    config: [],
    secretConfig: [],
    stackRefs: [],
    json: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!;
    const value = () => {
      const next = rest[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    if (flag === "--program") args.program = value();
    else if (flag === "--state") args.state = value();
    else if (flag === "--stack") args.stack = value();
    else if (flag === "--project") args.project = value();
    else if (flag === "--config") args.config.push(keyValue(flag, value()));
    else if (flag === "--secret-config") args.secretConfig.push(keyValue(flag, value()));
    else if (flag === "--stack-ref") args.stackRefs.push(keyValue(flag, value()));
    else if (flag === "--parallel") {
      const parallel = Number(value());
      if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError("--parallel needs a whole number of at least 1");
      args.parallel = parallel;
    } else if (flag === "--json") args.json = true;
    else throw new UsageError(`unknown option ${flag}`);
  }
  if (!args.program) throw new UsageError("--program is required");
  if (!args.state) throw new UsageError("--state is required");
  return { stack: "dev", ...args } as CliArgs;
}

/** Runs one command; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  const programDir = resolve(args.program);
  const stateFile = resolve(args.state);
  const projectFile = readProjectFile(programDir);
  const project = args.project ?? projectFile.name;
  const namespaced = (key: string) => (key.includes(":") ? key : `${project}:${key}`);
  const config: Record<string, string> = {};
  for (const [key, value] of args.config) config[namespaced(key)] = value;
  for (const [key, value] of args.secretConfig) config[namespaced(key)] = value;
  const secretKeys = args.secretConfig.map(([key]) => namespaced(key));
  const stackRefs = new Map<string, Checkpoint>();
  for (const [name, file] of args.stackRefs) {
    const other = loadCheckpoint(resolve(file));
    if (!other) throw new Error(`--stack-ref ${name}: ${file} does not exist`);
    stackRefs.set(name, other);
  }
  const old = loadCheckpoint(stateFile) ?? emptyCheckpoint(project, args.stack);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const options: EngineOptions = {
    command: args.command,
    programDir,
    project,
    stack: args.stack,
    modules: loadPulumi(programDir),
    old,
    config,
    secretKeys,
    parallel: args.parallel ?? defaultParallel(process.env),
    stackRefs,
    env: process.env,
    save: (checkpoint) => saveCheckpoint(stateFile, checkpoint),
    print,
  };

  print(ENGINE_BANNER);
  const verb = { preview: "Previewing update", up: "Updating", refresh: "Refreshing", destroy: "Destroying" }[args.command];
  print(`${verb} (${args.stack}):`);

  let context: EngineContext | undefined;
  // Saves are coalesced (see checkpoint-writer.ts): on Ctrl-C or a kill, write what is pending first.
  const interrupted = (signal: NodeJS.Signals) => {
    context?.flushState();
    context?.close();
    process.stderr.write(`${args.command} interrupted by ${signal}; the checkpoint holds every step that completed\n`);
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  let final: Checkpoint;
  if (args.command === "preview" || args.command === "up") {
    const deployment = new Deployment(options);
    context = deployment;
    deployment.prestart();
    const programErrors = await runProgram(options.modules, deployment, { programDir, project: projectFile, config, secretKeys });
    for (const error of programErrors) {
      const message = error instanceof Error ? error.message : String(error);
      // Errors the runtime raises for a failed step repeat the step's own message.
      // (A preview's step errors carry the engine's "Preview failed: " prefix; the runtime's echo does not.)
      const echoes =
        deployment.errors.some((e) => message.includes(e.message.replace(/^Preview failed: /, ""))) || /skipped: an earlier step failed/.test(message);
      if (!echoes) deployment.fail(error instanceof Error && !deployment.errors.length ? (error.stack ?? message) : message);
    }
    if (!deployment.errors.length) await deployment.finish();
    final = deployment.checkpoint();
    if (args.command === "preview") {
      const outputs = deployment.currentStackOutputs();
      if (outputs) final = { ...final, stackOutputs: outputs };
    }
  } else {
    context = new EngineContext(options);
    if (old.resources.some((r) => r.custom && !r.external)) context.prestart();
    final = args.command === "refresh" ? await refresh(context) : await destroy(context);
  }
  process.off("SIGINT", interrupted);
  process.off("SIGTERM", interrupted);
  context.close();
  if (args.command !== "preview") saveCheckpoint(stateFile, final);

  const stackOutputs = displayOutputs(final.stackOutputs);
  for (const line of outputLines(stackOutputs)) print(line);
  print(summaryLine(args.command, context.steps));
  const ok = context.errors.length === 0;
  if (!ok) print(`${args.command} failed: ${context.errors.length} error(s)`);
  if (args.json) {
    const result: HarnessResult = {
      command: args.command,
      ok,
      steps: context.steps,
      errors: context.errors,
      providerCalls: context.providerCalls(),
      stackOutputs,
      stats: {
        stateWrites: context.stateWrites + (args.command === "preview" ? 0 : 1),
        harnessPeakRssBytes: process.resourceUsage().maxRSS * 1024,
        ...(context.providerPeakRssBytes !== undefined ? { providerPeakRssBytes: context.providerPeakRssBytes } : {}),
        peakConcurrentCalls: context.peakConcurrentCalls(),
      },
    };
    print(JSON.stringify(result));
  }
  return ok ? 0 : 1;
}
