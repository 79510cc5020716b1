/**
 * Every setting the provider takes from its environment, in one place: each variable's
 * default, meaning and rule are declared once below, parsed with zod into one typed,
 * frozen {@link ProviderSettings}, and passed down to whatever needs it (the client, the
 * shared reads, credentials resolution). Nothing else in the product reads `process.env`.
 * The README's table of settings is checked against {@link SETTINGS} by a test.
 *
 * A malformed value fails with {@link InvalidSettingError}, naming the variable (and its
 * value, unless the variable holds a secret): a timeout or a retry count that silently
 * fell back to its default would hide the mistake until the day it matters. Pacing is
 * the exception: a value it cannot read means the documented quotas, because pacing must
 * never fail a deployment.
 */
import { inspect } from "node:util";
import { z } from "zod";
import { DEFAULT_LIVE_ENDPOINT, type ConnectionSettings, type ConnectionValues, type CredentialsSourceChoice } from "./client/credentials";
import { DOCUMENTED_RATE_LIMITS, pacingAt, type PacingLimits } from "./client/pacing";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./client/retry";
import { DEFAULT_TIMEOUT_MS, type TransportTimeouts } from "./client/transport";

/** How long refresh reads share one list call by default, ms. */
export const DEFAULT_READ_CACHE_MS = 5_000;

/**
 * Instruments for measuring the provider (the fault soak, the benchmark), not product
 * settings: nobody needs them to run a stack.
 */
export interface Diagnostics {
  /** `TENCENT_CSS_STATS_FILE`: append one JSON line per API request and per retry to this file. */
  readonly statsFile?: string;
  /** `TENCENT_CSS_BATCH_FRESH_READS`: false sends one rule list per fresh read instead of batching them. */
  readonly batchFreshReads: boolean;
}

/** Every setting of the provider process, parsed. Frozen; secrets are redacted when printed. */
export interface ProviderSettings extends ConnectionSettings {
  /** `TENCENT_CSS_CREDENTIALS_SOURCE`: which sources may supply the SecretId/SecretKey pair. */
  readonly credentialsSource: CredentialsSourceChoice;
  /** `TENCENTCLOUD_*`: the connection values the environment holds (stack config wins unless told otherwise). */
  readonly environment: ConnectionValues;
  /** `TENCENT_CSS_MAX_ATTEMPTS`, `TENCENT_CSS_RETRY_BASE_MS`, with the other knobs at their defaults. */
  readonly retryPolicy: RetryPolicy;
  /** `TENCENT_CSS_TIMEOUT_MS`, for connecting, for the answer's headers and between parts of its body; three times it for the whole request. */
  readonly timeouts: Required<TransportTimeouts>;
  /** `TENCENT_CSS_PACING`: requests per second to send at most, by action (`{}`: no pacing). */
  readonly pacing: PacingLimits;
  /** `TENCENT_CSS_READ_CACHE_MS`: how long reads share one list call, ms; `0` never shares. */
  readonly readCacheMs: number;
  /** Instruments for the soak and the benchmark. */
  readonly diagnostics: Diagnostics;
}

/** One environment variable the provider reads: a row of the README's table of settings. */
export interface SettingDescription {
  readonly name: string;
  /** The default as a user would write it; `""` when unset means "none". */
  readonly default: string;
  /** What it does, in a sentence or two (Markdown). */
  readonly meaning: string;
  /** Its value is never printed, in an error message or anywhere else. */
  readonly secret: boolean;
  /** An instrument for the soak or the benchmark, not a product setting. */
  readonly diagnostic: boolean;
}

/** A problem with one variable. */
export interface SettingProblem {
  readonly variable: string;
  /** What is wrong, e.g. `must be a whole number of at least 1, got "abc"`; never a secret's value. */
  readonly problem: string;
}

/** One or more settings hold a value the provider cannot use. */
export class InvalidSettingError extends Error {
  override readonly name = "InvalidSettingError" as const;
  /** Stable code for callers and tests. */
  readonly code = "InvalidSetting" as const;
  /** Every variable that is wrong, and why. */
  readonly problems: readonly SettingProblem[];
  constructor(problems: readonly SettingProblem[]) {
    const what = problems.map((p) => `${p.variable} ${p.problem}`).join("; ");
    super(`${what}. Correct or unset ${problems.length > 1 ? "them" : "it"} in the environment of the pulumi command, then run it again.`);
    this.problems = problems;
  }
}

// ── the variables ─────────────────────────────────────────────────────────────────────

/** Unset and empty are the same: `VAR= pulumi up` is how shells unset a variable for one command. */
const raw = z.string().optional();
const isUnset = (value: string | undefined): value is undefined | "" => value === undefined || value.trim() === "";

/** Free text, kept as given; empty is unset. */
const text = raw.transform((value) => (value === undefined || value === "" ? undefined : value));

/** A whole number of at least `min`; `fallback` when unset. */
function wholeNumber(fallback: number, min: number, unit: string) {
  return raw.transform((value, ctx) => {
    if (isUnset(value)) return fallback;
    const trimmed = value.trim();
    if (!/^\d+$/.test(trimmed) || Number(trimmed) < min) {
      ctx.addIssue({ code: "custom", message: `must be a whole number${unit} of at least ${min}`, input: value });
      return z.NEVER;
    }
    return Number(trimmed);
  });
}

/** One of `choices` (any case); `fallback` when unset. */
function oneOf<const C extends string>(choices: readonly C[], fallback: C, explain: string) {
  return raw.transform((value, ctx) => {
    if (isUnset(value)) return fallback;
    const choice = value.trim().toLowerCase() as C;
    if (choices.includes(choice)) return choice;
    ctx.addIssue({ code: "custom", message: `must be ${choices.map((c) => `"${c}"`).join(", ").replace(/, ([^,]*)$/, " or $1")} ${explain}`, input: value });
    return z.NEVER;
  });
}

/**
 * The fraction of the documented quotas to pace at: `on` (or unset) 1, `off`/`0`/`false`
 * none, a number in (0, 1] that fraction. Anything else is read as 1: pacing must never
 * fail a deployment.
 */
const pacingFactor = raw.transform((value) => {
  const normalized = value?.trim().toLowerCase();
  if (normalized === "off" || normalized === "0" || normalized === "false") return 0;
  const factor = Number(normalized);
  return normalized && Number.isFinite(factor) && factor > 0 && factor <= 1 ? factor : 1;
});

interface Variable<T> extends Omit<SettingDescription, "name" | "secret" | "diagnostic"> {
  readonly secret?: boolean;
  readonly diagnostic?: boolean;
  readonly schema: z.ZodType<T, string | undefined>;
}

const variable = <T>(v: Variable<T>): Variable<T> => v;

/** Every variable, in the order of the README's table. */
const VARIABLES = {
  TENCENTCLOUD_SECRET_ID: variable({
    default: "",
    meaning: "SecretId, when stack config has no `tencentcloud:secretId`/`tencentcloud:secretKey` pair (or with `TENCENT_CSS_CREDENTIALS_SOURCE=environment`).",
    secret: true,
    schema: text,
  }),
  TENCENTCLOUD_SECRET_KEY: variable({ default: "", meaning: "SecretKey, taken together with `TENCENTCLOUD_SECRET_ID`.", secret: true, schema: text }),
  TENCENTCLOUD_SECURITY_TOKEN: variable({
    default: "",
    meaning: "Token of temporary credentials, sent with the environment's pair only.",
    secret: true,
    schema: text,
  }),
  TENCENTCLOUD_REGION: variable({ default: "", meaning: "Region sent as `X-TC-Region`, when stack config has no `tencentcloud:region`.", schema: text }),
  TENCENTCLOUD_LIVE_ENDPOINT: variable({
    default: DEFAULT_LIVE_ENDPOINT,
    meaning: "Live API endpoint (`host`, `host:port` or a URL), e.g. an emulator's, when stack config has no `tencent-css:endpoint`.",
    schema: text,
  }),
  TENCENT_CSS_CREDENTIALS_SOURCE: variable<CredentialsSourceChoice>({
    default: "auto",
    meaning:
      "Where the SecretId/SecretKey pair may come from: `auto` stack config, then the environment; `config` only stack config; `environment` only the environment (fresh keys for `pulumi refresh`/`destroy` after a rotation).",
    schema: oneOf(["config", "environment", "auto"], "auto", "(the default: stack config, then the environment)"),
  }),
  TENCENT_CSS_MAX_ATTEMPTS: variable({
    default: String(DEFAULT_RETRY_POLICY.maxAttempts),
    meaning: "Attempts per API request, the first included, for throttling, lost answers and other failures worth retrying.",
    schema: wholeNumber(DEFAULT_RETRY_POLICY.maxAttempts, 1, ""),
  }),
  TENCENT_CSS_RETRY_BASE_MS: variable({
    default: String(DEFAULT_RETRY_POLICY.baseDelayMs),
    meaning: `First back-off window, ms; each retry doubles it, up to ${DEFAULT_RETRY_POLICY.maxDelayMs / 1000} s, with full jitter, for at most ${DEFAULT_RETRY_POLICY.maxElapsedMs / 1000} s in all.`,
    schema: wholeNumber(DEFAULT_RETRY_POLICY.baseDelayMs, 0, " of milliseconds"),
  }),
  TENCENT_CSS_TIMEOUT_MS: variable({
    default: String(DEFAULT_TIMEOUT_MS),
    meaning:
      "Connect, answer-headers and answer-body timeouts, ms; a whole request (a trickling answer included) gets at most three times it. Keep it well above the time the API can take to apply a write.",
    schema: wholeNumber(DEFAULT_TIMEOUT_MS, 1, " of milliseconds"),
  }),
  TENCENT_CSS_READ_CACHE_MS: variable({
    default: String(DEFAULT_READ_CACHE_MS),
    meaning: "How long refresh reads share one list call, ms; `0` lists afresh for every read. Never across a write of the same process.",
    schema: wholeNumber(DEFAULT_READ_CACHE_MS, 0, " of milliseconds"),
  }),
  TENCENT_CSS_PACING: variable({
    default: "on",
    meaning:
      `Client pacing at the documented quotas (${DOCUMENTED_RATE_LIMITS.CreateLiveCallbackRule} requests/s per write action, ` +
      `${DOCUMENTED_RATE_LIMITS.DescribeLiveCallbackRules}/s per Describe): \`off\` sends unpaced, a factor such as \`0.5\` paces at that fraction. ` +
      "A value it cannot read means `on`: pacing never fails a deployment.",
    schema: pacingFactor,
  }),
  TENCENT_CSS_STATS_FILE: variable({
    default: "",
    meaning:
      "Diagnostic: append one JSON line per API request and per retry to this file (action, and for a retry the Tencent code or transport failure; never a body or a credential).",
    diagnostic: true,
    schema: text,
  }),
  TENCENT_CSS_BATCH_FRESH_READS: variable({
    default: "1",
    meaning: "Diagnostic, for `npm run bench`: `0` sends one rule list per conflict check and delete guard instead of batching them.",
    diagnostic: true,
    schema: oneOf(["0", "1"], "1", "(1, the default, batches the fresh rule lists)"),
  }),
} as const;

type VariableName = keyof typeof VARIABLES;
const NAMES = Object.keys(VARIABLES) as VariableName[];

/** Every setting, as the README's table shows it. */
export const SETTINGS: readonly SettingDescription[] = Object.freeze(
  NAMES.map((name) => {
    const v: Variable<unknown> = VARIABLES[name];
    return Object.freeze({ name, default: v.default, meaning: v.meaning, secret: v.secret === true, diagnostic: v.diagnostic === true });
  }),
);

const EnvironmentSchema = z.object(
  Object.fromEntries(NAMES.map((name) => [name, VARIABLES[name].schema])) as { [N in VariableName]: (typeof VARIABLES)[N]["schema"] },
);

// ── parsing ───────────────────────────────────────────────────────────────────────────

/**
 * Parses every setting from `env`.
 *
 * @throws InvalidSettingError naming each variable whose value cannot be used.
 */
export function readSettings(env: NodeJS.ProcessEnv): ProviderSettings {
  const parsed = EnvironmentSchema.safeParse(Object.fromEntries(NAMES.map((name) => [name, env[name]])));
  if (!parsed.success) {
    throw new InvalidSettingError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]) as VariableName;
        const shown = VARIABLES[name]?.secret ? "" : `, got "${env[name]}"`;
        return { variable: name, problem: `${issue.message}${shown}` };
      }),
    );
  }
  const v = parsed.data;
  const environment = redacted({
    secretId: v.TENCENTCLOUD_SECRET_ID,
    secretKey: v.TENCENTCLOUD_SECRET_KEY,
    securityToken: v.TENCENTCLOUD_SECURITY_TOKEN,
    region: v.TENCENTCLOUD_REGION,
    endpoint: v.TENCENTCLOUD_LIVE_ENDPOINT,
  });
  const timeout = v.TENCENT_CSS_TIMEOUT_MS;
  return Object.freeze({
    credentialsSource: v.TENCENT_CSS_CREDENTIALS_SOURCE,
    environment,
    retryPolicy: Object.freeze({ ...DEFAULT_RETRY_POLICY, maxAttempts: v.TENCENT_CSS_MAX_ATTEMPTS, baseDelayMs: v.TENCENT_CSS_RETRY_BASE_MS }),
    timeouts: Object.freeze({ connectMs: timeout, headersMs: timeout, bodyMs: timeout, requestMs: 3 * timeout }),
    pacing: Object.freeze(pacingAt(v.TENCENT_CSS_PACING)),
    readCacheMs: v.TENCENT_CSS_READ_CACHE_MS,
    diagnostics: Object.freeze({ statsFile: v.TENCENT_CSS_STATS_FILE, batchFreshReads: v.TENCENT_CSS_BATCH_FRESH_READS === "1" }),
  });
}

/** The environment's connection values, frozen, printing `[redacted]` for the secret ones. */
function redacted(values: ConnectionValues): ConnectionValues {
  const shown = () => ({ ...values, secretId: hide(values.secretId), secretKey: hide(values.secretKey), securityToken: hide(values.securityToken) });
  // Not enumerable: a spread of the values copies the values only.
  Object.defineProperty(values, "toJSON", { value: shown });
  Object.defineProperty(values, inspect.custom, { value: () => shown() });
  return Object.freeze(values);
}

const hide = (value: string | undefined) => (value === undefined ? undefined : "[redacted]");

let current: { readonly fingerprint: string; readonly settings: ProviderSettings } | undefined;

/**
 * The settings of this process's environment now. The environment is looked at on every
 * call and parsed again only when one of the variables changed, so a changed setting (or
 * a rotated key) counts from the next call on, and nothing is captured when the module
 * loads.
 *
 * @throws InvalidSettingError as {@link readSettings}.
 */
export function currentSettings(): ProviderSettings {
  const fingerprint = NAMES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
  if (current?.fingerprint !== fingerprint) current = { fingerprint, settings: readSettings(process.env) };
  return current.settings;
}
