/**
 * Pulumi's wire form of a secret inside a property struct: an object with the secret
 * signature. The package provider accepts secrets (unlike a dynamic provider), so it
 * unwraps them before the lifecycle hooks run and marks `callbackKey` secret itself in
 * what it returns: a key read from the cloud (refresh, `pulumi import`) is secret too.
 */

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** True for the wire form of a secret. */
export function isSecret(value: unknown): value is { value: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/** The value with every secret replaced by its plain value, at any depth. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}

/** `props` with the named properties wrapped as secrets (those that are set). */
export function markSecret(props: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out = { ...props };
  for (const name of names) {
    if (out[name] !== undefined && out[name] !== null && !isSecret(out[name])) out[name] = { [SIG_KEY]: SECRET_SIG, value: out[name] };
  }
  return out;
}
