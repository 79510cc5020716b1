/**
 * Issue 12, item 1, and issue 15.3, at the hooks: within one deployment (one provider process), a binding
 * that the program declares protects its rule from the delete of another binding that
 * stands for the same rule — a rename without an alias, a replacement, or the rerun of an
 * interrupted one. The engine-level behaviour is tested with the real CLI in
 * test/cli/defects-binding-rename.test.ts. Each test uses its own domain: what a process
 * learned about its deployment lasts as long as the process.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

const rulesOn = async (domainName: string) =>
  (await fx.console.describeRules()).filter((r) => r.DomainName === domainName).map((r) => `${r.DomainName}/${r.AppName} -> ${r.TemplateId}`);

describe("DomainBinding delete within a deployment that declares the same rule", () => {
  it("keeps the rule when a replacement (checked with the old inputs, then created keeping the rule) is followed by the old one's delete", async () => {
    const domainName = "replace.example.com";
    const old = await fx.binding.create({ domainName, appName: "live", templateId: t1 });
    // The deployment of `up --replace`: the engine checks the binding with its old inputs, creates the new one, then deletes the old one.
    const { inputs, failures } = await fx.binding.check(old.outs, { domainName, templateId: t1 });
    expect(failures).toEqual([]);
    const created = await fx.binding.create(inputs as never);
    expect(created.id).toBe(old.id);
    await fx.binding.delete(old.id, old.outs);
    expect(await rulesOn(domainName)).toEqual([`${domainName}/live -> ${t1}`]);
  });

  it("keeps the rule when the old copy is deleted first (deleteBeforeReplace), so the create finds it in place", async () => {
    const domainName = "delete-first.example.com";
    const old = await fx.binding.create({ domainName, appName: "live", templateId: t1 });
    const { inputs } = await fx.binding.check(old.outs, { domainName, templateId: t1 });
    await fx.binding.delete(old.id, old.outs);
    expect(await rulesOn(domainName)).toEqual([`${domainName}/live -> ${t1}`]);
    await fx.binding.create(inputs as never);
    expect(await rulesOn(domainName)).toEqual([`${domainName}/live -> ${t1}`]);
  });

  it("refuses a binding renamed without an alias (no old inputs): its create cannot tell this stack's rule from another's, and nothing is unbound", async () => {
    const domainName = "rename.example.com";
    const old = await fx.binding.create({ domainName, appName: "live", templateId: t1 });
    const { inputs } = await fx.binding.check({}, { domainName, templateId: t1 });
    const error = await rejection(fx.binding.create(inputs as never));
    expect(error).toMatchObject({ code: "ForeignRule", domainName, appName: "live", templateId: t1, wantedTemplateId: t1 });
    expect((error as Error).message).toContain("aliases");
    expect(await rulesOn(domainName)).toEqual([`${domainName}/live -> ${t1}`]);
    expect(old.id).toBe(`${domainName}/live`);
  });

  it("re-points a rule this stack holds when its replacement wants another template", async () => {
    const domainName = "replace-repoint.example.com";
    const old = await fx.binding.create({ domainName, appName: "live", templateId: t1 });
    const { inputs } = await fx.binding.check(old.outs, { domainName, templateId: t2 });
    await fx.binding.create(inputs as never);
    expect(await rulesOn(domainName)).toEqual([`${domainName}/live -> ${t2}`]);
  });

  it("deletes the rule when no binding of the deployment wants it (a binding removed from the program, or destroy)", async () => {
    const domainName = "removed.example.com";
    const old = await fx.binding.create({ domainName, appName: "live", templateId: t1 });
    await fx.binding.check({}, { domainName: "other.example.com", templateId: t1 });
    await fx.binding.delete(old.id, old.outs);
    expect(await rulesOn(domainName)).toEqual([]);
  });

  it("protects only the rule a declared binding wants: same domain, same app, same template", async () => {
    const domainName = "moved.example.com";
    const onApp = await fx.binding.create({ domainName, appName: "app", templateId: t1 });
    const onLive = await fx.binding.create({ domainName, appName: "live", templateId: t1 });
    await fx.binding.check({}, { domainName, appName: "live", templateId: t2 });
    await fx.binding.delete(onApp.id, onApp.outs);
    await fx.binding.delete(onLive.id, onLive.outs);
    expect(await rulesOn(domainName)).toEqual([]);
  });

  it("protects nothing for a binding whose check failed", async () => {
    const domainName = "invalid.example.com";
    const old = await fx.binding.create({ domainName, appName: "live", templateId: t1 });
    const { failures } = await fx.binding.check({}, { domainName, templateId: t1, adopt: "yes" });
    expect(failures).not.toEqual([]);
    await fx.binding.delete(old.id, old.outs);
    expect(await rulesOn(domainName)).toEqual([]);
  });
});
