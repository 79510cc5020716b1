/**
 * Calls the emulator the way an official SDK would: a TC3-signed `POST /` over real
 * HTTP, signed with the project's own signer. Every knob an auth test needs (host and
 * service in the scope, timestamp, headers, a body that differs from the signed one)
 * can be turned.
 */
import { request } from "node:http";
import { LIVE_API_VERSION, LIVE_SERVICE, tc3Authorization } from "../../live-api/tc3";

/** How an official SDK fills in the signed host and the scope's service for a custom endpoint. */
export type SigningStyle =
  /** Host without port, service `live` (the documented form). */
  | "documented"
  /** Host without port, service = first dot-label of the host (Node.js SDK). */
  | "node-sdk"
  /** Host with port as sent, service `live` (Go SDK). */
  | "go-sdk";

/** An answer as seen on the wire. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  /** `text` parsed as JSON, or `undefined` when it is not JSON. */
  readonly json: any;
}

/** One signed call. */
export interface SignedRequest {
  /** Emulator base URL, e.g. `http://127.0.0.1:43127`. */
  readonly url: string;
  readonly secretId: string;
  readonly secretKey: string;
  readonly action: string;
  /** Parameters; serialized with `JSON.stringify`. Ignored when `rawBody` is set. */
  readonly params?: unknown;
  /** Exact body bytes to send instead of `params`. */
  readonly rawBody?: string | Buffer;
  /** Body to sign instead of the one sent (to tamper with a signed body). */
  readonly signedBody?: string | Buffer;
  /** Default `documented`. */
  readonly style?: SigningStyle;
  /** Overrides the host put in the signature (wins over `style`). */
  readonly signingHost?: string;
  /** Overrides the service put in the scope (wins over `style`). */
  readonly service?: string;
  /** Unix seconds; default now. */
  readonly timestamp?: number;
  /** X-TC-Token to send. */
  readonly token?: string;
  /** Header overrides; `undefined` removes a header (e.g. `Authorization`). */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** Abort the call (client-side timeout). */
  readonly signal?: AbortSignal;
}

/** The signed host and service an SDK of `style` would use for Host header `host`. */
export function signingScopeFor(style: SigningStyle, host: string): { host: string; service: string } {
  const hostname = host.replace(/:\d+$/, "");
  switch (style) {
    case "documented":
      return { host: hostname, service: LIVE_SERVICE };
    case "node-sdk":
      return { host: hostname, service: hostname.split(".")[0]! };
    case "go-sdk":
      return { host, service: LIVE_SERVICE };
  }
}

/** Sends one signed request and resolves with the raw answer (any HTTP status). */
export function sendSigned(call: SignedRequest): Promise<HttpAnswer> {
  const { headers, body } = signedRequest(call);
  return sendRaw({ url: call.url, method: "POST", path: "/", headers, body, signal: call.signal });
}

/** The headers and body of a signed request, for a test that writes it to a socket itself. */
export function signedRequest(call: SignedRequest): { headers: Record<string, string | undefined>; body: string | Buffer } {
  const body = call.rawBody ?? JSON.stringify(call.params ?? {});
  const hostHeader = call.headers?.Host ?? call.headers?.host ?? new URL(call.url).host;
  const scope = signingScopeFor(call.style ?? "documented", hostHeader);
  const timestamp = call.timestamp ?? Math.floor(Date.now() / 1000);
  const authorization = tc3Authorization({
    secretId: call.secretId,
    secretKey: call.secretKey,
    host: call.signingHost ?? scope.host,
    service: call.service ?? scope.service,
    timestamp,
    body: call.signedBody ?? body,
  });
  const headers: Record<string, string | undefined> = {
    Host: hostHeader,
    "Content-Type": "application/json",
    "X-TC-Action": call.action,
    "X-TC-Version": LIVE_API_VERSION,
    "X-TC-Timestamp": String(timestamp),
    Authorization: authorization,
    ...(call.token !== undefined ? { "X-TC-Token": call.token } : {}),
    ...call.headers,
  };
  return { headers, body };
}

/** One unsigned request with full control of method, path, headers and body. */
export interface RawRequest {
  readonly url: string;
  readonly method?: string;
  readonly path?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string | Buffer;
  readonly signal?: AbortSignal;
}

/** Sends a request and resolves with the answer; rejects on connection errors (e.g. a reset). */
export function sendRaw(call: RawRequest): Promise<HttpAnswer> {
  const target = new URL(call.url);
  const headers = Object.fromEntries(Object.entries(call.headers ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (call.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-length")) {
    headers["Content-Length"] = String(Buffer.byteLength(call.body));
  }
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: call.method ?? "GET",
        path: call.path ?? "/",
        headers,
        // A fresh connection per call: no keep-alive state leaks between tests.
        agent: false,
        signal: call.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on("error", reject);
    req.end(call.body);
  });
}
