/**
 * Secrets never appear in plain text: not in serialized providers, checkpoints, plans,
 * logs (stdout and stderr of every command, failed ones included), provider error
 * messages or the provider's stats file. The SecretId, the SecretKey (a right and a
 * wrong one) and the callback keys (before and after rotation) are searched for
 * everywhere; checkpoint secrets are encrypted, so there are zero plain hits anywhere.
 *
 * Also: the emulator listens on loopback unless told otherwise. Its other defences are
 * tested in test/emulator: a body changed after signing, an expired timestamp and a
 * signature made with another credential's key (auth.test.ts), a body over 1 MiB
 * (bad-input.test.ts).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection, createServer, type AddressInfo } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import * as provider from "../../provider";
import { CALLBACKS_PROGRAM, type StackSpec } from "../../harness/stack-fixture";
import { runPulumi, type Command, type RunPulumiResult } from "../../harness";
import { startCliEmulator } from "../support/emulator-cli";
import { clientFor } from "../support/live";

const CALLBACK_KEY = "soakSecretKey1";
const ROTATED_KEY = "r0tatedSecretKey2";
const WRONG_KEY = "WrongSecretKeyWrongSecretKey1234";

/** Every place a secret occurs in `text`, as `secret-name@offset`. */
function hits(text: string, secrets: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) found.push(`${name}@${at}`);
  }
  return found;
}

describe("secrets through the engine", () => {
  let emulator: RunningEmulator;
  let dir: string;
  let secrets: Record<string, string>;
  const texts: Array<{ where: string; text: string }> = [];
  const runs: Array<{ label: string; run: RunPulumiResult }> = [];

  beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), "tencent-css-secrets-"));
    secrets = {
      secretId: emulator.credentials.secretId,
      secretKey: emulator.credentials.secretKey,
      wrongKey: WRONG_KEY,
      callbackKey: CALLBACK_KEY,
      rotatedKey: ROTATED_KEY,
    };
    const stateFile = join(dir, "dev.checkpoint.json");
    const statsFile = join(dir, "stats.jsonl");
    const withKey: StackSpec = {
      templates: { hooks: { templateName: "secret_hooks", streamBeginNotifyUrl: "https://hooks.example.com/b", withCallbackKey: true } },
      bindings: { b1: { domainName: "push.example.com", template: "hooks" } },
    };
    const run = async (label: string, command: Command, spec: StackSpec, extra: { key?: string; secretKey?: string } = {}) => {
      const result = await runPulumi(command, {
        programDir: CALLBACKS_PROGRAM,
        stateFile,
        config: { spec: JSON.stringify(spec) },
        // Credentials as users set them: secret stack config, not the environment.
        secretConfig: {
          "tencentcloud:secretId": emulator.credentials.secretId,
          "tencentcloud:secretKey": extra.secretKey ?? emulator.credentials.secretKey,
          callbackKey: extra.key ?? CALLBACK_KEY,
        },
        env: { TENCENTCLOUD_LIVE_ENDPOINT: emulator.url, TENCENT_CSS_STATS_FILE: statsFile, TENCENT_CSS_RETRY_BASE_MS: "5" },
      });
      runs.push({ label, run: result });
      texts.push({ where: `${label} stdout`, text: result.stdout }, { where: `${label} stderr`, text: result.stderr });
      texts.push({ where: `${label} checkpoint`, text: readFileSync(stateFile, "utf8") });
    };

    await run("up", "up", withKey);
    await run("preview of a rotated key", "preview", withKey, { key: ROTATED_KEY });
    await run("up with a rotated key", "up", withKey, { key: ROTATED_KEY });
    await run("refresh", "refresh", withKey, { key: ROTATED_KEY });
    // The binding keeps pointing at the template by number while the template is removed: refused.
    const templateId = emulator.state().templates[0]!.TemplateId;
    await run("up refusing a delete", "up", { bindings: { b1: { domainName: "push.example.com", templateId } } }, { key: ROTATED_KEY });
    // An up that changes the template, so the wrong pair reaches the API. (A refresh would not
    // use it: like the engine, it configures the provider from the config stored by the last up.)
    await run("up with a wrong SecretKey", "up", withKey, { key: CALLBACK_KEY, secretKey: WRONG_KEY });
    await run("up restoring the program", "up", withKey, { key: ROTATED_KEY });
    await run("destroy", "destroy", withKey, { key: ROTATED_KEY });
    texts.push({ where: "stats file", text: readFileSync(statsFile, "utf8") });
  }, 300_000);

  afterAll(async () => {
    await emulator?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("ran every command, the two meant to fail included", () => {
    expect(runs.map(({ label, run }) => `${label}: ${run.code}`)).toEqual([
      "up: 0",
      "preview of a rotated key: 0",
      "up with a rotated key: 0",
      "refresh: 0",
      "up refusing a delete: 1",
      "up with a wrong SecretKey: 1",
      "up restoring the program: 0",
      "destroy: 0",
    ]);
    const failures = runs.flatMap(({ run }) => run.result.errors.map((e) => e.message)).join("\n");
    expect(failures).toContain("is still bound to push.example.com/live");
    expect(failures).toContain("AuthFailure.SignatureFailure");
    expect(emulator.state().templates).toEqual([]);
  });

  it("prints no secret in any plan or log, and stores none in plain text in any checkpoint", () => {
    expect(texts.length).toBe(8 * 3 + 1);
    const found = texts.flatMap(({ where, text }) => hits(text, secrets).map((hit) => `${where}: ${hit}`));
    expect(found).toEqual([]);
  });

  it("stores the callback key encrypted, and the serialized providers hold no secret", () => {
    const checkpoint = texts.find((t) => t.where === "up checkpoint")!.text;
    expect(checkpoint).toContain('"ciphertext"');
    const providers: string[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          if (key === "__provider" && typeof inner === "string") providers.push(inner);
          else walk(inner);
        }
      }
    };
    walk(JSON.parse(checkpoint));
    expect(providers.length).toBeGreaterThanOrEqual(4); // inputs and outputs of both resources
    for (const text of providers) {
      expect(hits(text, secrets)).toEqual([]);
      expect(text.length).toBeLessThan(2048);
    }
  });
});

describe("secrets in provider error messages", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
    provider.setClientOptions({ retryPolicy: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxElapsedMs: 1000 } });
  });
  afterAll(async () => emulator?.close());

  const secretsOf = () => ({ secretId: emulator.credentials.secretId, secretKey: emulator.credentials.secretKey, wrongKey: WRONG_KEY, callbackKey: CALLBACK_KEY });
  /** Everything a user or a log could see of an error. */
  const views = (error: unknown) => [String(error), (error as Error).stack ?? "", JSON.stringify(error), inspect(error, { depth: 10 })].join("\n");
  const configure = (secretKey: string, secretId = emulator.credentials.secretId) =>
    provider.setStackConfig({ "tencentcloud:secretId": secretId, "tencentcloud:secretKey": secretKey, "tencent-css:endpoint": emulator.url });
  const template = { templateName: "error_hooks", streamBeginNotifyUrl: "https://hooks.example.com/b", callbackKey: CALLBACK_KEY };

  it("says nothing secret when the SecretKey is wrong", async () => {
    configure(WRONG_KEY);
    const error = await provider.template.create(template).catch((e: unknown) => e);
    expect(String(error)).toContain("AuthFailure.SignatureFailure");
    expect(hits(views(error), secretsOf())).toEqual([]);
  });

  it("says nothing secret when the SecretId is unknown", async () => {
    configure(emulator.credentials.secretKey, "AKIDunknownunknownunknownunknown0");
    const error = await provider.template.create(template).catch((e: unknown) => e);
    expect(String(error)).toContain("AuthFailure.SecretIdNotFound");
    expect(hits(views(error), { ...secretsOf(), unknownId: "AKIDunknownunknownunknownunknown0" })).toEqual([]);
  });

  it("says nothing secret when a delete is refused", async () => {
    configure(emulator.credentials.secretKey);
    const { id } = await provider.template.create(template);
    const tencentConsole = clientFor(emulator);
    await tencentConsole.createRule({ DomainName: "refused.example.com", AppName: "live", TemplateId: Number(id) });
    const error = await provider.template.delete(id, { ...template, templateId: Number(id) }).catch((e: unknown) => e);
    await tencentConsole.close();
    expect(String(error)).toContain("still bound to refused.example.com/live");
    expect(hits(views(error), secretsOf())).toEqual([]);
  });

  it("removes credentials and the callback key that the service echoes in an error", async () => {
    configure(emulator.credentials.secretKey);
    const { secretId, secretKey } = emulator.credentials;
    const echoed = `InvalidParameter: SecretId ${secretId}, key ${secretKey}, CallbackKey ${CALLBACK_KEY}`;
    const fault = emulator.faults.add({ action: "CreateLiveCallbackTemplate", kind: "error", code: "InvalidParameterValue", message: echoed, count: 1 });
    const error = await provider.template.create(template).catch((e: unknown) => e);
    emulator.faults.remove(fault.id);
    expect(String(error)).toContain("InvalidParameterValue");
    expect(hits(views(error), secretsOf())).toEqual([]);
  });
});

describe("where the emulator listens", () => {
  const reachable = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = createConnection({ host, port });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });

  /**
   * Addresses of this machine other than 127.0.0.1 that a server listening on every
   * interface answers on: the non-loopback IPv4 addresses, and 127.0.0.2 (on Linux all of
   * 127.0.0.0/8 is this machine), so the check exists on a loopback-only machine too.
   * Probed with a server on 0.0.0.0 so an address that leads nowhere is not counted.
   */
  async function otherAddresses(): Promise<string[]> {
    const candidates = [
      "127.0.0.2",
      ...Object.values(networkInterfaces())
        .flat()
        .filter((i) => i && i.family === "IPv4" && i.address !== "127.0.0.1")
        .map((i) => i!.address),
    ];
    const probe = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => probe.listen(0, "0.0.0.0", resolve));
    try {
      const port = (probe.address() as AddressInfo).port;
      const answers = await Promise.all([...new Set(candidates)].map(async (host) => ((await reachable(host, port)) ? host : undefined)));
      return answers.filter((host): host is string => host !== undefined);
    } finally {
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    }
  }

  it("binds loopback by default, programmatically and from the command line: no other address reaches it", async () => {
    const others = await otherAddresses();
    expect(others.length, "no address other than 127.0.0.1 reaches a server on 0.0.0.0: nothing to test with").toBeGreaterThan(0);
    const emulator = await startEmulator();
    try {
      expect(emulator.host).toBe("127.0.0.1");
      expect(await reachable("127.0.0.1", emulator.port)).toBe(true);
      for (const host of others) expect(await reachable(host, emulator.port), host).toBe(false);
    } finally {
      await emulator.close();
    }
    const cli = await startCliEmulator(["--port", "0"]);
    try {
      expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = Number(new URL(cli.url).port);
      expect(await reachable("127.0.0.1", port)).toBe(true);
      for (const host of others) expect(await reachable(host, port), host).toBe(false);
    } finally {
      cli.child.kill("SIGTERM");
      await cli.exited;
    }
  });

  it("listens on every interface only when told to", async () => {
    const others = await otherAddresses();
    expect(others.length).toBeGreaterThan(0);
    const emulator = await startEmulator({ host: "0.0.0.0" });
    try {
      for (const host of others) expect(await reachable(host, emulator.port), host).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});
