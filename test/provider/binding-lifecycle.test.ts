import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as provider from "../../provider";
import { createUndiciTransport, type Transport } from "../../provider/client";
import { providerFixture } from "../support/hooks";
import { rejection } from "../support/live";

let fx: Awaited<ReturnType<typeof providerFixture>>;
let t1: number;
let t2: number;
beforeEach(async () => {
  fx = await providerFixture();
  t1 = await fx.console.createTemplate({ TemplateName: "one", StreamBeginNotifyUrl: "https://h.example.com/1" });
  t2 = await fx.console.createTemplate({ TemplateName: "two", StreamBeginNotifyUrl: "https://h.example.com/2" });
});
afterEach(async () => fx.stop());

const where = { domainName: "push.example.com", appName: "live" };

describe("DomainBinding lifecycle against the emulator", () => {
  it("creates a rule with id domain/app and echoes its inputs", async () => {
    const created = await fx.binding.create({ ...where, templateId: t1 });
    expect(created).toEqual({ id: "push.example.com/live", outs: { ...where, templateId: t1 } });
    expect(await fx.console.describeRules()).toMatchObject([{ DomainName: "push.example.com", AppName: "live", TemplateId: t1 }]);
  });

  it("refuses a domain and app that already have a rule from elsewhere, naming it", async () => {
    await fx.console.createRule({ DomainName: where.domainName, AppName: where.appName, TemplateId: t2 });
    const error = await rejection(fx.binding.create({ ...where, templateId: t1 }));
    expect(error).toMatchObject({ code: "ForeignRule", ...where, templateId: t2, wantedTemplateId: t1 });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t2 }]);
  });

  it("takes over such a rule with adopt and points it at its template", async () => {
    await fx.console.createRule({ DomainName: where.domainName, AppName: where.appName, TemplateId: t2 });
    await fx.binding.create({ ...where, templateId: t1, adopt: true });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t1 }]);
  });

  it("refuses a rule made outside the stack even when it already points at the wanted template: two owners would unbind each other", async () => {
    await fx.console.createRule({ DomainName: where.domainName, AppName: where.appName, TemplateId: t1 });
    const error = await rejection(fx.binding.create({ ...where, templateId: t1 }));
    expect(error).toMatchObject({ code: "ForeignRule", ...where, templateId: t1, wantedTemplateId: t1 });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t1 }]);
  });

  it("keeps such a rule as it is with adopt, writing nothing", async () => {
    await fx.console.createRule({ DomainName: where.domainName, AppName: where.appName, TemplateId: t1 });
    const createsBefore = fx.emulator.requestCounts().CreateLiveCallbackRule?.received ?? 0;
    await fx.binding.create({ ...where, templateId: t1, adopt: true });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t1 }]);
    expect(fx.emulator.requestCounts().CreateLiveCallbackRule?.received ?? 0).toBe(createsBefore);
  });

  it("settles a create whose every answer was lost by reading the rule, so no rerun meets its own rule as foreign", async () => {
    fx.emulator.faults.add("CreateLiveCallbackRule=reset,after-commit");
    const created = await fx.binding.create({ ...where, templateId: t1 });
    expect(created.id).toBe("push.example.com/live");
    expect(await fx.console.describeRules()).toMatchObject([{ DomainName: where.domainName, AppName: where.appName, TemplateId: t1 }]);
    expect(fx.emulator.requestCounts().CreateLiveCallbackRule?.received).toBeGreaterThan(1);
  });

  it("explains a template that does not exist", async () => {
    const error = await rejection(fx.binding.create({ ...where, templateId: 999999 }));
    expect(error).toMatchObject({ code: "BindingTemplateNotFound", ...where, templateId: 999999 });
    expect(await fx.console.describeRules()).toEqual([]);
  });

  it("re-points the rule in place on update", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    const updated = await fx.binding.update(id, outs, { ...where, templateId: t2 });
    expect(updated.outs).toEqual({ ...where, templateId: t2 });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t2 }]);
  });

  it("shows a rule re-pointed outside the stack on read", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    await fx.console.deleteRule({ DomainName: where.domainName, AppName: where.appName });
    await fx.console.createRule({ DomainName: where.domainName, AppName: where.appName, TemplateId: t2 });
    expect(await fx.binding.read(id, outs)).toEqual({ id, props: { ...where, templateId: t2 }, inputs: { ...where, templateId: t2 } });
  });

  it("answers no id for a rule deleted outside the stack", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    await fx.console.deleteRule({ DomainName: where.domainName, AppName: where.appName });
    expect(await fx.binding.read(id, outs)).toEqual({});
  });

  it("fails a read by id alone (DomainBinding.get) where there is no rule, naming the id and the kind", async () => {
    const error = await rejection(fx.binding.read("nope.example.com/live", {}));
    expect(error).toMatchObject({ code: "RuleNotFound", domainName: "nope.example.com", appName: "live" });
  });

  it("reads a rule by id alone, as DomainBinding.get does", async () => {
    await fx.console.createRule({ DomainName: "other.example.com", AppName: "app", TemplateId: t2 });
    expect((await fx.binding.read("other.example.com/app", {})).props).toEqual({
      domainName: "other.example.com",
      appName: "app",
      templateId: t2,
    });
  });

  it("deletes its own rule", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    await fx.binding.delete(id, outs);
    expect(await fx.console.describeRules()).toEqual([]);
  });

  it("never deletes a rule that someone re-pointed to another template", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    await fx.console.deleteRule({ DomainName: where.domainName, AppName: where.appName });
    await fx.console.createRule({ DomainName: where.domainName, AppName: where.appName, TemplateId: t2 });
    fx.emulator.resetRequestCounts();
    await fx.binding.delete(id, outs);
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t2 }]);
    expect(fx.emulator.requestCounts()).not.toHaveProperty("DeleteLiveCallbackRule");
  });

  it("counts a rule already gone as deleted", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    await fx.console.deleteRule({ DomainName: where.domainName, AppName: where.appName });
    await expect(fx.binding.delete(id, outs)).resolves.toBeUndefined();
    expect(await fx.console.describeRules()).toEqual([]);
    expect((await fx.console.describeTemplates()).map((t) => t.TemplateId)).toEqual([t1, t2]);
  });

  it("counts a rule removed between its check and its delete as deleted", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    const real = createUndiciTransport();
    const transport: Transport = {
      async post(endpoint, headers, body, action) {
        if (action === "DeleteLiveCallbackRule") await fx.console.deleteRule({ DomainName: where.domainName, AppName: where.appName });
        return real.post(endpoint, headers, body, action);
      },
      close: () => real.close(),
    };
    provider.setClientOptions({ retryPolicy: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10, maxElapsedMs: 5000 }, transport });
    try {
      fx.emulator.resetRequestCounts();
      await expect(fx.binding.delete(id, outs)).resolves.toBeUndefined();
      // The console's delete, then the provider's, answered "not found".
      expect(fx.emulator.requestCounts().DeleteLiveCallbackRule).toMatchObject({ received: 2, succeeded: 1, failed: 1 });
      expect(await fx.console.describeRules()).toEqual([]);
    } finally {
      provider.setClientOptions({});
    }
  });

  it("lets the template be deleted once its last binding is gone", async () => {
    const { id, outs } = await fx.binding.create({ ...where, templateId: t1 });
    await rejection(fx.template.delete(String(t1), {}));
    await fx.binding.delete(id, outs);
    await fx.template.delete(String(t1), {});
    expect((await fx.console.describeTemplates()).map((t) => t.TemplateId)).toEqual([t2]);
  });

  it("works when the emulator overwrites rules instead of refusing them", async () => {
    await fx.stop();
    fx = await providerFixture({ ruleConflict: "overwrite" });
    const a = await fx.console.createTemplate({ TemplateName: "a", StreamBeginNotifyUrl: "https://h.example.com/a" });
    const b = await fx.console.createTemplate({ TemplateName: "b", StreamBeginNotifyUrl: "https://h.example.com/b" });
    const { id, outs } = await fx.binding.create({ ...where, templateId: a });
    await fx.binding.update(id, outs, { ...where, templateId: b });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: b }]);
  });
});
