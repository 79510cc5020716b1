/**
 * The plan check's decisions, on plans and live states written by hand (the real CLI's
 * preview files are used in test/cli/plan-check.test.ts), and the command's exit codes
 * on broken input.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runPlanCheckCommand } from "../../review/cli";
import { checkPlan, type LiveState } from "../../review/plan-check";
import { parsePreview } from "../../review/preview-file";

const T = "pulumi-nodejs:dynamic/tencent-css:CallbackTemplate";
const B = "pulumi-nodejs:dynamic/tencent-css:DomainBinding";
const urn = (type: string, name: string) => `urn:pulumi:dev::proj::${type}::${name}`;
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function preview(...steps: object[]): string {
  return JSON.stringify({ config: { "proj:x": "1", "tencentcloud:secretKey": "[secret]" }, steps });
}
const templateDelete = (name: string, id: number) => ({ op: "delete", urn: urn(T, name), oldState: { type: T, id: String(id), outputs: { templateId: id } } });
const templateCreate = (name: string, inputs: object = {}) => ({ op: "create", urn: urn(T, name), newState: { type: T, inputs: { templateName: name, ...inputs } } });
const bindingCreate = (name: string, domainName: string, templateId: number | string, adopt = false) => ({
  op: "create",
  urn: urn(B, name),
  newState: { type: B, inputs: { domainName, appName: "live", templateId, ...(adopt ? { adopt } : {}) } },
});
const bindingDelete = (name: string, domainName: string, templateId: number) => ({
  op: "delete",
  urn: urn(B, name),
  oldState: { type: B, id: `${domainName}/live`, outputs: { domainName, appName: "live", templateId } },
});
const live = (templates: number[], rules: Array<[string, number]>): LiveState => ({
  templates: templates.map((TemplateId) => ({ TemplateId })),
  rules: rules.map(([domain, TemplateId]) => ({ DomainName: domain, AppName: "live", TemplateId })),
});

describe("the plan check", () => {
  it("refuses a template delete while a rule outside the plan points at it, naming the rule and its stack", () => {
    const plan = parsePreview(preview(templateDelete("old", 7)));
    const known = { bindings: new Map([["a.example.com/live", "proj/other (a)"]]), templates: new Map() };
    const [finding, ...rest] = checkPlan(plan, live([7], [["a.example.com", 7], ["b.example.com", 8]]), known);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ kind: "template-still-bound", code: "TemplateStillBound", severity: "refused", resource: "old", rules: ["a.example.com/live"] });
    expect(finding!.message).toContain("a.example.com/live (managed by proj/other (a))");
  });

  it("lets a template go when the plan itself deletes its last binding first", () => {
    const plan = parsePreview(preview(templateDelete("old", 7), bindingDelete("a", "a.example.com", 7)));
    expect(checkPlan(plan, live([7], [["a.example.com", 7]]))).toEqual([]);
  });

  it("refuses a binding create on a rule that points elsewhere, and only warns with adopt", () => {
    const refused = checkPlan(parsePreview(preview(bindingCreate("x", "a.example.com", 9))), live([7, 9], [["a.example.com", 7]]));
    expect(refused).toMatchObject([{ kind: "binding-conflict", code: "ForeignRule", severity: "refused", rules: ["a.example.com/live"] }]);
    const adopted = checkPlan(parsePreview(preview(bindingCreate("x", "a.example.com", UNKNOWN, true))), live([7], [["a.example.com", 7]]));
    expect(adopted).toMatchObject([{ kind: "binding-takeover", severity: "warning" }]);
    expect(adopted[0]).not.toHaveProperty("code");
  });

  it("refuses a binding create whose rule already points at its template but is not this stack's, as up will (two owners would unbind each other)", () => {
    const findings = checkPlan(parsePreview(preview(bindingCreate("x", "a.example.com", 7))), live([7], [["a.example.com", 7]]));
    expect(findings).toMatchObject([{ kind: "binding-conflict", code: "ForeignRule", severity: "refused", rules: ["a.example.com/live"] }]);
    expect(findings[0]!.message).toContain("the template this binding wants");
    // With adopt nothing changes in the cloud, so nothing is reported.
    expect(checkPlan(parsePreview(preview(bindingCreate("x", "a.example.com", 7, true))), live([7], [["a.example.com", 7]]))).toEqual([]);
  });

  it("accepts a replacement of the same binding (it holds the rule), and refuses a rename without an alias, naming the alias to add", () => {
    const replacement = parsePreview(preview(bindingCreate("b", "a.example.com", 7), bindingDelete("b", "a.example.com", 7)));
    expect(checkPlan(replacement, live([7], [["a.example.com", 7]]))).toEqual([]);
    const rename = parsePreview(preview(bindingCreate("new", "a.example.com", 7), bindingDelete("old", "a.example.com", 7), templateDelete("t", 7)));
    const findings = checkPlan(rename, live([7], [["a.example.com", 7]]));
    expect(findings).toMatchObject([
      { kind: "binding-renamed-without-alias", code: "ForeignRule", severity: "refused", resource: "new", rules: ["a.example.com/live"] },
      { kind: "template-still-bound" },
    ]);
    expect(findings[0]!.message).toContain('aliases: [{ name: "old" }]');
  });

  it("refuses the create that passes the account's 50 templates, counting the plan's deletes", () => {
    const ids = Array.from({ length: 49 }, (_, i) => i + 1);
    const two = parsePreview(preview(templateCreate("a"), templateCreate("b")));
    expect(checkPlan(two, live(ids, []))).toMatchObject([{ kind: "template-limit", code: "TemplateLimitReached", resource: "b" }]);
    const withDelete = parsePreview(preview(templateCreate("a"), templateCreate("b"), templateDelete("gone", 1)));
    expect(checkPlan(withDelete, live(ids, []))).toEqual([]);
  });

  it("refuses adopting a template id that does not exist", () => {
    const plan = parsePreview(preview(templateCreate("a", { adoptTemplateId: 404 })));
    expect(checkPlan(plan, live([1], []))).toMatchObject([{ kind: "adopt-missing", code: "AdoptedTemplateNotFound", resource: "a" }]);
    expect(checkPlan(parsePreview(preview(templateCreate("a", { adoptTemplateId: 1 }))), live([1], []))).toEqual([]);
  });

  it("keeps only plain stack config for the connection", () => {
    expect(parsePreview(preview()).plainConfig).toEqual({ "proj:x": "1" });
  });
});

describe("plan-check on broken input", () => {
  const dir = mkdtempSync(join(tmpdir(), "plan-check-"));
  async function run(args: string[], stdinText = "") {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const stdin = new PassThrough();
    stdin.end(stdinText);
    let out = "";
    let err = "";
    stdout.on("data", (c) => (out += c));
    stderr.on("data", (c) => (err += c));
    const code = await runPlanCheckCommand(args, { stdout, stderr, stdin });
    return { code, out, err };
  }

  it.each([
    ["not JSON", "{oops", "plan-check: not JSON: expected the output of `pulumi preview --json`"],
    ["JSON without steps", '{"changeSummary":{}}', "plan-check: not a `pulumi preview --json` file: steps:"],
    ["steps that are not steps", '{"steps":[{"op":1}]}', "plan-check: not a `pulumi preview --json` file: steps.0.op:"],
  ])("exits 2 with a one-line reason for %s", async (_, text, reason) => {
    const file = join(dir, "broken.json");
    writeFileSync(file, text);
    const result = await run([file]);
    expect(result.code).toBe(2);
    expect(result.err.startsWith(reason), result.err).toBe(true);
    expect(result.err.trim().split("\n")).toHaveLength(1);
  });

  it("exits 2 for a file that cannot be read, a bad format, and no credentials", async () => {
    expect((await run([join(dir, "missing.json")])).err).toBe(`plan-check: cannot read ${join(dir, "missing.json")}: ENOENT\n`);
    expect((await run(["--format", "html", "-"])).code).toBe(2);
    const saved = { ...process.env };
    try {
      delete process.env.TENCENTCLOUD_SECRET_ID;
      delete process.env.TENCENTCLOUD_SECRET_KEY;
      const result = await run(["-"], preview());
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^plan-check: cannot read the live state: No Tencent Cloud credentials found/);
    } finally {
      process.env = saved;
    }
  });
});
