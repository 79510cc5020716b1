/**
 * Property values as the engine sees them: JSON plus the runtime's special markers
 * (secrets, resource references, output values) and the preview-time unknown.
 *
 * Inside the harness a secret is always `{[SIG_KEY]: SECRET_SIG, value}`, exactly the
 * shape the Node runtime sends and expects back, so secret-ness survives every hop.
 */

/** The key that marks a special object. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Signature of a secret value. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** Signature of a resource reference. */
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
/** Signature of an output value (only sent when the monitor supports `outputValues`). */
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** A value not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The serialized dynamic provider's property. */
export const PROVIDER_KEY = "__provider";

/** A JSON value, possibly holding special markers. */
export type PropertyValue = null | boolean | number | string | PropertyValue[] | { [key: string]: PropertyValue };
/** A resource's inputs or outputs. */
export type PropertyMap = { [key: string]: PropertyValue };

function isObject(value: unknown): value is { [key: string]: PropertyValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when `value` is a secret marker. */
export function isSecret(value: unknown): boolean {
  return isObject(value) && value[SIG_KEY] === SECRET_SIG;
}

/** Wraps `value` as a secret (once). */
export function secret(value: PropertyValue): PropertyValue {
  return isSecret(value) ? value : { [SIG_KEY]: SECRET_SIG, value };
}

/** True when `value` is or holds a secret anywhere. */
export function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (isObject(value)) return Object.values(value).some(containsSecret);
  return false;
}

/** True when `value` is or holds the preview unknown anywhere. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * What a provider that declares `acceptSecrets=false, acceptResources=false` is sent:
 * secrets unwrapped, a resource reference replaced by its id (custom) or URN
 * (component), an output value by its value (unknown when it has none).
 */
export function plain(value: PropertyValue): PropertyValue {
  if (Array.isArray(value)) return value.map(plain);
  if (!isObject(value)) return value;
  const sig = value[SIG_KEY];
  if (sig === SECRET_SIG) return plain(value.value ?? null);
  if (sig === RESOURCE_SIG) {
    const id = value.id;
    return typeof id === "string" ? (id === "" ? UNKNOWN : id) : (value.urn ?? null);
  }
  if (sig === OUTPUT_VALUE_SIG) return "value" in value ? plain(value.value) : UNKNOWN;
  const out: PropertyMap = {};
  for (const [key, inner] of Object.entries(value)) out[key] = plain(inner);
  return out;
}

/** {@link plain} over a whole map. */
export function plainMap(map: PropertyMap): PropertyMap {
  return plain(map) as PropertyMap;
}

/**
 * Turns output-value markers the runtime may send into the engine's own forms (a secret
 * marker when the output was secret), leaving everything else as is.
 */
export function fromRuntime(value: PropertyValue): PropertyValue {
  if (Array.isArray(value)) return value.map(fromRuntime);
  if (!isObject(value)) return value;
  if (value[SIG_KEY] === OUTPUT_VALUE_SIG) {
    const inner = "value" in value ? fromRuntime(value.value) : UNKNOWN;
    return value.secret === true ? secret(inner) : inner;
  }
  const out: PropertyMap = {};
  for (const [key, inner] of Object.entries(value)) out[key] = fromRuntime(inner);
  return out;
}

/**
 * Re-marks secrets the way the engine does after calling a provider that does not
 * accept secrets (`annotateSecrets` in sdk/go/common/resource/plugin): two objects are
 * matched key by key; anything else becomes secret as a whole when `like` holds a secret
 * anywhere, so an array with one secret element comes back as one secret array.
 */
export function annotateSecrets(value: PropertyValue, like: PropertyValue | undefined): PropertyValue {
  if (like === undefined || isSecret(value)) return value;
  if (isObject(value) && isObject(like) && !isSecret(like)) {
    const out: PropertyMap = {};
    for (const [key, inner] of Object.entries(value)) out[key] = annotateSecrets(inner, like[key]);
    return out;
  }
  return containsSecret(like) ? secret(value) : value;
}

/**
 * Secret-marks `outputs` like the engine: a property is secret when it was secret in
 * `like` (the inputs, or the old state after a read) or is listed in
 * `additionalSecretOutputs`.
 */
export function markSecrets(outputs: PropertyMap, like: PropertyMap, additionalSecretOutputs: readonly string[] = []): PropertyMap {
  const out: PropertyMap = {};
  for (const [key, value] of Object.entries(outputs)) {
    const annotated = annotateSecrets(value, like[key]);
    out[key] = additionalSecretOutputs.includes(key) ? secret(annotated) : annotated;
  }
  return out;
}

/**
 * JSON with object keys sorted (and, as in JSON, keys whose value is `undefined` left
 * out): equal for deeply equal values, secret markers included.
 */
export function canonical(value: PropertyValue): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key]!)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Deep equality of two values, secrets compared by their plain value. */
export function sameValue(a: PropertyValue | undefined, b: PropertyValue | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return canonical(plain(a)) === canonical(plain(b));
}

/**
 * The engine's own property diff, used for display (and for the decision when the
 * provider answers DIFF_UNKNOWN): `+key` added, `-key` removed, `~key` changed; an
 * unknown new value counts as a change.
 */
export function propertyDiff(olds: PropertyMap, news: PropertyMap, options: { includeProvider?: boolean } = {}): string[] {
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].sort();
  const diffs: string[] = [];
  for (const key of keys) {
    if (key === PROVIDER_KEY && !options.includeProvider) continue;
    const before = olds[key];
    const after = news[key];
    if (before === undefined && after !== undefined) diffs.push(`+${key}`);
    else if (before !== undefined && after === undefined) diffs.push(`-${key}`);
    else if (containsUnknown(after) || !sameValue(before, after)) diffs.push(`~${key}`);
  }
  return diffs;
}

/** A value for people: secrets shown as `[secret]`, unknowns as `[unknown]`. */
export function forDisplay(value: PropertyValue): PropertyValue {
  if (value === UNKNOWN) return "[unknown]";
  if (isSecret(value)) return "[secret]";
  if (Array.isArray(value)) return value.map(forDisplay);
  if (isObject(value)) {
    const out: PropertyMap = {};
    for (const [key, inner] of Object.entries(value)) out[key] = forDisplay(inner);
    return out;
  }
  return value;
}
