/**
 * TC3-HMAC-SHA256 request signing, exactly as Tencent Cloud's official SDKs do it.
 *
 * The emulator verifies requests with the same functions, so a signature the client
 * computes and one the emulator expects can only differ if the inputs differ.
 */
import { createHash, createHmac } from "node:crypto";

/** The API version every Live callback action uses. */
export const LIVE_API_VERSION = "2018-08-01";
/** The service name Tencent Cloud uses for CSS in the credential scope. */
export const LIVE_SERVICE = "live";
/** The only algorithm Tencent Cloud API 3.0 accepts. */
export const TC3_ALGORITHM = "TC3-HMAC-SHA256";
/** Headers covered by the signature; the official SDKs sign exactly these two. */
export const TC3_SIGNED_HEADERS = "content-type;host";

/** What goes into one signature. */
export interface Tc3SignInput {
  /** The SecretKey. Used only as HMAC key material; never copied anywhere else. */
  readonly secretKey: string;
  /** Host name as signed in the `host:` canonical header (no port, as the Node.js SDK does). */
  readonly host: string;
  /** Service name in the credential scope; `live` unless mimicking an SDK quirk. */
  readonly service: string;
  /** Request time in Unix seconds. */
  readonly timestamp: number;
  /** The exact body bytes that are sent. */
  readonly body: string | Uint8Array;
  /** Content type as sent; the official SDKs send `application/json`. */
  readonly contentType?: string;
}

/** Lower-case hex SHA-256 of a string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function hmac(key: string | Buffer, message: string): Buffer {
  return createHmac("sha256", key).update(message, "utf8").digest();
}

/** The UTC date (`YYYY-MM-DD`) of a Unix timestamp, as used in the credential scope. */
export function tc3Date(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** `<date>/<service>/tc3_request`. */
export function credentialScope(timestamp: number, service: string): string {
  return `${tc3Date(timestamp)}/${service}/tc3_request`;
}

/** The canonical request of step 1 (POST `/`, no query, two signed headers). */
export function canonicalRequest(input: Pick<Tc3SignInput, "host" | "body" | "contentType">): string {
  const contentType = (input.contentType ?? "application/json").toLowerCase();
  return [
    "POST",
    "/",
    "",
    `content-type:${contentType}\nhost:${input.host.toLowerCase()}\n`,
    TC3_SIGNED_HEADERS,
    sha256Hex(input.body),
  ].join("\n");
}

/** The hex signature of one request. */
export function tc3Signature(input: Tc3SignInput): string {
  const scope = credentialScope(input.timestamp, input.service);
  const stringToSign = [TC3_ALGORITHM, String(input.timestamp), scope, sha256Hex(canonicalRequest(input))].join("\n");
  const kDate = hmac(`TC3${input.secretKey}`, tc3Date(input.timestamp));
  const kService = hmac(kDate, input.service);
  const kSigning = hmac(kService, "tc3_request");
  return createHmac("sha256", kSigning).update(stringToSign, "utf8").digest("hex");
}

/** The `Authorization` header value for one request. */
export function tc3Authorization(input: Tc3SignInput & { readonly secretId: string }): string {
  const scope = credentialScope(input.timestamp, input.service);
  return `${TC3_ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${TC3_SIGNED_HEADERS}, Signature=${tc3Signature(input)}`;
}

/** The parts of an `Authorization` header, or `undefined` when it is not a TC3 header. */
export interface ParsedTc3Authorization {
  readonly secretId: string;
  readonly date: string;
  readonly service: string;
  readonly signedHeaders: string;
  readonly signature: string;
}

/** Parses `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=..., Signature=...`. */
export function parseTc3Authorization(header: string): ParsedTc3Authorization | undefined {
  const match =
    /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s,]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!match) return undefined;
  const [, secretId, date, service, signedHeaders, signature] = match;
  return { secretId: secretId!, date: date!, service: service!, signedHeaders: signedHeaders!, signature: signature! };
}
