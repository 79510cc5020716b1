/**
 * The policy pack shipped in the package, run by the real CLI as users run it:
 * `pulumi preview --policy-pack node_modules/pulumi-tencent-css/policy-pack`.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { StackSpec } from "../../harness/stack-fixture";
import type { CliStack } from "../../cli-driver/pulumi-cli";
import { CLI_MODULES, CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const PACK = () => join(CLI_MODULES!, "pulumi-tencent-css", "policy-pack");
const clean: StackSpec = {
  templates: {
    hooks: {
      templateName: "prod_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/start",
      streamEndNotifyUrl: "https://hooks.example.com/end",
      withCallbackKey: true,
    },
  },
};

async function previewWith(stack: CliStack, spec: StackSpec, config?: object) {
  await stack.setConfig({ spec: JSON.stringify(spec) }, { callbackKey: "policyKey1" });
  const flags = ["--policy-pack", PACK()];
  if (config) {
    const file = join(f.dir, "policy-config.json");
    writeFileSync(file, JSON.stringify(config));
    flags.push("--policy-pack-config", file);
  }
  return stack.preview({ flags });
}

describeCli("the shipped policy pack with the real CLI", () => {
  it("passes a clean program, fails an http:// URL and a private host naming resource and property, and only warns for an unpaired stream URL", async () => {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    const ok = await previewWith(stack, clean);
    expectCliOk(ok);
    expect(ok.stdout).not.toMatch(/mandatory|advisory/);

    const insecure = await previewWith(stack, {
      templates: { hooks: { ...clean.templates!.hooks!, streamBeginNotifyUrl: "http://hooks.example.com/start", streamEndNotifyUrl: "https://10.1.2.3/end" } },
    });
    expectCliFailed(insecure);
    const out = insecure.stdout + insecure.stderr;
    expect(out).toContain('CallbackTemplate "hooks": streamBeginNotifyUrl "http://hooks.example.com/start" must use https://');
    expect(out).toContain('CallbackTemplate "hooks": streamEndNotifyUrl "https://10.1.2.3/end" points at 10.1.2.3, a loopback, private or link-local address');
    expect(out).toContain("callback-urls-https");
    expect(out).toContain("mandatory");

    const unpaired = await previewWith(stack, { templates: { hooks: { templateName: "prod_hooks", streamBeginNotifyUrl: "https://hooks.example.com/start", withCallbackKey: true } } });
    expectCliOk(unpaired);
    expect(unpaired.stdout).toContain('CallbackTemplate "hooks": streamBeginNotifyUrl is set without streamEndNotifyUrl');
    expect(unpaired.stdout).toContain("advisory");
    expect(f.writeCount()).toBe(0);
  });

  it("takes --policy-pack-config: a name prefix becomes mandatory, and https can be made advisory", async () => {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    const prefixed = await previewWith(stack, clean, { "template-name-prefix": { prefix: "team_" } });
    expectCliFailed(prefixed);
    expect(prefixed.stdout + prefixed.stderr).toContain('CallbackTemplate "hooks": templateName "prod_hooks" must start with "team_"');

    const http = { templates: { hooks: { ...clean.templates!.hooks!, streamBeginNotifyUrl: "http://hooks.example.com/start" } } };
    const relaxed = await previewWith(stack, http, { "callback-urls-https": "advisory" });
    expectCliOk(relaxed);
    expect(relaxed.stdout).toContain("must use https://");
  });
});
