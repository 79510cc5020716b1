/**
 * Value checks for template fields, with the codes the API documents for each.
 */
import { RECORD_EXCEPTION_LEVELS, type RecordExceptionLevel } from "../../provider/client/wire";
import { EmulatorApiError } from "../model";

/** Byte limit of TemplateName (UTF-8), as the API documents it. */
export const TEMPLATE_NAME_MAX_BYTES = 255;
/** Byte limit of Description (UTF-8), as the API documents it. */
export const DESCRIPTION_MAX_BYTES = 1024;

// "Chinese characters, letters, digits, _ and -": Han script stands for Chinese characters.
const NAME_CHARSET = /^[\p{Script=Han}A-Za-z0-9_-]*$/u;

/** TemplateName: non-empty, ≤255 bytes, allowed characters only (`InvalidParameter.ArgsNotMatch`). */
export function checkTemplateName(name: string): void {
  if (name === "" || Buffer.byteLength(name, "utf8") > TEMPLATE_NAME_MAX_BYTES || !NAME_CHARSET.test(name)) {
    throw new EmulatorApiError(
      "InvalidParameter.ArgsNotMatch",
      `TemplateName must be 1 to ${TEMPLATE_NAME_MAX_BYTES} bytes of Chinese characters, letters, digits, "_" or "-".`,
    );
  }
}

/** Description: ≤1024 bytes, same characters as TemplateName, `""` allowed (`InvalidParameterValue`). */
export function checkDescription(description: string): void {
  if (Buffer.byteLength(description, "utf8") > DESCRIPTION_MAX_BYTES || !NAME_CHARSET.test(description)) {
    throw new EmulatorApiError(
      "InvalidParameterValue",
      `Description must be at most ${DESCRIPTION_MAX_BYTES} bytes of Chinese characters, letters, digits, "_" or "-".`,
    );
  }
}

/** A callback URL must be an absolute http(s) URL; `""` only where `allowEmpty` (Modify clears with it). */
export function checkCallbackUrl(field: string, url: string, allowEmpty: boolean): void {
  if (url === "" && allowEmpty) return;
  if (!isAbsoluteHttpUrl(url)) {
    throw new EmulatorApiError(
      "InvalidParameter.InvalidCallbackUrl",
      `${field} must be an absolute http:// or https:// URL${allowEmpty ? ', or "" to clear it' : ""}.`,
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

function isAbsoluteHttpUrl(value: string): boolean {
  // WHATWG URL accepts "https:example.com" and trims spaces; the prefix check keeps those out.
  if (!/^https?:\/\/[^\s/?#]/i.test(value) || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
