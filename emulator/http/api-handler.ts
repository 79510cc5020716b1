/**
 * The Tencent API surface, `POST /`: parse, authenticate, throttle, inject faults,
 * dispatch by action, wrap in the envelope. No business rule lives here: the
 * service decides what an action does.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { LIVE_API_VERSION } from "../../live-api/tc3";
import { isLiveCallbackAction } from "../actions";
import type { FaultController } from "../faults/controller";
import type { FaultSpec } from "../faults/spec";
import { EmulatorApiError, isEmulatorApiError } from "../model";
import type { LiveCallbackService } from "../service";
import type { RateLimiter } from "../throttle/rate-limiter";
import { discardRemainder, OVERSIZED_BODY_DRAIN_MS, readBody } from "./body";
import { sendJson, sendPlainStatus, sendTencentError, tencentError, tencentSuccess, writable, type TencentAnswer } from "./envelope";
import { isHostileFault, sendHostileAnswer } from "./hostile-answers";
import type { RecentAnswers } from "./recent-answers";
import type { RequestCounter, RequestOutcome } from "./request-counts";
import { verifyTc3, type AcceptedCredential } from "./tc3-verify";

/** What the API handler works with. */
export interface ApiHandlerDeps {
  readonly service: LiveCallbackService;
  /** Accepted credentials by SecretId. */
  readonly credentials: ReadonlyMap<string, AcceptedCredential>;
  /** Clock in Unix milliseconds (signature expiry). */
  readonly now: () => number;
  readonly faults: FaultController;
  readonly rateLimiter: RateLimiter;
  readonly requestCounter: RequestCounter;
  /** Aborted when the emulator closes, so injected delays end with it. */
  readonly lifetime: AbortSignal;
  /** Body size cap in bytes. */
  readonly maxBodyBytes: number;
  /** The last answers sent, for `wrong-request-id` faults. */
  readonly recentAnswers: RecentAnswers;
}

/** Handles one request to the API surface; never rejects. */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, deps: ApiHandlerDeps): Promise<void> {
  const requestId = randomUUID();
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/") {
    drainAndClose(req, res);
    sendTencentError(res, requestId, { code: "InvalidRequest", message: `No API at ${path}; the Live API is served at POST /.` }, 404, {
      Connection: "close",
    });
    return;
  }
  if (req.method !== "POST") {
    drainAndClose(req, res);
    sendTencentError(res, requestId, { code: "UnsupportedProtocol", message: "Only POST with a JSON body is supported." }, 405, {
      Allow: "POST",
      Connection: "close",
    });
    return;
  }
  const read = await readBody(req, deps.maxBodyBytes);
  if (read.kind === "aborted") return;
  if (read.kind === "too-large") {
    discardRemainder(req, deps.maxBodyBytes, OVERSIZED_BODY_DRAIN_MS);
    sendTencentError(
      res,
      requestId,
      { code: "RequestSizeLimitExceeded", message: `The request body exceeds ${deps.maxBodyBytes} bytes.` },
      413,
    );
    return;
  }
  const action = header(req, "x-tc-action");
  const count = (outcome: RequestOutcome) => {
    if (action && isLiveCallbackAction(action)) deps.requestCounter.record(action, outcome);
  };
  try {
    const outcome = await answer(req, res, read.body, action, requestId, deps);
    count(outcome);
  } catch (error) {
    count("failed");
    if (isEmulatorApiError(error)) {
      sendTencentError(res, requestId, error);
    } else {
      sendTencentError(res, requestId, { code: "InternalError", message: `Emulator bug: ${(error as Error).message}` }, 500);
    }
  }
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  action: string | undefined,
  requestId: string,
  deps: ApiHandlerDeps,
): Promise<RequestOutcome> {
  if (!action) throw missingHeader("X-TC-Action");
  const version = header(req, "x-tc-version");
  if (!version) throw missingHeader("X-TC-Version");
  const timestampText = header(req, "x-tc-timestamp");
  if (!timestampText) throw missingHeader("X-TC-Timestamp");
  if (!/^\d{1,12}$/.test(timestampText)) {
    throw new EmulatorApiError("InvalidParameter", "X-TC-Timestamp must be the request time in Unix seconds.");
  }
  const contentType = header(req, "content-type") ?? "";
  if (contentType.split(";")[0]!.trim().toLowerCase() !== "application/json") {
    throw new EmulatorApiError("InvalidRequest", "Content-Type must be application/json.");
  }
  verifyTc3(
    {
      host: header(req, "host") ?? "",
      contentType,
      timestamp: Number(timestampText),
      authorization: header(req, "authorization"),
      token: header(req, "x-tc-token"),
      body,
    },
    deps.credentials,
    deps.now(),
  );
  if (version !== LIVE_API_VERSION) {
    throw new EmulatorApiError("NoSuchVersion", `The Live API version is ${LIVE_API_VERSION}; got ${version}.`);
  }
  if (!isLiveCallbackAction(action)) {
    throw new EmulatorApiError("InvalidAction", `The action ${action} does not exist or is not emulated.`);
  }
  if (!deps.rateLimiter.tryAcquire(action)) {
    sendTencentError(res, requestId, {
      code: "RequestLimitExceeded",
      message: `Too many ${action} requests per second; retry with back-off.`,
    });
    return "throttled";
  }

  const fault = deps.faults.draw(action);
  const hit = { req, res, action, requestId, requestBody: body, deps };
  if (fault && !fault.afterCommit) {
    if (await injectFault(fault, { ...hit, answer: notApplied(requestId) })) return "faulted";
  }
  let result: { ok: true; fields: Record<string, unknown> } | { ok: false; error: EmulatorApiError };
  try {
    result = { ok: true, fields: await deps.service.invoke(action, parseJsonBody(body)) };
  } catch (error) {
    if (!isEmulatorApiError(error)) throw error;
    result = { ok: false, error };
  }
  const answer = result.ok ? tencentSuccess(requestId, result.fields) : tencentError(requestId, result.error);
  if (fault?.afterCommit) {
    if (await injectFault(fault, { ...hit, answer })) return "faulted";
  }
  if (writable(res)) deps.recentAnswers.remember(action, answer);
  sendJson(res, 200, answer);
  if (fault) return "faulted";
  return result.ok ? "succeeded" : "failed";
}

/** The answer a hostile fault before the commit mangles: the service failed, nothing was applied. */
function notApplied(requestId: string): TencentAnswer {
  return tencentError(requestId, { code: "InternalError", message: "Injected by the emulator: the request was not applied." });
}

/** A request hit by a fault, with the answer it would have got. */
interface FaultedRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly action: string;
  readonly requestId: string;
  readonly requestBody: Buffer;
  readonly answer: TencentAnswer;
  readonly deps: ApiHandlerDeps;
}

/** Applies a fault; true when it answered (or killed) the request, false for a delay. */
async function injectFault(fault: FaultSpec, hit: FaultedRequest): Promise<boolean> {
  const { req, res, requestId, deps } = hit;
  if (isHostileFault(fault)) {
    await sendHostileAnswer(fault, { ...hit, recentAnswers: deps.recentAnswers, lifetime: deps.lifetime });
    return true;
  }
  switch (fault.kind) {
    case "error":
      sendTencentError(res, requestId, {
        code: fault.code,
        message: fault.message ?? `Injected by the emulator: ${fault.code}.`,
      });
      return true;
    case "http":
      sendPlainStatus(res, fault.status, `HTTP ${fault.status} injected by the emulator.`);
      return true;
    case "reset":
      req.socket.destroy();
      return true;
    case "delay":
      // The work still happens after the delay even if the client gave up, like a slow
      // server; but not once the emulator has closed, so nothing changes after close().
      await sleep(fault.ms, undefined, { signal: deps.lifetime }).catch(() => undefined);
      if (deps.lifetime.aborted) {
        req.socket.destroy();
        return true;
      }
      return false;
  }
}

function parseJsonBody(body: Buffer): unknown {
  // The SDKs always send at least "{}"; an empty body is read as no parameters.
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new EmulatorApiError("InvalidParameter", "The request body is not valid JSON.");
  }
}

function missingHeader(name: string): EmulatorApiError {
  return new EmulatorApiError("MissingParameter", `The request is missing the ${name} header.`);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// Answers to requests we refuse early must not leave an unread body on a keep-alive socket.
function drainAndClose(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  res.shouldKeepAlive = false;
}
