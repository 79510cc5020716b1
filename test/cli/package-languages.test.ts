/**
 * Programs in other Pulumi languages using the tencent-css provider plugin, with the real
 * CLI: create a template and a binding, preview a change exactly, refresh drift, be refused
 * deleting a bound template, destroy. YAML's language host is built by `npm run
 * cli:install`; Python's and Go's are not served by the Go module proxy (see README).
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

describeCli("a Pulumi YAML program on the provider plugin", () => {
  it("creates, previews a change exactly, refreshes drift, is refused deleting a bound template, and destroys", async () => {
    const stack = await f.stack(join(PROGRAMS, "package-yaml"));
    await stack.setConfig({}, { callbackKey: "yamlKey1" });
    expectCliOk(await stack.up());
    const [template] = f.emulator.state().templates;
    expect(template).toMatchObject({ TemplateName: "yaml_hooks", CallbackKey: "yamlKey1", StreamEndNotifyUrl: "https://hooks.example.com/end" });
    expect(f.emulator.state().rules).toMatchObject([{ DomainName: "yaml.example.com", TemplateId: template!.TemplateId }]);
    expect(JSON.stringify(await stack.exportState())).not.toContain("yamlKey1");

    await stack.setConfig({ endUrl: "https://hooks.example.com/v2/end" });
    const { result, preview } = await stack.previewJson();
    expectCliOk(result);
    const updates = preview.steps!.filter((s) => s.op === "update" && !s.urn.includes("pulumi:providers:"));
    expect(updates.map((s) => [s.urn.split("::").pop(), s.diffReasons]), JSON.stringify(preview.steps!.map((s) => [s.op, s.urn, s.diffReasons]))).toEqual([["hooks", ["streamEndNotifyUrl"]]]);
    expectCliOk(await stack.up());
    expect(f.emulator.state().templates[0]!.StreamEndNotifyUrl).toBe("https://hooks.example.com/v2/end");

    await f.client.modifyTemplate({ TemplateId: template!.TemplateId, StreamBeginNotifyUrl: "https://console.example.com/start" });
    const refresh = await stack.refresh();
    expectCliOk(refresh);
    expect(resourceCounts(refresh)).toMatchObject({ update: 1 });
    expect((await stack.exportState()).resources!.find((r) => r.type === "tencent-css:index:CallbackTemplate")!.outputs!.streamBeginNotifyUrl).toBe(
      "https://console.example.com/start",
    );

    await f.client.createRule({ DomainName: "outside.example.com", AppName: "live", TemplateId: template!.TemplateId });
    const refused = await stack.destroy();
    expectCliFailed(refused);
    expect(refused.stdout + refused.stderr).toContain(`template ${template!.TemplateId} is still bound to outside.example.com/live`);
    expect(f.emulator.state().templates).toHaveLength(1);
    await f.client.deleteRule({ DomainName: "outside.example.com", AppName: "live" });
    expectCliOk(await stack.destroy());
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  });
});
