/**
 * HTTP transport over undici: one keep-alive connection pool per client, explicit
 * connect/headers/body timeouts, a whole-request deadline and a cap on the answer's size,
 * and network failures translated into {@link LiveTransportError} with no request data
 * (and so no credential) in the text. What the answer says is read by `answer.ts`.
 */
import { Agent, request, type Dispatcher } from "undici";
import { LiveResponseError, LiveTransportError, type TransportFailure } from "./errors";

/** Timeouts in milliseconds. Each of the first three defaults to 30 s. */
export interface TransportTimeouts {
  /** Time to establish the TCP/TLS connection. */
  readonly connectMs?: number;
  /** Time from sending the request to receiving the response headers. */
  readonly headersMs?: number;
  /** Longest pause while receiving the response body. */
  readonly bodyMs?: number;
  /**
   * The whole request, from handing it to the pool to the last byte of the answer.
   * Default: the three above added up (90 s with their defaults), so it never cuts short
   * an answer the other timeouts allow, and still ends a body trickled in bytes that each
   * come within `bodyMs` (which only bounds a pause, so a slow drip never trips it).
   */
  readonly requestMs?: number;
}

/** Default for each timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Default cap on an answer's body: 4 MiB. The largest answers the API can give are the
 * lists: DescribeLiveCallbackTemplates holds at most 50 templates (about 30 KiB each even
 * with every field long: 1.5 MiB), and DescribeLiveCallbackRules about 24,000 rules of
 * some 170 bytes in 4 MiB, far more (domain, app) pairs than an account binds. A bigger
 * body is not an answer to these actions, and reading it would only cost memory: a
 * 40 MB one is refused after a tenth of it.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Limits on what the transport reads. */
export interface TransportLimits {
  /** Largest answer body read, in bytes; a bigger one fails with `too-large`. Default {@link DEFAULT_MAX_RESPONSE_BYTES}. */
  readonly maxResponseBytes?: number;
}

/** The raw answer of one POST, whatever its status. */
export interface TransportResponse {
  readonly status: number;
  readonly body: string;
  /** The Content-Type header, when there was one. */
  readonly contentType?: string;
}

/** One POST of a signed body to the endpoint. */
export interface Transport {
  post(endpoint: string, headers: Record<string, string>, body: string, action: string): Promise<TransportResponse>;
  close(): Promise<void>;
}

// The reason the deadline aborts with, told apart from every other failure by identity.
class DeadlinePassed extends Error {}

/** Creates the undici transport. A `dispatcher` may be passed to share a pool. */
export function createUndiciTransport(timeouts: TransportTimeouts = {}, dispatcher?: Dispatcher, limits: TransportLimits = {}): Transport {
  const connectMs = timeouts.connectMs ?? DEFAULT_TIMEOUT_MS;
  const headersMs = timeouts.headersMs ?? DEFAULT_TIMEOUT_MS;
  const bodyMs = timeouts.bodyMs ?? DEFAULT_TIMEOUT_MS;
  const requestMs = timeouts.requestMs ?? connectMs + headersMs + bodyMs;
  const maxBytes = limits.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const ownAgent = dispatcher
    ? undefined
    : new Agent({
        connect: { timeout: connectMs },
        headersTimeout: headersMs,
        bodyTimeout: bodyMs,
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 60_000,
        connections: 64,
      });
  const pool = dispatcher ?? ownAgent!;
  return {
    async post(endpoint, headers, body, action) {
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new DeadlinePassed()), requestMs);
      let status: number | undefined;
      let received = 0;
      let announced: number | undefined;
      try {
        const response = await request(`${endpoint}/`, {
          method: "POST",
          headers,
          body,
          dispatcher: pool,
          headersTimeout: headersMs,
          bodyTimeout: bodyMs,
          signal: deadline.signal,
        });
        status = response.statusCode;
        const length = Number(response.headers["content-length"]);
        announced = Number.isFinite(length) ? length : undefined;
        const chunks: Buffer[] = [];
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          received += chunk.length;
          // Leaving the loop destroys the body, and with it the connection.
          if (received > maxBytes) break;
          chunks.push(chunk);
        }
        if (received > maxBytes) {
          throw unreadable(action, endpoint, status, "too-large", `the body passed ${maxBytes} bytes and was not read further`);
        }
        const contentType = response.headers["content-type"];
        return {
          status,
          body: Buffer.concat(chunks).toString("utf8"),
          ...(contentType === undefined ? {} : { contentType: String(contentType) }),
        };
      } catch (error) {
        if (error instanceof LiveTransportError) throw error;
        if (deadline.signal.aborted) {
          // Before the headers the request may still be running on the server: that is a
          // headers timeout (and a write that had one waits before it is sent again).
          const failure: TransportFailure = status === undefined ? "headers-timeout" : "response-deadline";
          const detail =
            status === undefined
              ? `no answer within the whole-request deadline of ${requestMs} ms`
              : `the answer's body did not finish within the whole-request deadline of ${requestMs} ms (${received} bytes arrived)`;
          throw new LiveTransportError({ action, failure, endpoint, detail });
        }
        if (status !== undefined && isCutShort(error)) {
          const of = announced === undefined ? "" : ` of the ${announced} announced`;
          throw unreadable(action, endpoint, status, "truncated", `the connection closed after ${received} bytes${of}`);
        }
        throw toTransportError(error, action, endpoint);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      await ownAgent?.close();
    },
  };
}

/**
 * A body that could not be read whole: for an API answer (200), a {@link LiveResponseError};
 * for any other status, not an API answer anyway, the `http-status` failure it is.
 */
function unreadable(action: string, endpoint: string, status: number, failure: "too-large" | "truncated", detail: string): LiveTransportError {
  if (status === 200) return new LiveResponseError({ action, failure, detail, endpoint });
  return new LiveTransportError({ action, failure: "http-status", status, endpoint, detail: `HTTP ${status} (${detail})` });
}

// The connection ended while the body was still coming.
function isCutShort(error: unknown): boolean {
  const code = errorCode(error);
  return code === "UND_ERR_SOCKET" || code === "UND_ERR_CLOSED" || code === "ECONNRESET" || code === "EPIPE";
}

const CODE_FAILURES: Record<string, TransportFailure> = {
  UND_ERR_CONNECT_TIMEOUT: "connect-timeout",
  UND_ERR_HEADERS_TIMEOUT: "headers-timeout",
  UND_ERR_BODY_TIMEOUT: "body-timeout",
  UND_ERR_SOCKET: "connection-reset",
  UND_ERR_CLOSED: "connection-reset",
  ECONNRESET: "connection-reset",
  EPIPE: "connection-reset",
  ECONNREFUSED: "connect-refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  ETIMEDOUT: "connect-timeout",
};

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code in CODE_FAILURES) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Maps an undici/Node network error to a transport error; the detail names only the code. */
export function toTransportError(error: unknown, action: string, endpoint: string): LiveTransportError {
  const code = errorCode(error);
  const failure: TransportFailure = code ? CODE_FAILURES[code]! : "other";
  const detail = code ? `${failure.replace("-", " ")} (${code})` : "network error";
  return new LiveTransportError({ action, failure, endpoint, detail, cause: error });
}
