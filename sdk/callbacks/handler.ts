/**
 * A `node:http` request listener for Tencent Live callbacks: reads at most 1 MiB,
 * parses, verifies the signature, hands the event over, and answers — `200 {"code":0}`
 * at once, so a slow handler never makes Tencent time out (20 s) and retry.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CallbackEventError, parseCallbackEvent, type CallbackEvent, type CallbackEventType } from "../../live-api/callback-events";
import { verifyCallbackSignature, type SignatureFailure } from "./signature";

/** Largest body accepted. Real callbacks are a few KB. */
export const MAX_CALLBACK_BODY_BYTES = 1024 * 1024;

/** Options of {@link createCallbackHandler}. */
export interface CallbackHandlerOptions {
  /** The template's `callbackKey`; every signed event is verified with it. */
  readonly callbackKey: string;
  /** Receives each verified event. Not awaited before answering; a rejection goes to `onError`. */
  readonly onEvent: (event: CallbackEvent, request: IncomingMessage) => void | Promise<void>;
  /**
   * Accept events that carry no signature. Tencent's push-exception reports (321) are
   * unsigned; `true` accepts any unsigned event, a list accepts those types only.
   * Default: none. An event that does carry a signature is always verified.
   */
  readonly allowUnsigned?: boolean | readonly CallbackEventType[];
  /** Called when `onEvent` throws or rejects, or a request cannot be read. */
  readonly onError?: (error: unknown) => void;
  /** Called for every refused request, with the status and the reason. */
  readonly onRejected?: (status: number, reason: string) => void;
  /** The current time, for tests. */
  readonly now?: () => Date | number;
}

type Listener = (request: IncomingMessage, response: ServerResponse) => void;

function answer(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  if (response.headersSent || response.writableEnded) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) return resolve("too-large");
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    request.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    request.on("error", reject);
  });
}

/**
 * Creates a request listener for `http.createServer(...)` (or any framework that passes
 * Node's request and response). It answers:
 * - 200 `{"code":0}` once the event is verified and handed to `onEvent`;
 * - 401 for a missing, wrong or expired signature;
 * - 400 for a body that is not a callback event;
 * - 413 for a body over 1 MiB; 405 for anything but POST.
 * It never throws, whatever arrives.
 */
export function createCallbackHandler(options: CallbackHandlerOptions): Listener {
  const reject = (response: ServerResponse, status: number, reason: string) => {
    options.onRejected?.(status, reason);
    answer(response, status, { code: status, message: reason });
  };
  const unsignedAllowed = (type: CallbackEventType) =>
    options.allowUnsigned === true || (Array.isArray(options.allowUnsigned) && options.allowUnsigned.includes(type));

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST") {
      response.setHeader("allow", "POST");
      return reject(response, 405, "callbacks are POST requests");
    }
    const body = await readBody(request, MAX_CALLBACK_BODY_BYTES);
    if (body === "too-large") {
      reject(response, 413, "the body is larger than 1 MiB");
      // Stop reading the rest of an oversized body.
      request.destroy();
      return;
    }
    let event: CallbackEvent;
    try {
      event = parseCallbackEvent(body);
    } catch (error) {
      return reject(response, 400, error instanceof CallbackEventError ? error.message : "malformed callback body");
    }
    const unsigned = event.sign === undefined && event.t === undefined;
    if (!(unsigned && unsignedAllowed(event.event_type))) {
      const check = verifyCallbackSignature(event, options.callbackKey, { now: options.now?.() });
      if (!check.ok) return reject(response, 401, `${check.reason as SignatureFailure}: ${check.message}`);
    }
    try {
      const handed = options.onEvent(event, request);
      if (handed && typeof (handed as Promise<void>).catch === "function") {
        (handed as Promise<void>).catch((error) => options.onError?.(error));
      }
    } catch (error) {
      options.onError?.(error);
    }
    answer(response, 200, { code: 0 });
  };

  return (request, response) => {
    handle(request, response).catch((error) => {
      options.onError?.(error);
      answer(response, 400, { code: 400, message: "the request could not be read" });
    });
  };
}
