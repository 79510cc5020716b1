/**
 * Every error the Live API client can raise, in one module.
 *
 * Each class has a literal `name` and a stable `kind`, so callers branch on what went
 * wrong (`error.kind === "InUse"`) rather than on message text. Messages are one or two
 * sentences meant for the person running `pulumi up`; they carry the Tencent code and
 * RequestId and never a credential (see {@link redactSecrets}).
 */

/** What went wrong, independent of the exact Tencent code. */
export type LiveErrorKind =
  | "NotFound"
  | "InUse"
  | "LimitExceeded"
  | "Throttled"
  | "Authentication"
  | "InvalidParameter"
  | "AlreadyExists"
  | "ServiceUnavailable"
  | "Internal"
  | "Unknown";

/** Tencent codes grouped by kind. Prefix entries end with `.`/`*` and match a whole family. */
const CODE_KINDS: ReadonlyArray<readonly [LiveErrorKind, readonly string[]]> = [
  ["InUse", ["FailedOperation.ConfInUsed", "InternalError.ConfInUsed", "InternalError.RuleInUsing"]],
  [
    "NotFound",
    [
      "InternalError.ConfNotFound",
      "InvalidParameter.ConfNotFound",
      "FailedOperation.NotFound",
      "InternalError.NotFound",
      "InternalError.RuleNotFound",
      "ResourceNotFound.*",
    ],
  ],
  ["LimitExceeded", ["InternalError.ConfOutLimit", "LimitExceeded*"]],
  ["Throttled", ["RequestLimitExceeded*"]],
  ["Authentication", ["AuthFailure*", "UnauthorizedOperation*"]],
  ["AlreadyExists", ["InternalError.RuleAlreadyExist"]],
  [
    "InvalidParameter",
    ["InvalidParameter*", "InvalidParameterValue*", "MissingParameter*", "UnknownParameter*", "InvalidAction", "NoSuchVersion"],
  ],
  ["ServiceUnavailable", ["ResourceUnavailable*", "UnsupportedOperation*", "ResourceNotFound.ForbidService", "ResourceNotFound.FreezeService", "ResourceNotFound.StopService", "ResourceNotFound.UserDisableService"]],
  ["Internal", ["InternalError"]],
];

function codeMatches(code: string, pattern: string): boolean {
  if (pattern.endsWith("*")) return code.startsWith(pattern.slice(0, -1));
  if (pattern.endsWith(".")) return code.startsWith(pattern);
  return code === pattern;
}

/** The kind of a Tencent error code. Account-level `ResourceNotFound.*Service` codes are not "not found". */
export function kindOfCode(code: string): LiveErrorKind {
  const service = CODE_KINDS.find(([kind]) => kind === "ServiceUnavailable")!;
  if (service[1].some((p) => codeMatches(code, p))) return "ServiceUnavailable";
  for (const [kind, patterns] of CODE_KINDS) {
    if (patterns.some((p) => codeMatches(code, p))) return kind;
  }
  return "Unknown";
}

/** Hints appended to messages so the user knows what to do next. */
const NEXT_STEP: Partial<Record<LiveErrorKind, string>> = {
  Authentication: "Check the SecretId/SecretKey pair and that the machine clock is correct.",
  Throttled: "The API rate limit was hit and retries ran out; run the command again.",
  LimitExceeded: "An account holds at most 50 callback templates; delete unused ones first.",
  ServiceUnavailable: "The account cannot use CSS right now; check the service status in the Tencent Cloud console.",
};

/** Base class of every error the client raises. */
export abstract class LiveClientError extends Error {
  abstract override readonly name: string;
  abstract readonly kind: LiveErrorKind | "Transport" | "Credentials" | "Response" | "Request";
  /** The action being called, when there was one. */
  readonly action?: string;
  protected constructor(message: string, action?: string, options?: ErrorOptions) {
    super(message, options);
    this.action = action;
  }
}

/** An error answer from the Live API (HTTP 200 with `Response.Error`). */
export class LiveApiError extends LiveClientError {
  override readonly name = "LiveApiError" as const;
  readonly kind: LiveErrorKind;
  /** The Tencent error code, e.g. `FailedOperation.ConfInUsed`. */
  readonly code: string;
  /** Tencent's own message, secrets removed. */
  readonly apiMessage: string;
  /** The RequestId of the failed request, for Tencent support. */
  readonly requestId: string;
  override readonly action: string;

  constructor(init: { code: string; message: string; action: string; requestId: string }) {
    const kind = kindOfCode(init.code);
    const hint = NEXT_STEP[kind];
    super(
      `${init.action} failed with ${init.code}: ${init.message} (RequestId ${init.requestId}).${hint ? ` ${hint}` : ""}`,
      init.action,
    );
    this.kind = kind;
    this.code = init.code;
    this.apiMessage = init.message;
    this.requestId = init.requestId;
    this.action = init.action;
  }

  /** True for a bare `InternalError`, which Tencent asks callers to retry. */
  get isBareInternalError(): boolean {
    return this.code === "InternalError";
  }
}

/** How a request failed below the API: no answer, or not an API answer. */
export type TransportFailure =
  | "connect-refused"
  | "connect-timeout"
  | "headers-timeout"
  | "body-timeout"
  | "response-deadline"
  | "connection-reset"
  | "http-status"
  | "dns"
  | "other"
  | ResponseFailure;

/**
 * The request did not produce an API answer: network failure, timeout, a non-200 HTTP
 * status, or (as the subclass {@link LiveResponseError}) an answer that cannot be read.
 */
export class LiveTransportError extends LiveClientError {
  override readonly name: "LiveTransportError" | "LiveResponseError" = "LiveTransportError";
  readonly kind: "Transport" | "Response" = "Transport";
  /**
   * What happened. `response-deadline`: the answer's headers came but its body did not
   * finish within the whole-request deadline (a body trickled byte by byte defeats the
   * pause-based `body-timeout`). The {@link ResponseFailure} values are those of
   * {@link LiveResponseError}.
   */
  readonly failure: TransportFailure;
  /** HTTP status for `http-status` failures. */
  readonly status?: number;
  /**
   * True when the request may have reached the service and been applied before the
   * failure (reset after sending, timeout waiting for the answer, 5xx, an answer that
   * cannot be read). A retry of a non-idempotent action is then unsafe without checking first.
   */
  readonly ambiguous: boolean;

  constructor(init: { action: string; failure: TransportFailure; detail: string; status?: number; endpoint: string; cause?: unknown }, message?: string) {
    const ambiguous = !["connect-refused", "connect-timeout", "dns"].includes(init.failure);
    const reached = init.failure === "response-deadline" ? "got no complete answer from" : "could not reach";
    super(
      message ??
        `${init.action} ${reached} the Live API at ${init.endpoint}: ${init.detail}. Check the endpoint and the network, then run the command again.`,
      init.action,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.failure = init.failure;
    this.status = init.status;
    this.ambiguous = ambiguous;
  }
}

/**
 * Why an answer that arrived cannot be used:
 * - `not-json`: the body is not JSON (and not an HTML page);
 * - `html-page`: an HTML page (a gateway's or a login page) where JSON was expected;
 * - `truncated`: the body ends early (cut JSON, or the connection closed before the
 *   announced Content-Length);
 * - `too-large`: the body passed the client's size cap and was not read further;
 * - `malformed`: JSON, but not this action's answer (a field missing or of the wrong type);
 * - `replayed`: its RequestId was already on an earlier answer to this client, so it
 *   answers another request (a cache or a proxy crossing answers).
 */
export type ResponseFailure = "not-json" | "html-page" | "truncated" | "too-large" | "malformed" | "replayed";

/**
 * The service answered (HTTP 200), but not with an answer this client can use. Like a
 * lost answer, the request may or may not have been applied, so it is a
 * {@link LiveTransportError} with `ambiguous: true`: the retry policy retries it for the
 * actions that are safe to repeat, and a template create goes through the
 * ambiguous-create recovery. Its message quotes at most a short excerpt of the body, with
 * the request's credentials, signature and callback key removed.
 */
export class LiveResponseError extends LiveTransportError {
  override readonly name = "LiveResponseError" as const;
  override readonly kind = "Response" as const;
  declare readonly failure: ResponseFailure;
  /** The answer's RequestId, when it had one. */
  readonly requestId?: string;
  /**
   * For a body that is not JSON (`not-json`, `html-page`): its start, at most 120
   * printable characters, secrets removed. Absent otherwise: a JSON answer may hold
   * other templates' callback keys.
   */
  readonly excerpt?: string;

  constructor(init: { action: string; failure: ResponseFailure; detail: string; endpoint: string; requestId?: string; excerpt?: string }) {
    super(
      { action: init.action, failure: init.failure, detail: init.detail, endpoint: init.endpoint },
      `${init.action} got an answer from the Live API at ${init.endpoint} that it cannot use: ${init.detail}` +
        `${init.requestId ? ` (RequestId ${init.requestId})` : ""}. The request may or may not have been applied; run the command ` +
        "again, and if this persists, check what sits between this machine and the endpoint (a proxy or a gateway).",
    );
    this.requestId = init.requestId;
    this.excerpt = init.excerpt;
  }
}

/** One parameter of a request that failed the client's own schema. */
export interface InvalidRequestParameter {
  /** The parameter, e.g. `TemplateName` or `RecordExceptionLevels[1]`; `(request)` for the request as a whole. */
  readonly parameter: string;
  /** What is wrong with it, without its value (it may be a callback key). */
  readonly problem: string;
}

/**
 * The client refused to send a request that fails its own schema of the action: nothing
 * reached the Live API. It means a caller built a wrong request, not that the service
 * answered oddly; it is never retried.
 */
export class LiveRequestError extends LiveClientError {
  override readonly name = "LiveRequestError" as const;
  readonly kind = "Request" as const;
  /** Every parameter that is wrong, and why. */
  readonly parameters: readonly InvalidRequestParameter[];
  constructor(init: { action: string; parameters: readonly InvalidRequestParameter[] }) {
    const what = init.parameters.map((p) => `${p.parameter}: ${p.problem}`).join("; ");
    super(`${init.action} was not sent, because its request is invalid (${what}). Nothing reached the Live API.`, init.action);
    this.parameters = init.parameters;
  }
}

/** No usable credentials were found. */
export class MissingCredentialsError extends LiveClientError {
  override readonly name = "MissingCredentialsError" as const;
  readonly kind = "Credentials" as const;
  constructor(detail?: string) {
    super(
      `No Tencent Cloud credentials found${detail ? ` (${detail})` : ""}. Set stack config tencentcloud:secretId and tencentcloud:secretKey ` +
        "(`pulumi config set --secret tencentcloud:secretKey ...`; tencentcloud:securityToken for temporary credentials), " +
        "or the environment variables TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY (and TENCENTCLOUD_SECURITY_TOKEN).",
    );
  }
}

/** True when `error` is a client error of the given kind. */
export function isLiveErrorKind(error: unknown, kind: LiveClientError["kind"]): boolean {
  return error instanceof LiveClientError && error.kind === kind;
}

/**
 * Replaces every occurrence of the given secret values with `***`. Applied to any text
 * that comes from outside (Tencent messages, network error details) before it becomes
 * part of an error message, so a server echoing a key cannot leak it into Pulumi output.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join("***");
  }
  return out;
}
