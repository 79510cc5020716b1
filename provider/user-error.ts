/**
 * The boundary of every hook: whatever is thrown inside becomes a {@link ProviderError}
 * (provider/errors.ts), one or two sentences with the Tencent code and RequestId where
 * there is one, no stack trace and no secret.
 */
import {
  LiveApiError,
  LiveClientError,
  LiveRequestError,
  LiveResponseError,
  LiveTransportError,
  MissingCredentialsError,
  redactSecrets,
} from "./client";
import { credentialsAdvice } from "./credentials-advice";
import { OperationFailedError, ProviderError, type OperationFailure } from "./errors";

/**
 * Wraps anything thrown inside a hook so that only a readable message leaves the process.
 * `operation` says what the hook was doing; `secrets` (values of the resource's secret
 * inputs, such as its callback key) are replaced by `***` wherever they occur.
 */
export function toUserError(error: unknown, operation: string, secrets: ReadonlyArray<unknown> = []): ProviderError {
  // Found by the security test: the client removes credentials from Tencent's messages,
  // but a message that echoes a parameter (InvalidParameterValue …) would print the
  // callback key in `pulumi up` output. Keys under 4 characters are not replaced.
  const redact = (text: string) => redactSecrets(text, secrets.filter((s): s is string => typeof s === "string"));
  if (error instanceof ProviderError) {
    // The provider's own errors are built from ids and names; this is a second guard.
    const message = redact(error.message);
    if (message !== error.message) error.message = error.stack = message;
    return error;
  }
  const failure = failureOf(error);
  return new OperationFailedError({
    ...failure,
    operation: redact(operation),
    detail: redact(failure.detail),
    ...(failure.advice === undefined ? {} : { advice: redact(failure.advice) }),
  });
}

/** Runs a hook body and converts its failure with {@link toUserError}. */
export async function asUserErrors<T>(operation: string, body: () => Promise<T>, secrets: ReadonlyArray<unknown> = []): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toUserError(error, operation, secrets);
  }
}

/** The code and data of a failure that is not one of the provider's own rules. */
function failureOf(error: unknown): Omit<OperationFailure, "operation"> {
  const detail = error instanceof Error ? error.message : String(error);
  if (!(error instanceof LiveClientError)) return { code: "Unclassified", detail };
  const action = error.action;
  if (error instanceof MissingCredentialsError) return { code: "CredentialsMissing", detail };
  if (error instanceof LiveRequestError) return { code: "InvalidRequest", detail, action, parameters: error.parameters };
  // A LiveResponseError is a LiveTransportError (its outcome is as unknown), but it says more: test it first.
  if (error instanceof LiveResponseError) return { code: "UnexpectedResponse", detail, action, ...(error.requestId ? { requestId: error.requestId } : {}) };
  if (error instanceof LiveTransportError) {
    return { code: "LiveApiUnreachable", detail, action, failure: error.failure, ...(error.status === undefined ? {} : { status: error.status }) };
  }
  if (error instanceof LiveApiError) {
    const answered = { detail, action, tencentCode: error.code, requestId: error.requestId };
    // An AuthFailure says only that the pair was refused; where it came from says what to fix.
    if (error.kind === "Authentication") return { code: "CredentialsRefused", ...answered, ...adviceOnCredentials() };
    if (error.kind === "LimitExceeded") return { code: "TemplateLimitReached", ...answered };
    return { code: "LiveApiRefused", ...answered, kind: error.kind };
  }
  return { code: "Unclassified", detail, action };
}

function adviceOnCredentials(): { advice?: string } {
  const advice = credentialsAdvice();
  return advice === undefined ? {} : { advice };
}
