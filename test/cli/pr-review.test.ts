/**
 * examples/pr-review/review.sh, the pull-request review, run with the real CLI against the
 * emulator from a project that installed the packed package (which ships the script).
 */
import { readFileSync } from "node:fs";
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

const hooks = (extra: object = {}) => ({
  templateName: "prod_hooks",
  streamBeginNotifyUrl: "https://hooks.example.com/start",
  streamEndNotifyUrl: "https://hooks.example.com/end",
  withCallbackKey: true,
  ...extra,
});

describeCli("the pull-request review script with the real CLI", () => {
  it("passes a clean change, and fails naming the binding when a removed template is still bound elsewhere", async () => {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    const spec: StackSpec = { templates: { hooks: hooks(), old: hooks({ templateName: "prod_old" }) }, bindings: { main: { domainName: "push.example.com", template: "hooks" } } };
    await stack.setConfig({ spec: JSON.stringify(spec) }, { callbackKey: "reviewKey1" });
    expectCliOk(await stack.up());
    const oldId = ((await stack.outputs()).templateIds as Record<string, number>).old!;
    await f.client.createRule({ DomainName: "elsewhere.example.com", AppName: "live", TemplateId: oldId });

    const script = join(CLI_MODULES!, "pulumi-tencent-css", "examples", "pr-review", "review.sh");
    const review = async (s: StackSpec, out: string) => {
      await stack.setConfig({ spec: JSON.stringify(s) });
      const env = { ...f.backend.environment(), REVIEW_OUT: join(f.dir, out) };
      const run = await runProcess("bash", [script, "dev", stack.projectDir], { cwd: f.dir, env });
      return { ...run, summary: readFileSync(join(f.dir, out, "summary.md"), "utf8") };
    };

    const clean = await review({ ...spec, templates: { ...spec.templates, hooks: hooks({ streamEndNotifyUrl: "https://hooks.example.com/v2/end" }) } }, "clean");
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);
    expect(clean.stdout).toMatch(/~ streamEndNotifyUrl\s*: "https:\/\/hooks\.example\.com\/end" => "https:\/\/hooks\.example\.com\/v2\/end"/);
    expect(clean.summary).toContain("✅ policy pack: no mandatory violation");
    expect(clean.summary).toContain("✅ nothing will be refused by `pulumi up`");

    const removal = await review({ ...spec, templates: { hooks: hooks() } }, "removal");
    expect(removal.code, removal.stdout + removal.stderr).toBe(1);
    expect(removal.summary).toContain("❌ 1 change will be refused by `pulumi up`");
    expect(removal.summary).toContain(`template ${oldId} will not be deleted: still bound to elsewhere.example.com/live`);

    const insecure = await review({ ...spec, templates: { ...spec.templates, hooks: hooks({ streamBeginNotifyUrl: "http://hooks.example.com/start" }) } }, "insecure");
    expect(insecure.code).toBe(1);
    expect(insecure.summary).toContain("❌ policy pack: mandatory violations");
    expect(insecure.summary, insecure.stdout).toContain('- ❌ `callback-urls-https`: CallbackTemplate "hooks": streamBeginNotifyUrl "http://hooks.example.com/start" must use https://');
    for (const run of [clean, removal, insecure]) expect(run.stdout + run.stderr + run.summary).not.toContain("reviewKey1");
    expect(f.emulator.state().templates).toHaveLength(2);
  });
});
