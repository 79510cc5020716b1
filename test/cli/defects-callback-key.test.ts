/**
 * Issue 12, item 2, through the real `pulumi` CLI: a callback key set outside the stack
 * (the program sets none) must never reach the state, a preview or a log in plain text,
 * however many refreshes read it. `pulumi stack export` is the state as stored.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { CliResult } from "../../cli-driver/pulumi-cli";
import { CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, leakedSecrets } from "./expect-cli";

/** Each test runs several CLI commands (about 5 s each, more on a busy machine). */
const CLI_TIMEOUT = 600_000;

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const OUTSIDE_KEY = "setOutside7Key";
const spec = { templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } } };
const printed = (...runs: CliResult[]) => runs.map((r) => r.stdout + r.stderr).join("\n");

describeCli("issue 12.2: a callback key set outside the stack stays secret (real pulumi CLI)", () => {
  it("is never in plain text in state, refresh output or previews, and the next up clears it as the program says", async () => {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    await stack.setConfig({ spec: JSON.stringify(spec) });
    expectCliOk(await stack.up());
    const templateId = f.emulator.state().templates[0]!.TemplateId;
    await f.client.modifyTemplate({ TemplateId: templateId, CallbackKey: OUTSIDE_KEY });

    const first = await stack.refresh({ flags: ["--diff"] });
    expectCliOk(first);
    const second = await stack.refresh({ flags: ["--diff"] });
    expectCliOk(second);
    const exported = JSON.stringify(await stack.exportState());
    expect(leakedSecrets(exported, { OUTSIDE_KEY }), "pulumi stack export").toEqual([]);
    // Refresh did see the key: it is in the outputs, encrypted.
    const template = (await stack.exportState()).resources!.find((r) => r.urn === stack.urn("CallbackTemplate", "hooks"))!;
    expect(template.outputs?.callbackKey).toMatchObject({ ciphertext: expect.any(String) });
    expect(template.inputs).not.toHaveProperty("callbackKey");

    const preview = await stack.preview({ flags: ["--diff"] });
    expectCliOk(preview);
    const { result: json } = await stack.previewJson();
    expectCliOk(json);
    expect(leakedSecrets(printed(first, second, preview, json), { OUTSIDE_KEY }), "refresh and preview output").toEqual([]);

    // The program sets no key: up clears the one set outside, and the state says so.
    expectCliOk(await stack.up());
    expect(f.emulator.state().templates[0]!.CallbackKey).toBe("");
    const after = (await stack.exportState()).resources!.find((r) => r.urn === stack.urn("CallbackTemplate", "hooks"))!;
    expect(after.outputs).not.toHaveProperty("callbackKey");
  }, CLI_TIMEOUT);
});
