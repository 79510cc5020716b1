/**
 * Resource options the harness reads from a registration beyond the inputs: the ones it
 * implements (`ignoreChanges` here; `protect`, `retainOnDelete`, `deleteBeforeReplace`,
 * `replaceOnChanges`, `additionalSecretOutputs` in the deployment), and the ones the
 * engine honours but the harness does not, which fail the registration loudly instead of
 * being ignored: a test that relies on them must run on the real CLI (test/cli).
 */
import { PROVIDER_KEY, type PropertyMap } from "./properties";

/** Options the engine honours that the harness refuses, as found on a registration. */
export interface UnsupportedOptions {
  /** `aliases` (specs or URNs). */
  readonly aliases: number;
  /** The `deletedWith` URN, or "". */
  readonly deletedWith: string;
  /** `replaceWith` URNs. */
  readonly replaceWith: number;
  readonly replacementTrigger: boolean;
  /** Resource hooks bound to the resource. */
  readonly hooks: number;
}

/** The error for a registration that uses options the harness does not implement, or undefined. */
export function unsupportedOptionsError(name: string, options: UnsupportedOptions): Error | undefined {
  const used = [
    options.aliases ? "aliases" : "",
    options.deletedWith ? "deletedWith" : "",
    options.replaceWith ? "replaceWith" : "",
    options.replacementTrigger ? "replacementTrigger" : "",
    options.hooks ? "hooks" : "",
  ].filter(Boolean);
  if (!used.length) return undefined;
  return new Error(
    `${name}: the test harness does not implement the resource option${used.length > 1 ? "s" : ""} ${used.join(", ")}, ` +
      "which the Pulumi engine honours; test this program with the real pulumi CLI (test/cli) instead.",
  );
}

/**
 * True when the stack config `pulumi:disable-default-providers` (a JSON list) names the
 * dynamic resources' provider package, `pulumi-nodejs`, or `*`: the engine then refuses
 * every dynamic resource that has no explicit provider. An unreadable value denies too,
 * as the engine's does.
 */
export function defaultProviderDisabled(config: Readonly<Record<string, string>>): boolean {
  const value = config["pulumi:disable-default-providers"];
  if (value === undefined || value === "") return false;
  try {
    const list: unknown = JSON.parse(value);
    return !Array.isArray(list) || list.some((entry) => typeof entry !== "string" || ["*", "pulumi-nodejs"].includes(entry.trim()));
  } catch {
    return true;
  }
}

/**
 * `ignoreChanges`: top-level properties keep their old input value. The engine also takes
 * property paths (`a.b`, `list[0]`); the harness refuses them rather than misapply them.
 */
export function withIgnoredChanges(news: PropertyMap, olds: PropertyMap, ignored: readonly string[]): PropertyMap {
  const out: PropertyMap = { ...news };
  for (const key of ignored) {
    if (/[.[\]"*]/.test(key)) {
      throw new Error(`ignoreChanges path "${key}": the test harness only implements top-level property names; test this with the real pulumi CLI (test/cli).`);
    }
    if (key === PROVIDER_KEY) continue;
    if (key in olds) out[key] = olds[key]!;
    else delete out[key];
  }
  return out;
}
