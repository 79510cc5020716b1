/**
 * `pulumi-tencent-css plan-check` on real `pulumi preview --json` output: a template
 * removed from the program while another stack still binds it, and a binding created on a
 * domain another team's rule holds. Run from the packed package, as users run it.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { runProcess } from "../../harness";
import type { StackSpec } from "../../harness/stack-fixture";
import { CLI_MODULES, CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const planCheck = (args: string[]) =>
  runProcess(join(CLI_MODULES!, ".bin", "pulumi-tencent-css"), ["plan-check", ...args], { env: { ...process.env, ...f.env } });

const platformSpec: StackSpec = {
  templates: { streams: { templateName: "streams", streamBeginNotifyUrl: "https://hooks.example.com/start" }, legacy: { templateName: "legacy", streamEndNotifyUrl: "https://hooks.example.com/end" } },
  bindings: { main: { domainName: "push.example.com", template: "streams" } },
};

describeCli("plan-check on the real CLI's preview", () => {
  it("exits 1 and names the other stack's binding when a template removed from the program is still bound", async () => {
    const platform = await f.stack(CALLBACKS_PROGRAM, "platform");
    await platform.setConfig({ spec: JSON.stringify(platformSpec) });
    expectCliOk(await platform.up());
    const legacyId = (await platform.outputs()).templateIds as Record<string, number>;

    // Another team's stack binds its domain to the legacy template by id.
    const app = await f.stack(CALLBACKS_PROGRAM, "app");
    await app.setConfig({ spec: JSON.stringify({ bindings: { theirs: { domainName: "app.example.com", templateId: legacyId.legacy } } }) });
    expectCliOk(await app.up());
    const appState = join(f.dir, "app-export.json");
    writeFileSync(appState, JSON.stringify(await app.exportState()));

    // The platform team removes the legacy template; its preview is a clean "- delete".
    const { legacy: _, ...templates } = platformSpec.templates!;
    await platform.setConfig({ spec: JSON.stringify({ ...platformSpec, templates }) });
    const { result, preview } = await platform.previewJson();
    expectCliOk(result);
    expect(preview.steps!.filter((s) => s.op === "delete").map((s) => s.urn.split("::").pop())).toEqual(["legacy"]);
    const previewFile = join(f.dir, "preview.json");
    writeFileSync(previewFile, result.stdout);

    const text = await planCheck([previewFile, "--state", appState]);
    expect(text.code, text.stdout + text.stderr).toBe(1);
    expect(text.stdout).toContain(
      `refused: legacy: template ${legacyId.legacy} will not be deleted: still bound to app.example.com/live (managed by callbacks/app (theirs))`,
    );
    const markdown = await planCheck([previewFile, "--format", "markdown"]);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toMatch(/^### Tencent CSS plan check: ❌ 1 change will be refused by `pulumi up`/);
    expect(markdown.stdout).toContain("| ❌ refused | `legacy` |");
    const json = await planCheck([previewFile, "--format", "json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ refused: 1, findings: [{ kind: "template-still-bound", code: "TemplateStillBound", rules: ["app.example.com/live"] }] });
    for (const out of [text, markdown, json]) expect(out.stdout + out.stderr).not.toContain(f.emulator.credentials.secretKey);

    // And `up` does refuse it, as the check said.
    const up = await platform.up();
    expect(up.code).not.toBe(0);
    expect(up.stdout + up.stderr).toContain(`template ${legacyId.legacy} is still bound to app.example.com/live`);
  });

  it("refuses a binding on another team's rule, warns when it adopts it, and passes a clean plan", async () => {
    const other = await f.client.createTemplate({ TemplateName: "theirs", StreamBeginNotifyUrl: "https://other.example.com/s" });
    await f.client.createRule({ DomainName: "shared.example.com", AppName: "live", TemplateId: other });
    const stack = await f.stack(CALLBACKS_PROGRAM);
    const spec = (adopt: boolean): StackSpec => ({ ...platformSpec, bindings: { ...platformSpec.bindings, grab: { domainName: "shared.example.com", template: "streams", adopt } } });

    const check = async (s: StackSpec) => {
      await stack.setConfig({ spec: JSON.stringify(s) });
      const { result } = await stack.previewJson();
      expectCliOk(result);
      const file = join(f.dir, "preview.json");
      writeFileSync(file, result.stdout);
      return planCheck([file]);
    };
    const refused = await check(spec(false));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`refused: grab: shared.example.com/live already has a callback rule pointing at template ${other}`);
    const adopted = await check(spec(true));
    expect(adopted.code).toBe(0);
    expect(adopted.stdout).toContain(`warning: grab: adopt: takes over the rule on shared.example.com/live, which points at template ${other}`);
    const clean = await check(platformSpec);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain("nothing will be refused by `pulumi up`");
  });
});
