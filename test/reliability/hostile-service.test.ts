/**
 * The provider's hooks against a hostile service: an answer spoiled after the change was
 * applied is a lost answer, and the rules for lost answers hold (no template created
 * twice); an answer that lies about the account by leaving a field out or adding fields
 * never turns into a wrong result.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setClientOptions } from "../../provider";
import { providerFixture } from "../support/hooks";

let fx: Awaited<ReturnType<typeof providerFixture>>;
beforeEach(async () => {
  fx = await providerFixture();
  // The fixture's retry policy, and a deadline short enough for a trickled answer.
  setClientOptions({ retryPolicy: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10, maxElapsedMs: 5000 }, timeouts: { requestMs: 500 } });
});
afterEach(async () => fx.stop());

const inputs = { templateName: "hostile", streamBeginNotifyUrl: "https://h.example.com/b", callbackKey: "hostileKey0123" };

describe("a template create whose answer is spoiled after it was applied", () => {
  it.each(["non-json", "html", "html:200", "truncated", "truncated:lying", "huge", "missing-fields", "slowloris:20"])(
    "reuses the template it created when the answer is %s",
    async (kind) => {
      fx.emulator.faults.add(`CreateLiveCallbackTemplate=${kind},count=1,after-commit`);
      const { id } = await fx.template.create(inputs);
      expect(fx.emulator.state().templates.map((t) => String(t.TemplateId))).toEqual([id]);
    },
  );

  it("does not take the id of an earlier create whose answer is sent again", async () => {
    const first = await fx.template.create({ ...inputs, templateName: "first" });
    fx.emulator.faults.add("CreateLiveCallbackTemplate=wrong-request-id,count=1,after-commit");
    const second = await fx.template.create(inputs);
    expect(second.id).not.toBe(first.id);
    expect(fx.emulator.state().templates.map((t) => [String(t.TemplateId), t.TemplateName])).toEqual([
      [first.id, "first"],
      [second.id, "hostile"],
    ]);
  });

  it("finds its template when the list it looks through carries fields the client does not know", async () => {
    fx.emulator.faults.add("CreateLiveCallbackTemplate=reset,count=1,after-commit");
    fx.emulator.faults.add("DescribeLiveCallbackTemplates=unknown-fields,after-commit");
    const { id } = await fx.template.create(inputs);
    expect(fx.emulator.state().templates.map((t) => String(t.TemplateId))).toEqual([id]);
  });
});

describe("reads of a service that leaves fields out", () => {
  it("a rule list without its Rules fails the read rather than telling refresh the binding is gone", async () => {
    const templateId = await fx.console.createTemplate({ TemplateName: "t", StreamBeginNotifyUrl: "https://h.example.com/b" });
    await fx.console.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: templateId });
    fx.emulator.faults.add("DescribeLiveCallbackRules=missing-fields,after-commit");
    const stored = { domainName: "push.example.com", appName: "live", templateId };
    await expect(fx.binding.read("push.example.com/live", stored)).rejects.toThrow(
      /^reading DomainBinding push\.example\.com\/live: DescribeLiveCallbackRules got an answer .* that it cannot use: it is not a DescribeLiveCallbackRules answer \(Rules: /,
    );
  });
});
