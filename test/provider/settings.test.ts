/**
 * The provider's settings: one module parses every environment variable (provider/settings.ts),
 * the README's table says what each does, and a changed setting reaches the next client.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { liveClient, setClientOptions, setStackConfig, template } from "../../provider";
import { DEFAULT_RETRY_POLICY, DEFAULT_TIMEOUT_MS } from "../../provider/client";
import { InvalidSettingError, SETTINGS, readSettings, type SettingDescription } from "../../provider/settings";
import { rejection } from "../support/live";

const ROOT = join(__dirname, "..", "..");

/** The README table's rows, as the settings module describes them. */
function settingsTable(settings: readonly SettingDescription[]): string {
  const rows = settings.map((s) => `| \`${s.name}\` | ${s.default ? `\`${s.default}\`` : "none"} | ${s.meaning}${s.secret ? " Secret: never printed." : ""} |`);
  return ["| variable | default | meaning |", "|---|---|---|", ...rows].join("\n");
}

function readmeTable(): string {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const start = readme.indexOf("<!-- settings table: generated from provider/settings.ts -->");
  const end = readme.indexOf("<!-- end of settings table -->");
  expect(start, "README.md has the settings table markers").toBeGreaterThan(-1);
  return readme.slice(readme.indexOf("\n", start) + 1, end).trim();
}

function invalid(env: NodeJS.ProcessEnv): InvalidSettingError {
  try {
    readSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSettingError);
    return error as InvalidSettingError;
  }
  throw new Error("readSettings accepted a malformed value");
}

describe("the table of settings", () => {
  it("in README.md is the one the settings module describes", () => {
    expect(readmeTable()).toBe(settingsTable(SETTINGS));
  });

  it("shows the defaults the provider really uses", () => {
    const settings = readSettings({});
    const row = (name: string) => SETTINGS.find((s) => s.name === name)!;
    expect(Number(row("TENCENT_CSS_MAX_ATTEMPTS").default)).toBe(settings.retryPolicy.maxAttempts);
    expect(Number(row("TENCENT_CSS_RETRY_BASE_MS").default)).toBe(settings.retryPolicy.baseDelayMs);
    expect(Number(row("TENCENT_CSS_TIMEOUT_MS").default)).toBe(settings.timeouts.headersMs);
    expect(Number(row("TENCENT_CSS_READ_CACHE_MS").default)).toBe(settings.readCacheMs);
    // Written by hand: the defaults README and docs have always promised.
    expect(settings.retryPolicy).toEqual({ maxAttempts: 8, baseDelayMs: 250, maxDelayMs: 10_000, maxElapsedMs: 120_000 });
    expect(settings.timeouts).toEqual({ connectMs: 30_000, headersMs: 30_000, bodyMs: 30_000, requestMs: 90_000 });
    expect(settings.readCacheMs).toBe(5_000);
    expect(settings).toMatchObject({ credentialsSource: "auto", diagnostics: { batchFreshReads: true, statsFile: undefined } });
  });

  it("marks the instruments of the soak and the benchmark as diagnostics", () => {
    expect(SETTINGS.filter((s) => s.diagnostic).map((s) => s.name)).toEqual(["TENCENT_CSS_STATS_FILE", "TENCENT_CSS_BATCH_FRESH_READS"]);
    for (const s of SETTINGS.filter((s) => s.diagnostic)) expect(s.meaning).toMatch(/^Diagnostic/);
  });
});

describe("reading the settings", () => {
  it("parses each variable into the typed object", () => {
    const settings = readSettings({
      TENCENT_CSS_MAX_ATTEMPTS: "3",
      TENCENT_CSS_RETRY_BASE_MS: " 5 ",
      TENCENT_CSS_TIMEOUT_MS: "2000",
      TENCENT_CSS_READ_CACHE_MS: "0",
      TENCENT_CSS_CREDENTIALS_SOURCE: "Environment",
      TENCENT_CSS_STATS_FILE: "/tmp/stats.jsonl",
      TENCENT_CSS_BATCH_FRESH_READS: "0",
      TENCENTCLOUD_REGION: "ap-guangzhou",
      TENCENTCLOUD_LIVE_ENDPOINT: "127.0.0.1:4566",
    });
    expect(settings.retryPolicy).toEqual({ ...DEFAULT_RETRY_POLICY, maxAttempts: 3, baseDelayMs: 5 });
    expect(settings.timeouts).toEqual({ connectMs: 2000, headersMs: 2000, bodyMs: 2000, requestMs: 6000 });
    expect(settings.readCacheMs).toBe(0);
    expect(settings.credentialsSource).toBe("environment");
    expect(settings.diagnostics).toEqual({ statsFile: "/tmp/stats.jsonl", batchFreshReads: false });
    expect(settings.environment).toMatchObject({ region: "ap-guangzhou", endpoint: "127.0.0.1:4566" });
  });

  it("treats an empty variable as unset", () => {
    const settings = readSettings({ TENCENT_CSS_MAX_ATTEMPTS: "", TENCENT_CSS_TIMEOUT_MS: " ", TENCENTCLOUD_SECRET_ID: "", TENCENT_CSS_CREDENTIALS_SOURCE: "" });
    expect(settings.retryPolicy.maxAttempts).toBe(8);
    expect(settings.timeouts.connectMs).toBe(DEFAULT_TIMEOUT_MS);
    expect(settings.environment.secretId).toBeUndefined();
    expect(settings.credentialsSource).toBe("auto");
  });

  it("is frozen", () => {
    const settings = readSettings({});
    expect(Object.isFrozen(settings)).toBe(true);
    for (const part of [settings.retryPolicy, settings.timeouts, settings.pacing, settings.environment, settings.diagnostics]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
  });

  it.each([
    ["TENCENT_CSS_MAX_ATTEMPTS", "0"],
    ["TENCENT_CSS_MAX_ATTEMPTS", "three"],
    ["TENCENT_CSS_RETRY_BASE_MS", "-5"],
    ["TENCENT_CSS_TIMEOUT_MS", "30s"],
    ["TENCENT_CSS_TIMEOUT_MS", "0"],
    ["TENCENT_CSS_READ_CACHE_MS", "1.5"],
    ["TENCENT_CSS_CREDENTIALS_SOURCE", "env"],
    ["TENCENT_CSS_BATCH_FRESH_READS", "no"],
  ])("refuses %s=%s, naming the variable and the value", (variable, value) => {
    const error = invalid({ [variable]: value });
    expect(error.code).toBe("InvalidSetting");
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]!.variable).toBe(variable);
    expect(error.problems[0]!.problem).toContain(`got "${value}"`);
    expect(error.message.startsWith(`${variable} must be`)).toBe(true);
  });

  it("names every malformed variable at once", () => {
    const error = invalid({ TENCENT_CSS_MAX_ATTEMPTS: "x", TENCENT_CSS_TIMEOUT_MS: "y", TENCENT_CSS_PACING: "z" });
    expect(error.problems.map((p) => p.variable).sort()).toEqual(["TENCENT_CSS_MAX_ATTEMPTS", "TENCENT_CSS_TIMEOUT_MS"]);
  });

  it("never prints the environment's credentials, whole or in part", () => {
    const env = { TENCENTCLOUD_SECRET_ID: "AKIDsettings1234", TENCENTCLOUD_SECRET_KEY: "settingsKey5678", TENCENTCLOUD_SECURITY_TOKEN: "settingsToken90" };
    const settings = readSettings(env);
    expect(settings.environment).toMatchObject({ secretId: env.TENCENTCLOUD_SECRET_ID, secretKey: env.TENCENTCLOUD_SECRET_KEY });
    const printed = [inspect(settings, { depth: 10 }), JSON.stringify(settings), String(invalid({ ...env, TENCENT_CSS_TIMEOUT_MS: "x" }))].join("\n");
    for (const secret of Object.values(env)) expect(printed).not.toContain(secret);
    expect(printed).toContain("[redacted]");
  });
});

describe("settings in the provider process", () => {
  const savedEnv = { ...process.env };
  afterEach(() => {
    process.env = { ...savedEnv };
    setStackConfig({});
    setClientOptions({});
  });
  const useCredentials = () => setStackConfig({ "tencentcloud:secretId": "AKIDsettings", "tencentcloud:secretKey": "settingsKey", "tencent-css:endpoint": "http://127.0.0.1:9" });

  it("builds a new client when a setting changed, and keeps the client while none did", () => {
    useCredentials();
    process.env.TENCENT_CSS_MAX_ATTEMPTS = "3";
    const first = liveClient();
    expect(first.retryPolicy.maxAttempts).toBe(3);
    expect(liveClient()).toBe(first);
    process.env.TENCENT_CSS_MAX_ATTEMPTS = "5";
    expect(liveClient().retryPolicy.maxAttempts).toBe(5);
    expect(liveClient()).not.toBe(first);
  });

  it("lets options set in code win over the environment", () => {
    useCredentials();
    process.env.TENCENT_CSS_MAX_ATTEMPTS = "3";
    setClientOptions({ retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 100 } });
    expect(liveClient().retryPolicy.maxAttempts).toBe(2);
  });

  it("fails a hook with one sentence naming a malformed setting", async () => {
    useCredentials();
    process.env.TENCENT_CSS_TIMEOUT_MS = "soon";
    const error = await rejection(template.read("123", {}));
    expect(error.message).toMatch(/^reading callback template 123: TENCENT_CSS_TIMEOUT_MS must be a whole number of milliseconds of at least 1, got "soon"/);
  });
});

describe("one home for settings", () => {
  /** Every .ts file under `dir`. */
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? sources(path) : name.endsWith(".ts") ? [path] : [];
    });

  it("nothing in the provider, the package provider or the plan check reads process.env but the settings module", () => {
    const readers = ["provider", "package-provider", "review"]
      .flatMap((room) => sources(join(ROOT, room)))
      .filter((file) => /process\.env\b/.test(readFileSync(file, "utf8").replace(/^\s*(\*|\/\/).*$/gm, "")))
      .map((file) => file.slice(ROOT.length + 1));
    expect(readers).toEqual(["provider/settings.ts"]);
  });
});
