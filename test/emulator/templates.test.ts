import { describe, expect, it } from "vitest";
import { CALLBACK_URL_FIELDS } from "../../live-api/wire";
import { call, createTemplate, emulatorForTest } from "../support/emulator-fixture";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const FULL_TEMPLATE = {
  TemplateName: "全量_template-1",
  Description: "all_fields",
  StreamBeginNotifyUrl: "https://hooks.example.com/begin",
  StreamEndNotifyUrl: "https://hooks.example.com/end",
  RecordNotifyUrl: "https://hooks.example.com/record",
  RecordStatusNotifyUrl: "https://hooks.example.com/record-status",
  SnapshotNotifyUrl: "http://hooks.example.com/snapshot",
  PornCensorshipNotifyUrl: "https://hooks.example.com/porn",
  PushExceptionNotifyUrl: "https://hooks.example.com/push-exception",
  AudioAuditNotifyUrl: "https://hooks.example.com/audio",
  RecordExceptionNotifyUrl: "https://hooks.example.com/record-exception",
  RecordExceptionLevels: ["error", "warning"],
  CallbackKey: "plainKey123",
  StreamMixNotifyUrl: "https://hooks.example.com/mix",
};

describe("callback templates", () => {
  it("creates a template and answers its integer id with a RequestId", async () => {
    const emulator = await emulatorForTest();
    const response = await call(emulator, "CreateLiveCallbackTemplate", FULL_TEMPLATE);
    expect(response).toEqual({ TemplateId: 10001, RequestId: expect.stringMatching(UUID) });
  });

  it("describes every field in the documented shape, leaving out RecordStatusNotifyUrl", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "x", FULL_TEMPLATE);
    const response = await call(emulator, "DescribeLiveCallbackTemplate", { TemplateId: id });
    const { RecordStatusNotifyUrl: _stored, ...returned } = FULL_TEMPLATE;
    expect(response.Template).toEqual({ ...returned, TemplateId: id });
    expect(Object.keys(response.Template)).not.toContain("RecordStatusNotifyUrl");
    expect(response.RequestId).toMatch(UUID);
  });

  it("keeps RecordStatusNotifyUrl in its state even though Describe never returns it", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "x", { RecordStatusNotifyUrl: "https://hooks.example.com/rs" });
    const stored = emulator.state().templates.find((t) => t.TemplateId === id);
    expect(stored?.RecordStatusNotifyUrl).toBe("https://hooks.example.com/rs");
  });

  it('answers "" for unset strings and [] for unset levels', async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "minimal");
    const { Template } = await call(emulator, "DescribeLiveCallbackTemplate", { TemplateId: id });
    expect(Template).toEqual({
      TemplateId: id,
      TemplateName: "minimal",
      Description: "",
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      StreamMixNotifyUrl: "",
      StreamEndNotifyUrl: "",
      RecordNotifyUrl: "",
      SnapshotNotifyUrl: "",
      PornCensorshipNotifyUrl: "",
      CallbackKey: "",
      PushExceptionNotifyUrl: "",
      AudioAuditNotifyUrl: "",
      RecordExceptionNotifyUrl: "",
      RecordExceptionLevels: [],
    });
  });

  it("returns the callback key in plain text, exactly as given", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "keyed", { CallbackKey: "s3cr3t with spaces & symbols!" });
    const { Template } = await call(emulator, "DescribeLiveCallbackTemplate", { TemplateId: id });
    expect(Template.CallbackKey).toBe("s3cr3t with spaces & symbols!");
  });

  it("lists all templates in id order", async () => {
    const emulator = await emulatorForTest();
    const first = await createTemplate(emulator, "a");
    const second = await createTemplate(emulator, "b");
    const response = await call(emulator, "DescribeLiveCallbackTemplates");
    expect(response.Templates.map((t: { TemplateId: number }) => t.TemplateId)).toEqual([first, second]);
    expect(response.RequestId).toMatch(UUID);
  });

  it("lists an empty account as Templates: []", async () => {
    const emulator = await emulatorForTest();
    expect((await call(emulator, "DescribeLiveCallbackTemplates")).Templates).toEqual([]);
  });

  it("hands out increasing ids and never reuses a deleted one", async () => {
    const emulator = await emulatorForTest();
    const first = await createTemplate(emulator, "a");
    await call(emulator, "DeleteLiveCallbackTemplate", { TemplateId: first });
    const second = await createTemplate(emulator, "b");
    expect(first).toBe(10001);
    expect(second).toBe(10002);
  });

  it("modifies only the fields that were sent", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "x", FULL_TEMPLATE);
    const response = await call(emulator, "ModifyLiveCallbackTemplate", {
      TemplateId: id,
      TemplateName: "renamed",
      StreamEndNotifyUrl: "https://hooks.example.com/end-2",
    });
    expect(response).toEqual({ RequestId: expect.stringMatching(UUID) });
    const { Template } = await call(emulator, "DescribeLiveCallbackTemplate", { TemplateId: id });
    const { RecordStatusNotifyUrl: _stored, ...returned } = FULL_TEMPLATE;
    expect(Template).toEqual({ ...returned, TemplateId: id, TemplateName: "renamed", StreamEndNotifyUrl: "https://hooks.example.com/end-2" });
  });

  it('clears URLs, description, key and levels sent as "" or []', async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator, "x", FULL_TEMPLATE);
    const cleared = Object.fromEntries(CALLBACK_URL_FIELDS.map((f) => [f, ""]));
    await call(emulator, "ModifyLiveCallbackTemplate", {
      TemplateId: id,
      ...cleared,
      Description: "",
      CallbackKey: "",
      RecordExceptionLevels: [],
    });
    const { Template } = await call(emulator, "DescribeLiveCallbackTemplate", { TemplateId: id });
    for (const field of CALLBACK_URL_FIELDS.filter((f) => f !== "RecordStatusNotifyUrl")) expect(Template[field]).toBe("");
    expect(Template).toMatchObject({ Description: "", CallbackKey: "", RecordExceptionLevels: [], StreamMixNotifyUrl: FULL_TEMPLATE.StreamMixNotifyUrl });
    expect(emulator.state().templates[0]!.RecordStatusNotifyUrl).toBe("");
  });

  it("deletes an unbound template", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    expect(await call(emulator, "DeleteLiveCallbackTemplate", { TemplateId: id })).toEqual({ RequestId: expect.stringMatching(UUID) });
    expect((await call(emulator, "DescribeLiveCallbackTemplates")).Templates).toEqual([]);
  });

  it("refuses a 51st template with InternalError.ConfOutLimit", async () => {
    const emulator = await emulatorForTest();
    for (let i = 0; i < 50; i++) await createTemplate(emulator, `t${i}`);
    const response = await call(emulator, "CreateLiveCallbackTemplate", { TemplateName: "one_too_many", RecordNotifyUrl: "https://h.example.com/" });
    expect(response.Error?.Code).toBe("InternalError.ConfOutLimit");
    expect(emulator.state().templates).toHaveLength(50);
  });

  it("honours a smaller maxTemplates and frees a slot on delete", async () => {
    const emulator = await emulatorForTest({ maxTemplates: 1 });
    const id = await createTemplate(emulator, "only");
    expect((await call(emulator, "CreateLiveCallbackTemplate", { TemplateName: "b", RecordNotifyUrl: "https://h.example.com/" })).Error?.Code).toBe(
      "InternalError.ConfOutLimit",
    );
    await call(emulator, "DeleteLiveCallbackTemplate", { TemplateId: id });
    expect(await createTemplate(emulator, "again")).toBe(id + 1);
  });
});
