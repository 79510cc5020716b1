import { describe, expect, it } from "vitest";
import { call, createTemplate, emulatorForTest, errorCode } from "../support/emulator-fixture";

const URL = { StreamBeginNotifyUrl: "https://hooks.example.com/begin" };

describe("parameter checks", () => {
  it("answers errors as HTTP 200 with Error{Code,Message} and a RequestId", async () => {
    const emulator = await emulatorForTest();
    const response = await call(emulator, "DescribeLiveCallbackTemplate", {});
    expect(response).toEqual({
      Error: { Code: "MissingParameter", Message: expect.stringContaining("TemplateId") },
      RequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
  });

  it.each([
    ["CreateLiveCallbackTemplate", URL, "TemplateName"],
    ["ModifyLiveCallbackTemplate", {}, "TemplateId"],
    ["DeleteLiveCallbackTemplate", {}, "TemplateId"],
    ["DescribeLiveCallbackTemplate", {}, "TemplateId"],
    ["CreateLiveCallbackRule", { DomainName: "d.example.com", AppName: "live" }, "TemplateId"],
    ["CreateLiveCallbackRule", { AppName: "live", TemplateId: 1 }, "DomainName"],
    ["CreateLiveCallbackRule", { DomainName: "d.example.com", TemplateId: 1 }, "AppName"],
    ["DeleteLiveCallbackRule", { DomainName: "d.example.com" }, "AppName"],
    ["DeleteLiveCallbackRule", { AppName: "live" }, "DomainName"],
  ])("%s without a required parameter answers MissingParameter (%j, missing %s)", async (action, params, missing) => {
    const emulator = await emulatorForTest();
    const response = await call(emulator, action, params);
    expect(response.Error?.Code).toBe("MissingParameter");
    expect(response.Error?.Message).toContain(missing);
  });

  it.each([
    ["CreateLiveCallbackTemplate", { TemplateName: "t", ...URL, Colour: "red" }],
    ["ModifyLiveCallbackTemplate", { TemplateId: 1, StreamMixNotifyUrl: "https://hooks.example.com/mix" }],
    ["DeleteLiveCallbackRule", { DomainName: "d.example.com", AppName: "live", TemplateId: 1 }],
    ["DescribeLiveCallbackTemplates", { Limit: 10 }],
    ["DescribeLiveCallbackRules", { DomainName: "d.example.com" }],
  ])("%s with an unknown parameter answers UnknownParameter (%j)", async (action, params) => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, action, params)).toBe("UnknownParameter");
  });

  it("accepts the deprecated StreamMixNotifyUrl on Create", async () => {
    const emulator = await emulatorForTest();
    const response = await call(emulator, "CreateLiveCallbackTemplate", { TemplateName: "t", StreamMixNotifyUrl: "https://hooks.example.com/mix" });
    expect(response.Error).toBeUndefined();
  });

  it.each([
    ["CreateLiveCallbackTemplate", { TemplateName: 5, ...URL }],
    ["CreateLiveCallbackTemplate", { TemplateName: "t", StreamBeginNotifyUrl: ["https://hooks.example.com/"] }],
    ["CreateLiveCallbackTemplate", { TemplateName: "t", ...URL, RecordExceptionLevels: "error" }],
    ["CreateLiveCallbackTemplate", { TemplateName: "t", ...URL, RecordExceptionLevels: [1] }],
    ["CreateLiveCallbackTemplate", { TemplateName: "t", ...URL, CallbackKey: null }],
    ["ModifyLiveCallbackTemplate", { TemplateId: "10001" }],
    ["DescribeLiveCallbackTemplate", { TemplateId: 1.5 }],
    ["DeleteLiveCallbackTemplate", { TemplateId: true }],
    ["CreateLiveCallbackRule", { DomainName: "d.example.com", AppName: 1, TemplateId: 10001 }],
    ["DeleteLiveCallbackRule", { DomainName: {}, AppName: "live" }],
  ])("%s with a wrong JSON type answers InvalidParameter (%j)", async (action, params) => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, action, params)).toBe("InvalidParameter");
  });

  it("answers InvalidParameter when the body is JSON but not an object", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", [])).toBe("InvalidParameter");
  });

  it.each([
    ["too long", "a".repeat(256)],
    ["too many bytes in Chinese", "直".repeat(86)],
    ["with a space", "my template"],
    ["with a dot", "my.template"],
    ["empty", ""],
  ])("refuses a TemplateName %s with InvalidParameter.ArgsNotMatch", async (_why, name) => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "CreateLiveCallbackTemplate", { TemplateName: name, ...URL })).toBe("InvalidParameter.ArgsNotMatch");
  });

  it("accepts a 255-byte TemplateName of Chinese characters, letters, digits, _ and -", async () => {
    const emulator = await emulatorForTest();
    const name = `直播回调_Tpl-9${"a".repeat(255 - Buffer.byteLength("直播回调_Tpl-9"))}`;
    expect(Buffer.byteLength(name)).toBe(255);
    expect((await call(emulator, "CreateLiveCallbackTemplate", { TemplateName: name, ...URL })).Error).toBeUndefined();
  });

  it("checks TemplateName on Modify too", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    expect(await errorCode(emulator, "ModifyLiveCallbackTemplate", { TemplateId: id, TemplateName: "no/slash" })).toBe(
      "InvalidParameter.ArgsNotMatch",
    );
  });

  it.each([
    ["over 1024 bytes", "d".repeat(1025)],
    ["with spaces", "a description"],
  ])("refuses a Description %s with InvalidParameterValue", async (_why, description) => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "CreateLiveCallbackTemplate", { TemplateName: "t", ...URL, Description: description })).toBe(
      "InvalidParameterValue",
    );
  });

  it("accepts a 1024-byte Description", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "CreateLiveCallbackTemplate", { TemplateName: "t", ...URL, Description: "描述".repeat(170) + "abcd" })).toBe(
      undefined,
    );
  });

  it("refuses a template without any callback URL with InvalidParameterValue", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "CreateLiveCallbackTemplate", { TemplateName: "t", CallbackKey: "k" })).toBe("InvalidParameterValue");
  });

  it.each(["ftp://hooks.example.com/x", "hooks.example.com/x", "/relative", "https://", "https:hooks.example.com", "https://hooks.example.com/a b", ""])(
    "refuses the callback URL %j on Create with InvalidParameter.InvalidCallbackUrl",
    async (url) => {
      const emulator = await emulatorForTest();
      expect(await errorCode(emulator, "CreateLiveCallbackTemplate", { TemplateName: "t", ...URL, RecordNotifyUrl: url })).toBe(
        "InvalidParameter.InvalidCallbackUrl",
      );
    },
  );

  it("refuses an invalid callback URL on Modify but accepts \"\" there", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    expect(await errorCode(emulator, "ModifyLiveCallbackTemplate", { TemplateId: id, SnapshotNotifyUrl: "not a url" })).toBe(
      "InvalidParameter.InvalidCallbackUrl",
    );
    expect(await errorCode(emulator, "ModifyLiveCallbackTemplate", { TemplateId: id, StreamBeginNotifyUrl: "" })).toBe(undefined);
  });

  it("refuses RecordExceptionLevels outside error, warning, info with InvalidParameterValue", async () => {
    const emulator = await emulatorForTest();
    const params = { TemplateName: "t", ...URL, RecordExceptionLevels: ["error", "fatal"] };
    expect(await errorCode(emulator, "CreateLiveCallbackTemplate", params)).toBe("InvalidParameterValue");
  });

  it("changes nothing when a Modify is refused", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "keep");
    await call(emulator, "ModifyLiveCallbackTemplate", { TemplateId: id, TemplateName: "new", RecordNotifyUrl: "bad" });
    expect(emulator.state().templates[0]!.TemplateName).toBe("keep");
  });

  it("refuses empty DomainName and AppName on CreateLiveCallbackRule with InvalidParameterValue", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    expect(await errorCode(emulator, "CreateLiveCallbackRule", { DomainName: "", AppName: "live", TemplateId: id })).toBe("InvalidParameterValue");
    expect(await errorCode(emulator, "CreateLiveCallbackRule", { DomainName: "d.example.com", AppName: " ", TemplateId: id })).toBe(
      "InvalidParameterValue",
    );
  });

  it("answers InvalidAction for an action it does not know", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DescribeLiveStreamOnlineList")).toBe("InvalidAction");
    expect(await errorCode(emulator, "describeLiveCallbackRules")).toBe("InvalidAction");
  });

  it("answers NoSuchVersion for any X-TC-Version but 2018-08-01", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { headers: { "X-TC-Version": "2017-03-12" } })).toBe("NoSuchVersion");
  });
});
