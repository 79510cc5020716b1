/**
 * Where credentials and the endpoint come from. First source found wins: explicit
 * values, then stack config, then the environment. Everything is read at call time,
 * never captured, so nothing of it can end up in a serialized provider or in state.
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

/** Inputs to {@link resolveConnection}. */
export interface ConnectionSources {
  /** Values given in code; win over everything. */
  readonly explicit?: {
    readonly secretId?: string;
    readonly secretKey?: string;
    readonly securityToken?: string;
    readonly region?: string;
    readonly endpoint?: string;
  };
  /** Stack config, e.g. from the provider's `configure`. */
  readonly config?: StackConfig;
  /** Environment variables; `process.env` when omitted. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Everything the client needs to connect. */
export interface LiveConnection {
  readonly credentials: LiveCredentials;
  readonly endpoint: string;
  readonly region?: string;
}

interface Source {
  readonly label: string;
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
  readonly region?: string;
  readonly endpoint?: string;
}

function sourcesOf(input: ConnectionSources): Source[] {
  const config = input.config ?? {};
  const env = input.env ?? process.env;
  return [
    { label: "explicit arguments", ...input.explicit },
    {
      label: "stack config",
      secretId: config["tencentcloud:secretId"],
      secretKey: config["tencentcloud:secretKey"],
      securityToken: config["tencentcloud:securityToken"],
      region: config["tencentcloud:region"],
      endpoint: config["tencent-css:endpoint"],
    },
    {
      label: "environment",
      secretId: env.TENCENTCLOUD_SECRET_ID,
      secretKey: env.TENCENTCLOUD_SECRET_KEY,
      securityToken: env.TENCENTCLOUD_SECURITY_TOKEN,
      region: env.TENCENTCLOUD_REGION,
      endpoint: env.TENCENTCLOUD_LIVE_ENDPOINT,
    },
  ];
}

/**
 * Resolves credentials, region and endpoint. The SecretId/SecretKey pair (and its
 * token) come together from the first source that has both, so a token is never paired
 * with another source's key. Region and endpoint are resolved on their own.
 *
 * @throws MissingCredentialsError naming every place that was looked at.
 */
export function resolveConnection(input: ConnectionSources = {}): LiveConnection {
  const sources = sourcesOf(input);
  const pair = sources.find((s) => s.secretId && s.secretKey);
  if (!pair) {
    const partial = sources.find((s) => !!s.secretId !== !!s.secretKey);
    throw new MissingCredentialsError(
      partial ? `${partial.label} has a ${partial.secretId ? "SecretId but no SecretKey" : "SecretKey but no SecretId"}` : undefined,
    );
  }
  const endpoint = sources.find((s) => s.endpoint)?.endpoint ?? DEFAULT_LIVE_ENDPOINT;
  return {
    credentials: new LiveCredentials(pair.secretId!, pair.secretKey!, pair.securityToken),
    endpoint: normalizeEndpoint(endpoint),
    region: sources.find((s) => s.region)?.region,
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
