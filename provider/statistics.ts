/**
 * `TENCENT_CSS_STATS_FILE=<path>` (a diagnostic, see provider/settings.ts): every API
 * request and every client retry of this process is appended to that file as one JSON
 * line, e.g.
 * `{"pid":4242,"event":"retry","action":"CreateLiveCallbackRule","attempt":1,"delayMs":130,"reason":"RequestLimitExceeded"}`.
 * The provider process is stopped with a signal when a command ends, so counters kept in
 * memory would be lost; a line per event survives that. Only action names, Tencent error
 * codes and failure kinds are written, never a request body or a credential.
 */
import { appendFileSync } from "node:fs";
import { LiveApiError, LiveTransportError, type LiveClientOptions } from "./client";

/** The counting hooks of a client. */
export type CountingHooks = Pick<LiveClientOptions, "onRequest" | "onRetry">;

/**
 * Hooks that call `chained`'s and, when `file` is set, write each event to it. The file
 * is that of the settings the client was built from: a changed setting builds a new client.
 */
export function statisticsHooks(file: string | undefined, chained: CountingHooks = {}): CountingHooks {
  const { onRequest, onRetry } = chained;
  if (!file) return { onRequest, onRetry };
  return {
    onRequest: (action) => {
      onRequest?.(action);
      appendStat(file, { event: "request", action });
    },
    onRetry: (event) => {
      onRetry?.(event);
      appendStat(file, { event: "retry", action: event.action, attempt: event.attempt, delayMs: event.delayMs, reason: retryReason(event.error) });
    },
  };
}

function appendStat(file: string, line: Record<string, unknown>): void {
  try {
    appendFileSync(file, `${JSON.stringify({ pid: process.pid, ...line })}\n`);
  } catch {
    // Statistics must never fail a deployment.
  }
}

/** A short, secret-free name for why a request is retried: the Tencent code or the transport failure. */
function retryReason(error: unknown): string {
  if (error instanceof LiveApiError) return error.code;
  if (error instanceof LiveTransportError) return error.failure === "http-status" ? `http-${error.status}` : error.failure;
  return error instanceof Error ? error.name : "unknown";
}
