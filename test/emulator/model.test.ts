import { describe, expect, it } from "vitest";
import {
  createRule,
  createTemplate,
  DEFAULT_POLICY,
  deleteRule,
  deleteTemplate,
  EmulatorApiError,
  emptyState,
  formatBeijingTime,
  modifyTemplate,
} from "../../emulator/model";

// The model is plain data and pure functions: no server needed to check its rules.
describe("state model", () => {
  it("never changes the state it was given", () => {
    const before = emptyState();
    const { state: after } = createTemplate(before, { TemplateName: "t", RecordNotifyUrl: "https://h.example.com/" }, DEFAULT_POLICY);
    expect(before).toEqual({ nextTemplateId: 10001, templates: [], rules: [] });
    expect(after.templates).toHaveLength(1);
  });

  it("throws EmulatorApiError with the policy's codes", () => {
    const policy = { ...DEFAULT_POLICY, inUseCode: "InternalError.RuleInUsing" as const };
    const { state, template } = createTemplate(emptyState(), { TemplateName: "t" }, policy);
    const bound = createRule(state, { DomainName: "d", AppName: "live", TemplateId: template.TemplateId }, 0, policy);
    expect(() => deleteTemplate(bound, template.TemplateId, policy)).toThrow(EmulatorApiError);
    expect(() => deleteTemplate(bound, template.TemplateId, policy)).toThrow(expect.objectContaining({ code: "InternalError.RuleInUsing" }));
    expect(() => deleteRule(state, "d", "live")).toThrow(expect.objectContaining({ code: "FailedOperation.NotFound" }));
  });

  it("keeps fields that a modification leaves undefined", () => {
    const { state, template } = createTemplate(emptyState(), { TemplateName: "t", CallbackKey: "k" }, DEFAULT_POLICY);
    const changed = modifyTemplate(state, template.TemplateId, { TemplateName: undefined, Description: "d" }, DEFAULT_POLICY).template;
    expect(changed).toMatchObject({ TemplateName: "t", CallbackKey: "k", Description: "d" });
  });

  it("formats times in Beijing time, across a date change", () => {
    expect(formatBeijingTime(Date.UTC(2025, 11, 31, 16, 30, 5))).toBe("2026-01-01 00:30:05");
  });
});
