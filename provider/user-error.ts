/**
 * Errors as the person running `pulumi up` sees them: one or two sentences, with the
 * Tencent code and RequestId where there is one, and no stack trace.
 *
 * The dynamic-provider host prints `${error}: ${error.stack}` for some hooks, so the
 * stack is replaced by the message itself.
 */
import { LiveClientError } from "./client";

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

/** Wraps anything thrown inside a hook so that only a readable message leaves the process. */
export function toUserError(error: unknown, context: string): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof LiveClientError) {
    const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
    const requestId = "requestId" in error && typeof error.requestId === "string" ? error.requestId : undefined;
    return new ProviderError(`${context}: ${error.message}`, { code, requestId });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`${context}: ${message}`);
}

/** Runs a hook body and converts its failure with {@link toUserError}. */
export async function asUserErrors<T>(context: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw toUserError(error, context);
  }
}
