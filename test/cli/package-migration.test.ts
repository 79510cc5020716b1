/**
 * Moving a stack from the dynamic resources to the package resources without touching
 * the cloud, as the README says: `pulumi state delete`, then `pulumi import`, then the
 * program on the package's types shows no change. The emulator counts every write.
 */
import { appendFileSync, copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CALLBACKS_PROGRAM, PROGRAMS, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, resourceCounts } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

describeCli("moving a stack from the dynamic resources to the tencent-css package", () => {
  it("forgets, imports and then shows no change, with no API write", async () => {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    const template = { templateName: "moving", streamBeginNotifyUrl: "https://hooks.example.com/start", withCallbackKey: true };
    const spec = { templates: { hooks: template }, bindings: { push: { domainName: "push.example.com", template: "hooks" } } };
    await stack.setConfig({ spec: JSON.stringify(spec) }, { callbackKey: "movingKey1" });
    expectCliOk(await stack.up());
    const id = f.emulator.state().templates[0]!.TemplateId;
    const writes = f.writeCount();

    // Forget the dynamic resources (the binding first: it depends on the template).
    expectCliOk(await stack.run(["state", "delete", stack.urn("DomainBinding", "push"), "--yes", "--non-interactive"]));
    expectCliOk(await stack.run(["state", "delete", stack.urn("CallbackTemplate", "hooks"), "--yes", "--non-interactive"]));
    // The program moves to the package's types, served by the plugin.
    copyFileSync(join(PROGRAMS, "package-resources", "index.ts"), join(stack.projectDir, "index.ts"));
    const plugins = readFileSync(join(PROGRAMS, "package-resources", "Pulumi.yaml"), "utf8");
    appendFileSync(join(stack.projectDir, "Pulumi.yaml"), plugins.slice(plugins.indexOf("plugins:")));
    const flags = ["--yes", "--non-interactive", "--generate-code=false"];
    expectCliOk(await stack.run(["import", "tencent-css:index:CallbackTemplate", "hooks", String(id), ...flags]));
    expectCliOk(await stack.run(["import", "tencent-css:index:DomainBinding", "push", "push.example.com/live", ...flags]));

    await stack.setConfig({
      spec: JSON.stringify({ templates: { hooks: template }, bindings: { push: { domainName: "push.example.com", appName: "live", templateId: id } } }),
    });
    const up = await stack.run(["up", "--yes", "--non-interactive", "--expect-no-changes"]);
    expectCliOk(up);
    expect(resourceCounts(up)).toEqual({ same: 3 });
    expect(f.writeCount()).toBe(writes);
    expect(f.emulator.state().rules).toMatchObject([{ DomainName: "push.example.com", TemplateId: id }]);
    const types = (await stack.exportState()).resources!.filter((r) => r.custom && !r.type.startsWith("pulumi:providers:")).map((r) => r.type);
    expect(types.sort()).toEqual(["tencent-css:index:CallbackTemplate", "tencent-css:index:DomainBinding"]);
  });
});
