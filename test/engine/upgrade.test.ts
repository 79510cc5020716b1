/**
 * Upgrading the package: a new build whose provider internals changed must not show
 * `~ __provider` on every resource (pulumi#12401) nor write anything. The program's
 * node_modules/pulumi-tencent-css is swapped for a copy with a bumped version and a
 * changed dist/provider file, as `npm install pulumi-tencent-css@next` would do.
 */
import { cpSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint, runPulumi } from "../../harness";
import { saveCheckpoint } from "../../harness/checkpoint";
import { expectOk } from "./expect-ok";
import { CALLBACKS_PROGRAM, startStackFixture, stepSummary, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const TIMEOUT = 180_000;
const REPO_ROOT = join(__dirname, "..", "..");
const PROVIDER_KEY = "__provider";

const spec: StackSpec = {
  templates: {
    hooks: {
      templateName: "prod_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/live/start",
      recordExceptionLevels: ["error"],
      recordExceptionNotifyUrl: "https://hooks.example.com/record/exception",
      withCallbackKey: true,
    },
  },
  bindings: { b1: { domainName: "push.example.com", template: "hooks" }, b2: { domainName: "push2.example.com", template: "hooks" } },
};
const secretConfig = { callbackKey: "upgradeKey1" };


/** A program directory of its own: the callbacks program plus a node_modules the test can swap. */
function makeProgram(dir: string): string {
  const program = join(dir, "program");
  const modules = join(program, "node_modules");
  mkdirSync(modules, { recursive: true });
  for (const file of ["Pulumi.yaml", "index.ts"]) cpSync(join(CALLBACKS_PROGRAM, file), join(program, file));
  symlinkSync(join(REPO_ROOT, "node_modules", "@pulumi"), join(modules, "@pulumi"), "dir");
  for (const dep of ["zod", "undici"]) symlinkSync(join(REPO_ROOT, "node_modules", dep), join(modules, dep), "dir");
  // The version installed first is this repository's build.
  symlinkSync(REPO_ROOT, join(modules, "pulumi-tencent-css"), "dir");
  return program;
}

/** Replaces the installed package with "0.1.1": same SDK, a provider whose code changed. */
function upgradePackage(program: string, probeFile: string): string {
  const installed = join(program, "node_modules", "pulumi-tencent-css");
  unlinkSync(installed);
  mkdirSync(installed);
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string };
  const version = `${manifest.version}-upgrade.1`;
  writeFileSync(join(installed, "package.json"), JSON.stringify({ ...manifest, version }, null, 2));
  cpSync(join(REPO_ROOT, "dist"), join(installed, "dist"), { recursive: true });
  const providerIndex = join(installed, "dist", "provider", "index.js");
  writeFileSync(
    providerIndex,
    `${readFileSync(providerIndex, "utf8")}\n// ${version}: provider internals changed.\n` +
      `exports.packageVersion = ${JSON.stringify(version)};\n` +
      `require("node:fs").appendFileSync(${JSON.stringify(probeFile)}, "provider ${version} loaded\\n");\n`,
  );
  return version;
}

function providerTexts(stateFile: string): Record<string, unknown> {
  const resources = readCheckpoint(stateFile)!.resources.filter((r) => r.custom);
  return Object.fromEntries(resources.flatMap((r) => [[`${r.name}.inputs`, r.inputs[PROVIDER_KEY]], [`${r.name}.outputs`, r.outputs[PROVIDER_KEY]]]));
}

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("upgrading pulumi-tencent-css", () => {
  it(
    "shows every existing resource as unchanged and writes nothing after a new build of the package",
    async () => {
      const programDir = makeProgram(f.dir);
      const run = (command: "preview" | "up") =>
        runPulumi(command, { programDir, stateFile: f.stateFile, config: { spec: JSON.stringify(spec) }, secretConfig, env: f.env });
      expectOk(await run("up"));
      const before = providerTexts(f.stateFile);
      expect(Object.keys(before)).toHaveLength(6);
      for (const text of Object.values(before)) expect(text).toEqual(expect.stringContaining('require("pulumi-tencent-css/provider")'));

      const probeFile = join(f.dir, "provider-probe.txt");
      const version = upgradePackage(programDir, probeFile);
      f.emulator.resetRequestCounts();

      const preview = await run("preview");
      expectOk(preview);
      expect(stepSummary(preview)).toEqual(["same b1", "same b2", "same hooks"]);
      expect(preview.stdout).toContain("Resources: 3 unchanged");
      expect(preview.stdout).not.toContain("__provider");
      // The provider process really ran the new build.
      expect(readFileSync(probeFile, "utf8")).toContain(`provider ${version} loaded`);

      const up = await run("up");
      expectOk(up);
      expect(stepSummary(up)).toEqual(["same b1", "same b2", "same hooks"]);
      expect(Object.keys(up.result.providerCalls).sort()).toEqual(["Check", "Configure", "Diff"]);
      expect(f.writeCount()).toBe(0);
      expect(providerTexts(f.stateFile)).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    "keeps working with state written by 0.1.0, whose __provider came from Pulumi's closure serializer",
    async () => {
      // 0.1.0 let pulumi.dynamic.Resource serialize its shim (2 KB, recorded in this
      // fixture). Read and Delete run the text stored in the old outputs, so that text
      // must keep loading this build's implementation.
      const closureSerialized = JSON.parse(
        readFileSync(join(__dirname, "fixtures", "closure-serialized-shim-0.1.0.json"), "utf8"),
      ) as { template: string; binding: string };
      expectOk(await f.run("up", spec, { secretConfig }));
      const state = readCheckpoint(f.stateFile)!;
      for (const r of state.resources.filter((r) => r.custom)) {
        const text = r.type.endsWith(":CallbackTemplate") ? closureSerialized.template : closureSerialized.binding;
        r.inputs[PROVIDER_KEY] = text;
        r.outputs[PROVIDER_KEY] = text;
      }
      saveCheckpoint(f.stateFile, state);
      f.emulator.resetRequestCounts();

      const preview = await f.run("preview", spec, { secretConfig });
      expectOk(preview);
      expect(stepSummary(preview)).toEqual(["same b1", "same b2", "same hooks"]);
      expect(preview.stdout).not.toContain("__provider");

      const refresh = await f.run("refresh");
      expectOk(refresh);
      // No drift. (The template's refreshed inputs leave out its callback key, which a read
      // never returns as an input, so the key cannot reach state in plain text: issue 12.2.)
      expect(refresh.result.steps.map((s) => s.drifted)).toEqual([false, false, false]);
      expect(f.writeCount()).toBe(0);

      const destroy = await f.run("destroy");
      expectOk(destroy);
      expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
    },
    TIMEOUT,
  );
});
