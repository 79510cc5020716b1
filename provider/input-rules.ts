/**
 * Turns per-property zod schemas into Pulumi `CheckFailure`s. Each property is checked
 * on its own, so every failure names the property it is about, and a property whose
 * value is unknown during preview is skipped instead of failing.
 */
import { z } from "zod";
import { CALLBACK_URL_RULE_TEXT, NAME_CHARACTERS_TEXT, characterCount, hasOnlyNameCharacters, isCallbackUrl } from "../live-api";
import { containsUnknown } from "./unknown";

/** A problem with one input property, shown by `pulumi preview`. */
export interface CheckFailure {
  readonly property: string;
  readonly reason: string;
}

/** How a property with an empty name is reported. */
export const EMPTY_PROPERTY_NAME = "(empty property name)";

/** One schema per property name. */
export type PropertySchemas = Readonly<Record<string, z.ZodType>>;

/**
 * Validates `news` property by property. Unknown property names fail, `__provider` is
 * ignored, and a property that is (or contains) a preview unknown is accepted as is.
 */
export function checkProperties(news: Record<string, unknown>, schemas: PropertySchemas, resource: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [property, value] of Object.entries(news)) {
    if (property === "__provider" || value === undefined) continue;
    // Own properties only: "toString" or "__proto__" in a program must not find Object's.
    const schema = Object.hasOwn(schemas, property) ? schemas[property] : undefined;
    if (!schema) {
      // An empty key cannot be shown as a property path; name it so the user can find it.
      failures.push({
        property: property === "" ? EMPTY_PROPERTY_NAME : property,
        reason: `${resource} has no property "${property}"; known properties: ${Object.keys(schemas).join(", ")}.`,
      });
      continue;
    }
    if (containsUnknown(value)) continue;
    const result = schema.safeParse(value);
    if (!result.success) {
      failures.push({ property, reason: result.error.issues.map((issue) => issue.message).join("; ") });
    }
  }
  return failures;
}

/** Fails `property` when it is absent (unknown counts as present). */
export function requireProperty(news: Record<string, unknown>, property: string, resource: string): CheckFailure[] {
  return news[property] === undefined || news[property] === null
    ? [{ property, reason: `${resource} requires "${property}".` }]
    : [];
}

/** Chinese characters, letters, digits, `_` and `-`, at most `max` characters (the console's rule). */
export function consoleName(label: string, max: number, options: { allowEmpty: boolean }): z.ZodType<string> {
  return z
    .string({ error: `${label} must be a string` })
    .refine((v) => options.allowEmpty || v.length > 0, `${label} must not be empty`)
    .refine((v) => characterCount(v) <= max, `${label} must be at most ${max} characters long`)
    .refine((v) => hasOnlyNameCharacters(v), `${label} may contain only ${NAME_CHARACTERS_TEXT}`);
}

/** A callback URL (live-api's rule, the one the service applies); `""` is accepted and means "not set". */
export const callbackUrl = (label: string): z.ZodType<string> =>
  z.string({ error: `${label} must be a string` }).refine((v) => v === "" || isCallbackUrl(v), `${label} must be ${CALLBACK_URL_RULE_TEXT}`);

const HOST_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** A DNS host name with at least two labels, as push domains are. */
export const hostName = (label: string): z.ZodType<string> =>
  z.string({ error: `${label} must be a string` }).refine(
    (v) => v.length <= 253 && v.includes(".") && v.split(".").every((part) => HOST_LABEL.test(part)),
    `${label} must be a valid host name such as live.example.com`,
  );

/** A positive integer id. */
export const positiveId = (label: string): z.ZodType<number> =>
  z.number({ error: `${label} must be a number` }).int(`${label} must be an integer`).positive(`${label} must be positive`);
