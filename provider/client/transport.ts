/**
 * HTTP transport over undici: one keep-alive connection pool per client, explicit
 * connect/headers/body timeouts, and network failures translated into
 * {@link LiveTransportError} with no request data (and so no credential) in the text.
 */
import { Agent, request, type Dispatcher } from "undici";
import { LiveTransportError, type TransportFailure } from "./errors";

/** Timeouts in milliseconds. Each defaults to 30 s. */
export interface TransportTimeouts {
  /** Time to establish the TCP/TLS connection. */
  readonly connectMs?: number;
  /** Time from sending the request to receiving the response headers. */
  readonly headersMs?: number;
  /** Longest pause while receiving the response body. */
  readonly bodyMs?: number;
}

/** Default for each timeout. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** The raw answer of one POST. */
export interface TransportResponse {
  readonly status: number;
  readonly body: string;
}

/** One POST of a signed body to the endpoint. */
export interface Transport {
  post(endpoint: string, headers: Record<string, string>, body: string, action: string): Promise<TransportResponse>;
  close(): Promise<void>;
}

/** Creates the undici transport. A `dispatcher` may be passed to share a pool. */
export function createUndiciTransport(timeouts: TransportTimeouts = {}, dispatcher?: Dispatcher): Transport {
  const connectMs = timeouts.connectMs ?? DEFAULT_TIMEOUT_MS;
  const headersMs = timeouts.headersMs ?? DEFAULT_TIMEOUT_MS;
  const bodyMs = timeouts.bodyMs ?? DEFAULT_TIMEOUT_MS;
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
      let status: number;
      let text: string;
      try {
        const response = await request(`${endpoint}/`, {
          method: "POST",
          headers,
          body,
          dispatcher: pool,
          headersTimeout: headersMs,
          bodyTimeout: bodyMs,
        });
        status = response.statusCode;
        text = await response.body.text();
      } catch (error) {
        throw toTransportError(error, action, endpoint);
      }
      if (status !== 200) {
        throw new LiveTransportError({
          action,
          failure: "http-status",
          status,
          endpoint,
          detail: `HTTP ${status}`,
        });
      }
      return { status, body: text };
    },
    async close() {
      await ownAgent?.close();
    },
  };
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
