/**
 * `npm run demo`: walks examples/basic through a stack's life (the steps are in
 * steps.ts) against the embedded Live API emulator, printing each plan under a header
 * and checking that every step did what it should. The engine is the real `pulumi` CLI
 * whenever one is available (`npm run cli:install`, or PATH), otherwise the engine
 * harness; `--engine cli|harness` chooses. Exit code 0 only when every check
 * passed; 1 at the first step that misbehaved; 2 for bad arguments.
 */
import { join, resolve } from "node:path";
import { FaultSpecError, startEmulator, type RunningEmulator } from "../../emulator";
import { startReceiver } from "../../examples/receiver/server";
import { providerEnvFor } from "../../harness/provider-env";
import { LiveClient, LiveCredentials } from "../../provider/client";
import { chooseEngine, type EngineChoice, type EngineRun } from "./engines";
import { DEMO_CALLBACK_KEY, DEMO_STEPS, type Demo } from "./steps";

const REPO_ROOT = resolve(__dirname, "..", "..");
const PROGRAM_DIR = join(REPO_ROOT, "examples", "basic");

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

/**
 * Runs the walk; resolves to the exit code. Arguments: `--fault SPEC` (repeatable) starts
 * the emulator with that fault active (syntax in emulator/README.md), to see how the walk
 * copes with a misbehaving API: transient faults are retried, others fail the step.
 */
export async function main(argv: readonly string[] = []): Promise<number> {
  const print = (line = "") => process.stdout.write(`${line}\n`);
  const faults: string[] = [];
  let choice: EngineChoice = "auto";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--fault" && argv[i + 1] !== undefined) faults.push(argv[++i]!);
    else if (argv[i] === "--engine" && (argv[i + 1] === "cli" || argv[i + 1] === "harness")) choice = argv[++i] as EngineChoice;
    else {
      process.stderr.write(`usage: node scripts/demo.js [--engine cli|harness] [--fault SPEC]...\n`);
      return 2;
    }
  }
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ host: "127.0.0.1", faults });
  } catch (error) {
    if (!(error instanceof FaultSpecError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const { secretId, secretKey } = emulator.credentials;
  const env = { ...providerEnvFor(emulator), PULUMI_CONFIG_PASSPHRASE: "pulumi-tencent-css-demo" };
  const consoleClient = new LiveClient({ connection: { credentials: new LiveCredentials(secretId, secretKey), endpoint: emulator.url } });
  // The stack's callback URLs point at this receiver (config hooksBaseUrl), so a
  // simulated push reaches a real server that verifies it with the stack's key.
  const receiver = await startReceiver({ callbackKey: DEMO_CALLBACK_KEY, log: (line) => print(`  ${line}`) });
  const engine = await chooseEngine({ programDir: PROGRAM_DIR, env }, choice);
  print(`pulumi-tencent-css demo: examples/basic against the Live API emulator at ${emulator.url}`);
  print(`engine: ${engine.name}`);
  for (const fault of faults) print(`emulator fault: ${fault}`);

  let counted = emulator.requestCounts();
  const since = (filter: (action: string) => boolean) =>
    Object.entries(emulator.requestCounts())
      .filter(([action]) => filter(action))
      .reduce((total, [action, now]) => total + now.received - (counted[action as keyof typeof counted]?.received ?? 0), 0);
  // Never printed by any command, on stdout or in diagnostics, failed commands included.
  const secrets: Record<string, string> = { "callback key": DEMO_CALLBACK_KEY, SecretKey: secretKey, SecretId: secretId };
  // What the demo prints of a command is redacted too, so a leak is reported, not repeated.
  const redacted = (text: string) => Object.values(secrets).reduce((out, secret) => out.split(secret).join("[secret]"), text);
  let failed: string[] = [];
  // stderr of the current step's commands, shown when a check fails.
  const diagnostics: string[] = [];
  const demo: Demo = {
    engine,
    emulator,
    console: consoleClient,
    receiver,
    async run(command, config) {
      const run = await engine.run(command, { ...config, plain: { hooksBaseUrl: receiver.url, ...config.plain } });
      if (run.diagnostics.trim()) diagnostics.push(redacted(run.diagnostics.trimEnd()));
      print(`$ ${run.commandLine}`);
      print(indent(redacted(run.output)));
      const leaked = Object.entries(secrets)
        .filter(([, value]) => run.transcript.includes(value))
        .map(([name]) => name);
      demo.check(leaked.length === 0, "no secret in anything it printed (output and diagnostics)", leaked.length ? `found the ${leaked.join(", ")}` : undefined);
      return run;
    },
    check(ok, what, detail) {
      print(`  ${ok ? "✓" : "✗"} ${what}`);
      if (!ok) {
        failed.push(what);
        if (detail !== undefined) print(indent(`got: ${typeof detail === "string" ? detail : JSON.stringify(detail)}`));
      }
    },
    outside(what) {
      print(`outside the stack: ${what}`);
    },
    writes: () => since((action) => /^(Create|Modify|Delete)/.test(action)),
    requests: () => since(() => true),
  };

  let passed = 0;
  try {
    for (const [index, step] of DEMO_STEPS.entries()) {
      print();
      print(`━━ Step ${index + 1}/${DEMO_STEPS.length}: ${step.title} ━━`);
      counted = emulator.requestCounts();
      failed = [];
      diagnostics.length = 0;
      try {
        await step.run(demo);
      } catch (error) {
        demo.check(false, `the step ran to the end: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      if (failed.length) {
        if (diagnostics.length) print(`stderr of this step's commands:\n${indent(diagnostics.join("\n"))}`);
        print();
        print(`demo FAILED at step ${index + 1} (${step.title}): ${failed.join("; ")}`);
        return 1;
      }
      passed++;
    }
  } finally {
    await engine.close();
    await receiver.close();
    await consoleClient.close();
    await emulator.close();
  }
  print();
  print(`demo passed: ${passed} steps with ${engine.name}`);
  return 0;
}
