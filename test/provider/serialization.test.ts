/**
 * The serialized provider, as Pulumi writes it into every resource's state. These tests
 * run the built package (`dist/`) in plain Node processes, as Pulumi does.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";

const ROOT = join(__dirname, "..", "..");
const SECRET_ID = "AKIDserializationCanary0000000001";
const SECRET_KEY = "serializationCanaryKey0000000002";

function node(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, [join(__dirname, "scripts", script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

let texts: { template: string; binding: string };
beforeAll(() => {
  texts = node("serialize-providers.js", { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY });
});

describe("the serialized provider", () => {
  it("is at most 2 KB for each resource", () => {
    expect(Buffer.byteLength(texts.template)).toBeLessThanOrEqual(2048);
    expect(Buffer.byteLength(texts.binding)).toBeLessThanOrEqual(2048);
  });

  it("captures no credential, even when credentials are loaded while serializing", () => {
    for (const text of Object.values(texts)) {
      expect(text).not.toContain(SECRET_ID);
      expect(text).not.toContain(SECRET_KEY);
    }
  });

  it("captures no implementation: no schemas, no HTTP client, only a require at call time", () => {
    for (const text of Object.values(texts)) {
      expect(text).toContain('require("pulumi-tencent-css/provider")');
      for (const word of ["zod", "undici", "LiveClient", "safeParse", "Agent", "dist/"]) expect(text).not.toContain(word);
    }
  });

  it("matches the recorded shim, so a new release of the internals causes no diff", () => {
    const golden = JSON.parse(readFileSync(join(__dirname, "provider-shim.golden.json"), "utf8"));
    expect(texts).toEqual(golden);
  });
});

describe("the serialized provider in a fresh process", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  it("loads the implementation at call time and takes credentials from configure", async () => {
    const config = {
      "tencentcloud:secretId": emulator.credentials.secretId,
      "tencentcloud:secretKey": emulator.credentials.secretKey,
      "tencent-css:endpoint": emulator.url,
    };
    // Run asynchronously: the emulator lives in this process and must keep answering.
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [join(__dirname, "scripts", "run-serialized.js")], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", PROVIDER_TEXT: texts.template, STACK_CONFIG: JSON.stringify(config) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.failures).toEqual([]);
    expect(result.created.outs).toMatchObject({ templateName: "from_fresh_process", templateId: Number(result.created.id) });
    expect(result.read.props).toEqual(result.created.outs);
    expect(result.gone).toEqual({});
    expect(emulator.state().templates).toEqual([]);
  });
});
