/**
 * One scenario, two engines: the same program and the same steps run through the test
 * harness and through the real `pulumi` CLI, each against its own fresh emulator. After
 * every step both must report the same plan (operation and changed properties per
 * resource), the same outcome and errors, the same cloud and the same state. Where they
 * differ, the harness is wrong: it is changed to do what the engine does.
 *
 * `DIFFERENTIAL_LOG=<file>` appends every CLI command's output to that file, to see why
 * the two disagree.
 */
import { afterEach, expect, it } from "vitest";
import { join } from "node:path";
import { CALLBACKS_PROGRAM, PROGRAMS, describeCli } from "./cli-fixture";
import { startCliWorld } from "./differential/cli-world";
import { startHarnessWorld, type EngineWorld } from "./differential/harness-world";
import type { ScenarioStep } from "./differential/observation";

const CALLBACKS = CALLBACKS_PROGRAM;
const ENGINE_RULES = join(PROGRAMS, "engine-rules");
const EMPTY_READ = join(PROGRAMS, "empty-read");
const SECRETS = { callbackKey: "diffK3yAlpha" };

const a = { templateName: "tpl_a", streamBeginNotifyUrl: "https://hooks.example.com/a/start", withCallbackKey: true };
const b = { templateName: "tpl_b", streamEndNotifyUrl: "https://hooks.example.com/b/end" };
const c = { templateName: "tpl_c", recordNotifyUrl: "https://hooks.example.com/c/record" };
const created = {
  templates: { a, b, c },
  bindings: {
    b1: { domainName: "push1.example.com", template: "a" },
    b2: { domainName: "push2.example.com", template: "b" },
    b3: { domainName: "push3.example.com", template: "c" },
  },
};
const urlChanged = { ...created, templates: { ...created.templates, a: { ...a, streamBeginNotifyUrl: "https://hooks.example.com/a/begin" } } };
const repointed = { ...urlChanged, bindings: { ...urlChanged.bindings, b2: { domainName: "push2.example.com", template: "a" } } };
const { c: _c, ...withoutC } = repointed.templates;
const { b3: _b3, ...withoutB3 } = repointed.bindings;
const shrunk = { templates: withoutC, bindings: withoutB3 };
const { b: _b, ...withoutB } = shrunk.templates;
const withoutTemplateB = { ...shrunk, templates: withoutB };
const moved = { ...withoutTemplateB, bindings: { ...withoutTemplateB.bindings, b1: { domainName: "push1b.example.com", template: "a" } } };
const invalid = { ...moved, templates: { ...moved.templates, a: { ...moved.templates.a, streamEndNotifyUrl: "ftp://hooks.example.com/a/end" } } };

/** The life of a stack: create, change, re-point, drift, shrink, a refused delete, a replacement, destroy. */
const LIFE: ScenarioStep[] = [
  { title: "preview of three templates and three bindings", command: "preview", spec: created },
  { title: "up creates them", command: "up" },
  { title: "preview of a changed URL", command: "preview", spec: urlChanged },
  { title: "up changes the URL in place", command: "up" },
  { title: "up re-points a binding to another template", command: "up", spec: repointed },
  {
    title: "refresh finds a URL changed, a rule re-pointed and a rule deleted outside the stack",
    command: "refresh",
    outside: async ({ client, templateId }) => {
      await client.modifyTemplate({ TemplateId: templateId("tpl_b"), StreamEndNotifyUrl: "https://elsewhere.example.com/b/end" });
      await client.deleteRule({ DomainName: "push1.example.com", AppName: "live" });
      await client.createRule({ DomainName: "push1.example.com", AppName: "live", TemplateId: templateId("tpl_c") });
      await client.deleteRule({ DomainName: "push3.example.com", AppName: "live" });
    },
  },
  { title: "preview after the refresh", command: "preview" },
  { title: "up puts the program back", command: "up" },
  { title: "up removes a binding and its template", command: "up", spec: shrunk },
  {
    title: "up refuses to delete a template bound outside the stack",
    command: "up",
    spec: withoutTemplateB,
    outside: async ({ client, templateId }) => {
      await client.createRule({ DomainName: "outside.example.com", AppName: "live", TemplateId: templateId("tpl_b") });
    },
  },
  {
    title: "up deletes it once it is unbound",
    command: "up",
    outside: async ({ client }) => {
      await client.deleteRule({ DomainName: "outside.example.com", AppName: "live" });
    },
  },
  { title: "preview of a binding moved to another domain", command: "preview", spec: moved },
  { title: "up replaces the moved binding", command: "up" },
  { title: "preview rejects an invalid URL", command: "preview", spec: invalid },
  { title: "destroy", command: "destroy" },
];

const r = { templateName: "tpl_r", streamBeginNotifyUrl: "https://hooks.example.com/r/start", options: { replaceOnChanges: ["streamBeginNotifyUrl"] } };
const k = { templateName: "tpl_k", streamEndNotifyUrl: "https://hooks.example.com/k/end", options: { retainOnDelete: true } };
const p = { templateName: "tpl_p", streamEndNotifyUrl: "https://hooks.example.com/p/end" };
const u = { templateName: "tpl_u", streamEndNotifyUrl: "https://hooks.example.com/u/end" };
const optioned = {
  templates: { r, k, p: { ...p, options: { protect: true } }, u },
  bindings: {
    bp: { domainName: "protected.example.com", template: "p", options: { protect: true } },
    bu: { domainName: "unprotected.example.com", template: "u" },
    bd: { domainName: "dbr.example.com", template: "r", options: { deleteBeforeReplace: true } },
  },
};
const optionsChanged = {
  ...optioned,
  templates: { ...optioned.templates, r: { ...r, streamBeginNotifyUrl: "https://hooks.example.com/r/begin" } },
  bindings: { ...optioned.bindings, bd: { ...optioned.bindings.bd, domainName: "dbr2.example.com" } },
};
const { k: _k, ...withoutK } = optionsChanged.templates;
const retained = { ...optionsChanged, templates: withoutK };
const { p: _p, u: _u, ...withoutPU } = retained.templates;
const { bp: _bp, bu: _bu, ...withoutBPU } = retained.bindings;
const protectedRemoved = { ...retained, templates: withoutPU, bindings: withoutBPU };
const unprotected = { ...retained, templates: { ...retained.templates, p }, bindings: { ...retained.bindings, bp: { domainName: "protected.example.com", template: "p" } } };

/** Resource options: what the engine does with each. */
const OPTIONS: ScenarioStep[] = [
  { title: "up with resource options", command: "up", spec: optioned },
  {
    title: "up of a URL under replaceOnChanges and of a deleteBeforeReplace binding moved",
    command: "up",
    spec: optionsChanged,
  },
  { title: "up removes a retainOnDelete template", command: "up", spec: retained },
  { title: "preview of removing protected and unprotected resources", command: "preview", spec: protectedRemoved },
  { title: "up refuses the protected delete and goes on with the others", command: "up" },
  { title: "up unprotects", command: "up", spec: unprotected },
  { title: "up removes the unprotected ones", command: "up", spec: protectedRemoved },
  { title: "refresh", command: "refresh" },
  { title: "destroy", command: "destroy" },
];

/** Reads of ids that do not exist, whatever our provider answers for them. */
const withReads = {
  templates: { t: { templateName: "tpl_t", streamEndNotifyUrl: "https://hooks.example.com/t/end" } },
  gets: { missingTemplate: { kind: "template", id: "424242" }, missingBinding: { kind: "binding", id: "nowhere.example.com/live" } },
};
const READS: ScenarioStep[] = [
  { title: "preview with reads of ids that do not exist", command: "preview", spec: withReads },
  { title: "up with them", command: "up" },
  { title: "refresh", command: "refresh" },
  { title: "destroy", command: "destroy" },
];

let worlds: EngineWorld[] = [];
afterEach(async () => {
  await Promise.all(worlds.map((w) => w.close()));
  worlds = [];
});

/** Runs `steps` through both engines, comparing after each step. */
async function runBoth(programDir: string, steps: readonly ScenarioStep[]): Promise<void> {
  const [harness, cli] = await Promise.all([startHarnessWorld(programDir, SECRETS), startCliWorld(programDir, SECRETS)]);
  worlds = [harness, cli];
  for (const step of steps) {
    const [seen, truth] = await Promise.all([harness.step(step), cli.step(step)]);
    expect.soft(seen, `${step.command}: ${step.title}`).toEqual(truth);
  }
}

describeCli("the harness against the real engine", () => {
  it("agree on every step of a stack's life", async () => {
    await runBoth(CALLBACKS, LIFE);
  }, 900_000);

  it("agree on resource options", async () => {
    await runBoth(ENGINE_RULES, OPTIONS);
  }, 900_000);

  it("agree on reads of ids that do not exist", async () => {
    await runBoth(ENGINE_RULES, READS);
  }, 900_000);

  it("agree on reading an id whose provider answers that it does not exist", async () => {
    await runBoth(EMPTY_READ, [
      { title: "up reads it", command: "up" },
      { title: "refresh drops it", command: "refresh" },
      { title: "up reads it again", command: "up" },
      { title: "destroy discards it", command: "destroy" },
    ]);
  }, 900_000);
});
