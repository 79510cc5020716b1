/**
 * Options of {@link startEmulator} and their defaults.
 */
import { randomBytes, randomInt } from "node:crypto";
import type { FaultSpec } from "./faults/spec";
import { DEFAULT_POLICY, type InUseCode, type ModelPolicy, type TemplateNotFoundCode } from "./model";
import type { RateLimits } from "./throttle/rate-limiter";
import type { AcceptedCredential } from "./http/tc3-verify";
import type { DeliverySettings } from "./events/simulator";

/** A key pair the emulator accepts. With `token`, requests must send it as `X-TC-Token`. */
export type EmulatorCredential = AcceptedCredential;

/** How to start an emulator. Every field is optional. */
export interface EmulatorOptions {
  /** Interface to listen on. Default `127.0.0.1` (loopback: the admin surface has no auth). */
  readonly host?: string;
  /** TCP port. Default `0`: a free port, read it from the returned `port`/`url`. */
  readonly port?: number;
  /** Accepted credentials: one or a list. Default: one random `AKID…` pair. */
  readonly credentials?: EmulatorCredential | readonly EmulatorCredential[];
  /** JSON file to load state from at start and save every change to. Default: memory only. */
  readonly stateFile?: string;
  /** Rate limit in requests per second for every action. Default: none. */
  readonly rps?: number;
  /** Per-action limits (override `rps`), or `"tencent"` for 200/s writes and 500/s Describes. */
  readonly rateLimits?: RateLimits;
  /** PRNG seed for faults with a `rate`. Default: random (shown by `GET /_emulator/faults`). */
  readonly seed?: number;
  /** Faults active from the start, in JSON or string form (see emulator/README.md). */
  readonly faults?: ReadonlyArray<FaultSpec | string>;
  /** CreateLiveCallbackRule on a pair that has a rule: `"error"` (default) or `"overwrite"`. */
  readonly ruleConflict?: ModelPolicy["ruleConflict"];
  /** Code for deleting a template that is still bound. Default `FailedOperation.ConfInUsed`. */
  readonly inUseCode?: InUseCode;
  /** Code for an unknown TemplateId. Default `InvalidParameter.ConfNotFound`. */
  readonly templateNotFoundCode?: TemplateNotFoundCode;
  /** Templates per account. Default 50, like the real service. */
  readonly maxTemplates?: number;
  /** Clock in Unix milliseconds (rule times, signature expiry, rate limits). Default `Date.now`. */
  readonly now?: () => number;
  /** Time to receive request headers, ms. Default 10 000. */
  readonly headersTimeoutMs?: number;
  /** Time to receive a whole request, ms. Default 30 000. */
  readonly requestTimeoutMs?: number;
  /**
   * Attempts per simulated event callback (`POST /_emulator/events`), 1 or more.
   * Default: Tencent's count for the event type — 5 for screenshots (200), 12 for the others.
   */
  readonly deliveryAttempts?: number;
  /**
   * Wait between two delivery attempts, ms. Default 200 — much shorter than Tencent's
   * 60 000 (120 000 for screenshots), so tests see retries quickly.
   */
  readonly deliveryIntervalMs?: number;
  /** Time a callback receiver has to answer before the attempt counts as failed, ms. Default 20 000, like Tencent. */
  readonly deliveryTimeoutMs?: number;
}

/** Default wait between delivery attempts, ms. */
export const DEFAULT_DELIVERY_INTERVAL_MS = 200;
/** Default time a receiver has to answer, ms (Tencent's 20 s). */
export const DEFAULT_DELIVERY_TIMEOUT_MS = 20_000;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function randomAlphanumeric(length: number): string {
  return Array.from(randomBytes(length), (b) => ALPHANUMERIC[b % ALPHANUMERIC.length]).join("");
}

/** A fresh random pair shaped like Tencent's: `AKID` + 32 characters, and a 32-character key. */
export function generateCredential(): EmulatorCredential {
  return { secretId: `AKID${randomAlphanumeric(32)}`, secretKey: randomAlphanumeric(32) };
}

/** A random 32-bit seed. */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32 - 1);
}

/** The account rules from `options`, with defaults. */
export function policyFrom(options: EmulatorOptions): ModelPolicy {
  const maxTemplates = options.maxTemplates ?? DEFAULT_POLICY.maxTemplates;
  if (!Number.isInteger(maxTemplates) || maxTemplates < 0) throw new RangeError(`maxTemplates must be a non-negative integer, got ${maxTemplates}`);
  return {
    maxTemplates,
    ruleConflict: options.ruleConflict ?? DEFAULT_POLICY.ruleConflict,
    inUseCode: options.inUseCode ?? DEFAULT_POLICY.inUseCode,
    templateNotFoundCode: options.templateNotFoundCode ?? DEFAULT_POLICY.templateNotFoundCode,
  };
}

/** The credential list from `options`, generating one when none is given. */
export function credentialsFrom(options: EmulatorOptions): readonly EmulatorCredential[] {
  const given = options.credentials === undefined ? [] : Array.isArray(options.credentials) ? options.credentials : [options.credentials];
  const list = given.length > 0 ? (given as readonly EmulatorCredential[]) : [generateCredential()];
  for (const c of list) {
    if (!c.secretId || !c.secretKey) throw new TypeError("every credential needs a non-empty secretId and secretKey");
  }
  return list;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/** The callback delivery settings from `options`, with defaults. */
export function deliverySettingsFrom(options: EmulatorOptions): DeliverySettings {
  const { deliveryAttempts: attempts, deliveryIntervalMs: intervalMs = DEFAULT_DELIVERY_INTERVAL_MS } = options;
  const timeoutMs = options.deliveryTimeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 1)) {
    throw new RangeError(`deliveryAttempts must be a positive integer, got ${attempts}`);
  }
  // Node's timers cannot wait longer than 2^31 - 1 ms (about 24.8 days).
  if (!(intervalMs >= 0 && intervalMs <= MAX_TIMER_MS)) {
    throw new RangeError(`deliveryIntervalMs must be a number from 0 to ${MAX_TIMER_MS}, got ${intervalMs}`);
  }
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(`deliveryTimeoutMs must be a number from 1 to ${MAX_TIMER_MS}, got ${timeoutMs}`);
  }
  return { attempts, intervalMs, timeoutMs };
}
