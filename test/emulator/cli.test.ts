import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deserializeState } from "../../emulator/persistence/state-schema";
import { runCli, startCliEmulator, type CliEmulator } from "../support/emulator-cli";
import { sendSigned } from "../support/signed-request";

let dir: string;
const children: CliEmulator[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "css-emulator-cli-"));
});
afterEach(async () => {
  for (const cli of children.splice(0)) {
    if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill("SIGKILL");
    await cli.exited;
  }
  await rm(dir, { recursive: true, force: true });
});

async function start(args: string[]): Promise<CliEmulator> {
  const cli = await startCliEmulator(args);
  children.push(cli);
  return cli;
}

async function callCli(cli: CliEmulator, action: string, params: unknown = {}) {
  const answer = await sendSigned({ url: cli.url, secretId: cli.secretId, secretKey: cli.secretKey, action, params });
  return answer.json.Response;
}

describe("pulumi-tencent-css emulator (CLI)", () => {
  it("prints its endpoint and credentials, serves signed requests, and exits 0 on SIGTERM", async () => {
    const cli = await start(["--port", "0"]);
    expect(cli.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(cli.secretId).toMatch(/^AKID/);
    expect((await callCli(cli, "DescribeLiveCallbackRules")).Rules).toEqual([]);
    cli.child.kill("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it("exits 0 on SIGINT", async () => {
    const cli = await start(["--port", "0"]);
    cli.child.kill("SIGINT");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });

  it("accepts the credentials, rule-conflict mode and faults given as flags", async () => {
    const cli = await start([
      "--port", "0",
      "--secret-id", "AKIDfromflag",
      "--secret-key", "key-from-flag",
      "--rule-conflict", "overwrite",
      "--seed", "5",
      "--fault", "DescribeLiveCallbackRules=error:InternalError,count=1",
    ]);
    expect(cli.secretId).toBe("AKIDfromflag");
    expect((await callCli(cli, "DescribeLiveCallbackRules")).Error.Code).toBe("InternalError");
    const { TemplateId: a } = await callCli(cli, "CreateLiveCallbackTemplate", { TemplateName: "a", RecordNotifyUrl: "https://h.example.com/" });
    const { TemplateId: b } = await callCli(cli, "CreateLiveCallbackTemplate", { TemplateName: "b", RecordNotifyUrl: "https://h.example.com/" });
    await callCli(cli, "CreateLiveCallbackRule", { DomainName: "d.example.com", AppName: "live", TemplateId: a });
    expect((await callCli(cli, "CreateLiveCallbackRule", { DomainName: "d.example.com", AppName: "live", TemplateId: b })).Error).toBeUndefined();
    expect((await callCli(cli, "DescribeLiveCallbackRules")).Rules[0].TemplateId).toBe(b);
  });

  it("loses nothing acknowledged when killed with SIGKILL under write load, and the file still parses", async () => {
    const stateFile = join(dir, "state.json");
    const first = await start(["--port", "0", "--state-file", stateFile]);
    const created = await callCli(first, "CreateLiveCallbackTemplate", { TemplateName: "t", StreamBeginNotifyUrl: "https://h.example.com/" });
    const templateId = created.TemplateId as number;

    const acknowledged: string[] = [];
    let next = 0;
    let killed = false;
    // Eight clients writing back to back; the kill lands while writes are in flight.
    const worker = async () => {
      while (!killed) {
        const domain = `d${next++}.example.com`;
        try {
          const response = await callCli(first, "CreateLiveCallbackRule", { DomainName: domain, AppName: "live", TemplateId: templateId });
          if (!response.Error) acknowledged.push(domain);
        } catch {
          // Connection dropped by the kill: not acknowledged, so it may or may not be there.
        }
        if (acknowledged.length >= 150 && !killed) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect((await first.exited).signal).toBe("SIGKILL");

    const onDisk = deserializeState(await readFile(stateFile, "utf8"));
    expect(onDisk.templates.map((t) => t.TemplateId)).toEqual([templateId]);

    const second = await start(["--port", "0", "--state-file", stateFile]);
    const rules = (await callCli(second, "DescribeLiveCallbackRules")).Rules as Array<{ DomainName: string }>;
    const restored = new Set(rules.map((r) => r.DomainName));
    expect(acknowledged.filter((d) => !restored.has(d))).toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(acknowledged.length);
    const { TemplateId } = await callCli(second, "CreateLiveCallbackTemplate", { TemplateName: "after", StreamBeginNotifyUrl: "https://h.example.com/" });
    expect(TemplateId).toBe(templateId + 1);
  });

  it("prints usage on stderr and exits 2 for an unknown flag", async () => {
    const cli = runCli(["emulator", "--colour", "blue"]);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toMatch(/Usage: pulumi-tencent-css emulator/);
  });

  it.each([
    ["a bad port", ["--port", "http"]],
    ["a bad rule-conflict mode", ["--rule-conflict", "merge"]],
    ["a bad fault", ["--fault", "*=explode"]],
    ["a key without an id", ["--secret-key", "k"]],
    ["a stray argument", ["now"]],
  ])("exits 2 for %s", async (_name, args) => {
    const cli = runCli(["emulator", ...args]);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toContain("Usage:");
  });

  it("prints usage on stderr and exits 2 for an unknown subcommand", async () => {
    const cli = runCli(["serve"]);
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toMatch(/unknown command "serve"[\s\S]*Usage: pulumi-tencent-css <command>/);
  });

  it("prints help on stdout and exits 0 for --help", async () => {
    const cli = runCli(["emulator", "--help"]);
    expect((await cli.exited).code).toBe(0);
    expect(cli.stdout()).toContain("--state-file FILE");
  });

  it("exits 1 with a message when the state file is not valid", async () => {
    const stateFile = join(dir, "state.json");
    await writeFile(stateFile, "not json");
    const cli = runCli(["emulator", "--port", "0", "--state-file", stateFile]);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toContain("cannot load state file");
  });
});
