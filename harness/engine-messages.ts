/**
 * The engine's own error messages, word for word (pkg/resource/deploy and
 * sdk/go/common/diag), for the failures the harness reports itself rather than passing
 * on from the provider. Tests compare them with the real CLI's (test/cli/differential).
 */
import { isSecret, UNKNOWN, type PropertyValue } from "./properties";

/** A Check failure (`GetResourcePropertyInvalidValueError`, or `GetResourceInvalidError` without a property). */
export function checkFailureMessage(type: string, name: string, failure: { property: string; reason: string }, value: PropertyValue | undefined): string {
  if (!failure.property) return `${type} resource '${name}' has a problem: ${failure.reason}`;
  return `${type} resource '${name}': property ${failure.property} value ${goValue(value)} has a problem: ${failure.reason}`;
}

/**
 * A registration (or, with `subject` the type, a read) that needs the default
 * `pulumi-nodejs` provider while `pulumi:disable-default-providers` turns it off
 * (`GetDefaultProviderDenied`).
 */
export function defaultProviderDeniedMessage(provider: string, subject: string): string {
  return `Default provider for '${provider}' disabled. '${subject}' must use an explicit provider.`;
}

/** A step that failed during a preview (`GetPreviewFailedError`): its error, prefixed. */
export function previewFailed(error: unknown): Error {
  return new Error(`Preview failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Deleting a protected resource (`deleteProtectedError`). */
export function deleteProtectedMessage(urn: string): string {
  return (
    `resource "${urn}" cannot be deleted\nbecause it is protected. To unprotect the resource, ` +
    "either remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`, or use the command:\n" +
    `\`pulumi state unprotect '${urn}'\``
  );
}

/** Replacing a resource that is protected before and after. */
export function replaceProtectedMessage(urn: string): string {
  return (
    `unable to replace resource "${urn}"\nas it is currently marked for protection. To unprotect the resource, ` +
    "remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`"
  );
}

/**
 * A property value as the engine prints it in a check failure: Go's `fmt` of a
 * `resource.PropertyValue` with secrets redacted (`{text}`, `{42}`, `{[{a} {b}]}`,
 * `{map[k:{v}]}`, `{<nil>}` for a missing value).
 */
export function goValue(value: PropertyValue | undefined): string {
  if (value === UNKNOWN) return "output<string>{}";
  return `{${goInner(value)}}`;
}

function goInner(value: PropertyValue | undefined): string {
  if (value === undefined || value === null) return "<nil>";
  if (isSecret(value)) return "[secret]";
  if (Array.isArray(value)) return `[${value.map(goValue).join(" ")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `map[${keys.map((key) => `${key}:${goValue(value[key])}`).join(" ")}]`;
  }
  return String(value);
}
