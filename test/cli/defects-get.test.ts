/**
 * Issue 12, item 3, through the real `pulumi` CLI: `CallbackTemplate.get` and
 * `DomainBinding.get` of an id that does not exist must fail at once, naming the id and
 * the kind (the dynamic-provider host answers such a read with an empty id, which the
 * engine accepts), while a refresh of a resource deleted outside the stack still drops it.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { StackSpec } from "../../harness/stack-fixture";
import { CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, resourceCounts } from "./expect-cli";

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
const stateTypes = (resources: Array<{ type: string; urn: string }> | undefined) =>
  (resources ?? []).filter((r) => r.type.includes(":dynamic/")).map((r) => r.urn.split("::").pop()).sort();

describeCli("issue 12.3: get of a missing id fails; refresh still drops what was deleted outside (real pulumi CLI)", () => {
  it("CallbackTemplate.get and DomainBinding.get of ids that do not exist fail at preview and at up, naming id and kind", async () => {
    const stack = await f.stack(CALLBACKS);
    await stack.setConfig({ spec: JSON.stringify({ gets: { missingTemplate: { kind: "template", id: "424242" } } } satisfies StackSpec) });
    const preview = await stack.preview();
    expectCliFailed(preview);
    expect(preview.stdout).toContain('CallbackTemplate.get("424242"): there is no callback template 424242');

    await stack.setConfig({ spec: JSON.stringify({ gets: { missingBinding: { kind: "binding", id: "nope.example.com/live" } } } satisfies StackSpec) });
    const up = await stack.up();
    expectCliFailed(up);
    expect(up.stdout).toContain('DomainBinding.get("nope.example.com/live"): there is no callback rule on nope.example.com/live');
    expect(stateTypes((await stack.exportState()).resources)).toEqual([]);

    // An id that exists still reads.
    const templateId = await f.client.createTemplate({ TemplateName: "shared", StreamBeginNotifyUrl: "https://hooks.example.com/s" });
    await f.client.createRule({ DomainName: "shared.example.com", AppName: "live", TemplateId: templateId });
    const existing: StackSpec = {
      gets: { shared: { kind: "template", id: String(templateId) }, sharedBinding: { kind: "binding", id: "shared.example.com/live" } },
    };
    await stack.setConfig({ spec: JSON.stringify(existing) });
    expectCliOk(await stack.up());
    const read = (await stack.exportState()).resources!.find((r) => r.urn.endsWith("::shared"))!;
    expect(read).toMatchObject({ external: true, id: String(templateId), outputs: { templateName: "shared" } });
  }, CLI_TIMEOUT);

  it("refresh drops a template and a binding deleted outside the stack, and the next up creates them again", async () => {
    const stack = await f.stack(CALLBACKS);
    const spec: StackSpec = {
      templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } },
      bindings: { b1: { domainName: "push.example.com", template: "hooks" } },
    };
    await stack.setConfig({ spec: JSON.stringify(spec) });
    expectCliOk(await stack.up());
    const templateId = f.emulator.state().templates[0]!.TemplateId;
    await f.client.deleteRule({ DomainName: "push.example.com", AppName: "live" });
    await f.client.deleteTemplate(templateId);

    const refresh = await stack.refresh();
    expectCliOk(refresh);
    expect(resourceCounts(refresh)).toMatchObject({ delete: 2 });
    expect(stateTypes((await stack.exportState()).resources)).toEqual([]);

    const up = await stack.up();
    expectCliOk(up);
    expect(resourceCounts(up)).toMatchObject({ create: 2 });
    expect(f.emulator.state().rules).toHaveLength(1);
  }, CLI_TIMEOUT);
});
