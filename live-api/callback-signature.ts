/**
 * How Tencent signs each callback it POSTs: `sign = md5(callbackKey + t)`, where `t` is
 * the time the signature expires, in Unix seconds (10 minutes after sending by default).
 * The emulator signs the events it delivers with this; the SDK's receiver helpers check
 * signatures against it.
 */
import { createHash } from "node:crypto";

/** `md5(callbackKey + t)` as 32 lowercase hex characters: the `sign` Tencent sends. */
export function signCallback(callbackKey: string, t: number | string): string {
  return createHash("md5").update(`${callbackKey}${t}`, "utf8").digest("hex");
}
