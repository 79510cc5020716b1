/**
 * Issue 12, item 4, at the provider: where credentials come from, how to pick the
 * environment over stored stack config after a key rotation, and what an AuthFailure says
 * to do. The real-CLI version (stored config reused by refresh and destroy) is
 * test/cli/defects-credentials.test.ts.
 */
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorCredential, type RunningEmulator } from "../../emulator";
import { setStackConfig, template } from "../../provider";
import { MissingCredentialsError, resolveConnection } from "../../provider/client";
import { readSettings } from "../../provider/settings";
import { clientFor, rejection } from "../support/live";

let emulator: RunningEmulator | undefined;
const savedEnv = { ...process.env };
afterEach(async () => {
  process.env = { ...savedEnv };
  setStackConfig({});
  await emulator?.close();
});

let serial = 0;
const newCredential = (): EmulatorCredential => ({ secretId: `AKIDrotation${++serial}x7Qd`, secretKey: `rotationKey${serial}v9Lm2` });

const config = { "tencentcloud:secretId": "AKIDconfig", "tencentcloud:secretKey": "configKey" };
const env = { TENCENTCLOUD_SECRET_ID: "AKIDenv", TENCENTCLOUD_SECRET_KEY: "envKey" };

describe("TENCENT_CSS_CREDENTIALS_SOURCE", () => {
  it("takes stack config first by default, and says where the pair came from", () => {
    expect(resolveConnection({ config, settings: readSettings(env) }).credentialsSource).toBe("stack config");
    expect(resolveConnection({ config: {}, settings: readSettings(env) }).credentialsSource).toBe("environment");
  });

  it("= environment takes the environment's pair even where stack config has one", () => {
    const connection = resolveConnection({ config, settings: readSettings({ ...env, TENCENT_CSS_CREDENTIALS_SOURCE: "environment" }) });
    expect(connection).toMatchObject({ credentialsSource: "environment", credentials: { secretId: "AKIDenv" } });
  });

  it("= config ignores the environment, and the missing-credentials error says why", () => {
    const error = (() => {
      try {
        resolveConnection({ config: {}, settings: readSettings({ ...env, TENCENT_CSS_CREDENTIALS_SOURCE: "config" }) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect((error as Error).message).toContain("TENCENT_CSS_CREDENTIALS_SOURCE=config allows only the stack config");
  });

  it("refuses any other value, naming the three it takes", () => {
    expect(() => resolveConnection({ config, settings: readSettings({ ...env, TENCENT_CSS_CREDENTIALS_SOURCE: "env" }) })).toThrow(
      /TENCENT_CSS_CREDENTIALS_SOURCE must be "config", "environment" or "auto"/,
    );
  });
});

describe("after a key rotation", () => {
  it("an AuthFailure with stack config credentials names --run-program and the environment switch; the switch works", async () => {
    const old = newCredential();
    const fresh = newCredential();
    emulator = await startEmulator({ credentials: old });
    const id = await clientFor(emulator).createTemplate({ TemplateName: "rotated", StreamBeginNotifyUrl: "https://h.example.com/b" });
    emulator.rotateCredentials(fresh);
    // What refresh configures the provider with: the stack config stored by the last up, with the old pair.
    setStackConfig({ "tencentcloud:secretId": old.secretId, "tencentcloud:secretKey": old.secretKey, "tencent-css:endpoint": emulator.url });
    process.env.TENCENTCLOUD_SECRET_ID = fresh.secretId;
    process.env.TENCENTCLOUD_SECRET_KEY = fresh.secretKey;

    const error = await rejection(template.read(String(id), { templateName: "rotated" }));
    expect(error).toMatchObject({ code: "CredentialsRefused", tencentCode: "AuthFailure.SecretIdNotFound" });
    expect(error.advice).toContain("These credentials come from stack config");
    expect(error.advice).toContain("--run-program");
    expect(error.advice).toContain("TENCENT_CSS_CREDENTIALS_SOURCE=environment");
    for (const secret of [old.secretKey, fresh.secretKey]) expect(error.message).not.toContain(secret);

    process.env.TENCENT_CSS_CREDENTIALS_SOURCE = "environment";
    expect((await template.read(String(id), { templateName: "rotated" })).id).toBe(String(id));
  });

  it("an AuthFailure with environment credentials says they come from the environment", async () => {
    emulator = await startEmulator();
    setStackConfig({ "tencent-css:endpoint": emulator.url });
    process.env.TENCENTCLOUD_SECRET_ID = emulator.credentials.secretId;
    process.env.TENCENTCLOUD_SECRET_KEY = "notTheKey";
    const error = await rejection(template.read("10001", { templateName: "x" }));
    expect(error).toMatchObject({ code: "CredentialsRefused", tencentCode: "AuthFailure.SignatureFailure" });
    expect(error.advice).toContain("come from TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY");
    expect(error.message).not.toContain("--run-program");
  });

  it("the emulator refuses a rotated SecretId from the next request on", async () => {
    const old = newCredential();
    emulator = await startEmulator({ credentials: old });
    const before = clientFor(emulator);
    await before.describeRules();
    emulator.rotateCredentials(newCredential());
    expect(await rejection(before.describeRules())).toMatchObject({ kind: "Authentication", code: "AuthFailure.SecretIdNotFound" });
    expect(emulator.credentials.secretId).not.toBe(old.secretId);
    await before.close();
  });
});
