import { describe, expect, it } from "vitest";
import { binding, template } from "../../provider";
import { UNKNOWN } from "../../provider/unknown";

const base = { templateName: "t", streamBeginNotifyUrl: "https://h.example.com/b" };

describe("CallbackTemplate diff", () => {
  it("sees no change between create's outputs and the same inputs", async () => {
    expect(await template.diff("1", { ...base, templateId: 1 }, base)).toMatchObject({ changes: false, replaces: [] });
  });

  it("treats a missing value, an empty string and an empty list as the same", async () => {
    const olds = { ...base, description: "", recordExceptionLevels: [], templateId: 1 };
    expect((await template.diff("1", olds, base)).changes).toBe(false);
  });

  it("ignores the order of recording exception levels", async () => {
    const olds = { ...base, recordExceptionLevels: ["info", "error"], templateId: 1 };
    expect((await template.diff("1", olds, { ...base, recordExceptionLevels: ["error", "info"] })).changes).toBe(false);
  });

  it("ignores adoptTemplateId after creation and the provider text", async () => {
    const olds = { ...base, templateId: 1, __provider: "old text" };
    expect((await template.diff("1", olds, { ...base, adoptTemplateId: 1, __provider: "new text" })).changes).toBe(false);
  });

  it("reports a removed URL as an in-place change, never a replacement", async () => {
    const olds = { ...base, streamEndNotifyUrl: "https://h.example.com/e", templateId: 1 };
    expect(await template.diff("1", olds, base)).toMatchObject({ changes: true, replaces: [] });
    expect(await template.diff("1", { ...base, templateId: 1 }, { ...base, templateName: "renamed" })).toMatchObject({
      changes: true,
      replaces: [],
    });
  });

  it("reports a change when a value is unknown during preview", async () => {
    expect((await template.diff("1", { ...base, templateId: 1 }, { ...base, callbackKey: UNKNOWN })).changes).toBe(true);
  });
});

describe("DomainBinding diff", () => {
  const olds = { domainName: "a.example.com", appName: "live", templateId: 1 };

  it("sees no change for the same inputs", async () => {
    expect(await binding.diff("a.example.com/live", olds, { ...olds })).toMatchObject({ changes: false, replaces: [] });
  });

  it("re-points in place when only the template changes", async () => {
    expect(await binding.diff("a.example.com/live", olds, { ...olds, templateId: 2 })).toMatchObject({ changes: true, replaces: [] });
  });

  it("replaces when the domain or the app changes", async () => {
    expect((await binding.diff("x", olds, { ...olds, domainName: "b.example.com" })).replaces).toEqual(["domainName"]);
    expect((await binding.diff("x", olds, { ...olds, appName: "other" })).replaces).toEqual(["appName"]);
  });

  it("ignores adopt after creation", async () => {
    expect((await binding.diff("x", olds, { ...olds, adopt: true })).changes).toBe(false);
  });

  it("reports a change for an unknown template during preview", async () => {
    expect(await binding.diff("x", olds, { ...olds, templateId: UNKNOWN })).toMatchObject({ changes: true, replaces: [] });
  });
});
