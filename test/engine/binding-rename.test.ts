/**
 * Issue 12, item 1, through the harness (the real dynamic-provider process, one per
 * command, as the engine runs it): renaming a DomainBinding without an alias creates the
 * new binding and then deletes the old one; the domain must stay bound. The real-CLI
 * version, with replacements and interrupted runs, is test/cli/defects-binding-rename.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, stepSummary, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const TIMEOUT = 120_000;

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

const templates: StackSpec["templates"] = { hooks: { templateName: "hooks", streamBeginNotifyUrl: "https://hooks.example.com/start" } };
const named = (name: string): StackSpec => ({ templates, bindings: { [name]: { domainName: "push.example.com", template: "hooks" } } });

describe("a DomainBinding renamed without an alias", () => {
  it(
    "is created under its new name and the old one deleted, and the domain stays bound",
    async () => {
      expectOk(await f.run("up", named("b1")));
      const templateId = f.emulator.state().templates[0]!.TemplateId;

      const renamed = await f.run("up", named("b2"));
      expectOk(renamed);
      expect(stepSummary(renamed)).toEqual(expect.arrayContaining(["create b2", "delete b1"]));
      expect(f.emulator.state().rules.map((r) => [r.DomainName, r.AppName, r.TemplateId])).toEqual([["push.example.com", "live", templateId]]);
      const bindings = readCheckpoint(f.stateFile)!.resources.filter((r) => r.type.endsWith(":DomainBinding"));
      expect(bindings.map((r) => [r.name, r.outputs.templateId])).toEqual([["b2", templateId]]);
    },
    TIMEOUT,
  );
});
