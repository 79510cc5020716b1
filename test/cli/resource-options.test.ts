/**
 * Resource options the engine honours for dynamic resources, through the real `pulumi`
 * CLI: `protect`, `retainOnDelete` and `deletedWith`, set from config by the `options`
 * program (test/engine/programs/options). The emulator is the oracle for the cloud.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { CliStack } from "../../cli-driver/pulumi-cli";
import { PROGRAMS, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, resourceCounts, ruleTargets } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

type Options = { protect?: boolean; retainOnDelete?: boolean; deletedWith?: string };

/** One template `name` bound to `domain`, each with its options. */
function pair(name: string, domain: string, templateOptions: Options = {}, bindingOptions: Options = {}) {
  return {
    templates: { [name]: { templateName: `${name}_hooks`, streamBeginNotifyUrl: `https://hooks.example.com/${name}`, options: templateOptions } },
    bindings: { [`${name}-push`]: { domainName: domain, template: name, options: bindingOptions } },
  };
}

async function optionsStack(spec: { templates: object; bindings: object }): Promise<CliStack> {
  const stack = await f.stack(join(PROGRAMS, "options"));
  await stack.setConfig({ spec: JSON.stringify(spec) });
  return stack;
}

describeCli("resource options with the real pulumi CLI", () => {
  it("protect refuses destroy and deletes nothing while the binding is protected; a protected template alone still loses its unprotected binding", async () => {
    const stack = await optionsStack(pair("guarded", "guarded.example.com", { protect: true }, { protect: true }));
    expectCliOk(await stack.up());
    const cloud = f.emulator.state();
    const writes = f.writeCount();

    const refused = await stack.destroy();
    expectCliFailed(refused);
    expect(refused.stdout).toContain(`resource "${stack.urn("DomainBinding", "guarded-push")}" cannot be deleted`);
    expect(refused.stdout).toContain("because it is protected");
    expect(f.writeCount()).toBe(writes);
    expect(f.emulator.state()).toEqual(cloud);
    const resources = (await stack.exportState()).resources ?? [];
    expect(resources.filter((r) => r.protect).map((r) => r.urn).sort()).toEqual(
      [stack.urn("CallbackTemplate", "guarded"), stack.urn("DomainBinding", "guarded-push")].sort(),
    );

    // Protect guards the resource that carries it, not what depends on it: destroy deletes
    // the binding first, then refuses the template.
    await stack.setConfig({ spec: JSON.stringify(pair("guarded", "guarded.example.com", { protect: true })) });
    expectCliOk(await stack.up());
    expect(f.writeCount()).toBe(writes);
    const partly = await stack.destroy();
    expectCliFailed(partly);
    expect(partly.stdout).toContain(`resource "${stack.urn("CallbackTemplate", "guarded")}" cannot be deleted`);
    expect(f.emulator.state().rules).toEqual([]);
    expect(f.emulator.state().templates).toEqual(cloud.templates);
  });

  it("retainOnDelete keeps the cloud objects when destroy removes them from the stack, and deletes the rest", async () => {
    const kept = pair("kept", "kept.example.com", { retainOnDelete: true }, { retainOnDelete: true });
    const gone = pair("gone", "gone.example.com");
    const stack = await optionsStack({ templates: { ...kept.templates, ...gone.templates }, bindings: { ...kept.bindings, ...gone.bindings } });
    expectCliOk(await stack.up());
    const keptTemplate = f.emulator.state().templates.find((t) => t.TemplateName === "kept_hooks")!;
    f.emulator.resetRequestCounts();

    const destroy = await stack.destroy();
    expectCliOk(destroy);
    expect(resourceCounts(destroy)).toEqual({ delete: 5 });
    expect(destroy.stdout).toMatch(/CallbackTemplate kept deleted .*\[retain\]/);
    expect(f.emulator.state().templates).toEqual([keptTemplate]);
    expect(ruleTargets(f.emulator.state())).toEqual({ "kept.example.com/live": keptTemplate.TemplateId });
    const counts = f.emulator.requestCounts();
    expect(counts.DeleteLiveCallbackTemplate?.received).toBe(1);
    expect(counts.DeleteLiveCallbackRule?.received).toBe(1);
    expect(((await stack.exportState()).resources ?? []).filter((r) => r.type.includes("tencent-css"))).toEqual([]);
  });

  it("deletedWith skips the binding's delete, so the template's delete is refused as still bound and nothing in the cloud is lost", async () => {
    const stack = await optionsStack(pair("parent", "parent.example.com", {}, { deletedWith: "parent" }));
    expectCliOk(await stack.up());
    const cloud = f.emulator.state();
    const templateId = cloud.templates[0]!.TemplateId;
    f.emulator.resetRequestCounts();

    const destroy = await stack.destroy();
    // Tencent does not delete a template's rules with it, so the skipped delete leaves the rule
    // in place, and the delete guard refuses the template, naming that rule.
    expectCliFailed(destroy);
    expect(destroy.stdout).toMatch(/DomainBinding parent-push deleted/);
    expect(destroy.stdout).toContain(`template ${templateId} is still bound to parent.example.com/live; nothing was deleted`);
    expect(f.emulator.requestCounts().DeleteLiveCallbackRule).toBeUndefined();
    expect(f.emulator.requestCounts().DeleteLiveCallbackTemplate).toBeUndefined();
    expect(f.emulator.state()).toEqual(cloud);
    const left = ((await stack.exportState()).resources ?? []).filter((r) => r.type.includes("tencent-css")).map((r) => r.urn);
    expect(left).toEqual([stack.urn("CallbackTemplate", "parent")]);
  });
});
