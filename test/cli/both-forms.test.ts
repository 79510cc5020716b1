/**
 * One table of rules, run against both forms of the same provider with the real CLI: the
 * dynamic resources (`pulumi-nodejs:dynamic/tencent-css:*`, the `callbacks` program) and
 * the package resources (`tencent-css:index:*`, served by plugin/). The unbind-before-delete
 * rule, the conflict and adopt rules, the secret key and the input checks must not depend
 * on which form a program uses.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { CliStack } from "../../cli-driver/pulumi-cli";
import { CALLBACKS_PROGRAM, PROGRAMS, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const FORMS = [
  { form: "dynamic resources", program: CALLBACKS_PROGRAM },
  { form: "package resources", program: join(PROGRAMS, "package-resources") },
];
const hooks = { templateName: "both_hooks", streamBeginNotifyUrl: "https://hooks.example.com/start", streamEndNotifyUrl: "https://hooks.example.com/end", withCallbackKey: true };

async function stackWith(programDir: string, spec: object): Promise<CliStack> {
  const stack = await f.stack(programDir);
  await stack.setConfig({ spec: JSON.stringify(spec) }, { callbackKey: "bothFormsKey9" });
  return stack;
}

describeCli("the same rules in both forms, with the real CLI", () => {
  it.each(FORMS)("$form: a template still bound outside the stack is not deleted, and the error names the binding", async ({ program }) => {
    const stack = await stackWith(program, { templates: { hooks } });
    expectCliOk(await stack.up());
    const id = f.emulator.state().templates[0]!.TemplateId;
    await f.client.createRule({ DomainName: "outside.example.com", AppName: "live", TemplateId: id });
    await stack.setConfig({ spec: JSON.stringify({}) });
    const refused = await stack.up();
    expectCliFailed(refused);
    expect(refused.stdout + refused.stderr).toContain(`template ${id} is still bound to outside.example.com/live; nothing was deleted`);
    expect(f.emulator.state().templates.map((t) => t.TemplateId)).toEqual([id]);
  });

  it.each(FORMS)("$form: a binding on another template's rule fails naming it, and adopt takes it over", async ({ program }) => {
    const other = await f.client.createTemplate({ TemplateName: "theirs", StreamBeginNotifyUrl: "https://other.example.com/s" });
    await f.client.createRule({ DomainName: "shared.example.com", AppName: "live", TemplateId: other });
    const spec = (adopt: boolean) => ({ templates: { hooks }, bindings: { grab: { domainName: "shared.example.com", template: "hooks", adopt } } });
    const stack = await stackWith(program, spec(false));
    const conflict = await stack.up();
    expectCliFailed(conflict);
    expect(conflict.stdout + conflict.stderr).toContain(`shared.example.com/live already has a callback rule pointing at template ${other}`);
    expect(f.emulator.state().rules).toMatchObject([{ DomainName: "shared.example.com", TemplateId: other }]);

    await stack.setConfig({ spec: JSON.stringify(spec(true)) });
    expectCliOk(await stack.up());
    const mine = f.emulator.state().templates.find((t) => t.TemplateName === "both_hooks")!;
    expect(f.emulator.state().rules).toMatchObject([{ DomainName: "shared.example.com", TemplateId: mine.TemplateId }]);
  });

  it.each(FORMS)("$form: the callback key is secret in state and output, and a bad URL fails at preview naming the property", async ({ program }) => {
    const stack = await stackWith(program, { templates: { hooks } });
    const up = await stack.up();
    expectCliOk(up);
    const exported = JSON.stringify(await stack.exportState());
    expect(exported).not.toContain("bothFormsKey9");
    expect(up.stdout + up.stderr).not.toContain("bothFormsKey9");
    expect(f.emulator.state().templates[0]!.CallbackKey).toBe("bothFormsKey9");

    const writes = f.writeCount();
    await stack.setConfig({ spec: JSON.stringify({ templates: { hooks: { ...hooks, streamEndNotifyUrl: "https://a.example.com/x y" } } }) });
    const preview = await stack.preview();
    expectCliFailed(preview);
    expect(preview.stdout + preview.stderr).toContain("streamEndNotifyUrl");
    expect(f.writeCount()).toBe(writes);
  });
});
