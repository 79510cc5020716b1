/**
 * The README's "Three ways to run", each executed with the real `pulumi` CLI as the README
 * tells a user to (the third, without a CLI, is `npm run demo`: test/demo). The README's
 * printed preview is checked against what the CLI prints.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CliStack, REPO_ROOT } from "../../cli-driver/pulumi-cli";
import { CLI_MODULES, EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { expectCliOk, resourceCounts } from "./expect-cli";

let f: CliFixture;
const children: ChildProcess[] = [];
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill();
  await f?.close();
});

/** No credentials or endpoint in the environment: only what the README says to set. */
const WITHOUT_ENV_CREDENTIALS = { TENCENTCLOUD_SECRET_ID: undefined, TENCENTCLOUD_SECRET_KEY: undefined, TENCENTCLOUD_LIVE_ENDPOINT: undefined };

/** `npx pulumi-tencent-css emulator --port 0` from the user's project; resolves with what it printed. */
async function startEmulatorCommand(cwd: string): Promise<{ url: string; secretId: string; secretKey: string; state: () => Promise<any> }> {
  const child = spawn(join(CLI_MODULES!, ".bin", "pulumi-tencent-css"), ["emulator", "--port", "0"], { cwd, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/TENCENTCLOUD_SECRET_KEY=\S+/.test(out)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`emulator exited ${code}: ${out}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
  const secretId = /TENCENTCLOUD_SECRET_ID=(\S+)/.exec(out)![1]!;
  const secretKey = /TENCENTCLOUD_SECRET_KEY=(\S+)/.exec(out)![1]!;
  return { url, secretId, secretKey, state: async () => (await fetch(`${url}/_emulator/state`)).json() };
}

/** The README's fenced block that follows `marker`. */
function readmeBlock(marker: string): string {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const at = readme.indexOf(marker);
  expect(at, `README.md has ${marker}`).toBeGreaterThan(-1);
  const open = readme.indexOf("```", at);
  const body = readme.indexOf("\n", open) + 1;
  return readme.slice(body, readme.indexOf("```", body));
}

describeCli("the README's ways to run, with the real pulumi CLI", () => {
  it("1. with an account: credentials from `pulumi config set --secret tencentcloud:*` alone, none in the environment, none in state", async () => {
    f.backend.setEnv(WITHOUT_ENV_CREDENTIALS);
    const stack = await f.stack(join(EXAMPLES, "basic"));
    const { secretId, secretKey } = f.emulator.credentials;
    // The emulator stands in for the account; its endpoint is the only change to the README's steps.
    await stack.setConfig({ "tencent-css:endpoint": f.emulator.url }, { "tencentcloud:secretId": secretId, "tencentcloud:secretKey": secretKey });

    const up = await stack.up();
    expectCliOk(up);
    expect(resourceCounts(up)).toEqual({ create: 6 });
    expect(f.emulator.state().rules).toHaveLength(3);
    const exported = JSON.stringify(await stack.exportState());
    expect(exported).not.toContain(secretKey);
    expect(exported).not.toContain(secretId);
    expectCliOk(await stack.destroy());
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
  });

  it("2. with the emulator: `npx pulumi-tencent-css emulator`, then the root Pulumi.yaml runs examples/basic against it", async () => {
    f.backend.setEnv(WITHOUT_ENV_CREDENTIALS);
    // The repository's root as a user checks it out: its Pulumi.yaml runs examples/basic (`main:`).
    const root = join(f.dir, "checkout");
    mkdirSync(join(root, "examples"), { recursive: true });
    cpSync(join(REPO_ROOT, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
    cpSync(join(EXAMPLES, "basic", "index.ts"), join(root, "examples", "basic", "index.ts"));
    symlinkSync(CLI_MODULES!, join(root, "node_modules"), "dir");
    const emulator = await startEmulatorCommand(root);
    const created = await f.backend.pulumi(["stack", "init", "dev", "--non-interactive"], root);
    expectCliOk(created);
    const stack = new CliStack(f.backend, root, "dev");
    await stack.setConfig({ "tencent-css:endpoint": emulator.url }, { "tencentcloud:secretId": emulator.secretId, "tencentcloud:secretKey": emulator.secretKey });

    const up = await stack.up();
    expectCliOk(up);
    const state = await emulator.state();
    expect(state.templates.map((t: { TemplateName: string }) => t.TemplateName).sort()).toEqual(["prod_recordings", "prod_streams"]);
    expect(state.rules).toHaveLength(3);
    expectCliOk(await stack.destroy());
    expect((await emulator.state()).rules).toEqual([]);
  });

  it("prints the preview the README shows, type tokens as the CLI shows them", async () => {
    const stack = await f.stack(join(EXAMPLES, "basic"));
    const preview = await stack.preview();
    expectCliOk(preview);
    const shown = readmeBlock("<!-- real CLI output: pulumi preview of examples/basic -->")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => /^\+\s+pulumi/.test(line));
    expect(shown.length).toBeGreaterThanOrEqual(6);
    const printed = preview.stdout.split("\n").map((line) => line.trim());
    for (const line of shown) expect(printed, line).toContain(line);
  });
});
