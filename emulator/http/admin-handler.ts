/**
 * The admin surface under `/_emulator/`: outside the Tencent API, no TC3, plain JSON.
 *
 * - `GET /_emulator/state`: templates, rules and the id counter.
 * - `POST /_emulator/reset`: empties templates and rules (ids keep increasing).
 * - `GET /_emulator/faults`: seed, active faults with their counters, injections by action and kind.
 * - `POST /_emulator/faults`: adds faults; body is a fault, a fault string, `{"spec":STRING}`, or an array of those.
 * - `DELETE /_emulator/faults`: removes every fault and zeroes the injection counts.
 * - `DELETE /_emulator/faults/ID`: removes one fault.
 * - `GET /_emulator/requests`: request counts by action and in total.
 * - `POST /_emulator/requests/reset`: zeroes the request counts.
 * - `POST /_emulator/events[?wait=false]`: simulates a stream event and delivers its callback.
 * - `GET /_emulator/deliveries`: every delivery attempt, newest last.
 * - `DELETE /_emulator/deliveries`: forgets the delivery attempts.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isEventSimulationError, type EventSimulationErrorCode } from "../events/errors";
import type { StreamEventSimulator } from "../events/simulator";
import type { FaultController } from "../faults/controller";
import { parseFault, type FaultSpec } from "../faults/spec";
import type { LiveCallbackService } from "../service";
import { discardRemainder, OVERSIZED_BODY_DRAIN_MS, readBody } from "./body";
import { sendJson } from "./envelope";
import { totalRequestCounts, type RequestCounter } from "./request-counts";

/** What the admin handler works with. */
export interface AdminHandlerDeps {
  readonly service: LiveCallbackService;
  readonly faults: FaultController;
  readonly requestCounter: RequestCounter;
  readonly events: StreamEventSimulator;
  readonly maxBodyBytes: number;
}

// 404 when there is nothing Tencent would deliver to, 422 when it would not send this event.
const SIMULATION_STATUS: Readonly<Record<EventSimulationErrorCode, number>> = {
  InvalidEvent: 400,
  RuleNotFound: 404,
  NoCallbackUrl: 404,
  LevelNotSubscribed: 422,
};

/** Path prefix of the admin surface. */
export const ADMIN_PREFIX = "/_emulator/";

type Route = (req: IncomingMessage, res: ServerResponse, deps: AdminHandlerDeps, arg?: string) => Promise<void> | void;

const ROUTES: ReadonlyArray<{ readonly path: RegExp; readonly methods: Readonly<Record<string, Route>> }> = [
  { path: /^state$/, methods: { GET: (_q, res, d) => sendJson(res, 200, d.service.snapshot()) } },
  {
    path: /^reset$/,
    methods: {
      POST: async (_q, res, d) => {
        await d.service.reset();
        sendJson(res, 200, { reset: true, nextTemplateId: d.service.snapshot().nextTemplateId });
      },
    },
  },
  {
    path: /^faults$/,
    methods: {
      GET: (_q, res, d) =>
        sendJson(res, 200, { seed: d.faults.seed, faults: d.faults.list(), injected: d.faults.injectedCounts() }),
      POST: addFaults,
      DELETE: (_q, res, d) => {
        const cleared = d.faults.list().length;
        d.faults.clear();
        sendJson(res, 200, { cleared });
      },
    },
  },
  {
    path: /^faults\/(\d+)$/,
    methods: {
      DELETE: (_q, res, d, id) =>
        d.faults.remove(Number(id)) ? sendJson(res, 200, { removed: Number(id) }) : sendJson(res, 404, { error: `no fault ${id}` }),
    },
  },
  {
    path: /^requests$/,
    methods: {
      GET: (_q, res, d) => {
        const byAction = d.requestCounter.snapshot();
        sendJson(res, 200, { byAction, total: totalRequestCounts(byAction) });
      },
    },
  },
  {
    path: /^requests\/reset$/,
    methods: {
      POST: (_q, res, d) => {
        d.requestCounter.reset();
        sendJson(res, 200, { reset: true });
      },
    },
  },
  { path: /^events$/, methods: { POST: simulateEvent } },
  {
    path: /^deliveries$/,
    methods: {
      GET: (_q, res, d) => sendJson(res, 200, { attempts: d.events.log.list() }),
      DELETE: (_q, res, d) => sendJson(res, 200, { cleared: d.events.log.clear() }),
    },
  },
];

/** Handles one request under {@link ADMIN_PREFIX}; never rejects. */
export async function handleAdminRequest(req: IncomingMessage, res: ServerResponse, deps: AdminHandlerDeps): Promise<void> {
  const path = (req.url ?? "").split("?")[0]!.slice(ADMIN_PREFIX.length).replace(/\/$/, "");
  for (const route of ROUTES) {
    const match = route.path.exec(path);
    if (!match) continue;
    const handler = route.methods[req.method ?? ""];
    if (!handler) {
      req.resume();
      sendJson(res, 405, { error: `${req.method} is not allowed here` }, { Allow: Object.keys(route.methods).join(", ") });
      return;
    }
    try {
      await handler(req, res, deps, match[1]);
    } catch (error) {
      sendJson(res, 500, { error: (error as Error).message });
    }
    return;
  }
  req.resume();
  sendJson(res, 404, { error: `no admin endpoint ${ADMIN_PREFIX}${path}` });
}

/** Reads a JSON body; answers 413/400 itself and resolves `undefined` when there is none to use. */
async function readJson(req: IncomingMessage, res: ServerResponse, deps: AdminHandlerDeps, expected: string): Promise<{ value: unknown } | undefined> {
  const read = await readBody(req, deps.maxBodyBytes);
  if (read.kind === "aborted") return undefined;
  if (read.kind === "too-large") {
    discardRemainder(req, deps.maxBodyBytes, OVERSIZED_BODY_DRAIN_MS);
    sendJson(res, 413, { error: "body too large" });
    return undefined;
  }
  try {
    return { value: JSON.parse(read.body.toString("utf8")) };
  } catch {
    sendJson(res, 400, { error: `body must be JSON: ${expected}` });
    return undefined;
  }
}

async function simulateEvent(req: IncomingMessage, res: ServerResponse, deps: AdminHandlerDeps): Promise<void> {
  const wait = new URLSearchParams((req.url ?? "").split("?")[1] ?? "").get("wait") !== "false";
  const read = await readJson(req, res, deps, '{"eventType", "domainName", "appName", "streamId", "fields"?}');
  if (!read) return;
  let prepared;
  try {
    prepared = deps.events.prepare(read.value);
  } catch (error) {
    if (!isEventSimulationError(error)) throw error;
    sendJson(res, SIMULATION_STATUS[error.code], { error: error.message, code: error.code });
    return;
  }
  const report = deps.events.deliver(prepared);
  if (!wait) {
    const { deliveryId, url, eventType, payload } = prepared;
    sendJson(res, 202, { deliveryId, url, eventType, payload });
    return;
  }
  sendJson(res, 200, await report);
}

async function addFaults(req: IncomingMessage, res: ServerResponse, deps: AdminHandlerDeps): Promise<void> {
  const read = await readJson(req, res, deps, 'a fault, a fault string, {"spec":STRING}, or an array of those');
  if (!read) return;
  const body = read.value;
  const inputs = (Array.isArray(body) ? body : [body]).map(unwrapSpec);
  // Validate every fault before adding any, so a bad list changes nothing.
  let specs: FaultSpec[];
  try {
    specs = inputs.map(parseFault);
  } catch (error) {
    sendJson(res, 400, { error: (error as Error).message });
    return;
  }
  sendJson(res, 201, { faults: specs.map((s) => deps.faults.add(s)) });
}

function unwrapSpec(input: unknown): unknown {
  if (typeof input === "object" && input !== null && !Array.isArray(input)) {
    const keys = Object.keys(input);
    if (keys.length === 1 && keys[0] === "spec") return (input as { spec: unknown }).spec;
  }
  return input;
}
