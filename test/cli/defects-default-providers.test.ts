/**
 * Issue 12, item 7, through the real `pulumi` CLI: `pulumi:disable-default-providers`
 * with `pulumi-nodejs` or `*` turns off the provider that runs every dynamic resource. The
 * engine's own error says only "must use an explicit provider"; the program must also say
 * what that means here and what to do, and the way out (an explicit `Provider`) must work.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, resourceCounts, ruleTargets } from "./expect-cli";

/** Each test runs several CLI commands (about 5 s each, more on a busy machine). */
const CLI_TIMEOUT = 600_000;

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const stackSpec = (explicitProvider: boolean) => ({
  templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } },
  bindings: { b1: { domainName: "push.example.com", template: "hooks" } },
  explicitProvider,
});

describeCli("issue 12.7: pulumi:disable-default-providers and dynamic resources (real pulumi CLI)", () => {
  it("with pulumi-nodejs disabled, preview fails saying what to do; with * disabled, an explicit Provider takes over without replacing anything", async () => {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    await stack.setConfig({ spec: JSON.stringify(stackSpec(false)) });
    expectCliOk(await stack.up());
    const templateId = f.emulator.state().templates[0]!.TemplateId;
    const requests = f.requestCount();

    await stack.mustRun(["config", "set", "--path", "pulumi:disable-default-providers[0]", "pulumi-nodejs"]);
    const refused = await stack.preview();
    expectCliFailed(refused);
    // The engine's message, then ours.
    expect(refused.stdout).toContain("Default provider for 'pulumi-nodejs' disabled.");
    expect(refused.stdout).toContain('CallbackTemplate "hooks" needs the "pulumi-nodejs" provider');
    expect(refused.stdout).toContain('new Provider("css")');
    expect(f.requestCount()).toBe(requests);

    await stack.mustRun(["config", "set", "--path", "pulumi:disable-default-providers[0]", "*"]);
    await stack.setConfig({ spec: JSON.stringify(stackSpec(true)) });
    const up = await stack.up();
    expectCliOk(up);
    expect(up.stdout).not.toContain("needs the");
    expect(resourceCounts(up)).not.toHaveProperty("replace");
    expect(f.emulator.state().templates.map((t) => t.TemplateId)).toEqual([templateId]);
    expect(ruleTargets(f.emulator.state())).toEqual({ "push.example.com/live": templateId });
    const providers = ((await stack.exportState()).resources ?? []).filter((r) => r.type === "pulumi:providers:pulumi-nodejs");
    expect(providers.map((p) => p.urn.split("::").pop())).toEqual(["css"]);
    // The explicit provider holds this package's settings only, not the whole stack config.
    expect(Object.keys(providers[0]!.inputs ?? {})).not.toContain("callbacks:spec");

    expectCliOk(await stack.refresh());
    expectCliOk(await stack.destroy());
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  }, CLI_TIMEOUT);
});
