/**
 * What an error may quote of an answer that is not a Live API answer, and how such an
 * answer is recognised (an HTML page, JSON cut short).
 *
 * The body is the server's, and servers echo requests: a gateway's debug page may quote
 * the Authorization header (SecretId, signature) and the body (a callback key). So an
 * excerpt is short, has every secret of the request removed, with patterns for a
 * signature or a SecretId the client does not hold, and holds only printable text (no
 * terminal escapes in Pulumi's output).
 */
import { redactSecrets } from "./errors";

/** Longest excerpt, in characters, before `…`. */
export const EXCERPT_CHARS = 120;
// Of the body (already redacted whole), this much is turned into text and cut to an excerpt.
const SCAN_CHARS = 4096;

// What a TC3 Authorization header is made of, wherever a server echoes it.
const ECHO_PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Signature=[0-9A-Fa-f]+/g, "Signature=***"],
  [/Credential=[^\s,;"'<>]+/g, "Credential=***"],
  [/\bAKID[0-9A-Za-z]{8,}/g, "AKID***"],
];

/** True when the answer is an HTML page: by its Content-Type, or by how it starts. */
export function isHtml(body: string, contentType?: string): boolean {
  if (contentType && /\btext\/html\b/i.test(contentType)) return true;
  return /^\s*<(!doctype\s+html|html|head|body)\b/i.test(body.slice(0, 256));
}

/**
 * True when `body` starts as JSON (an object or an array) and stops inside an object, an
 * array or a string: JSON cut short. Only meaningful for a body that did not parse.
 */
export function endsEarly(body: string): boolean {
  if (!/^\s*[[{]/.test(body)) return false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let opened = false;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      opened = true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return opened && (depth > 0 || inString);
}

/**
 * A short, printable excerpt of `body` with `secrets` and anything shaped like a TC3
 * credential or signature removed; for an HTML page, its title (or its text without
 * tags). Empty when there is nothing printable.
 */
export function bodyExcerpt(body: string, secrets: ReadonlyArray<string | undefined>, contentType?: string): string {
  // The whole body first, so no secret is cut in two by the slice below and printed in
  // part; again after an HTML page's entities are decoded.
  let text = redacted(body, secrets).slice(0, SCAN_CHARS);
  if (isHtml(text, contentType)) text = redacted(pageText(text), secrets);
  // Control characters, C1 controls and bidirectional overrides would let a server write
  // escape sequences into the terminal running `pulumi up`.
  text = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, " ").replace(/\s+/g, " ").trim();
  const chars = [...text];
  return chars.length > EXCERPT_CHARS ? `${chars.slice(0, EXCERPT_CHARS).join("")}…` : text;
}

function redacted(text: string, secrets: ReadonlyArray<string | undefined>): string {
  // Longest first: a secret that contains another (the Authorization header holds the SecretId) goes whole.
  let out = redactSecrets(text, [...secrets].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0)));
  for (const [pattern, replacement] of ECHO_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

function pageText(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const text = (title ?? html)
    .replace(/<!--[\s\S]*?(-->|$)/g, " ")
    .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, " ")
    .replace(/<[^>]*>?/g, " ");
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}
