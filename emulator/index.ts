/**
 * A local emulator of the Tencent Cloud CSS (Live) callback API: the eight
 * template and rule actions over real HTTP with TC3 signing, optional durable state,
 * fault injection and rate limits, plus simulated stream events whose callbacks are
 * delivered to the bound template's URLs. See emulator/README.md.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator();
 * // point a client at emulator.url with emulator.credentials
 * await emulator.close();
 * ```
 */
import { setMaxListeners } from "node:events";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { FaultController, type ActiveFault, type InjectedCounts } from "./faults/controller";
import type { FaultSpec } from "./faults/spec";
import { createEmulatorServer, DEFAULT_TIMEOUTS } from "./http/server";
import { MAX_BODY_BYTES } from "./http/body";
import { RecentAnswers } from "./http/recent-answers";
import { RequestCounter, type RequestCounts } from "./http/request-counts";
import { emptyState, type EmulatorState } from "./model";
import { StreamEventSimulator, type DeliveryReport } from "./events/simulator";
import type { SimulatedEvent } from "./events/simulate-request";
import type { DeliveryLogEntry } from "./events/delivery-log";
import { credentialsFrom, deliverySettingsFrom, policyFrom, randomSeed, type EmulatorCredential, type EmulatorOptions } from "./options";
import { StateFile } from "./persistence/state-file";
import { LiveCallbackService } from "./service";
import { RateLimiter, resolveRateLimits } from "./throttle/rate-limiter";

export type { EmulatorCredential, EmulatorOptions } from "./options";
export type { FaultSpec } from "./faults/spec";
export { FaultSpecError, HOSTILE_FAULT_KINDS, parseFault } from "./faults/spec";
export type { ActiveFault, InjectedCounts } from "./faults/controller";
export type { ActionRequestCounts, RequestCounts } from "./http/request-counts";
export type { RateLimits } from "./throttle/rate-limiter";
export type { CallbackRule, CallbackTemplate, EmulatorState, InUseCode, TemplateNotFoundCode } from "./model";
export { EmulatorApiError } from "./model";
export type { DeliveryReport, PreparedEvent } from "./events/simulator";
export type { SimulatedEvent } from "./events/simulate-request";
export type { AttemptOutcome, DeliveryAttempt, DeliveryLogEntry } from "./events/delivery-log";
export { EventSimulationError, isEventSimulationError, type EventSimulationErrorCode } from "./events/errors";
export { EVENT_TYPE_DELIVERY, SIMULATED_EVENT_TYPES, type EventTypeDelivery } from "./events/event-types";

/** Run-time control of the injected faults. */
export interface FaultControl {
  /** The PRNG seed in use. */
  readonly seed: number;
  /** Adds a fault (JSON or string form); throws `FaultSpecError` when invalid. */
  add(fault: FaultSpec | string): ActiveFault;
  /** Removes one fault by id; false when there was none. */
  remove(id: number): boolean;
  /** Removes every fault and zeroes the injection counts. */
  clear(): void;
  /** The active faults with their counters. */
  list(): ActiveFault[];
  /**
   * Injections so far, by action and then by kind (`error:CODE`, `http:503`, `reset`,
   * `delay`, `html:502`, `truncated:honest`, `truncated:lying`, and the other kinds by name).
   */
  injected(): InjectedCounts;
}

/** A started emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:43127`: use it as the client's endpoint. */
  readonly url: string;
  /** The interface it listens on. */
  readonly host: string;
  /** The TCP port it listens on. */
  readonly port: number;
  /** The first accepted credential (the generated one when none was given). */
  readonly credentials: EmulatorCredential;
  /** Every accepted credential. */
  readonly allCredentials: readonly EmulatorCredential[];
  /**
   * Accepts `next` instead of the credentials accepted so far, from the next request on,
   * as a key rotation in the console does: requests signed with a retired SecretId then
   * fail with `AuthFailure.SecretIdNotFound`. `credentials` and `allCredentials` follow.
   */
  rotateCredentials(next: EmulatorCredential | readonly EmulatorCredential[]): void;
  /** Faults control. */
  readonly faults: FaultControl;
  /** Request counts by action (received, succeeded, failed, faulted, throttled). */
  requestCounts(): RequestCounts;
  /** Zeroes the request counts. */
  resetRequestCounts(): void;
  /** A copy of the committed state (templates, rules, next id), in the API's field names. */
  state(): EmulatorState;
  /** Empties templates and rules (persisted when there is a state file); ids keep increasing. */
  reset(): Promise<void>;
  /**
   * Simulates a stream event (what `POST /_emulator/events` does): builds the callback
   * Tencent would send for the rule on (domainName, appName), signs it with the
   * template's CallbackKey, POSTs it to the template's URL for that event type and
   * retries it like Tencent. Resolves once it got HTTP 200, ran out of attempts
   * (`delivered: false`) or the emulator was closed (`cancelled: true`).
   *
   * @throws EventSimulationError - (as a rejection) `InvalidEvent`, `RuleNotFound`,
   *   `NoCallbackUrl` or `LevelNotSubscribed`; nothing was sent.
   */
  simulateEvent(event: SimulatedEvent): Promise<DeliveryReport>;
  /** Every delivery attempt so far (at most the last 1000), oldest first. */
  deliveries(): DeliveryLogEntry[];
  /** Forgets the delivery attempts; returns how many there were. */
  clearDeliveries(): number;
  /**
   * Stops listening, drops every connection (keep-alive ones too), ends pending delays
   * and cancels pending callback deliveries (their reports say `cancelled: true`). Idempotent.
   */
  close(): Promise<void>;
}

/** Starts an emulator and resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const policy = policyFrom(options);
  const deliverySettings = deliverySettingsFrom(options);
  const credentials = credentialsFrom(options);
  const rateLimiter = new RateLimiter(resolveRateLimits(options.rps, options.rateLimits), now);
  const faults = new FaultController(options.seed ?? randomSeed());
  for (const fault of options.faults ?? []) faults.add(fault);
  const stateFile = options.stateFile ? new StateFile(options.stateFile) : undefined;
  const initialState = (await stateFile?.load()) ?? emptyState();
  const service = new LiveCallbackService({ initialState, policy, now, stateFile });
  const requestCounter = new RequestCounter();
  const lifetime = new AbortController();
  // Every delayed request listens for shutdown on this one signal; many at once is normal.
  setMaxListeners(0, lifetime.signal);
  const events = new StreamEventSimulator({
    state: () => service.snapshot(),
    now,
    settings: deliverySettings,
    lifetime: lifetime.signal,
  });

  let accepted = credentials;
  const acceptedById = new Map(credentials.map((c) => [c.secretId, c]));
  const server = createEmulatorServer(
    {
      service,
      credentials: acceptedById,
      now,
      faults,
      rateLimiter,
      requestCounter,
      events,
      lifetime: lifetime.signal,
      maxBodyBytes: MAX_BODY_BYTES,
      recentAnswers: new RecentAnswers(),
    },
    {
      ...DEFAULT_TIMEOUTS,
      ...(options.headersTimeoutMs !== undefined ? { headersTimeoutMs: options.headersTimeoutMs } : {}),
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    },
  );
  const host = options.host ?? "127.0.0.1";
  try {
    await listen(server, options.port ?? 0, host);
  } catch (error) {
    lifetime.abort();
    await events.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    host,
    port,
    get credentials() {
      return accepted[0]!;
    },
    get allCredentials() {
      return accepted;
    },
    rotateCredentials(next) {
      accepted = credentialsFrom({ credentials: next });
      acceptedById.clear();
      for (const c of accepted) acceptedById.set(c.secretId, c);
    },
    faults: {
      seed: faults.seed,
      add: (fault) => faults.add(fault),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
      injected: () => faults.injectedCounts(),
    },
    requestCounts: () => requestCounter.snapshot(),
    resetRequestCounts: () => requestCounter.reset(),
    // A copy, so a caller poking at it cannot change the emulator behind its back.
    state: () => structuredClone(service.snapshot()) as EmulatorState,
    reset: () => service.reset(),
    simulateEvent: (event) => events.simulate(event),
    deliveries: () => events.log.list(),
    clearDeliveries: () => events.log.clear(),
    close() {
      closing ??= (async () => {
        lifetime.abort();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        // Writes already under way finish, so the state file is quiet once close() resolves.
        await service.idle();
        await events.close();
      })();
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
