/**
 * Replacements through the real `pulumi` CLI. The engine creates the replacement first
 * and deletes the original last, even when both are the same cloud object (a binding's id
 * is its domain and app), so a replacement must not end with the old delete undoing the
 * new create. The emulator is the oracle for the cloud.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { EXAMPLES, PROGRAMS, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, resourceCounts, ruleTargets } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const BASIC = join(EXAMPLES, "basic");

describeCli("replacements with the real pulumi CLI", () => {
  it("up --target-replace on a bound template creates the new one, refuses to delete the old one while bindings point at it, and the next up re-points them and deletes it", async () => {
    const stack = await f.stack(BASIC);
    expectCliOk(await stack.up());
    const oldId = f.emulator.state().templates.find((t) => t.TemplateName === "prod_streams")!.TemplateId;
    const rulesBefore = ruleTargets(f.emulator.state());

    const replaced = await stack.up({ flags: ["--target-replace", stack.urn("CallbackTemplate", "streams")] });
    // --target leaves the bindings alone, so they still point at the old template.
    expectCliFailed(replaced);
    expect(replaced.stdout).toMatch(/streams created replacement/);
    expect(replaced.stdout).toContain(`template ${oldId} is still bound to`);
    expect(replaced.stdout).toContain("push.example.com/live");
    expect(replaced.stdout).toContain("push-backup.example.com/live");
    const streams = f.emulator.state().templates.filter((t) => t.TemplateName === "prod_streams");
    expect(streams.map((t) => t.TemplateId).sort()).toEqual([oldId, expect.any(Number)]);
    const newId = streams.find((t) => t.TemplateId !== oldId)!.TemplateId;
    expect(ruleTargets(f.emulator.state())).toEqual(rulesBefore);
    expect((await stack.outputs()).streamsTemplateId).toBe(newId);
    const pending = ((await stack.exportState()).resources ?? []).filter((r) => r.urn === stack.urn("CallbackTemplate", "streams"));
    expect(pending.map((r) => `${r.id}${r.delete ? " (pending delete)" : ""}`).sort()).toEqual([`${newId}`, `${oldId} (pending delete)`].sort());

    const converged = await stack.up();
    expectCliOk(converged);
    expect(resourceCounts(converged)).toMatchObject({ update: 2 });
    expect(f.emulator.state().templates.map((t) => t.TemplateId)).not.toContain(oldId);
    expect(ruleTargets(f.emulator.state())).toEqual({ ...rulesBefore, "push.example.com/live": newId, "push-backup.example.com/live": newId });
    expect(((await stack.exportState()).resources ?? []).some((r) => r.delete)).toBe(false);
  });

  // Once a defect (issue 12): the replacement's create found the rule already pointing at the
  // template and kept it, then the original's delete removed that same rule. Since issue 15.3
  // a create takes only a rule this stack holds, and the engine checks a forced replacement
  // with no old inputs (provider/resources/rule-claims.ts): the create is refused, and
  // nothing is unbound.
  it("up --target-replace on a binding is refused as a second owner of its rule, leaves its domain bound, and the state agrees with the cloud", async () => {
    const stack = await f.stack(BASIC);
    expectCliOk(await stack.up());
    const rulesBefore = ruleTargets(f.emulator.state());

    const replaced = await stack.up({ flags: ["--target-replace", stack.urn("DomainBinding", "push-main")] });
    expectCliFailed(replaced);
    expect(replaced.stdout + replaced.stderr).toContain("but this stack does not hold it");
    expect(ruleTargets(f.emulator.state())).toEqual(rulesBefore);
    const refresh = await stack.refresh();
    expectCliOk(refresh);
    expect(resourceCounts(refresh)).toEqual({ same: 6 });
  });

  // The same through a rename without an alias (defects-binding-rename.test.ts renames with one).
  it("renaming a binding in the program without an alias is refused and leaves its domain bound", async () => {
    const stack = await f.stack(join(PROGRAMS, "options"));
    const spec = (binding: string) =>
      JSON.stringify({
        templates: { hooks: { templateName: "rename_hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } },
        bindings: { [binding]: { domainName: "rename.example.com", template: "hooks" } },
      });
    await stack.setConfig({ spec: spec("old-name") });
    expectCliOk(await stack.up());
    const rulesBefore = ruleTargets(f.emulator.state());
    expect(Object.keys(rulesBefore)).toEqual(["rename.example.com/live"]);

    await stack.setConfig({ spec: spec("new-name") });
    const refused = await stack.up();
    expectCliFailed(refused);
    expect(refused.stdout + refused.stderr).toContain("aliases");
    expect(ruleTargets(f.emulator.state())).toEqual(rulesBefore);
    const refresh = await stack.refresh();
    expectCliOk(refresh);
    expect(resourceCounts(refresh)).toEqual({ same: 3 });
  });
});
