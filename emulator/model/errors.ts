/**
 * The one error type of the emulator's model and action layers: a Tencent error code
 * and a message, nothing about HTTP. The HTTP layer turns it into the
 * `{"Response":{"Error":{Code,Message},RequestId}}` envelope.
 */

/** Codes the real service documents for "template is still bound by a rule". */
export const IN_USE_CODES = ["FailedOperation.ConfInUsed", "InternalError.ConfInUsed", "InternalError.RuleInUsing"] as const;
/** One of {@link IN_USE_CODES}. */
export type InUseCode = (typeof IN_USE_CODES)[number];

/** Codes the real service documents for "no such template". */
export const TEMPLATE_NOT_FOUND_CODES = ["InvalidParameter.ConfNotFound", "InternalError.ConfNotFound"] as const;
/** One of {@link TEMPLATE_NOT_FOUND_CODES}. */
export type TemplateNotFoundCode = (typeof TEMPLATE_NOT_FOUND_CODES)[number];

/** A Tencent Cloud API error as the emulator answers it. */
export class EmulatorApiError extends Error {
  /** Literal name, so `instanceof` is not needed across module copies. */
  override readonly name = "EmulatorApiError";

  /**
   * @param code - The Tencent error code, e.g. `InvalidParameter.ConfNotFound`.
   * @param message - What went wrong and, where useful, what to do next.
   */
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** True when `value` is an {@link EmulatorApiError} (also across module copies). */
export function isEmulatorApiError(value: unknown): value is EmulatorApiError {
  return value instanceof Error && value.name === "EmulatorApiError" && typeof (value as EmulatorApiError).code === "string";
}
