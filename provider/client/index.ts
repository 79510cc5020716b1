/** The Tencent Cloud Live API client: signing, transport, retries, errors, credentials. */
export * from "./errors";
export * from "./retry";
export * from "./credentials";
export * from "./transport";
export * from "./tc3";
export * from "./wire";
export { LiveClient, type LiveClientOptions, type LiveClientStats } from "./live-client";
