/**
 * Answers of a hostile or broken service, one writer per fault kind: a body that is not
 * JSON, a gateway's HTML page, a JSON body cut in half, tens of MB, an earlier answer sent
 * again, unknown or missing fields, a body trickled byte by byte. Each starts from the
 * answer the request would have got (see {@link HostileAnswerContext.answer}) and never
 * throws; a writer that streams resolves once it finished, the client hung up, or the
 * emulator closed.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { withoutRequiredField, withUnknownFields } from "../faults/answer-mutations";
import {
  DEFAULT_HTML_STATUS,
  DEFAULT_HUGE_MEGABYTES,
  DEFAULT_SLOWLORIS_MS,
  HOSTILE_FAULT_KINDS,
  type FaultSpec,
} from "../faults/spec";
import { sendJson, writable, type TencentAnswer } from "./envelope";
import type { RecentAnswers } from "./recent-answers";

/** The fault kinds written here. */
export type HostileFault = Extract<
  FaultSpec,
  { kind: "non-json" | "html" | "truncated" | "huge" | "wrong-request-id" | "unknown-fields" | "missing-fields" | "slowloris" }
>;

const HOSTILE_KINDS: ReadonlySet<FaultSpec["kind"]> = new Set(HOSTILE_FAULT_KINDS);

/** True for the kinds {@link sendHostileAnswer} writes. */
export function isHostileFault(fault: FaultSpec): fault is HostileFault {
  return HOSTILE_KINDS.has(fault.kind);
}

/** What a hostile answer is made from. */
export interface HostileAnswerContext {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly action: string;
  /** The request's body: the pages of a debugging gateway quote it. */
  readonly requestBody: Buffer;
  /**
   * The answer the request would have got: an `InternalError` before the commit (nothing
   * was applied), the action's real answer after it.
   */
  readonly answer: TencentAnswer;
  readonly recentAnswers: RecentAnswers;
  /** Aborted when the emulator closes: streams stop. */
  readonly lifetime: AbortSignal;
}

// A RequestId no request ever had, for a `wrong-request-id` fault with no earlier answer to send.
const NIL_REQUEST_ID = "00000000-0000-0000-0000-000000000000";
const PADDING_CHUNK = Buffer.alloc(64 * 1024, "x");
// Gateways quote at most this much of the request they failed to pass on.
const ECHOED_BODY_BYTES = 1024;

/** Writes the answer of a hostile `fault`. */
export async function sendHostileAnswer(fault: HostileFault, context: HostileAnswerContext): Promise<void> {
  const { res, answer } = context;
  switch (fault.kind) {
    case "non-json":
      return sendText(res, 200, "text/plain; charset=utf-8", `Request rejected by the upstream filter. ${echoOfRequest(context)}\n`);
    case "html":
      return sendText(res, fault.status ?? DEFAULT_HTML_STATUS, "text/html", gatewayPage(fault.status ?? DEFAULT_HTML_STATUS, context));
    case "truncated":
      return sendTruncated(context, fault.contentLength ?? "honest");
    case "huge":
      return sendPadded(context, (fault.megabytes ?? DEFAULT_HUGE_MEGABYTES) * 1024 * 1024);
    case "wrong-request-id":
      return sendJson(res, 200, context.recentAnswers.earlierAnswer(context.action) ?? relabelled(answer, NIL_REQUEST_ID));
    case "unknown-fields":
      return sendJson(res, 200, withUnknownFields(answer));
    case "missing-fields":
      return sendJson(res, 200, withoutRequiredField(answer));
    case "slowloris":
      return sendTrickled(context, fault.ms ?? DEFAULT_SLOWLORIS_MS);
  }
}

function relabelled(answer: TencentAnswer, requestId: string): TencentAnswer {
  return { Response: { ...answer.Response, RequestId: requestId } };
}

// What a debugging gateway prints about the request it could not pass on: the signature
// and the body (callback key included). A client that quotes the answer must redact it.
function echoOfRequest({ req, requestBody }: HostileAnswerContext): string {
  const token = req.headers["x-tc-token"];
  return (
    `Authorization: ${req.headers.authorization ?? "(none)"}` +
    (token ? ` X-TC-Token: ${String(token)}` : "") +
    ` Body: ${requestBody.subarray(0, ECHOED_BODY_BYTES).toString("utf8")}`
  );
}

function gatewayPage(status: number, context: HostileAnswerContext): string {
  const title = `${status} ${STATUS_CODES[status] ?? "Error"}`;
  // "--" would end the comment early.
  const echo = echoOfRequest(context).replace(/--/g, "- -");
  return (
    `<!DOCTYPE html>\n<html>\n<head><title>${title}</title></head>\n<body>\n` +
    `<center><h1>${title}</h1></center>\n<hr><center>nginx</center>\n<!-- upstream request: ${echo} -->\n</body>\n</html>\n`
  );
}

function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  if (!writable(res)) return;
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": String(Buffer.byteLength(text)) });
  res.end(text);
}

async function sendTruncated({ req, res, answer }: HostileAnswerContext, contentLength: "honest" | "lying"): Promise<void> {
  if (!writable(res)) return;
  const full = Buffer.from(JSON.stringify(answer));
  const half = full.subarray(0, Math.floor(full.length / 2));
  const headers = { "Content-Type": "application/json; charset=utf-8" };
  if (contentLength === "honest") {
    res.writeHead(200, { ...headers, "Content-Length": String(half.length) });
    res.end(half);
    return;
  }
  // Announce the whole answer, send half, hang up: what a proxy dying mid-answer does.
  res.writeHead(200, { ...headers, "Content-Length": String(full.length) });
  await new Promise<void>((resolve) => {
    res.once("close", resolve);
    res.write(half, () => req.socket.destroy());
  });
}

/** `{"Response":{"EmulatorPadding":"xxx…", <the answer's fields>}}`, `paddingBytes` of x, chunked. */
async function sendPadded({ res, answer, lifetime }: HostileAnswerContext, paddingBytes: number): Promise<void> {
  if (!writable(res)) return;
  const json = JSON.stringify(answer);
  const opening = '{"Response":{';
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
  const gone = connectionGone(res, lifetime);
  const write = async (chunk: Buffer | string) => {
    if (!res.write(chunk)) await drained(res, gone);
  };
  await write(`${opening}"EmulatorPadding":"`);
  for (let sent = 0; sent < paddingBytes && !gone.aborted; sent += PADDING_CHUNK.length) {
    await write(PADDING_CHUNK.subarray(0, Math.min(PADDING_CHUNK.length, paddingBytes - sent)));
  }
  if (gone.aborted) return;
  res.end(`",${json.slice(opening.length)}`);
}

/** Headers at once, then one body byte every `ms`: bounded by no pause-based timeout. */
async function sendTrickled({ res, answer, lifetime }: HostileAnswerContext, ms: number): Promise<void> {
  if (!writable(res)) return;
  const body = Buffer.from(JSON.stringify(answer));
  res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(body.length) });
  res.flushHeaders();
  const gone = connectionGone(res, lifetime);
  for (let i = 0; i < body.length; i++) {
    await sleep(ms, undefined, { signal: gone }).catch(() => undefined);
    if (gone.aborted) return;
    res.write(body.subarray(i, i + 1));
  }
  res.end();
}

/** Aborted when the client hangs up or the emulator closes. */
function connectionGone(res: ServerResponse, lifetime: AbortSignal): AbortSignal {
  const closed = new AbortController();
  res.once("close", () => closed.abort());
  return AbortSignal.any([closed.signal, lifetime]);
}

function drained(res: ServerResponse, gone: AbortSignal): Promise<void> {
  if (gone.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      gone.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    gone.addEventListener("abort", done, { once: true });
  });
}
