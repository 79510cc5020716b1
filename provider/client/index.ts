/** The Tencent Cloud Live API client: signing, transport, retries, errors, credentials. */
export * from "./errors";
export * from "./retry";
export * from "./credentials";
export * from "./transport";
export * from "../../live-api/tc3";
export * from "../../live-api/wire";
export { DOCUMENTED_RATE_LIMITS, RequestPacer, pacingAt, type PacingLimits } from "./pacing";
export { LiveClient, type CallOptions, type CreateRecovery, type LiveClientOptions, type LiveClientStats } from "./live-client";
