import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { configure, liveClient, setStackConfig, template } from "../../provider";
import { rejection } from "../support/live";

let emulator: RunningEmulator | undefined;
const savedEnv = { ...process.env };
afterEach(async () => {
  process.env = { ...savedEnv };
  setStackConfig({});
  await emulator?.close();
});

function configOf(values: Record<string, string>) {
  return { config: { get: (key: string) => values[key] } };
}

describe("provider configuration", () => {
  it("takes credentials and endpoint from the stack config sent to configure", async () => {
    emulator = await startEmulator();
    delete process.env.TENCENTCLOUD_SECRET_ID;
    delete process.env.TENCENTCLOUD_SECRET_KEY;
    await configure(
      configOf({
        "tencentcloud:secretId": emulator.credentials.secretId,
        "tencentcloud:secretKey": emulator.credentials.secretKey,
        "tencent-css:endpoint": emulator.url,
      }),
    );
    expect(liveClient().endpoint).toBe(emulator.url);
    await liveClient().describeRules();
  });

  it("reads the environment at call time, not when the module loads", async () => {
    emulator = await startEmulator();
    setStackConfig({});
    process.env.TENCENTCLOUD_SECRET_ID = emulator.credentials.secretId;
    process.env.TENCENTCLOUD_SECRET_KEY = emulator.credentials.secretKey;
    process.env.TENCENTCLOUD_LIVE_ENDPOINT = emulator.url;
    expect(liveClient().endpoint).toBe(emulator.url);
    process.env.TENCENTCLOUD_LIVE_ENDPOINT = "http://127.0.0.1:1";
    expect(liveClient().endpoint).toBe("http://127.0.0.1:1");
  });

  it("fails a hook with one clear sentence when no credentials are set", async () => {
    setStackConfig({});
    for (const key of ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN"]) delete process.env[key];
    const error = await rejection(template.read("123", {}));
    expect(error).toMatchObject({ code: "CredentialsMissing", operation: "reading callback template 123" });
    expect(error.detail).toContain("TENCENTCLOUD_SECRET_ID");
  });
});
