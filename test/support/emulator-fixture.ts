/**
 * Starts an emulator for a test and closes it afterwards, plus a small client that
 * calls actions with the emulator's own credentials.
 */
import { afterEach } from "vitest";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { sendRaw, sendSigned, type HttpAnswer, type SignedRequest } from "./signed-request";

/** The `Response` object of a Tencent answer. */
export type TencentResponse = { RequestId: string; Error?: { Code: string; Message: string } } & Record<string, any>;

const running = new Set<RunningEmulator>();
// Emulators on a test clock: calls sign with that clock's time so they are not expired.
const clocks = new WeakMap<RunningEmulator, () => number>();

afterEach(async () => {
  await Promise.all([...running].map((e) => e.close()));
  running.clear();
});

/** Starts an emulator that is closed after the current test. */
export async function emulatorForTest(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator(options);
  running.add(emulator);
  if (options.now) clocks.set(emulator, options.now);
  return emulator;
}

/** Calls `action` signed with the emulator's first credential; resolves with the raw answer. */
export function callRaw(
  emulator: RunningEmulator,
  action: string,
  params: unknown = {},
  overrides: Partial<SignedRequest> = {},
): Promise<HttpAnswer> {
  return sendSigned({
    url: emulator.url,
    secretId: emulator.credentials.secretId,
    secretKey: emulator.credentials.secretKey,
    action,
    params,
    timestamp: Math.floor((clocks.get(emulator) ?? Date.now)() / 1000),
    ...overrides,
  });
}

/** Calls `action` and resolves with `Response`, asserting the HTTP 200 envelope. */
export async function call(
  emulator: RunningEmulator,
  action: string,
  params: unknown = {},
  overrides: Partial<SignedRequest> = {},
): Promise<TencentResponse> {
  const answer = await callRaw(emulator, action, params, overrides);
  if (answer.status !== 200 || typeof answer.json?.Response !== "object") {
    throw new Error(`expected a Tencent envelope with HTTP 200, got ${answer.status}: ${answer.text.slice(0, 200)}`);
  }
  return answer.json.Response as TencentResponse;
}

/** The error code of a call, or `undefined` when it succeeded. */
export async function errorCode(
  emulator: RunningEmulator,
  action: string,
  params: unknown = {},
  overrides: Partial<SignedRequest> = {},
): Promise<string | undefined> {
  return (await call(emulator, action, params, overrides)).Error?.Code;
}

/**
 * Creates a template with exactly `settings` (no default URL, so nothing is delivered
 * outside loopback) and binds it to `domainName`/`appName`; resolves with its id.
 */
export async function bindNewTemplate(
  emulator: RunningEmulator,
  domainName: string,
  settings: Record<string, unknown>,
  appName = "live",
): Promise<number> {
  const created = await call(emulator, "CreateLiveCallbackTemplate", { TemplateName: "hooks", ...settings });
  if (created.Error) throw new Error(`create failed: ${created.Error.Code} ${created.Error.Message}`);
  const bound = await call(emulator, "CreateLiveCallbackRule", { DomainName: domainName, AppName: appName, TemplateId: created.TemplateId });
  if (bound.Error) throw new Error(`bind failed: ${bound.Error.Code} ${bound.Error.Message}`);
  return created.TemplateId as number;
}

/** Creates a template with one callback URL and resolves with its id. */
export async function createTemplate(emulator: RunningEmulator, name = "demo", extra: Record<string, unknown> = {}): Promise<number> {
  const response = await call(emulator, "CreateLiveCallbackTemplate", {
    TemplateName: name,
    StreamBeginNotifyUrl: "https://hooks.example.com/begin",
    ...extra,
  });
  if (response.Error) throw new Error(`create failed: ${response.Error.Code} ${response.Error.Message}`);
  return response.TemplateId as number;
}

/** GET/POST/DELETE on an admin endpoint; resolves with status and JSON. */
export async function admin(emulator: RunningEmulator, method: string, path: string, body?: unknown): Promise<HttpAnswer> {
  return sendRaw({
    url: emulator.url,
    method,
    path: `/_emulator/${path}`,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { "Content-Type": "application/json" } } : {}),
  });
}

/** A settable clock for `EmulatorOptions.now`, in Unix milliseconds. */
export class TestClock {
  constructor(public nowMs: number) {}
  /** Pass as `now`. */
  readonly now = (): number => this.nowMs;
  /** Unix seconds, for `X-TC-Timestamp`. */
  get seconds(): number {
    return Math.floor(this.nowMs / 1000);
  }
  advance(ms: number): void {
    this.nowMs += ms;
  }
}
