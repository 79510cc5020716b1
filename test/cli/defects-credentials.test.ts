/**
 * Issue 12, item 4, through the real `pulumi` CLI: the engine stores the whole stack
 * config with the stack (the inputs of the default `pulumi-nodejs` provider), and
 * `pulumi refresh` / `pulumi destroy` without `--run-program` configure the provider from
 * that stored copy. After a key rotation in stack config they must say how to get past
 * that, and each way out must work; a secret key set without `--secret` draws a warning.
 */
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { EmulatorCredential } from "../../emulator";
import type { CliResult } from "../../cli-driver/pulumi-cli";
import { CALLBACKS_PROGRAM, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliFailed, expectCliOk, leakedSecrets } from "./expect-cli";

/** Each test runs several CLI commands (about 5 s each, more on a busy machine). */
const CLI_TIMEOUT = 600_000;

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const CALLBACKS = CALLBACKS_PROGRAM;
const spec = { templates: { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } } };
const FRESH: EmulatorCredential = { secretId: "AKIDrotatedPair0000000000000000001", secretKey: "rotatedSecretKey00000000000000x1" };
const printed = (...runs: CliResult[]) => runs.map((r) => r.stdout + r.stderr).join("\n");

describeCli("issue 12.4: credentials in stack config and key rotation (real pulumi CLI)", () => {
  it("after a rotation, refresh says to use --run-program; that, the environment switch and up first each work", async () => {
    const old = f.emulator.credentials;
    // Credentials only in stack config; the endpoint stays in the environment.
    f.backend.setEnv({ TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined });
    const stack = await f.stack(CALLBACKS);
    await stack.setConfig({ spec: JSON.stringify(spec), "tencentcloud:secretId": old.secretId }, { "tencentcloud:secretKey": old.secretKey });
    expectCliOk(await stack.up());

    f.emulator.rotateCredentials(FRESH);
    await stack.setConfig({ "tencentcloud:secretId": FRESH.secretId }, { "tencentcloud:secretKey": FRESH.secretKey });

    const stale = await stack.refresh();
    expectCliFailed(stale);
    expect(stale.stdout).toContain("AuthFailure.SecretIdNotFound");
    expect(stale.stdout).toContain("These credentials come from stack config");
    expect(stale.stdout).toContain("--run-program");

    expectCliOk(await stack.refresh({ flags: ["--run-program"] }));
    const fromEnvironment = await stack.refresh({
      env: { TENCENT_CSS_CREDENTIALS_SOURCE: "environment", TENCENTCLOUD_SECRET_ID: FRESH.secretId, TENCENTCLOUD_SECRET_KEY: FRESH.secretKey },
    });
    expectCliOk(fromEnvironment);

    // up stores the current config; destroy (no --run-program) then uses the new pair.
    expectCliOk(await stack.up());
    const destroy = await stack.destroy();
    expectCliOk(destroy);
    expect(f.emulator.state().templates).toEqual([]);
    expect(leakedSecrets(printed(stale, fromEnvironment, destroy), { old: old.secretKey, fresh: FRESH.secretKey })).toEqual([]);
  }, CLI_TIMEOUT);

  it("warns when tencentcloud:secretKey is set without --secret, and not once it is a secret", async () => {
    const { secretId, secretKey } = f.emulator.credentials;
    f.backend.setEnv({ TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined });
    const stack = await f.stack(CALLBACKS);
    await stack.setConfig({ spec: JSON.stringify(spec), "tencentcloud:secretId": secretId, "tencentcloud:secretKey": secretKey });
    const plain = await stack.preview();
    expectCliOk(plain);
    expect(plain.stdout).toContain("tencentcloud:secretKey is set in plain text");
    expect(plain.stdout).toContain("pulumi config set --secret");
    expect(leakedSecrets(printed(plain), { secretKey })).toEqual([]);

    await stack.setConfig({}, { "tencentcloud:secretKey": secretKey });
    const secret = await stack.preview();
    expectCliOk(secret);
    expect(secret.stdout).not.toContain("in plain text");
  }, CLI_TIMEOUT);
});
