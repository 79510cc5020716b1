/**
 * Where credentials and the endpoint come from. First source found wins: explicit
 * values, then stack config, then the environment (as provider/settings.ts read it). The
 * provider resolves them at each call, never captures them, so nothing of them can end
 * up in a serialized provider or in state.
 */
import { inspect } from "node:util";
import { MissingCredentialsError } from "./errors";

/** The default public endpoint of the Live API. */
export const DEFAULT_LIVE_ENDPOINT = "https://live.tencentcloudapi.com";

/** A SecretId/SecretKey pair, with a token for temporary credentials. */
export class LiveCredentials {
  readonly secretId: string;
  readonly secretKey: string;
  readonly securityToken?: string;
  constructor(secretId: string, secretKey: string, securityToken?: string) {
    this.secretId = secretId;
    this.secretKey = secretKey;
    this.securityToken = securityToken || undefined;
  }
  /** The values that must never appear in output. */
  secrets(): string[] {
    return [this.secretId, this.secretKey, this.securityToken].filter((v): v is string => !!v);
  }
  // A stray console.log or JSON.stringify of a client must not print the key.
  toJSON(): Record<string, string> {
    return { secretId: "[redacted]", secretKey: "[redacted]" };
  }
  [inspect.custom](): string {
    return "LiveCredentials { [redacted] }";
  }
}

/** Stack configuration as the engine gives it: namespaced keys (`tencentcloud:secretId`). */
export type StackConfig = Readonly<Record<string, string | undefined>>;

/** What one place holds of the connection: any of the five values. */
export interface ConnectionValues {
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
  readonly region?: string;
  readonly endpoint?: string;
}

/**
 * Which sources may supply the SecretId/SecretKey pair (the setting
 * `TENCENT_CSS_CREDENTIALS_SOURCE`): `auto` looks at stack config, then the environment;
 * `config` only at stack config; `environment` only at the environment. `environment` is
 * the way to use fresh keys for `pulumi refresh`/`destroy` when the stack config the
 * engine stored with the stack holds keys that were rotated since.
 */
export type CredentialsSourceChoice = "auto" | "config" | "environment";

/**
 * What the provider's settings (provider/settings.ts) say about connecting: the values the
 * environment holds, and which sources may supply credentials.
 */
export interface ConnectionSettings {
  readonly credentialsSource: CredentialsSourceChoice;
  /** `TENCENTCLOUD_SECRET_ID`, `…_SECRET_KEY`, `…_SECURITY_TOKEN`, `…_REGION`, `TENCENTCLOUD_LIVE_ENDPOINT`. */
  readonly environment: ConnectionValues;
}

/** Inputs to {@link resolveConnection}. */
export interface ConnectionSources {
  /** Values given in code; win over everything. */
  readonly explicit?: ConnectionValues;
  /** Stack config, e.g. from the provider's `configure`. */
  readonly config?: StackConfig;
  /** The environment's part, as the provider's settings parsed it; without it the environment is not looked at. */
  readonly settings?: ConnectionSettings;
}

/** Where credentials were found. */
export type CredentialsSource = "explicit arguments" | "stack config" | "environment";

/** Everything the client needs to connect. */
export interface LiveConnection {
  readonly credentials: LiveCredentials;
  readonly endpoint: string;
  readonly region?: string;
  /** Where the SecretId/SecretKey pair came from (for messages that say what to fix). */
  readonly credentialsSource?: CredentialsSource;
}

/**
 * The stack config key of each connection value. The provider's `configure` keeps these
 * keys, the package provider maps its own configuration onto them.
 */
export const STACK_CONFIG_KEYS: Readonly<Record<keyof ConnectionValues, string>> = Object.freeze({
  secretId: "tencentcloud:secretId",
  secretKey: "tencentcloud:secretKey",
  securityToken: "tencentcloud:securityToken",
  region: "tencentcloud:region",
  endpoint: "tencent-css:endpoint",
});

interface Source extends ConnectionValues {
  readonly label: CredentialsSource;
}

function sourcesOf(input: ConnectionSources): Source[] {
  const config = input.config ?? {};
  const fromConfig = Object.fromEntries(Object.entries(STACK_CONFIG_KEYS).map(([value, key]) => [value, config[key]])) as ConnectionValues;
  return [
    { label: "explicit arguments", ...input.explicit },
    { label: "stack config", ...fromConfig },
    { label: "environment", ...input.settings?.environment },
  ];
}

/**
 * Resolves credentials, region and endpoint. The SecretId/SecretKey pair (and its
 * token) come together from the first source that has both, so a token is never paired
 * with another source's key; `TENCENT_CSS_CREDENTIALS_SOURCE` narrows the sources (see
 * {@link CredentialsSourceChoice}). Region and endpoint are resolved on their own.
 *
 * @throws MissingCredentialsError naming every place that was looked at.
 */
export function resolveConnection(input: ConnectionSources = {}): LiveConnection {
  const sources = sourcesOf(input);
  const choice = input.settings?.credentialsSource ?? "auto";
  const allowed = (s: Source) =>
    s.label === "explicit arguments" || choice === "auto" || (choice === "config" ? s.label === "stack config" : s.label === "environment");
  const pair = sources.find((s) => allowed(s) && s.secretId && s.secretKey);
  if (!pair) {
    const partial = sources.find((s) => allowed(s) && !!s.secretId !== !!s.secretKey);
    const only = choice === "auto" ? "" : `TENCENT_CSS_CREDENTIALS_SOURCE=${choice} allows only the ${choice === "config" ? "stack config" : "environment"}`;
    const detail = [partial ? `${partial.label} has a ${partial.secretId ? "SecretId but no SecretKey" : "SecretKey but no SecretId"}` : "", only];
    throw new MissingCredentialsError(detail.filter(Boolean).join("; ") || undefined);
  }
  const endpoint = sources.find((s) => s.endpoint)?.endpoint ?? DEFAULT_LIVE_ENDPOINT;
  return {
    credentials: new LiveCredentials(pair.secretId!, pair.secretKey!, pair.securityToken),
    endpoint: normalizeEndpoint(endpoint),
    region: sources.find((s) => s.region)?.region,
    credentialsSource: pair.label,
  };
}

/** Accepts `host`, `host:port` or a full URL; answers an origin URL without a trailing slash. */
export function normalizeEndpoint(endpoint: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
  const url = new URL(withScheme);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`The Live API endpoint must be an http or https URL, got protocol ${url.protocol}`);
  }
  return url.origin;
}
