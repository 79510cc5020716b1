/**
 * The Automation API (`@pulumi/pulumi/automation`) driving examples/basic from code, as
 * platform teams do: a LocalWorkspace on a project copy linked to the packed package, the
 * real CLI with its version check on, the test's file backend, PULUMI_HOME and passphrase.
 * The emulator is the oracle for the cloud.
 */
import { execFileSync } from "node:child_process";
import { basename, dirname, join } from "node:path";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { afterEach, beforeEach, expect, it } from "vitest";
import { CliStack, findPulumiCli } from "../../cli-driver/pulumi-cli";
import { EXAMPLES, describeCli, startCliFixture, type CliFixture } from "./cli-fixture";
import { ruleTargets } from "./expect-cli";

let f: CliFixture;
beforeEach(async () => {
  f = await startCliFixture();
});
afterEach(async () => {
  await f?.close();
});

const KEY = "automationKey77";

/** `pulumi` as the Node process itself would find it on its PATH, or null. */
function pulumiOnProcessPath(): string | null {
  try {
    return execFileSync("sh", ["-c", "command -v pulumi"], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

/** What a LocalWorkspace needs besides the CLI: the backend, the passphrase, the emulator. */
function workspaceEnv(): Record<string, string> {
  const env = f.backend.environment();
  return {
    PULUMI_BACKEND_URL: env.PULUMI_BACKEND_URL!,
    PULUMI_CONFIG_PASSPHRASE: env.PULUMI_CONFIG_PASSPHRASE!,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...f.env,
  };
}

describeCli("the Automation API with the real pulumi CLI", () => {
  it("previews, creates, reads outputs of and destroys examples/basic from code, on the test's file backend, with the CLI version checked", async () => {
    const cli = findPulumiCli();
    if (!cli.available) throw new Error(cli.reason);
    // PulumiCommand.get({ root }) runs `<root>/bin/pulumi`, so the CLI must sit in a `bin` folder.
    expect(basename(cli.binDir)).toBe("bin");
    const root = dirname(cli.binDir);
    expect(process.env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK).toBeUndefined();
    const pulumiCommand = await PulumiCommand.get({ root });
    expect(`v${pulumiCommand.version}`).toBe(cli.version);
    // The check is on: asked for a newer CLI than this one, it refuses. (`inc` changes the
    // SemVer in place, so it works on a second copy.)
    const newer = (await PulumiCommand.get({ root })).version!.inc("minor");
    await expect(PulumiCommand.get({ root, version: newer })).rejects.toThrow(/Minimum version requirement failed/);

    const workDir = f.project(join(EXAMPLES, "basic"), "basic-automation");
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: "auto", workDir },
      { pulumiCommand, pulumiHome: f.backend.environment().PULUMI_HOME!, envVars: workspaceEnv() },
    );
    await stack.setConfig("callbackKey", { value: KEY, secret: true });

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ create: 6 });
    expect(f.requestCount()).toBe(0);

    const output: string[] = [];
    const up = await stack.up({ onOutput: (line) => output.push(line) });
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 6 });
    expect(output.join("")).not.toContain(KEY);
    const streams = f.emulator.state().templates.find((t) => t.TemplateName === "prod_streams")!;
    const recordings = f.emulator.state().templates.find((t) => t.TemplateName === "prod_recordings")!;
    expect(streams.CallbackKey).toBe(KEY);
    expect(ruleTargets(f.emulator.state())).toEqual({
      "push.example.com/live": streams.TemplateId,
      "push-backup.example.com/live": streams.TemplateId,
      "archive.example.com/archive": recordings.TemplateId,
    });
    const expected = {
      streamsTemplateId: { value: streams.TemplateId, secret: false },
      recordingsTemplateId: { value: recordings.TemplateId, secret: false },
    };
    expect(up.outputs).toEqual(expected);
    expect(await stack.outputs()).toEqual(expected);
    // The stack lives in the test's file backend: the CLI driver sees the same outputs.
    expect(await new CliStack(f.backend, workDir, "auto").outputs()).toEqual({
      streamsTemplateId: streams.TemplateId,
      recordingsTemplateId: recordings.TemplateId,
    });

    const destroy = await stack.destroy();
    expect(destroy.summary.result).toBe("succeeded");
    expect(destroy.summary.resourceChanges).toEqual({ delete: 6 });
    expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
    await stack.workspace.removeStack("auto");
    expect(await stack.workspace.listStacks()).toEqual([]);
  });

  // LocalWorkspace looks the CLI up before it applies `envVars`: a PATH given there is not
  // used to find `pulumi`; pass `pulumiCommand` (or put the CLI on the process's PATH).
  it.skipIf(pulumiOnProcessPath() !== null)("does not find the CLI through envVars.PATH when the Node process's PATH has none", async () => {
    const cli = findPulumiCli();
    if (!cli.available) throw new Error(cli.reason);
    const workDir = f.project(join(EXAMPLES, "basic"), "basic-path-only");
    await expect(
      LocalWorkspace.create({ workDir, envVars: { ...workspaceEnv(), PATH: `${cli.binDir}:${process.env.PATH ?? ""}` } }),
    ).rejects.toThrow(/spawn pulumi ENOENT/);
  });
});
