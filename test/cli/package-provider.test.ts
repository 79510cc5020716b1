/**
 * The same hooks served as a Pulumi package (plugin/, `tencent-css:index:*`), driven by
 * the real CLI: the lifecycle with exact property previews, the callback key secret, and
 * `pulumi import` of what was made in the console, after which `up` shows no change.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { PROGRAMS, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, resourceCounts } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const PROGRAM = join(PROGRAMS, "package-resources");
const hooks = { templateName: "pkg_hooks", streamBeginNotifyUrl: "https://hooks.example.com/start", streamEndNotifyUrl: "https://hooks.example.com/end", withCallbackKey: true };

describeCli("the tencent-css provider plugin with the real CLI", () => {
  it("creates, previews a change property by property, refuses deleting a bound template, and destroys", async () => {
    const stack = await f.stack(PROGRAM);
    const spec = { templates: { hooks }, bindings: { push: { domainName: "push.example.com", template: "hooks" } } };
    await stack.setConfig({ spec: JSON.stringify(spec) }, { callbackKey: "pkgSecretKey1" });
    const up = await stack.up();
    expectCliOk(up);
    const [template] = f.emulator.state().templates;
    expect(template).toMatchObject({ TemplateName: "pkg_hooks", CallbackKey: "pkgSecretKey1", StreamEndNotifyUrl: "https://hooks.example.com/end" });
    expect(f.emulator.state().rules).toMatchObject([{ DomainName: "push.example.com", AppName: "live", TemplateId: template!.TemplateId }]);
    const exported = JSON.stringify(await stack.exportState());
    expect(exported).toContain('"type":"tencent-css:index:CallbackTemplate"');
    expect(exported).not.toContain("pkgSecretKey1");

    await stack.setConfig({ spec: JSON.stringify({ ...spec, templates: { hooks: { ...hooks, streamEndNotifyUrl: "https://hooks.example.com/v2/end" } } }) });
    const { result, preview } = await stack.previewJson();
    expectCliOk(result);
    const update = preview.steps!.find((s) => s.op === "update")!;
    expect(update.urn).toMatch(/tencent-css:index:CallbackTemplate::hooks$/);
    // The engine shows the provider's own per-property diff.
    expect(update.detailedDiff).toEqual({ streamEndNotifyUrl: { kind: "update", inputDiff: true } });
    expect(update.diffReasons).toEqual(["streamEndNotifyUrl"]);
    expect(result.stdout).not.toContain("pkgSecretKey1");

    await stack.setConfig({ spec: JSON.stringify({ bindings: { push: { domainName: "push.example.com", templateId: template!.TemplateId } } }) });
    const refused = await stack.up();
    expectCliFailed(refused);
    expect(refused.stdout + refused.stderr).toContain(`template ${template!.TemplateId} is still bound to push.example.com/live`);
    expect(f.emulator.state().templates).toHaveLength(1);

    // Back to the program where the binding depends on the template, so destroy orders them.
    await stack.setConfig({ spec: JSON.stringify(spec) });
    expectCliOk(await stack.up());
    expectCliOk(await stack.destroy());
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  });

  it("imports a console-made template and binding (the key as a secret), after which up shows no change", async () => {
    const id = await f.client.createTemplate({
      TemplateName: "console_hooks",
      StreamBeginNotifyUrl: "https://hooks.example.com/start",
      StreamEndNotifyUrl: "https://hooks.example.com/end",
      CallbackKey: "consoleKey77",
    });
    await f.client.createRule({ DomainName: "legacy.example.com", AppName: "live", TemplateId: id });
    const stack = await f.stack(PROGRAM);
    await stack.setConfig({ spec: JSON.stringify({}) });
    const writes = f.writeCount();

    // `--generate-code=false`: code generation is the language host's job, and the
    // Node.js host this repository builds does not generate programs (tools/pulumi-cli).
    const importFlags = ["--yes", "--non-interactive", "--generate-code=false"];
    const importTemplate = await stack.run(["import", "tencent-css:index:CallbackTemplate", "hooks", String(id), ...importFlags]);
    expectCliOk(importTemplate);
    const importBinding = await stack.run(["import", "tencent-css:index:DomainBinding", "push", "legacy.example.com/live", ...importFlags]);
    expectCliOk(importBinding);
    expect(f.writeCount()).toBe(writes);
    expect(importTemplate.stdout + importTemplate.stderr + importBinding.stdout).not.toContain("consoleKey77");

    const deployment = await stack.exportState();
    const imported = deployment.resources!.find((r) => r.type === "tencent-css:index:CallbackTemplate")!;
    expect(JSON.stringify(deployment)).not.toContain("consoleKey77");
    expect(imported.outputs!.callbackKey).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });

    // The program now declares what was imported, as the generated code does.
    await stack.setConfig(
      { spec: JSON.stringify({ templates: { hooks: { templateName: "console_hooks", streamBeginNotifyUrl: "https://hooks.example.com/start", streamEndNotifyUrl: "https://hooks.example.com/end", withCallbackKey: true } }, bindings: { push: { domainName: "legacy.example.com", appName: "live", templateId: id } } }) },
      { callbackKey: "consoleKey77" },
    );
    const noChange = await stack.run(["up", "--yes", "--non-interactive", "--expect-no-changes"]);
    expectCliOk(noChange);
    expect(resourceCounts(noChange)).toEqual({ same: 3 });
    expect(f.writeCount()).toBe(writes);
  });
});
