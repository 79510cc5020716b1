/**
 * Issue 15.3 through the real `pulumi` CLI: two stacks, one account.
 *
 * - Two stacks that claim the same (domain, app): the second fails with the conflict
 *   message and takes nothing, also when both want the same template (a rule shared by two
 *   owners would be removed by either one's destroy). The rule is written down in
 *   provider/resources/rule-claims.ts and README's "Two stacks, one account".
 * - Two stacks at the same time, sharing templates through a StackReference and binding
 *   different domains, one destroying while the other re-points: whatever the order the
 *   engine and the service give, no rule is lost, no rule points at a deleted template,
 *   nothing the other stack uses is deleted, and every refusal carries its clear message.
 *
 * The emulator is the oracle for the cloud.
 */
import { afterEach, beforeEach, expect, it } from "vitest";
import type { StackSpec } from "../../harness/stack-fixture";
import type { CliResult, CliStack } from "../../cli-driver/pulumi-cli";
import { CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, ruleTargets } from "./expect-cli";
import { CONSUMER_PROGRAM } from "../../harness/stack-fixture";

const CLI_TIMEOUT = 600_000;

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const PUSH = "push.example.com";
const hooks = (name: string) => ({ templateName: name, streamBeginNotifyUrl: `https://hooks.example.com/${name}` });

async function useSpec(stack: CliStack, spec: StackSpec): Promise<void> {
  await stack.setConfig({ spec: JSON.stringify(spec) });
}

function outputOf(run: CliResult): string {
  return run.stdout + run.stderr;
}

/** Every rule points at a template that exists. */
function expectNoDanglingRule(): void {
  const { templates, rules } = f.emulator.state();
  const ids = new Set(templates.map((t) => t.TemplateId));
  expect(rules.filter((r) => !ids.has(r.TemplateId)).map((r) => `${r.DomainName}/${r.AppName} -> ${r.TemplateId}`)).toEqual([]);
}

describeCli("two stacks, one account (real pulumi CLI)", () => {
  it("a second stack claiming the same domain and app fails with the conflict message, also with the same template, and its destroy unbinds nothing", async () => {
    const first = await f.stack(CALLBACKS_PROGRAM, "first");
    await useSpec(first, { templates: { hooks: hooks("hooks") }, bindings: { push: { domainName: PUSH, template: "hooks" } } });
    expectCliOk(await first.up());
    const templateId = f.emulator.state().templates[0]!.TemplateId;

    const second = await f.stack(CALLBACKS_PROGRAM, "second");
    // The same template, by id.
    await useSpec(second, { bindings: { push: { domainName: PUSH, templateId } } });
    const sameTemplate = await second.up();
    expect(sameTemplate.code).not.toBe(0);
    expect(outputOf(sameTemplate)).toContain(`${PUSH}/live already has a callback rule pointing at template ${templateId}, the template this binding wants`);
    expect(outputOf(sameTemplate)).toContain("adopt: true");

    // Its own template.
    await useSpec(second, { templates: { mine: hooks("mine") }, bindings: { push: { domainName: PUSH, template: "mine" } } });
    const otherTemplate = await second.up();
    expect(otherTemplate.code).not.toBe(0);
    expect(outputOf(otherTemplate)).toContain(`${PUSH}/live already has a callback rule pointing at template ${templateId}, made outside this stack`);

    expect(ruleTargets(f.emulator.state())).toEqual({ [`${PUSH}/live`]: templateId });
    expectCliOk(await second.destroy());
    expect(ruleTargets(f.emulator.state())).toEqual({ [`${PUSH}/live`]: templateId });
    expectCliOk(await first.run(["up", "--yes", "--non-interactive", "--skip-preview", "--expect-no-changes"]));
  }, CLI_TIMEOUT);

  it("one stack destroying its shared templates while another re-points its binding between them loses nothing", async () => {
    const producer = await f.stack(CALLBACKS_PROGRAM, "producer");
    await useSpec(producer, {
      templates: { hooks: hooks("hooks"), hooks2: hooks("hooks2") },
      bindings: { own: { domainName: "a.example.com", template: "hooks" } },
    });
    expectCliOk(await producer.up());

    const consumer = await f.stack(CONSUMER_PROGRAM, "consumer");
    await consumer.setConfig({ producerStack: producer.qualifiedName, templateResource: "hooks", domainName: "b.example.com" });
    expectCliOk(await consumer.up());
    const ids = Object.fromEntries(f.emulator.state().templates.map((t) => [t.TemplateName, t.TemplateId]));
    expect(ruleTargets(f.emulator.state())).toMatchObject({ "b.example.com/live": ids.hooks });

    await consumer.setConfig({ templateResource: "hooks2" });
    const [destroyed, repointed] = await Promise.all([producer.destroy(), consumer.up()]);

    // The consumer's rule survives whatever happened, pointing at a template that exists.
    expectNoDanglingRule();
    const after = ruleTargets(f.emulator.state());
    expect(after["b.example.com/live"]).toBeDefined();
    expect([ids.hooks, ids.hooks2]).toContain(after["b.example.com/live"]);
    // The template the consumer is bound to still exists: the producer's destroy was refused for it.
    expect(destroyed.code).not.toBe(0);
    expect(outputOf(destroyed)).toContain("still bound");
    // The re-point either happened or failed with a message saying why.
    if (repointed.code === 0) expect(after["b.example.com/live"]).toBe(ids.hooks2);
    else expect(outputOf(repointed)).toMatch(/does not exist|there is no callback template/);

    // Each stack's state agrees with the cloud once refreshed.
    for (const stack of [producer, consumer]) {
      expectCliOk(await stack.refresh());
      const refreshed = await stack.refresh();
      expectCliOk(refreshed);
    }
  }, CLI_TIMEOUT);
});
