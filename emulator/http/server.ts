/**
 * The HTTP server: routes `/_emulator/*` to the admin surface and everything else to
 * the API surface, with timeouts so a slow or silent client cannot hold it forever.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { ADMIN_PREFIX, handleAdminRequest, type AdminHandlerDeps } from "./admin-handler";
import { handleApiRequest, type ApiHandlerDeps } from "./api-handler";
import { sendJson } from "./envelope";

/** Server timeouts, in milliseconds. */
export interface ServerTimeouts {
  /** Time to receive the request headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** Idle time before a keep-alive connection is closed. */
  readonly keepAliveTimeoutMs: number;
}

/** Defaults: 10 s for headers, 30 s for the whole request, 5 s keep-alive. */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };

/** Creates (but does not start) the emulator's HTTP server. */
export function createEmulatorServer(deps: ApiHandlerDeps & AdminHandlerDeps, timeouts: ServerTimeouts = DEFAULT_TIMEOUTS): Server {
  const server = createServer(
    {
      headersTimeout: Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs),
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // Node checks the two timeouts above on this interval (default 30 s); check often
      // enough that short timeouts mean what they say.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, timeouts.headersTimeoutMs / 2)),
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const handler = (req.url ?? "").startsWith(ADMIN_PREFIX) ? handleAdminRequest : handleApiRequest;
      handler(req, res, deps).catch((error: unknown) => {
        sendJson(res, 500, { error: (error as Error).message });
      });
    },
  );
  return server;
}
