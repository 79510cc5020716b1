/**
 * Issue 12, item 5, through the real `pulumi` CLI: a callback URL the service refuses (a
 * space in it) fails at preview, naming the property, and nothing is sent to the API.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed } from "./expect-cli";

/** Each test runs several CLI commands (about 5 s each, more on a busy machine). */
const CLI_TIMEOUT = 600_000;

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

describeCli("issue 12.5: bad input fails at preview (real pulumi CLI)", () => {
  it("a callback URL with a space fails preview naming the property, and up sends nothing", async () => {
    const stack = await f.stack(CALLBACKS_PROGRAM);
    const spec = { templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://a.example.com/x y" } } };
    await stack.setConfig({ spec: JSON.stringify(spec) });

    const preview = await stack.preview();
    expectCliFailed(preview);
    expect(preview.stdout).toMatch(/streamBeginNotifyUrl must be an absolute http:\/\/ or https:\/\/ URL with a host name and no spaces/);
    const up = await stack.up();
    expectCliFailed(up);
    expect(up.stdout).toContain("streamBeginNotifyUrl");
    expect(f.requestCount()).toBe(0);
    expect(f.emulator.state().templates).toEqual([]);
  }, CLI_TIMEOUT);
});
