/**
 * Errors as the person running `pulumi up` sees them: one or two sentences, with the
 * Tencent code and RequestId where there is one, and no stack trace.
 *
 * The dynamic-provider host prints `${error}: ${error.stack}` for some hooks, so the
 * stack is replaced by the message itself.
 */
import { LiveClientError, isLiveErrorKind, redactSecrets } from "./client";
import { credentialsAdvice } from "./credentials-advice";

/** An error raised by a lifecycle hook, meant to be read by a user. */
export class ProviderError extends Error {
  override readonly name = "ProviderError" as const;
  /** The Tencent code behind it, when the API refused something. */
  readonly code?: string;
  /** The RequestId behind it, when there was one. */
  readonly requestId?: string;
  constructor(message: string, options: { code?: string; requestId?: string } = {}) {
    super(message);
    this.code = options.code;
    this.requestId = options.requestId;
    this.stack = message;
  }
}

/**
 * Wraps anything thrown inside a hook so that only a readable message leaves the process.
 * `secrets` (values of the resource's secret inputs, such as its callback key) are
 * replaced by `***` wherever they occur in the message.
 */
export function toUserError(error: unknown, context: string, secrets: ReadonlyArray<unknown> = []): ProviderError {
  // Found by the security test: the client removes credentials from Tencent's messages,
  // but a message that echoes a parameter (InvalidParameterValue …) would print the
  // callback key in `pulumi up` output. Keys under 4 characters are not replaced.
  const redact = (text: string) => redactSecrets(text, secrets.filter((s): s is string => typeof s === "string"));
  if (error instanceof ProviderError) return secrets.length ? new ProviderError(redact(error.message), error) : error;
  if (error instanceof LiveClientError) {
    const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
    const requestId = "requestId" in error && typeof error.requestId === "string" ? error.requestId : undefined;
    // An AuthFailure says only that the pair was refused; where it came from says what to fix.
    const advice = isLiveErrorKind(error, "Authentication") ? credentialsAdvice() : undefined;
    return new ProviderError(redact(`${context}: ${error.message}${advice ? ` ${advice}` : ""}`), { code, requestId });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(redact(`${context}: ${message}`));
}

/** Runs a hook body and converts its failure with {@link toUserError}. */
export async function asUserErrors<T>(context: string, body: () => Promise<T>, secrets: ReadonlyArray<unknown> = []): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toUserError(error, context, secrets);
  }
}
