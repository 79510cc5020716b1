/**
 * Writing answers: the Tencent envelope for the API, plain JSON for the admin
 * endpoints. Every writer is a no-op once the response is gone (a fault reset the
 * connection, the client hung up), so late writers never throw.
 */
import type { ServerResponse } from "node:http";

/** True while nothing has been answered on `res` and its connection is still open. */
export function writable(res: ServerResponse): boolean {
  return !res.headersSent && !res.writableEnded && !res.destroyed && !res.socket?.destroyed;
}

/** Sends `body` as JSON with `status`. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (!writable(res)) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** A Live API answer as JSON: `{"Response": {...}}`. */
export interface TencentAnswer {
  readonly Response: Record<string, unknown>;
}

/** `{"Response":{...fields,"RequestId"}}`. */
export function tencentSuccess(requestId: string, fields: Record<string, unknown>): TencentAnswer {
  return { Response: { ...fields, RequestId: requestId } };
}

/** `{"Response":{"Error":{"Code","Message"},"RequestId"}}`. */
export function tencentError(requestId: string, error: { readonly code: string; readonly message: string }): TencentAnswer {
  return { Response: { Error: { Code: error.code, Message: error.message }, RequestId: requestId } };
}

/** `{"Response":{...fields,"RequestId"}}` with HTTP 200. */
export function sendTencentSuccess(res: ServerResponse, requestId: string, fields: Record<string, unknown>): void {
  sendJson(res, 200, tencentSuccess(requestId, fields));
}

/**
 * `{"Response":{"Error":{"Code","Message"},"RequestId"}}`. API errors use HTTP 200 like
 * the real service; protocol problems (wrong method, huge body) pass a 4xx `status`.
 */
export function sendTencentError(
  res: ServerResponse,
  requestId: string,
  error: { readonly code: string; readonly message: string },
  status = 200,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, tencentError(requestId, error), headers);
}

/** A non-JSON 5xx such as a gateway would send (injected HTTP faults). */
export function sendPlainStatus(res: ServerResponse, status: number, text: string): void {
  if (!writable(res)) return;
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": String(Buffer.byteLength(text)) });
  res.end(text);
}
