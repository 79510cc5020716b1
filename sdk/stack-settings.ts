/**
 * What the program's stack config says about how this package's resources will run,
 * read in one place when the first resource is constructed: whether Pulumi's default
 * `pulumi-nodejs` provider is turned off, and which credentials sit in the config in
 * plain text. Both become messages a user can act on, instead of an engine error that
 * does not say what to do, or a key silently copied into state.
 */
import * as pulumi from "@pulumi/pulumi";

/** The package of every dynamic resource's type token, and of its default provider. */
export const DYNAMIC_PROVIDER_PACKAGE = "pulumi-nodejs";

/** Credential keys that must be set with `pulumi config set --secret`. */
const SECRET_CONFIG_KEYS = ["tencentcloud:secretKey", "tencentcloud:securityToken"] as const;

/** The stack settings this package acts on. */
export interface StackSettings {
  /** True when `pulumi:disable-default-providers` names `pulumi-nodejs` or `*`. */
  readonly defaultProviderDisabled: boolean;
  /** Credential keys that are set in plain text (without `--secret`). */
  readonly plainTextSecrets: readonly string[];
}

/** Reads {@link StackSettings} from the program's config. */
export function readStackSettings(): StackSettings {
  return {
    defaultProviderDisabled: disabledPackages().some((p) => p === "*" || p === DYNAMIC_PROVIDER_PACKAGE),
    plainTextSecrets: SECRET_CONFIG_KEYS.filter((key) => {
      const value = pulumi.runtime.getConfig(key);
      return value !== undefined && value !== "" && isConfigSecret(key) === false;
    }),
  };
}

/** The entries of `pulumi:disable-default-providers` (a JSON list, as the CLI stores it). */
function disabledPackages(): string[] {
  const raw = pulumi.runtime.getConfig("pulumi:disable-default-providers");
  if (!raw) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter((v): v is string => typeof v === "string").map((v) => v.trim()) : [];
  } catch {
    return [];
  }
}

/**
 * Whether a config key holds a secret: `undefined` when this version of `@pulumi/pulumi`
 * cannot say (the function is internal to it; present from 3.x on).
 */
function isConfigSecret(key: string): boolean | undefined {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return typeof runtime.isConfigSecret === "function" ? runtime.isConfigSecret(key) : undefined;
}

/** The message for a resource that would need the disabled default provider. */
export function defaultProviderDisabledMessage(resource: string): string {
  return (
    `${resource} needs the "${DYNAMIC_PROVIDER_PACKAGE}" provider, which runs every Pulumi dynamic resource, and ` +
    `pulumi:disable-default-providers turns its default instance off ("${DYNAMIC_PROVIDER_PACKAGE}" or "*"). ` +
    `Give it an explicit one: \`const css = new Provider("css")\` (from "pulumi-tencent-css"), then \`{ provider: css }\` ` +
    `on each CallbackTemplate and DomainBinding, or \`{ providers: [css] }\` on their parent; ` +
    `or remove "${DYNAMIC_PROVIDER_PACKAGE}" from pulumi:disable-default-providers.`
  );
}

/** The warning for credentials kept in plain text. */
export function plainTextSecretsMessage(keys: readonly string[]): string {
  const list = keys.join(" and ");
  return (
    `${list} ${keys.length > 1 ? "are" : "is"} set in plain text: Pulumi.<stack>.yaml holds ${keys.length > 1 ? "them" : "it"} ` +
    `unencrypted, and Pulumi copies the stack config into the stack's state (the inputs of the default "${DYNAMIC_PROVIDER_PACKAGE}" ` +
    `provider), so ${keys.length > 1 ? "they are" : "it is"} in plain text there too. Set ${keys.length > 1 ? "each" : "it"} again with ` +
    "`pulumi config set --secret <key> <value>`, or use the TENCENTCLOUD_SECRET_KEY (TENCENTCLOUD_SECURITY_TOKEN) environment " +
    "variables instead, then rotate the key: earlier states and copies of the file still hold it."
  );
}
