/**
 * Issue 12, item 1, and issue 15.3, through the real `pulumi` CLI: replacing a
 * DomainBinding (`--replace`, `--target-replace`) is a create of the new binding and then a
 * delete of the old one, both standing for the same callback rule. The domain must stay
 * bound, and the state must agree with the cloud, also when the `up` that did it was
 * interrupted between the two steps. A rename needs `aliases` (without one it is refused,
 * like a second stack claiming the rule). The emulator is the oracle for the cloud.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { CliStack } from "../../cli-driver/pulumi-cli";
import type { StackSpec } from "../../harness/stack-fixture";
import { CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, resourceCounts, ruleTargets, writesReceived } from "./expect-cli";

/** Each test runs several CLI commands (about 5 s each, more on a busy machine). */
const CLI_TIMEOUT = 600_000;

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const CALLBACKS = CALLBACKS_PROGRAM;
const PUSH = "push.example.com";
const templates: StackSpec["templates"] = { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } };
const withBinding = (name: string, extra: { deleteBeforeReplace?: boolean } = {}): StackSpec => ({
  templates,
  bindings: { [name]: { domainName: PUSH, template: "hooks", ...extra } },
});

async function useSpec(stack: CliStack, spec: StackSpec): Promise<void> {
  await stack.setConfig({ spec: JSON.stringify(spec) });
}

/** The template id, after asserting the rule on push.example.com/live points at it and nothing else exists. */
function expectBound(): number {
  const { templates: cloudTemplates, rules } = f.emulator.state();
  expect(cloudTemplates).toHaveLength(1);
  const templateId = cloudTemplates[0]!.TemplateId;
  expect(ruleTargets({ rules })).toEqual({ [`${PUSH}/live`]: templateId });
  return templateId;
}

/** Bindings in the stack's state as `name id templateId`, pending deletes marked. */
async function bindingsInState(stack: CliStack): Promise<string[]> {
  return ((await stack.exportState()).resources ?? [])
    .filter((r) => r.type.endsWith(":DomainBinding"))
    .map((r) => `${r.urn.split("::").pop()} ${r.id} ${String(r.outputs?.templateId)}${r.delete ? " (pending delete)" : ""}`)
    .sort();
}

/** A refresh that finds nothing to change, and an up that has nothing to do: state and cloud agree. */
async function expectStateAgreesWithCloud(stack: CliStack): Promise<void> {
  const refresh = await stack.refresh();
  expectCliOk(refresh);
  expect(resourceCounts(refresh)).toEqual({ same: expect.any(Number) });
  expectCliOk(await stack.run(["up", "--yes", "--non-interactive", "--skip-preview", "--expect-no-changes"]));
}

describeCli("issue 12.1: a renamed or replaced DomainBinding keeps its domain bound (real pulumi CLI)", () => {
  it("renaming a binding without an alias is refused, naming aliases; with the alias it is a rename with no write; destroy --run-program still removes the rule", async () => {
    const stack = await f.stack(CALLBACKS);
    await useSpec(stack, withBinding("b1"));
    expectCliOk(await stack.up());
    const templateId = expectBound();

    // Without an alias the new binding's create cannot tell this stack's rule from another
    // stack's (provider/resources/rule-claims.ts): refused, and nothing is unbound.
    await useSpec(stack, withBinding("b2"));
    const refused = await stack.up();
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain("aliases");
    expect(expectBound()).toBe(templateId);
    expect(await bindingsInState(stack)).toEqual([`b1 ${PUSH}/live ${templateId}`]);

    const writes = writesReceived(f.emulator);
    await useSpec(stack, { templates, bindings: { b2: { domainName: PUSH, template: "hooks", aliases: ["b1"] } } });
    const renamed = await stack.up();
    expectCliOk(renamed);
    expect(writesReceived(f.emulator)).toBe(writes);
    expect(expectBound()).toBe(templateId);
    expect(await bindingsInState(stack)).toEqual([`b2 ${PUSH}/live ${templateId}`]);
    await expectStateAgreesWithCloud(stack);

    // The program still declares b2, but destroy deletes everything: nothing protects the rule.
    const destroyed = await stack.destroy({ flags: ["--run-program"] });
    expectCliOk(destroyed);
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  }, CLI_TIMEOUT);

  it("up --target-replace and --replace are refused (the engine checks the replacement with no old inputs, like a new resource) and keep the rule; with adopt they keep it too", async () => {
    const stack = await f.stack(CALLBACKS);
    await useSpec(stack, withBinding("b1"));
    expectCliOk(await stack.up());
    const templateId = expectBound();
    const urn = stack.urn("DomainBinding", "b1");

    for (const flags of [["--target-replace", urn], ["--replace", urn]]) {
      const replaced = await stack.up({ flags });
      expect(replaced.code, flags[0]).not.toBe(0);
      expect(replaced.stdout + replaced.stderr, flags[0]).toContain("the template this binding wants, but this stack does not hold it");
      expect(expectBound(), flags[0]).toBe(templateId);
      expect(await bindingsInState(stack), flags[0]).toEqual([`b1 ${PUSH}/live ${templateId}`]);
    }

    await useSpec(stack, { templates, bindings: { b1: { domainName: PUSH, template: "hooks", adopt: true } } });
    expectCliOk(await stack.up());
    const adopted = await stack.up({ flags: ["--replace", urn] });
    expectCliOk(adopted);
    expect(resourceCounts(adopted)).toMatchObject({ replace: 1 });
    expect(expectBound()).toBe(templateId);
    await expectStateAgreesWithCloud(stack);
  }, CLI_TIMEOUT);

  it("the up after one interrupted between the new binding's create and the old one's delete keeps the rule", async () => {
    const stack = await f.stack(CALLBACKS);
    await useSpec(stack, withBinding("b1"));
    expectCliOk(await stack.up());
    const templateId = expectBound();
    const b1 = stack.urn("DomainBinding", "b1");

    // A rename interrupted after creating b2: both bindings are in the stack.
    await stack.editState((deployment) => {
      const old = deployment.resources.find((r) => r.urn === b1)!;
      deployment.resources.push({ ...old, urn: stack.urn("DomainBinding", "b2") });
    });
    await useSpec(stack, withBinding("b2"));
    const resumedRename = await stack.up();
    expectCliOk(resumedRename);
    expect(resourceCounts(resumedRename)).toMatchObject({ delete: 1 });
    expect(expectBound()).toBe(templateId);
    expect(await bindingsInState(stack)).toEqual([`b2 ${PUSH}/live ${templateId}`]);

    // A replacement interrupted after creating the new b2: the original waits, pending deletion.
    const b2 = stack.urn("DomainBinding", "b2");
    await stack.editState((deployment) => {
      const index = deployment.resources.findIndex((r) => r.urn === b2);
      deployment.resources.splice(index, 0, { ...deployment.resources[index]!, delete: true });
    });
    expect(await bindingsInState(stack)).toEqual([`b2 ${PUSH}/live ${templateId}`, `b2 ${PUSH}/live ${templateId} (pending delete)`]);
    const resumedReplace = await stack.up();
    expectCliOk(resumedReplace);
    // The summary does not count a pending delete; the plan shows it.
    expect(resumedReplace.stdout).toContain("b2 deleted original");
    expect(expectBound()).toBe(templateId);
    expect(await bindingsInState(stack)).toEqual([`b2 ${PUSH}/live ${templateId}`]);
    await expectStateAgreesWithCloud(stack);
  }, CLI_TIMEOUT);
});
