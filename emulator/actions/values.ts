/**
 * Value checks for template fields, with the codes the API documents for each. The rules
 * themselves (name characters and limits, the callback URL rule) are live-api's, the same
 * ones the provider checks at preview.
 */
import {
  CALLBACK_URL_RULE_TEXT,
  DESCRIPTION_LIMITS,
  NAME_CHARACTERS_TEXT,
  RECORD_EXCEPTION_LEVELS,
  TEMPLATE_NAME_LIMITS,
  hasOnlyNameCharacters,
  isCallbackUrl,
  type RecordExceptionLevel,
} from "../../live-api";
import { EmulatorApiError } from "../model";

/** Byte limit of TemplateName (UTF-8), as the API documents it. */
export const TEMPLATE_NAME_MAX_BYTES = TEMPLATE_NAME_LIMITS.apiBytes;
/** Byte limit of Description (UTF-8), as the API documents it. */
export const DESCRIPTION_MAX_BYTES = DESCRIPTION_LIMITS.apiBytes;

/** TemplateName: non-empty, ≤255 bytes, allowed characters only (`InvalidParameter.ArgsNotMatch`). */
export function checkTemplateName(name: string): void {
  if (name === "" || Buffer.byteLength(name, "utf8") > TEMPLATE_NAME_MAX_BYTES || !hasOnlyNameCharacters(name)) {
    throw new EmulatorApiError(
      "InvalidParameter.ArgsNotMatch",
      `TemplateName must be 1 to ${TEMPLATE_NAME_MAX_BYTES} bytes of ${NAME_CHARACTERS_TEXT}.`,
    );
  }
}

/** Description: ≤1024 bytes, same characters as TemplateName, `""` allowed (`InvalidParameterValue`). */
export function checkDescription(description: string): void {
  if (Buffer.byteLength(description, "utf8") > DESCRIPTION_MAX_BYTES || !hasOnlyNameCharacters(description)) {
    throw new EmulatorApiError(
      "InvalidParameterValue",
      `Description must be at most ${DESCRIPTION_MAX_BYTES} bytes of ${NAME_CHARACTERS_TEXT}.`,
    );
  }
}

/** A callback URL must meet live-api's URL rule; `""` only where `allowEmpty` (Modify clears with it). */
export function checkCallbackUrl(field: string, url: string, allowEmpty: boolean): void {
  if (url === "" && allowEmpty) return;
  if (!isCallbackUrl(url)) {
    throw new EmulatorApiError(
      "InvalidParameter.InvalidCallbackUrl",
      `${field} must be ${CALLBACK_URL_RULE_TEXT}${allowEmpty ? ', or "" to clear it' : ""}.`,
    );
  }
}

/** RecordExceptionLevels may only hold `error`, `warning` and `info` (`InvalidParameterValue`). */
export function checkRecordExceptionLevels(levels: readonly string[]): readonly RecordExceptionLevel[] {
  const allowed: readonly string[] = RECORD_EXCEPTION_LEVELS;
  const bad = levels.find((l) => !allowed.includes(l));
  if (bad !== undefined) {
    throw new EmulatorApiError(
      "InvalidParameterValue",
      `RecordExceptionLevels contains "${bad}"; allowed values are ${RECORD_EXCEPTION_LEVELS.join(", ")}.`,
    );
  }
  return levels as readonly RecordExceptionLevel[];
}
