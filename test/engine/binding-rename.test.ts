/**
 * Issue 12, item 1, and issue 15.3, through the harness (the real dynamic-provider
 * process, one per command, as the engine runs it): a DomainBinding renamed without an
 * alias is a new resource whose create runs before the old one's delete. Its create cannot
 * tell this stack's rule from another stack's (provider/resources/rule-claims.ts), so it is
 * refused with the message naming `aliases`; the domain stays bound and the stack keeps
 * the old binding. The real-CLI version, with aliases, replacements and interrupted runs,
 * is test/cli/defects-binding-rename.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

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
    "is refused with a message naming aliases, and the domain stays bound to the old binding's rule",
    async () => {
      expectOk(await f.run("up", named("b1")));
      const templateId = f.emulator.state().templates[0]!.TemplateId;
      const rules = () => f.emulator.state().rules.map((r) => [r.DomainName, r.AppName, r.TemplateId]);

      const renamed = await f.run("up", named("b2"));
      expect(renamed.code).not.toBe(0);
      const output = renamed.stdout + renamed.stderr;
      expect(output).toContain("push.example.com/live already has a callback rule pointing at template");
      expect(output).toContain("aliases");
      expect(rules()).toEqual([["push.example.com", "live", templateId]]);
      const bindings = readCheckpoint(f.stateFile)!.resources.filter((r) => r.type.endsWith(":DomainBinding"));
      expect(bindings.map((r) => [r.name, r.outputs.templateId])).toEqual([["b1", templateId]]);

      // Going back to the old name converges with nothing to write.
      expectOk(await f.run("up", named("b1")));
      expect(rules()).toEqual([["push.example.com", "live", templateId]]);
    },
    TIMEOUT,
  );
});
