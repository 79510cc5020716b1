import { describe, expect, it } from "vitest";
import { tc3Signature } from "../../live-api/tc3";
import { call, emulatorForTest, errorCode, TestClock } from "../support/emulator-fixture";
import { sendSigned, type SigningStyle } from "../support/signed-request";

const EXAMPLE = { secretId: "AKIDEXAMPLE", secretKey: "SECRETEXAMPLE" };
const VECTOR_TIME = 1767225600;
const VECTOR_BODY = '{"TemplateName":"demo_1","StreamBeginNotifyUrl":"https://hooks.example.com/push"}';

describe("TC3 verification", () => {
  it.each(["documented", "node-sdk", "go-sdk"] satisfies SigningStyle[])("accepts a request signed the %s way", async (style) => {
    const emulator = await emulatorForTest();
    const response = await call(emulator, "DescribeLiveCallbackRules", {}, { style });
    expect(response).toEqual({ Rules: [], RequestId: expect.any(String) });
  });

  it("the three signing forms differ, so each one is really checked", () => {
    const base = { secretKey: "k", timestamp: VECTOR_TIME, body: "{}" };
    const signatures = new Set([
      tc3Signature({ ...base, host: "127.0.0.1", service: "live" }),
      tc3Signature({ ...base, host: "127.0.0.1", service: "127" }),
      tc3Signature({ ...base, host: "127.0.0.1:4566", service: "live" }),
    ]);
    expect(signatures.size).toBe(3);
  });

  it.each([
    ["the documented vector (host without port, service live)", "live", "384aae85d427e282b48e786c763a953520cc416d3054b30dfd656b8ddbd91bf2"],
    ["the Node.js SDK vector (service 127)", "127", "f74e49fa7e45c3d8ab173e1ab7df05a0c08c2c5de6587f27654fe51805818f38"],
  ])("accepts %s from the API reference for Host 127.0.0.1:4566", async (_name, service, signature) => {
    const emulator = await emulatorForTest({ credentials: EXAMPLE, now: () => VECTOR_TIME * 1000 });
    const answer = await sendSigned({
      url: emulator.url,
      ...EXAMPLE,
      action: "CreateLiveCallbackTemplate",
      rawBody: VECTOR_BODY,
      timestamp: VECTOR_TIME,
      headers: {
        Host: "127.0.0.1:4566",
        Authorization: `TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2026-01-01/${service}/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      },
    });
    expect(answer.json.Response).toEqual({ TemplateId: 10001, RequestId: expect.any(String) });
  });

  it("accepts the reference vector signed for live.tencentcloudapi.com when that is the Host", async () => {
    const emulator = await emulatorForTest({ credentials: EXAMPLE, now: () => 1700000000 * 1000 });
    const answer = await sendSigned({
      url: emulator.url,
      ...EXAMPLE,
      action: "DescribeLiveCallbackTemplate",
      rawBody: '{"TemplateId":1000}',
      timestamp: 1700000000,
      headers: {
        Host: "live.tencentcloudapi.com",
        Authorization:
          "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/live/tc3_request, SignedHeaders=content-type;host, Signature=dc7a4fe01722f9c69a282dd6e37bfed708a16c8d683ecd78bf072aee83cb4080",
      },
    });
    // Past authentication: the template simply does not exist.
    expect(answer.json.Response.Error.Code).toBe("InvalidParameter.ConfNotFound");
  });

  it("accepts the Go SDK form for Host 127.0.0.1:4566 (host with port, service live)", async () => {
    const emulator = await emulatorForTest({ credentials: EXAMPLE, now: () => VECTOR_TIME * 1000 });
    const answer = await sendSigned({
      url: emulator.url,
      ...EXAMPLE,
      action: "CreateLiveCallbackTemplate",
      rawBody: VECTOR_BODY,
      timestamp: VECTOR_TIME,
      style: "go-sdk",
      headers: { Host: "127.0.0.1:4566" },
    });
    expect(answer.json.Response.TemplateId).toBe(10001);
  });

  it.each<[string, { service?: string; signingHost?: string }]>([
    ["a service other than live or the first host label", { service: "cvm" }],
    ["the first label as service with the port in the host", { service: "127", signingHost: "127.0.0.1:PORT" }],
    ["another host", { signingHost: "live.tencentcloudapi.com" }],
  ])("rejects a signature over %s with AuthFailure.SignatureFailure", async (_name, overrides) => {
    const emulator = await emulatorForTest();
    const signingHost = overrides.signingHost?.replace("PORT", String(emulator.port));
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { ...overrides, ...(signingHost ? { signingHost } : {}) })).toBe(
      "AuthFailure.SignatureFailure",
    );
  });

  it("rejects a wrong SecretKey with AuthFailure.SignatureFailure", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { secretKey: "not-the-key" })).toBe("AuthFailure.SignatureFailure");
  });

  it("rejects a body changed after signing with AuthFailure.SignatureFailure", async () => {
    const emulator = await emulatorForTest();
    const response = await call(
      emulator,
      "CreateLiveCallbackTemplate",
      { TemplateName: "evil", StreamBeginNotifyUrl: "https://attacker.example.com/" },
      { signedBody: JSON.stringify({ TemplateName: "fine", StreamBeginNotifyUrl: "https://hooks.example.com/" }) },
    );
    expect(response.Error?.Code).toBe("AuthFailure.SignatureFailure");
    expect(emulator.state().templates).toEqual([]);
  });

  it("rejects a Content-Type other than the one signed", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { headers: { "Content-Type": "application/json; charset=utf-8" } })).toBe(
      "AuthFailure.SignatureFailure",
    );
  });

  it("rejects an unknown SecretId with AuthFailure.SecretIdNotFound", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { secretId: "AKIDunknown" })).toBe("AuthFailure.SecretIdNotFound");
  });

  it("accepts every configured credential", async () => {
    const emulator = await emulatorForTest({ credentials: [EXAMPLE, { secretId: "AKIDsecond", secretKey: "second-key" }] });
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, EXAMPLE)).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { secretId: "AKIDsecond", secretKey: "second-key" })).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { secretId: "AKIDsecond", secretKey: EXAMPLE.secretKey })).toBe(
      "AuthFailure.SignatureFailure",
    );
  });

  it("generates an AKID… credential when none is given", async () => {
    const emulator = await emulatorForTest();
    expect(emulator.credentials.secretId).toMatch(/^AKID[A-Za-z0-9]{32}$/);
    expect(emulator.credentials.secretKey).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it("rejects a timestamp more than 300 s from its clock with AuthFailure.SignatureExpire, and accepts one at 300 s", async () => {
    const clock = new TestClock(Date.UTC(2026, 5, 1, 12));
    const emulator = await emulatorForTest({ now: clock.now });
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { timestamp: clock.seconds - 301 })).toBe("AuthFailure.SignatureExpire");
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { timestamp: clock.seconds + 301 })).toBe("AuthFailure.SignatureExpire");
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { timestamp: clock.seconds - 300 })).toBe(undefined);
  });

  it("rejects a credential date that is not the UTC date of the timestamp", async () => {
    const emulator = await emulatorForTest();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = tc3Signature({ secretKey: emulator.credentials.secretKey, host: "127.0.0.1", service: "live", timestamp, body: "{}" });
    const response = await call(emulator, "DescribeLiveCallbackRules", {}, {
      timestamp,
      headers: {
        Authorization: `TC3-HMAC-SHA256 Credential=${emulator.credentials.secretId}/1999-01-01/live/tc3_request, SignedHeaders=content-type;host, Signature=${signature}`,
      },
    });
    expect(response.Error?.Code).toBe("AuthFailure.SignatureFailure");
  });

  it.each([
    ["missing", undefined],
    ["not TC3", "Bearer abc"],
    ["without a signature", "TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/live/tc3_request, SignedHeaders=content-type;host"],
    ["with other signed headers", `TC3-HMAC-SHA256 Credential=AKIDx/2026-01-01/live/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature=${"a".repeat(64)}`],
  ])("rejects an Authorization header %s with AuthFailure.InvalidAuthorization", async (_name, authorization) => {
    const emulator = await emulatorForTest();
    const response = await call(emulator, "DescribeLiveCallbackRules", {}, { headers: { Authorization: authorization } });
    expect(response.Error?.Code).toBe("AuthFailure.InvalidAuthorization");
    expect(response.RequestId).toEqual(expect.any(String));
  });

  it("requires the matching X-TC-Token for a credential with a security token", async () => {
    const credential = { secretId: "AKIDtemp", secretKey: "temp-key", token: "session-token-1" };
    const emulator = await emulatorForTest({ credentials: credential });
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { token: "session-token-1" })).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { token: "stale-token" })).toBe("AuthFailure.TokenFailure");
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {})).toBe("AuthFailure.TokenFailure");
  });
});
