/**
 * Checking callback signatures. Tencent signs each callback with `sign = md5(callbackKey + t)`
 * (live-api/callback-signature.ts), where `t` is the time the signature expires, in Unix
 * seconds (10 minutes after sending by default).
 */
import { timingSafeEqual } from "node:crypto";
import { signCallback } from "../../live-api/callback-signature";

export { signCallback };

/** Why a signature check failed. */
export type SignatureFailure = "missing-signature" | "missing-expiry" | "invalid-expiry" | "expired" | "mismatch" | "no-key";

/** The outcome of {@link verifyCallbackSignature}. */
export type SignatureCheck =
  | { readonly ok: true; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: SignatureFailure; readonly message: string };

/** Options of {@link verifyCallbackSignature}. */
export interface VerifyOptions {
  /** The current time (a `Date` or Unix milliseconds). Default: now. For tests. */
  readonly now?: Date | number;
}

function fail(reason: SignatureFailure, message: string): SignatureCheck {
  return { ok: false, reason, message };
}

/**
 * Checks the `sign` and `t` fields of a callback event against the template's callback
 * key. `t` may be a number or a numeric string; a `t` in the past is expired. The
 * comparison takes the same time whatever the signature, so it leaks nothing.
 *
 * @param event The parsed callback body (only `sign` and `t` are read).
 * @param callbackKey The template's `callbackKey`.
 */
export function verifyCallbackSignature(
  event: { readonly sign?: unknown; readonly t?: unknown } | null | undefined,
  callbackKey: string,
  options: VerifyOptions = {},
): SignatureCheck {
  if (!callbackKey) return fail("no-key", "no callback key is configured to verify the signature with");
  const sign = event?.sign;
  const t = event?.t;
  if (typeof sign !== "string" || sign === "") return fail("missing-signature", "the event has no sign field");
  if (t === undefined || t === null || t === "") return fail("missing-expiry", "the event has no t field");
  const text = typeof t === "number" ? String(t) : typeof t === "string" ? t : "";
  if (!/^\d{1,12}$/.test(text)) return fail("invalid-expiry", "the t field is not a Unix time in seconds");
  const expiresAt = Number(text);
  const nowMs = options.now === undefined ? Date.now() : typeof options.now === "number" ? options.now : options.now.getTime();
  const expected = Buffer.from(signCallback(callbackKey, text), "utf8");
  const given = Buffer.from(sign.toLowerCase(), "utf8");
  // Compare before looking at the time, so timing does not depend on which check fails.
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  if (!matches) return fail("mismatch", "the sign does not match md5(callbackKey + t)");
  if (expiresAt * 1000 < nowMs) return fail("expired", `the signature expired at ${new Date(expiresAt * 1000).toISOString()}`);
  return { ok: true, expiresAt };
}
