/**
 * What the real `pulumi` CLI writes to state: the emulator's SecretId/SecretKey (reaching
 * the provider through the environment, or through secret stack config) and every callback
 * key — the program's and one set in the console, read back by refresh — must never be in
 * plain text, neither in `pulumi stack export` nor in any file of the backend nor in what a
 * command prints. `--show-secrets` proves each key really is in state (encrypted), so the
 * scans cannot pass by the value simply being absent.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { CliResult, CliStack, ExportedResource } from "../../cli-driver/pulumi-cli";
import { EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, leakedSecrets, resourceCounts } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const BASIC = join(EXAMPLES, "basic");
const PROGRAM_KEY = "programKey3141";
const CONSOLE_KEY = "consoleKey2718";

/** Every file the file backend holds (checkpoints, backups, history), concatenated. */
function backendFiles(): string {
  const root = join(f.backend.dir, "backend");
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; parentPath: string; name: string }>)
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

/** The secrets that must never appear: the emulator's credentials and the keys. */
function secrets(): Record<string, string> {
  return { secretId: f.emulator.credentials.secretId, secretKey: f.emulator.credentials.secretKey, PROGRAM_KEY, CONSOLE_KEY };
}

/** Asserts no secret is in the exported state, the backend's files, or the given command outputs. */
async function expectNothingInPlainText(stack: CliStack, runs: CliResult[]): Promise<void> {
  expect(leakedSecrets(JSON.stringify(await stack.exportState()), secrets()), "stack export").toEqual([]);
  expect(leakedSecrets(backendFiles(), secrets()), "backend files").toEqual([]);
  for (const run of runs) expect(leakedSecrets(run.stdout + run.stderr, secrets()), run.commandLine).toEqual([]);
}

/** The callback key in the outputs of `urn`, from `pulumi stack export --show-secrets` (secrets as `{…, plaintext: JSON}`). */
async function decryptedKey(stack: CliStack, urn: string): Promise<unknown> {
  const done = await stack.mustRun(["stack", "export", "--show-secrets"]);
  const resources = (JSON.parse(done.stdout) as { deployment: { resources?: ExportedResource[] } }).deployment.resources ?? [];
  const key = resources.find((r) => r.urn === urn)?.outputs?.callbackKey as { plaintext?: string } | undefined;
  return typeof key?.plaintext === "string" ? JSON.parse(key.plaintext) : key;
}

const isCiphertext = (value: unknown) => typeof value === "object" && value !== null && "ciphertext" in value;

describeCli("secrets in state with the real pulumi CLI", () => {
  it("keeps environment credentials out of state and the program's key and a console-set key encrypted, after up and after refresh", async () => {
    const stack = await f.stack(BASIC);
    await stack.setConfig({}, { callbackKey: PROGRAM_KEY });
    const up = await stack.up();
    expectCliOk(up);
    await expectNothingInPlainText(stack, [up]);
    const streamsUrn = stack.urn("CallbackTemplate", "streams");
    const streams = (await stack.exportState()).resources!.find((r) => r.urn === streamsUrn)!;
    expect(isCiphertext(streams.inputs?.callbackKey)).toBe(true);
    expect(isCiphertext(streams.outputs?.callbackKey)).toBe(true);
    expect(await decryptedKey(stack, streamsUrn)).toBe(PROGRAM_KEY);

    const streamsId = f.emulator.state().templates.find((t) => t.TemplateName === "prod_streams")!.TemplateId;
    await f.client.modifyTemplate({ TemplateId: streamsId, CallbackKey: CONSOLE_KEY });
    const refresh = await stack.refresh();
    expectCliOk(refresh);
    expect(resourceCounts(refresh)).toMatchObject({ update: 1 });
    await expectNothingInPlainText(stack, [refresh]);
    expect(isCiphertext((await stack.exportState()).resources!.find((r) => r.urn === streamsUrn)?.outputs?.callbackKey)).toBe(true);
    expect(await decryptedKey(stack, streamsUrn)).toBe(CONSOLE_KEY);
  });

  it("keeps credentials given as secret stack config encrypted in the default provider's state, and a key set only in the console encrypted after refresh", async () => {
    const stack = await f.stack(BASIC);
    // No callbackKey in the program; the credentials come only from stack config.
    await stack.setConfig({}, { "tencentcloud:secretId": f.emulator.credentials.secretId, "tencentcloud:secretKey": f.emulator.credentials.secretKey });
    f.backend.setEnv({ TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined });
    const up = await stack.up();
    expectCliOk(up);
    expect(f.emulator.state().templates.map((t) => t.CallbackKey)).toEqual(["", ""]);
    await expectNothingInPlainText(stack, [up]);
    const provider = (await stack.exportState()).resources!.find((r) => r.type === "pulumi:providers:pulumi-nodejs")!;
    expect(isCiphertext(provider.inputs?.["tencentcloud:secretKey"])).toBe(true);
    expect(isCiphertext(provider.inputs?.["tencentcloud:secretId"])).toBe(true);

    const recordingsUrn = stack.urn("CallbackTemplate", "recordings");
    const recordingsId = f.emulator.state().templates.find((t) => t.TemplateName === "prod_recordings")!.TemplateId;
    await f.client.modifyTemplate({ TemplateId: recordingsId, CallbackKey: CONSOLE_KEY });
    // Without --run-program the provider is configured from the stored (encrypted) config.
    const refresh = await stack.refresh();
    expectCliOk(refresh);
    await expectNothingInPlainText(stack, [refresh]);
    const recordings = (await stack.exportState()).resources!.find((r) => r.urn === recordingsUrn)!;
    expect(isCiphertext(recordings.outputs?.callbackKey)).toBe(true);
    expect(recordings.inputs?.callbackKey).toBeUndefined();
    expect(await decryptedKey(stack, recordingsUrn)).toBe(CONSOLE_KEY);
  });
});
