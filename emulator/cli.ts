/**
 * `pulumi-tencent-css emulator`: starts the emulator from the command line, prints
 * its endpoint and credentials, serves until SIGINT/SIGTERM, then shuts down cleanly.
 */
import { parseArgs } from "node:util";
import { IN_USE_CODES, TEMPLATE_NOT_FOUND_CODES, type InUseCode, type TemplateNotFoundCode } from "./model";
import { LIVE_CALLBACK_ACTIONS, type LiveCallbackAction } from "../live-api/actions";
import { parseFault, type FaultSpec } from "./faults/spec";
import { startEmulator, type EmulatorOptions } from "./index";
import type { RateLimits } from "./throttle/rate-limiter";

/** Usage text of the `emulator` subcommand. */
export const EMULATOR_USAGE = `Usage: pulumi-tencent-css emulator [options]

Runs a local Tencent Cloud Live (CSS) callback API emulator.

Options:
  --host HOST                 interface to listen on (default 127.0.0.1)
  --port PORT                 TCP port; 0 picks a free one (default 4566)
  --secret-id ID              accepted SecretId (with --secret-key; default: random)
  --secret-key KEY            accepted SecretKey
  --token TOKEN               require this X-TC-Token (temporary credentials)
  --state-file FILE           load state from FILE and save every change to it
  --rps N                     rate limit for every action, requests/s
  --rate-limit SPEC           "tencent" or ACTION=N; repeatable; overrides --rps per action
  --seed N                    PRNG seed for faults with a rate
  --fault SPEC                ACTION=KIND[,rate=R][,count=N][,after-commit]; repeatable
                              KIND: error:CODE | http:STATUS | reset | delay:MS |
                              non-json | html[:STATUS] | truncated[:honest|lying] |
                              huge[:MB] | wrong-request-id | unknown-fields |
                              missing-fields | slowloris[:MS]
  --rule-conflict MODE        error (default) | overwrite
  --in-use-code CODE          ${IN_USE_CODES.join(" | ")}
  --template-not-found-code CODE
                              ${TEMPLATE_NOT_FOUND_CODES.join(" | ")}
  --max-templates N           templates per account (default 50)
  --delivery-attempts N       attempts per simulated callback (default: Tencent's,
                              5 for screenshots, 12 for the other events)
  --delivery-interval-ms MS   wait between callback attempts (default 200;
                              Tencent waits 60000, 120000 for screenshots)
  --delivery-timeout-ms MS    time a callback receiver has to answer (default 20000)
  -h, --help                  show this help
`;

/** Where the command writes. */
export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** A bad command line; the message goes to stderr above the usage, exit code 2. */
class UsageError extends Error {
  override readonly name = "UsageError";
}

/**
 * Runs the `emulator` subcommand with `argv` (the arguments after `emulator`).
 * Resolves with the exit code: 0 after a clean shutdown, 1 when it cannot start,
 * 2 for a bad command line.
 */
export async function runEmulatorCommand(argv: readonly string[], io: CliIo = process): Promise<number> {
  let options: EmulatorOptions;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === "help") {
      io.stdout.write(EMULATOR_USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    io.stderr.write(`pulumi-tencent-css emulator: ${(error as Error).message}\n\n${EMULATOR_USAGE}`);
    return 2;
  }

  // Listen for signals before printing the endpoint: whoever reads that line may signal
  // at once, and a signal before the handlers exist would kill the process uncleanly.
  const stop = stopSignal();
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (error) {
    stop.cancel();
    io.stderr.write(`pulumi-tencent-css emulator: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  const { secretId, secretKey, token } = emulator.credentials;
  io.stdout.write(
    [
      `Live API emulator listening on ${emulator.url}`,
      `TENCENTCLOUD_SECRET_ID=${secretId}`,
      `TENCENTCLOUD_SECRET_KEY=${secretKey}`,
      ...(token !== undefined ? [`TENCENTCLOUD_SESSION_TOKEN=${token}`] : []),
      `Admin: ${emulator.url}/_emulator/state (fault seed ${emulator.faults.seed})`,
      "",
    ].join("\n"),
  );

  const signal = await stop.received;
  io.stderr.write(`Received ${signal}, shutting down.\n`);
  await emulator.close();
  return 0;
}

/** Resolves with the first SIGINT or SIGTERM; `cancel()` removes the handlers. */
function stopSignal(): { received: Promise<NodeJS.Signals>; cancel(): void } {
  let onSignal: (signal: NodeJS.Signals) => void = () => undefined;
  const cancel = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  const received = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = (signal) => {
      cancel();
      resolve(signal);
    };
  });
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return { received, cancel };
}

function parseCommandLine(argv: readonly string[]): EmulatorOptions | "help" {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      host: { type: "string" },
      port: { type: "string" },
      "secret-id": { type: "string" },
      "secret-key": { type: "string" },
      token: { type: "string" },
      "state-file": { type: "string" },
      rps: { type: "string" },
      "rate-limit": { type: "string", multiple: true },
      seed: { type: "string" },
      fault: { type: "string", multiple: true },
      "rule-conflict": { type: "string" },
      "in-use-code": { type: "string" },
      "template-not-found-code": { type: "string" },
      "max-templates": { type: "string" },
      "delivery-attempts": { type: "string" },
      "delivery-interval-ms": { type: "string" },
      "delivery-timeout-ms": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return "help";
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  if ((values["secret-id"] === undefined) !== (values["secret-key"] === undefined)) {
    throw new UsageError("--secret-id and --secret-key go together");
  }
  if (values.token !== undefined && values["secret-id"] === undefined) {
    throw new UsageError("--token needs --secret-id and --secret-key");
  }
  const faults: FaultSpec[] = (values.fault ?? []).map((spec) => {
    try {
      return parseFault(spec);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  return {
    host: values.host ?? "127.0.0.1",
    port: integer("--port", values.port ?? "4566", 0, 65535),
    ...(values["secret-id"] !== undefined
      ? {
          credentials: {
            secretId: values["secret-id"],
            secretKey: values["secret-key"]!,
            ...(values.token !== undefined ? { token: values.token } : {}),
          },
        }
      : {}),
    ...(values["state-file"] !== undefined ? { stateFile: values["state-file"] } : {}),
    ...(values.rps !== undefined ? { rps: positiveNumber("--rps", values.rps) } : {}),
    ...(values["rate-limit"] ? { rateLimits: rateLimits(values["rate-limit"]) } : {}),
    ...(values.seed !== undefined ? { seed: integer("--seed", values.seed, 0, 2 ** 32 - 1) } : {}),
    faults,
    ...(values["rule-conflict"] !== undefined ? { ruleConflict: oneOf("--rule-conflict", values["rule-conflict"], ["error", "overwrite"] as const) } : {}),
    ...(values["in-use-code"] !== undefined ? { inUseCode: oneOf<InUseCode>("--in-use-code", values["in-use-code"], IN_USE_CODES) } : {}),
    ...(values["template-not-found-code"] !== undefined
      ? {
          templateNotFoundCode: oneOf<TemplateNotFoundCode>(
            "--template-not-found-code",
            values["template-not-found-code"],
            TEMPLATE_NOT_FOUND_CODES,
          ),
        }
      : {}),
    ...(values["max-templates"] !== undefined ? { maxTemplates: integer("--max-templates", values["max-templates"], 0, 1_000_000) } : {}),
    ...(values["delivery-attempts"] !== undefined
      ? { deliveryAttempts: integer("--delivery-attempts", values["delivery-attempts"], 1, 1_000) }
      : {}),
    ...(values["delivery-interval-ms"] !== undefined
      ? { deliveryIntervalMs: integer("--delivery-interval-ms", values["delivery-interval-ms"], 0, 2 ** 31 - 1) }
      : {}),
    ...(values["delivery-timeout-ms"] !== undefined
      ? { deliveryTimeoutMs: integer("--delivery-timeout-ms", values["delivery-timeout-ms"], 1, 2 ** 31 - 1) }
      : {}),
  };
}

function rateLimits(specs: readonly string[]): RateLimits {
  if (specs.includes("tencent")) {
    if (specs.length > 1) throw new UsageError('--rate-limit tencent cannot be combined with other --rate-limit values');
    return "tencent";
  }
  const limits: Partial<Record<LiveCallbackAction, number>> = {};
  for (const spec of specs) {
    const [action, rps] = spec.split("=", 2);
    const name = oneOf<LiveCallbackAction>("--rate-limit action", action ?? "", LIVE_CALLBACK_ACTIONS);
    limits[name] = positiveNumber("--rate-limit", rps ?? "");
  }
  return limits;
}

function integer(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}

function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number, got "${text}"`);
  return value;
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(text)) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}, got "${text}"`);
  return text as T;
}
