/**
 * `pulumi-tencent-css recover` against the emulator: what it decides for each pending
 * operation of a `pulumi stack export`, the repaired export it writes, the commands it
 * prints, and that it never prints a secret. The exports are written by hand in the shape
 * the real CLI 3.274 writes (a pending create's resource has inputs and no id; a secret is
 * `{sig, ciphertext}`, or `{sig, plaintext}` with `--show-secrets`); test/cli/interrupts
 * runs it on exports a killed CLI really left.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { runRecoverCommand } from "../../recovery/cli";
import { call, emulatorForTest } from "../support/emulator-fixture";

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const T = "pulumi-nodejs:dynamic/tencent-css:CallbackTemplate";
const B = "pulumi-nodejs:dynamic/tencent-css:DomainBinding";
const PROVIDER = "urn:pulumi:dev::hooks::pulumi:providers:pulumi-nodejs::default::7f1c";
const urn = (type: string, name: string) => `urn:pulumi:dev::hooks::${type}::${name}`;
const KEY = "Key0123456789abcdefKEY";
const encrypted = { [SIG]: SECRET, ciphertext: "v1:3jAjSXVQMlBEuVOm:bm90IHRoZSBrZXk=" };
const revealed = (value: string) => ({ [SIG]: SECRET, plaintext: JSON.stringify(value) });

type Resource = Record<string, unknown> & { urn: string; type: string };

function templateInputs(name: string, key: unknown = encrypted): Record<string, unknown> {
  return { __provider: "exports.handler = …", templateName: name, streamBeginNotifyUrl: `https://hooks.example.com/${name}`, ...(key ? { callbackKey: key } : {}) };
}

function templateResource(name: string, id: number, key: unknown = encrypted): Resource {
  const inputs = templateInputs(name, key);
  return { urn: urn(T, name), custom: true, type: T, id: String(id), inputs, outputs: { ...inputs, templateId: id }, provider: PROVIDER };
}

function bindingResource(name: string, domainName: string, templateId: number): Resource {
  const inputs = { __provider: "exports.handler = …", domainName, appName: "live", templateId };
  return { urn: urn(B, name), custom: true, type: B, id: `${domainName}/live`, inputs, outputs: { ...inputs }, provider: PROVIDER };
}

const pendingCreate = (resource: Resource) => {
  const { id: _id, outputs: _outputs, ...rest } = resource;
  return { type: "creating", resource: rest };
};

function exportOf(resources: Resource[], pending: object[]): string {
  const stack = { urn: "urn:pulumi:dev::hooks::pulumi:pulumi:Stack::hooks-dev", custom: false, type: "pulumi:pulumi:Stack" };
  const provider = { urn: PROVIDER.replace(/::7f1c$/, ""), custom: true, id: "7f1c", type: "pulumi:providers:pulumi-nodejs", inputs: { "hooks:callbackKey": encrypted } };
  return JSON.stringify({ version: 3, deployment: { manifest: {}, secrets_providers: { type: "passphrase" }, resources: [stack, provider, ...resources], pending_operations: pending } });
}

async function createTemplate(emulator: RunningEmulator, name: string, extra: Record<string, unknown> = {}): Promise<number> {
  const created = await call(emulator, "CreateLiveCallbackTemplate", {
    TemplateName: name,
    StreamBeginNotifyUrl: `https://hooks.example.com/${name}`,
    CallbackKey: KEY,
    ...extra,
  });
  return created.TemplateId as number;
}

async function bind(emulator: RunningEmulator, domainName: string, templateId: number): Promise<void> {
  await call(emulator, "CreateLiveCallbackRule", { DomainName: domainName, AppName: "live", TemplateId: templateId });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: any;
  written?: any;
}

async function recover(emulator: RunningEmulator, exported: string, args: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "tencent-css-recover-"));
  const file = join(dir, "state.json");
  writeFileSync(file, exported);
  const out = join(dir, "repaired.json");
  const run = async (format: string) => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks = { out: "", err: "" };
    stdout.on("data", (c) => (chunks.out += c));
    stderr.on("data", (c) => (chunks.err += c));
    const code = await runRecoverCommand([file, "--write", out, "--format", format, ...args], {
      stdout,
      stderr,
      stdin: new PassThrough(),
      env: {
        TENCENTCLOUD_LIVE_ENDPOINT: emulator.url,
        TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
        TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
        TENCENT_CSS_MAX_ATTEMPTS: "1",
        ...env,
      },
    });
    return { code, stdout: chunks.out, stderr: chunks.err };
  };
  const text = await run("text");
  const json = await run("json");
  return {
    code: json.code,
    stdout: text.stdout + json.stdout,
    stderr: text.stderr + json.stderr,
    json: json.code === 2 ? undefined : JSON.parse(json.stdout),
    written: existsSync(out) ? JSON.parse(readFileSync(out, "utf8")) : undefined,
  };
}

const verdictOf = (run: Run, name: string) => run.json.assessments.find((a: { name: string }) => a.name === name)?.verdict;

describe("recover: pending template creates", () => {
  it("imports the template a killed create made, into a repaired export the stack can import", async () => {
    const emulator = await emulatorForTest();
    const held = await createTemplate(emulator, "hooks_a");
    const made = await createTemplate(emulator, "hooks_b");
    const run = await recover(emulator, exportOf([templateResource("hooks_a", held)], [pendingCreate(templateResource("hooks_b", 0))]));

    expect(run.code).toBe(0);
    expect(verdictOf(run, "hooks_b")).toEqual({ action: "import", id: String(made) });
    const deployment = run.written.deployment;
    expect(deployment.pending_operations).toEqual([]);
    const imported = deployment.resources.find((r: Resource) => r.urn === urn(T, "hooks_b"));
    expect(imported).toMatchObject({ id: String(made), outputs: { templateId: made, templateName: "hooks_b", callbackKey: encrypted } });
    expect(run.json.steps.map((s: { command: string }) => s.command)).toEqual([
      "pulumi cancel --yes",
      expect.stringMatching(/^pulumi stack import --file \S+repaired\.json$/),
      "pulumi refresh --yes",
      "pulumi up --yes",
    ]);
  });

  it("clears it when no template equal to its inputs is free: one the stack holds and one differing in a field are not taken", async () => {
    const emulator = await emulatorForTest();
    const held = await createTemplate(emulator, "hooks_b");
    await createTemplate(emulator, "hooks_b", { Description: "made_in_the_console" });
    const run = await recover(emulator, exportOf([{ ...templateResource("hooks_b", held), urn: urn(T, "old") }], [pendingCreate(templateResource("hooks_b", 0))]));
    expect(verdictOf(run, "hooks_b")).toEqual({ action: "clear" });
    expect(run.written.deployment.pending_operations).toEqual([]);
    expect(run.written.deployment.resources.some((r: Resource) => r.urn === urn(T, "hooks_b"))).toBe(false);
  });

  it("does not take a template another stack holds (--state)", async () => {
    const emulator = await emulatorForTest();
    const theirs = await createTemplate(emulator, "hooks_b");
    const dir = mkdtempSync(join(tmpdir(), "tencent-css-recover-other-"));
    const other = join(dir, "other.json");
    writeFileSync(other, exportOf([{ ...templateResource("hooks_b", theirs), urn: `urn:pulumi:prod::hooks::${T}::hooks_b` }], []));
    const without = await recover(emulator, exportOf([], [pendingCreate(templateResource("hooks_b", 0))]));
    expect(verdictOf(without, "hooks_b")).toEqual({ action: "import", id: String(theirs) });
    const withOther = await recover(emulator, exportOf([], [pendingCreate(templateResource("hooks_b", 0))]), ["--state", other]);
    expect(verdictOf(withOther, "hooks_b")).toEqual({ action: "clear" });
  });

  it("asks the user to choose between several equal free templates, writes nothing, and --pick decides", async () => {
    const emulator = await emulatorForTest();
    const first = await createTemplate(emulator, "hooks_b");
    const second = await createTemplate(emulator, "hooks_b");
    const exported = exportOf([], [pendingCreate(templateResource("hooks_b", 0))]);
    const undecided = await recover(emulator, exported);
    expect(undecided.code).toBe(1);
    expect(verdictOf(undecided, "hooks_b")).toEqual({ action: "choose", candidates: [String(first), String(second)] });
    expect(undecided.written).toBeUndefined();
    expect(undecided.json.steps[0].argv).toEqual(expect.arrayContaining(["recover", "--pick", `${urn(T, "hooks_b")}=${first}`]));

    const picked = await recover(emulator, exported, ["--pick", `${urn(T, "hooks_b")}=${second}`]);
    expect(picked.code).toBe(0);
    expect(verdictOf(picked, "hooks_b")).toEqual({ action: "import", id: String(second) });
  });

  it("compares the key when the export shows it (--show-secrets): a template with another key is not the one", async () => {
    const emulator = await emulatorForTest();
    await createTemplate(emulator, "hooks_b", { CallbackKey: "SomeoneElsesKey1" });
    const wrongKey = await recover(emulator, exportOf([], [pendingCreate(templateResource("hooks_b", 0, revealed(KEY)))]));
    expect(verdictOf(wrongKey, "hooks_b")).toEqual({ action: "clear" });
    // With the key encrypted, only "a key is set" can be compared.
    const encryptedKey = await recover(emulator, exportOf([], [pendingCreate(templateResource("hooks_b", 0))]));
    expect(verdictOf(encryptedKey, "hooks_b")).toMatchObject({ action: "import" });
    expect(encryptedKey.json.assessments[0].happened).toContain("compared as set or not set");
  });

  it("after a later `pulumi up` made the template again, clears the pending create and names the leftover to delete", async () => {
    const emulator = await emulatorForTest();
    const leftover = await createTemplate(emulator, "hooks_b");
    const again = await createTemplate(emulator, "hooks_b");
    const run = await recover(emulator, exportOf([templateResource("hooks_b", again)], [pendingCreate(templateResource("hooks_b", 0))]));
    const assessment = run.json.assessments[0];
    expect(assessment.verdict).toEqual({ action: "clear" });
    expect(assessment.advice).toContain(`template ${leftover} (hooks_b) is a leftover`);
    // Without the pending create (cleared by hand, or dropped by --import-pending-creates), it is still reported.
    const later = await recover(emulator, exportOf([templateResource("hooks_b", again)], []));
    expect(later.json.leftovers).toEqual([{ templateId: leftover, templateName: "hooks_b", like: "hooks_b" }]);
  });

  it("two pending creates of the same resource (two killed runs) take one template between them", async () => {
    const emulator = await emulatorForTest();
    const made = await createTemplate(emulator, "hooks_b");
    const pending = pendingCreate(templateResource("hooks_b", 0));
    const run = await recover(emulator, exportOf([], [pending, pending]));
    expect(run.json.assessments.map((a: { verdict: unknown }) => a.verdict)).toEqual([{ action: "import", id: String(made) }, { action: "clear" }]);
    expect(run.written.deployment.resources.filter((r: Resource) => r.urn === urn(T, "hooks_b"))).toHaveLength(1);
  });
});

describe("recover: pending binding creates, updates and deletes", () => {
  it("imports a binding whose rule points at its template, clears one with no rule or another template's rule", async () => {
    const emulator = await emulatorForTest();
    const mine = await createTemplate(emulator, "hooks_a");
    const other = await createTemplate(emulator, "hooks_z");
    await bind(emulator, "a.example.com", mine);
    await bind(emulator, "c.example.com", other);
    const resources = [templateResource("hooks_a", mine), templateResource("hooks_z", other)];
    const pending = [
      pendingCreate(bindingResource("a", "a.example.com", mine)),
      pendingCreate(bindingResource("b", "b.example.com", mine)),
      pendingCreate(bindingResource("c", "c.example.com", mine)),
    ];
    const run = await recover(emulator, exportOf(resources, pending));
    expect(verdictOf(run, "a")).toEqual({ action: "import", id: "a.example.com/live" });
    expect(verdictOf(run, "b")).toEqual({ action: "clear" });
    expect(verdictOf(run, "c")).toEqual({ action: "clear" });
    expect(run.json.assessments.find((a: { name: string }) => a.name === "c").advice).toContain("conflict");
    const imported = run.written.deployment.resources.find((r: Resource) => r.urn === urn(B, "a"));
    expect(imported).toMatchObject({ id: "a.example.com/live", outputs: { domainName: "a.example.com", appName: "live", templateId: mine } });
  });

  it("imports an interrupted replacement's new binding beside the old one, which waits for its delete", async () => {
    const emulator = await emulatorForTest();
    const mine = await createTemplate(emulator, "hooks_a");
    await bind(emulator, "old.example.com", mine);
    await bind(emulator, "new.example.com", mine);
    const old = bindingResource("push", "old.example.com", mine);
    const run = await recover(emulator, exportOf([templateResource("hooks_a", mine), old], [pendingCreate(bindingResource("push", "new.example.com", mine))]));
    expect(verdictOf(run, "push")).toEqual({ action: "import", id: "new.example.com/live", replaces: true });
    const halves = run.written.deployment.resources.filter((r: Resource) => r.urn === urn(B, "push"));
    expect(halves.map((r: Resource) => [r.id, r.delete ?? false])).toEqual([
      ["old.example.com/live", true],
      ["new.example.com/live", false],
    ]);
  });

  it("says what interrupted updates and deletes did, and leaves them for `pulumi refresh`", async () => {
    const emulator = await emulatorForTest();
    const a = await createTemplate(emulator, "hooks_a");
    const b = await createTemplate(emulator, "hooks_b");
    await bind(emulator, "kept.example.com", a);
    const repointed = { ...bindingResource("moved", "moved.example.com", a), inputs: { domainName: "moved.example.com", appName: "live", templateId: b } };
    const resources = [templateResource("hooks_a", a), templateResource("hooks_b", b), bindingResource("kept", "kept.example.com", a), repointed, templateResource("gone", 999)];
    const pending = [
      { type: "deleting", resource: bindingResource("kept", "kept.example.com", a) },
      { type: "updating", resource: repointed },
      { type: "deleting", resource: templateResource("gone", 999) },
    ];
    const run = await recover(emulator, exportOf(resources, pending));
    expect(run.json.assessments.map((x: { verdict: { action: string } }) => x.verdict.action)).toEqual(["refresh", "refresh", "refresh"]);
    expect(run.json.assessments.map((x: { happened: string }) => x.happened)).toEqual([
      expect.stringContaining("the delete did not happen"),
      expect.stringContaining("the re-point was cut"),
      expect.stringContaining("the delete happened"),
    ]);
    // Nothing to import or clear: no file, only the refresh and the rerun.
    expect(run.written).toBeUndefined();
    expect(run.json.steps.map((s: { command: string }) => s.command)).toEqual(["pulumi cancel --yes", "pulumi refresh --yes", "pulumi up --yes"]);
  });

  it("with nothing pending, says so and prints only the rerun", async () => {
    const emulator = await emulatorForTest();
    const run = await recover(emulator, exportOf([], []));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No pending operations");
    expect(run.written).toBeUndefined();
    expect(run.json.steps.map((s: { command: string }) => s.command)).toEqual(["pulumi cancel --yes", "pulumi up --yes"]);
  });
});

describe("recover: secrets and bad input", () => {
  it("prints no callback key and no credential, whatever the export shows and even when the credentials are refused", async () => {
    const emulator = await emulatorForTest();
    await createTemplate(emulator, "hooks_b");
    const exported = exportOf([], [pendingCreate(templateResource("hooks_b", 0, revealed(KEY)))]);
    const run = await recover(emulator, exported);
    expect(verdictOf(run, "hooks_b")).toMatchObject({ action: "import" });
    const refused = await recover(emulator, exported, [], { TENCENTCLOUD_SECRET_KEY: "WrongSecretKeyWrongSecretKey1234" });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("cannot read the live account");
    for (const text of [run.stdout, run.stderr, refused.stdout, refused.stderr]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(emulator.credentials.secretKey);
      expect(text).not.toContain("WrongSecretKeyWrongSecretKey1234");
    }
  });

  it("exits 2 on a file that is not a stack export", async () => {
    const emulator = await emulatorForTest();
    const notJson = await recover(emulator, "{ not json");
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("not JSON");
    const notExport = await recover(emulator, JSON.stringify({ steps: [] }));
    expect(notExport.code).toBe(2);
    expect(notExport.stderr).toContain("not a `pulumi stack export` document");
  });
});
