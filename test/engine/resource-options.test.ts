/**
 * Resource options as the engine treats them for dynamic resources, pinned in the harness
 * after checking each with the real CLI (test/cli/differential.test.ts runs the same
 * program through both): `replaceOnChanges` has no effect, `retainOnDelete` keeps the
 * cloud object, a protected delete is refused while the other deletes go on, and the
 * options the harness does not implement fail loudly instead of being ignored.
 */
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, stepSummary, type StackFixture } from "../../harness/stack-fixture";

const PROGRAM = join(__dirname, "programs", "engine-rules");

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

const run = (command: "preview" | "up" | "destroy", spec: object) => f.run(command, undefined, { programDir: PROGRAM, config: { spec: JSON.stringify(spec) } });
const template = (name: string, options: object = {}) => ({ templateName: `tpl_${name}`, streamBeginNotifyUrl: `https://hooks.example.com/${name}/start`, options });
const names = () => f.emulator.state().templates.map((t) => t.TemplateName).sort();

describe("resource options", () => {
  it("replaceOnChanges does nothing: the dynamic-provider host sends no changed keys for it to match", async () => {
    expectOk(await run("up", { templates: { r: template("r", { replaceOnChanges: ["streamBeginNotifyUrl"] }) } }));
    const id = f.emulator.state().templates[0]!.TemplateId;
    const changed = { ...template("r", { replaceOnChanges: ["streamBeginNotifyUrl"] }), streamBeginNotifyUrl: "https://hooks.example.com/r/begin" };
    const up = await run("up", { templates: { r: changed } });
    expectOk(up);
    expect(stepSummary(up)).toEqual(["update r"]);
    expect(f.emulator.state().templates.map((t) => t.TemplateId)).toEqual([id]);
  });

  it("retainOnDelete removes the template from the stack and leaves it in the cloud", async () => {
    expectOk(await run("up", { templates: { k: template("k", { retainOnDelete: true }), d: template("d") } }));
    const removed = await run("up", { templates: { d: template("d") } });
    expectOk(removed);
    expect(stepSummary(removed)).toEqual(["delete k", "same d"]);
    expect(names()).toEqual(["tpl_d", "tpl_k"]);
    expect(readCheckpoint(f.stateFile)!.resources.filter((r) => r.custom).map((r) => r.name)).toEqual(["d"]);
  });

  it("a protected delete is refused with the engine's message, and deletes that do not need it go on", async () => {
    const spec = {
      templates: { p: template("p"), u: template("u") },
      bindings: {
        bp: { domainName: "protected.example.com", template: "p", options: { protect: true } },
        bu: { domainName: "unprotected.example.com", template: "u" },
      },
    };
    expectOk(await run("up", spec));
    const up = await run("up", { templates: {} });
    expect(up.code).toBe(1);
    expect(up.result.errors).toEqual([
      expect.objectContaining({ name: "bp", message: expect.stringMatching(/^resource ".*::bp" cannot be deleted\nbecause it is protected/) }),
    ]);
    // bu went in the first wave with bp, u in the second; p stays, because bp needs it.
    expect(stepSummary(up)).toEqual(["delete bu", "delete u"]);
    expect(names()).toEqual(["tpl_p"]);
    expect(f.emulator.state().rules.map((r) => r.DomainName)).toEqual(["protected.example.com"]);
  });

  it.each([
    ["aliases", { aliases: ["old-name"] }],
    ["deletedWith", { deletedWith: "t" }],
  ])("refuses %s, which the engine honours and the harness does not implement", async (option, options) => {
    const up = await run("up", { templates: { t: template("t"), o: template("o", options) } });
    expect(up.code).toBe(1);
    expect(up.result.errors).toEqual([
      expect.objectContaining({ name: "o", message: expect.stringContaining(`does not implement the resource option ${option}`) }),
    ]);
    expect(names()).not.toContain("tpl_o");
  });
});
