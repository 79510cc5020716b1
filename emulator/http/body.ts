/**
 * Reading a request body with a size cap. Over the cap, nothing more is buffered: the
 * caller answers 413 and {@link discardRemainder} drops what is still in flight.
 */
import type { IncomingMessage } from "node:http";

/** Largest body accepted: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** How long the rest of an oversized body is drained before the connection is closed, ms. */
export const OVERSIZED_BODY_DRAIN_MS = 2_000;

/** The outcome of reading a body. */
export type BodyResult =
  | { readonly kind: "ok"; readonly body: Buffer }
  | { readonly kind: "too-large" }
  | { readonly kind: "aborted" };

/** Reads `req`'s body, giving up as soon as it exceeds `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ kind: "too-large" });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("aborted", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ kind: "ok", body: Buffer.concat(chunks) });
    const onAbort = () => finish({ kind: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("aborted", onAbort);
  });
}

/**
 * Drops the rest of an oversized body without buffering it, for at most `maxBytes`
 * more bytes or `maxMs` milliseconds, then closes the connection. Closing at once
 * would make the kernel answer the client's pending bytes with a TCP reset, and the
 * client would lose the 413 already on its way; a short bounded drain lets it read it.
 */
export function discardRemainder(req: IncomingMessage, maxBytes: number, maxMs: number): void {
  let discarded = 0;
  const timer = setTimeout(() => req.socket.destroy(), maxMs);
  timer.unref();
  const stop = () => clearTimeout(timer);
  req.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) {
      stop();
      req.socket.destroy();
    }
  });
  req.once("end", stop);
  req.once("close", stop);
  req.resume();
}
