/**
 * TC3-HMAC-SHA256 verification with the same signer the client uses (live-api/tc3).
 *
 * Official SDKs pointed at a custom endpoint sign differently, so exactly three
 * (signed host, service) pairs are accepted, where H is the request's Host header:
 * - (hostname of H without port, `live`): the documented form;
 * - (hostname of H without port, first dot-label of that hostname): the Node.js SDK
 *   takes the service from `endpoint.split(".")[0]`, e.g. `127` for 127.0.0.1;
 * - (H with its port as sent, `live`): the Go SDK signs the endpoint as given.
 * Nothing weaker: SignedHeaders must be `content-type;host`, and the credential date
 * must be the UTC date of X-TC-Timestamp.
 */
import { timingSafeEqual } from "node:crypto";
import {
  LIVE_SERVICE,
  TC3_SIGNED_HEADERS,
  parseTc3Authorization,
  tc3Date,
  tc3Signature,
} from "../../live-api/tc3";
import { EmulatorApiError } from "../model";

/** A key pair the emulator accepts, with the session token it requires, if any. */
export interface AcceptedCredential {
  readonly secretId: string;
  readonly secretKey: string;
  /** When set, requests must carry this exact `X-TC-Token`. */
  readonly token?: string;
}

/** The parts of a request that the signature covers or that go with it. */
export interface SignedRequestParts {
  /** The Host header as sent. */
  readonly host: string;
  /** The Content-Type header as sent. */
  readonly contentType: string;
  /** X-TC-Timestamp, Unix seconds. */
  readonly timestamp: number;
  readonly authorization: string | undefined;
  /** X-TC-Token, if sent. */
  readonly token: string | undefined;
  /** The exact body bytes. */
  readonly body: Buffer;
}

/** How far X-TC-Timestamp may be from the emulator clock, like the real service (5 minutes). */
export const MAX_CLOCK_SKEW_SECONDS = 300;

/** The (host, service) pairs an SDK may have signed a request to Host `hostHeader` with. */
export function acceptedSigningScopes(hostHeader: string): Array<{ readonly host: string; readonly service: string }> {
  const hostname = stripPort(hostHeader);
  const firstLabel = hostname.split(".")[0]!;
  const scopes = [
    { host: hostname, service: LIVE_SERVICE },
    { host: hostname, service: firstLabel },
    { host: hostHeader, service: LIVE_SERVICE },
  ];
  return scopes.filter((s, i) => scopes.findIndex((o) => o.host === s.host && o.service === s.service) === i);
}

/**
 * Throws the `AuthFailure.*` error the real service would answer, or returns the
 * matching credential.
 */
export function verifyTc3(
  request: SignedRequestParts,
  credentials: ReadonlyMap<string, AcceptedCredential>,
  nowMs: number,
): AcceptedCredential {
  if (!request.authorization) {
    throw new EmulatorApiError("AuthFailure.InvalidAuthorization", "The Authorization header is missing; sign the request with TC3-HMAC-SHA256.");
  }
  const parsed = parseTc3Authorization(request.authorization);
  if (!parsed) {
    throw new EmulatorApiError(
      "AuthFailure.InvalidAuthorization",
      "The Authorization header is not of the form `TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=..., Signature=...`.",
    );
  }
  if (parsed.signedHeaders !== TC3_SIGNED_HEADERS) {
    throw new EmulatorApiError(
      "AuthFailure.InvalidAuthorization",
      `SignedHeaders must be ${TC3_SIGNED_HEADERS}, as the official SDKs send; got ${parsed.signedHeaders}.`,
    );
  }
  const credential = credentials.get(parsed.secretId);
  if (!credential) {
    throw new EmulatorApiError("AuthFailure.SecretIdNotFound", "The SecretId is not known to this emulator; use the credentials it printed at start.");
  }
  if (Math.abs(nowMs / 1000 - request.timestamp) > MAX_CLOCK_SKEW_SECONDS) {
    throw new EmulatorApiError(
      "AuthFailure.SignatureExpire",
      `X-TC-Timestamp ${request.timestamp} is more than ${MAX_CLOCK_SKEW_SECONDS} s away from the server time; check the client clock.`,
    );
  }
  if (parsed.date !== tc3Date(request.timestamp) || !matchesAnyScope(request, parsed.service, parsed.signature, credential)) {
    throw new EmulatorApiError("AuthFailure.SignatureFailure", "The request signature does not match; check the SecretKey and the signing steps.");
  }
  if (credential.token !== undefined && request.token !== credential.token) {
    throw new EmulatorApiError("AuthFailure.TokenFailure", "X-TC-Token is missing or does not match the temporary credentials.");
  }
  return credential;
}

function matchesAnyScope(request: SignedRequestParts, service: string, signature: string, credential: AcceptedCredential): boolean {
  const given = Buffer.from(signature, "hex");
  return acceptedSigningScopes(request.host)
    .filter((scope) => scope.service === service)
    .some((scope) => {
      const expected = tc3Signature({
        secretKey: credential.secretKey,
        host: scope.host,
        service: scope.service,
        timestamp: request.timestamp,
        body: request.body,
        contentType: request.contentType,
      });
      return timingSafeEqual(Buffer.from(expected, "hex"), given);
    });
}

function stripPort(host: string): string {
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    return end === -1 ? host : host.slice(0, end + 1);
  }
  const colon = host.lastIndexOf(":");
  return colon === -1 ? host : host.slice(0, colon);
}
