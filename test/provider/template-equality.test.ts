/**
 * The provider's one template equality (provider/resources/template-equality.ts), as diff
 * and the ambiguous create use it. The expected answers are written out by hand: what the
 * cloud would hold is the same template, whatever the spelling of "not set" or the order
 * of the levels; a field Describe never returns cannot tell two described templates apart.
 */
import { describe, expect, it } from "vitest";
import { sameTemplate, templateDifferences } from "../../provider/resources/template-equality";
import { UNKNOWN } from "../../provider/unknown";
import { matchesRequest } from "../../provider/resources/ambiguous-create";
import type { CallbackTemplateInfo, CreateTemplateRequest } from "../../provider/client";

const base = { templateName: "t", streamBeginNotifyUrl: "https://h.example.com/b" };

describe("template equality", () => {
  it("counts a missing value, null, an empty string and an empty list as not set", () => {
    const spelled = { ...base, description: "", callbackKey: null, recordExceptionLevels: [] };
    expect(templateDifferences(base, spelled)).toEqual([]);
    expect(sameTemplate(spelled, base)).toBe(true);
  });

  it("ignores the order of the recording exception levels, not the levels", () => {
    expect(sameTemplate({ ...base, recordExceptionLevels: ["info", "error"] }, { ...base, recordExceptionLevels: ["error", "info"] })).toBe(true);
    expect(templateDifferences({ ...base, recordExceptionLevels: ["info"] }, { ...base, recordExceptionLevels: ["info", "error"] })).toEqual([
      "recordExceptionLevels",
    ]);
  });

  it("names every property that differs, and nothing outside the template's fields", () => {
    const before = { ...base, callbackKey: "k1", templateId: 1, adoptTemplateId: 1, __provider: "old" };
    const after = { ...base, streamBeginNotifyUrl: "https://h.example.com/b2", recordStatusNotifyUrl: "https://h.example.com/s", callbackKey: "k2" };
    expect(templateDifferences(before, after).sort()).toEqual(["callbackKey", "recordStatusNotifyUrl", "streamBeginNotifyUrl"]);
  });

  it("counts a value not known yet as a difference", () => {
    expect(templateDifferences(base, { ...base, callbackKey: UNKNOWN })).toEqual(["callbackKey"]);
    expect(templateDifferences(base, { ...base, recordExceptionLevels: ["error", UNKNOWN] })).toEqual(["recordExceptionLevels"]);
  });

  it("leaves out the recording status URL when asked to compare only what Describe returns", () => {
    const withStatus = { ...base, recordStatusNotifyUrl: "https://h.example.com/s" };
    expect(sameTemplate(base, withStatus)).toBe(false);
    expect(sameTemplate(base, withStatus, { describedOnly: true })).toBe(true);
  });
});

describe("the ambiguous create's test of a listed template", () => {
  const request: CreateTemplateRequest = {
    TemplateName: "ambiguous",
    StreamBeginNotifyUrl: "https://h.example.com/b",
    RecordStatusNotifyUrl: "https://h.example.com/s",
    RecordExceptionLevels: ["info", "error"],
    CallbackKey: "k1",
  };
  // A described template as the client parses it: unset strings "", no RecordStatusNotifyUrl.
  const listed = {
    TemplateId: 10001,
    TemplateName: "ambiguous",
    Description: "",
    StreamBeginNotifyUrl: "https://h.example.com/b",
    StreamMixNotifyUrl: "",
    StreamEndNotifyUrl: "",
    RecordNotifyUrl: "",
    SnapshotNotifyUrl: "",
    PornCensorshipNotifyUrl: "",
    CallbackKey: "k1",
    PushExceptionNotifyUrl: "",
    AudioAuditNotifyUrl: "",
    RecordExceptionNotifyUrl: "",
    RecordExceptionLevels: ["error", "info"],
  } as CallbackTemplateInfo;

  it("takes the template that holds what the request asked for", () => {
    expect(matchesRequest(listed, request)).toBe(true);
  });

  it("still takes it when Tencent adds a field to the listing", () => {
    expect(matchesRequest({ ...listed, CreateTime: "2026-01-01 08:00:00" } as CallbackTemplateInfo, request)).toBe(true);
  });

  it("refuses a template that differs in one field", () => {
    expect(matchesRequest({ ...listed, StreamEndNotifyUrl: "https://h.example.com/e" }, request)).toBe(false);
    expect(matchesRequest({ ...listed, CallbackKey: "" }, request)).toBe(false);
    expect(matchesRequest({ ...listed, RecordExceptionLevels: ["error"] }, request)).toBe(false);
  });
});
