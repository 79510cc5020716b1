/**
 * The provider process's view of stack configuration, and the Live API client built
 * from it.
 *
 * This module lives in the installed package, not in the serialized provider: its
 * state belongs to the provider process, so the credentials it holds are never written
 * into Pulumi state. Environment variables are read on every call, so a changed
 * environment takes effect on the next command without any stored value going stale.
 */
import { createHash } from "node:crypto";
import { appendFileSync } from "node:fs";
import {
  LiveApiError,
  LiveClient,
  LiveTransportError,
  resolveConnection,
  type LiveCallbackAction,
  type LiveClientOptions,
  type RetryEvent,
  type StackConfig,
} from "./client";

/** The stack config keys this provider reads. */
export const CONFIG_KEYS = [
  "tencentcloud:secretId",
  "tencentcloud:secretKey",
  "tencentcloud:securityToken",
  "tencentcloud:region",
  "tencent-css:endpoint",
] as const;

/** The shape of the `configure` request the dynamic-provider host passes. */
export interface ConfigureRequest {
  readonly config: { get(key: string): string | undefined };
}

let stackConfig: StackConfig = {};
const clients = new Map<string, LiveClient>();
let clientOptions: Omit<LiveClientOptions, "connection" | "sources"> = {};

/** Stores the stack config the engine sent with Configure. Called by the serialized shim. */
export async function configure(request: ConfigureRequest): Promise<void> {
  const next: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = request.config.get(key);
    if (typeof value === "string" && value !== "") next[key] = value;
  }
  stackConfig = next;
}

/** Replaces the stack config directly (tests and tools that host the hooks themselves). */
export function setStackConfig(config: StackConfig): void {
  stackConfig = { ...config };
}

/** Options applied to every client this process creates (timeouts, retry policy, counters). */
export function setClientOptions(options: Omit<LiveClientOptions, "connection" | "sources">): void {
  clientOptions = options;
  clients.clear();
}

/**
 * The client for the current credentials and endpoint, resolved now from stack config
 * and `process.env`. Clients are kept per connection so their keep-alive pool is reused
 * across the many calls of one `pulumi up`.
 */
export function liveClient(): LiveClient {
  const connection = resolveConnection({ config: stackConfig, env: process.env });
  const { credentials, endpoint, region } = connection;
  const key = createHash("sha256")
    .update([endpoint, region ?? "", credentials.secretId, credentials.secretKey, credentials.securityToken ?? ""].join("\0"))
    .digest("hex");
  let client = clients.get(key);
  if (!client) {
    client = new LiveClient({ ...clientOptions, connection, ...overridesFromEnv(), ...statsHooks() });
    clients.set(key, client);
  }
  return client;
}

/**
 * What to do when Tencent refuses the credentials (an `AuthFailure`), by where they came
 * from; `undefined` when none can be resolved.
 *
 * Credentials from stack config are a trap after a rotation: the engine stores the whole
 * stack config with the stack (as the inputs of the default `pulumi-nodejs` provider), and
 * `pulumi refresh` and `pulumi destroy` without `--run-program` configure the provider from
 * that stored copy, not from Pulumi.<stack>.yaml.
 */
export function credentialsAdvice(): string | undefined {
  let source: string | undefined;
  try {
    source = resolveConnection({ config: stackConfig, env: process.env }).credentialsSource;
  } catch {
    return undefined;
  }
  if (source === "stack config") {
    return (
      "These credentials come from stack config (tencentcloud:secretId/secretKey). `pulumi refresh` and `pulumi destroy` use " +
      "the stack config saved with the stack by the last `pulumi up`, not the current Pulumi.<stack>.yaml: if the keys changed " +
      "since, run the command again with `--run-program`, or run `pulumi up` first. " +
      "TENCENT_CSS_CREDENTIALS_SOURCE=environment uses TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY instead."
    );
  }
  if (source === "environment") {
    return "These credentials come from TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY in the environment of the pulumi command.";
  }
  return undefined;
}

/**
 * `TENCENT_CSS_RETRY_BASE_MS`, `TENCENT_CSS_MAX_ATTEMPTS` and `TENCENT_CSS_TIMEOUT_MS`
 * tune back-off and timeouts without code: CI against the emulator wants short waits, a
 * throttled production account long ones.
 */
function overridesFromEnv(): Pick<LiveClientOptions, "retryPolicy" | "timeouts"> {
  const base = Number(process.env.TENCENT_CSS_RETRY_BASE_MS);
  const attempts = Number(process.env.TENCENT_CSS_MAX_ATTEMPTS);
  const timeout = Number(process.env.TENCENT_CSS_TIMEOUT_MS);
  const overrides: { -readonly [K in "retryPolicy" | "timeouts"]?: LiveClientOptions[K] } = {};
  if (timeout > 0) overrides.timeouts = { connectMs: timeout, headersMs: timeout, bodyMs: timeout };
  if (base > 0 || attempts > 0) {
    const current = clientOptions.retryPolicy;
    overrides.retryPolicy = {
      maxAttempts: attempts > 0 ? attempts : (current?.maxAttempts ?? 8),
      baseDelayMs: base > 0 ? base : (current?.baseDelayMs ?? 250),
      maxDelayMs: current?.maxDelayMs ?? 10_000,
      maxElapsedMs: current?.maxElapsedMs ?? 120_000,
    };
  }
  return overrides;
}

/**
 * `TENCENT_CSS_STATS_FILE=<path>`: every API request and every client retry of this
 * process is appended to that file as one JSON line, e.g.
 * `{"pid":4242,"event":"retry","action":"CreateLiveCallbackRule","attempt":1,"delayMs":130,"reason":"RequestLimitExceeded"}`.
 * The provider process is stopped with a signal when a command ends, so counters kept in
 * memory would be lost; a line per event survives that. Only action names, Tencent error
 * codes and failure kinds are written, never a request body or a credential. The
 * variable is read at each event, so it can change between commands.
 */
function statsHooks(): Pick<LiveClientOptions, "onRequest" | "onRetry"> {
  const { onRequest, onRetry } = clientOptions;
  return {
    onRequest: (action: LiveCallbackAction) => {
      onRequest?.(action);
      appendStat({ event: "request", action });
    },
    onRetry: (event: RetryEvent & { action: LiveCallbackAction }) => {
      onRetry?.(event);
      appendStat({ event: "retry", action: event.action, attempt: event.attempt, delayMs: event.delayMs, reason: retryReason(event.error) });
    },
  };
}

function appendStat(line: Record<string, unknown>): void {
  const file = process.env.TENCENT_CSS_STATS_FILE;
  if (!file) return;
  try {
    appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...line })}\n`);
  } catch {
    // Statistics must never fail a deployment.
  }
}

/** A short, secret-free name for why a request is retried: the Tencent code or the transport failure. */
function retryReason(error: unknown): string {
  if (error instanceof LiveApiError) return error.code;
  if (error instanceof LiveTransportError) return error.failure === "http-status" ? `http-${error.status}` : error.failure;
  return error instanceof Error ? error.name : "unknown";
}
