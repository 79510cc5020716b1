import { describe, expect, it } from "vitest";
import { inspect } from "node:util";
import { DEFAULT_LIVE_ENDPOINT, LiveCredentials, MissingCredentialsError, resolveConnection } from "../../provider/client";
import { readSettings } from "../../provider/settings";

const config = {
  "tencentcloud:secretId": "AKIDconfig",
  "tencentcloud:secretKey": "configKey",
  "tencentcloud:region": "ap-shanghai",
  "tencent-css:endpoint": "http://127.0.0.1:4566",
};
const env = {
  TENCENTCLOUD_SECRET_ID: "AKIDenv",
  TENCENTCLOUD_SECRET_KEY: "envKey",
  TENCENTCLOUD_SECURITY_TOKEN: "envToken",
  TENCENTCLOUD_REGION: "ap-guangzhou",
  TENCENTCLOUD_LIVE_ENDPOINT: "http://127.0.0.1:9999",
};

describe("credential resolution", () => {
  it("prefers explicit values over stack config over the environment", () => {
    expect(resolveConnection({ explicit: { secretId: "AKIDx", secretKey: "k" }, config, settings: readSettings(env) }).credentials.secretId).toBe("AKIDx");
    const fromConfig = resolveConnection({ config, settings: readSettings(env) });
    expect(fromConfig.credentials).toMatchObject({ secretId: "AKIDconfig", secretKey: "configKey" });
    expect(fromConfig.credentials.securityToken).toBeUndefined();
    expect(fromConfig.region).toBe("ap-shanghai");
    expect(fromConfig.endpoint).toBe("http://127.0.0.1:4566");
    const fromEnv = resolveConnection({ config: {}, settings: readSettings(env) });
    expect(fromEnv.credentials).toMatchObject({ secretId: "AKIDenv", secretKey: "envKey", securityToken: "envToken" });
    expect(fromEnv.endpoint).toBe("http://127.0.0.1:9999");
  });

  it("defaults to the public HTTPS endpoint", () => {
    expect(resolveConnection({ settings: readSettings({ TENCENTCLOUD_SECRET_ID: "a", TENCENTCLOUD_SECRET_KEY: "b" }) }).endpoint).toBe(DEFAULT_LIVE_ENDPOINT);
  });

  it("names every place it looked when nothing is set", () => {
    const error = (() => {
      try {
        resolveConnection({ settings: readSettings({}) });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(MissingCredentialsError);
    for (const name of ["tencentcloud:secretId", "tencentcloud:secretKey", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"]) {
      expect(error!.message).toContain(name);
    }
  });

  it("says which half is missing, without printing the half that is set", () => {
    try {
      resolveConnection({ settings: readSettings({ TENCENTCLOUD_SECRET_ID: "AKIDonlyId" }) });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain("SecretId but no SecretKey");
      expect((error as Error).message).not.toContain("AKIDonlyId");
    }
  });

  it("never prints the key when credentials are logged", () => {
    const credentials = new LiveCredentials("AKIDsecretid", "verysecretkey", "token123");
    expect(inspect(credentials)).not.toContain("verysecretkey");
    expect(JSON.stringify({ credentials })).not.toContain("verysecretkey");
    expect(JSON.stringify({ credentials })).not.toContain("AKIDsecretid");
  });
});
