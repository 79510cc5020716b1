/**
 * The rules a template's values must meet: names, descriptions, callback URLs and the
 * callback key. The provider's `check` and the emulator's validation both apply these,
 * so a value the provider lets through at preview is exactly a value the emulator
 * accepts at `up` (the console's limits are the stricter ones; the API's are recorded
 * beside them).
 */

// "Chinese characters, letters, digits, _ and -": Han script stands for Chinese characters.
const NAME_CHARACTERS = /^[\p{Script=Han}A-Za-z0-9_-]*$/u;

/** The characters names and descriptions may hold, as messages say it. */
export const NAME_CHARACTERS_TEXT = 'Chinese characters, letters, digits, "_" and "-"';

/** True when `text` holds only {@link NAME_CHARACTERS_TEXT} (or is empty). */
export function hasOnlyNameCharacters(text: string): boolean {
  return NAME_CHARACTERS.test(text);
}

/** Counts characters, not UTF-16 units, as the console does (a Chinese character is one). */
export function characterCount(text: string): number {
  return [...text].length;
}

/** Limits of `TemplateName`: the console's (characters) and the API's (UTF-8 bytes). */
export const TEMPLATE_NAME_LIMITS = { consoleCharacters: 30, apiBytes: 255 } as const;
/** Limits of `Description`: the console's (characters) and the API's (UTF-8 bytes). */
export const DESCRIPTION_LIMITS = { consoleCharacters: 100, apiBytes: 1024 } as const;

/** What a callback URL must be, as messages say it. */
export const CALLBACK_URL_RULE_TEXT = "an absolute http:// or https:// URL with a host name and no spaces";

/**
 * The callback URL rule: an absolute `http://` or `https://` URL with a host name, and no
 * whitespace or control character anywhere (the service refuses `https://a.example.com/x y`
 * with `InvalidParameter.InvalidCallbackUrl`).
 */
export function isCallbackUrl(value: string): boolean {
  // WHATWG URL accepts "https:example.com", trims the ends and percent-encodes inner
  // spaces; the prefix and whitespace checks keep those out.
  // eslint-disable-next-line no-control-regex
  if (!/^https?:\/\/[^\s/?#]/i.test(value) || /[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** The callback key: at most 32 letters and digits (the console's rule); `""` means none. */
export const CALLBACK_KEY_RULE = { maxLength: 32, characters: /^[A-Za-z0-9]*$/ } as const;
