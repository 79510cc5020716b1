/**
 * The package as users install it: `npm pack` (its `prepack` builds), then a fresh Pulumi
 * project outside the repository installs the tarball and runs examples/basic through
 * preview, up and destroy. Nothing may resolve back into this repository: the peer
 * `@pulumi/pulumi` is installed with npm too, at the version the repository tests with.
 */
import { execFile } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readCheckpoint, runPulumi } from "../../harness";
import { expectOk } from "./expect-ok";
import { startStackFixture, stepSummary, type StackFixture } from "../../harness/stack-fixture";

const TIMEOUT = 400_000;
const REPO_ROOT = join(__dirname, "..", "..");
const run = promisify(execFile);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";


/**
 * Packs a copy of the repository: the copy's `prepack` build writes its own dist/, so
 * tests running at the same time keep reading an intact dist/ here.
 */
async function packCopy(dir: string): Promise<string> {
  const source = join(dir, "source");
  cpSync(REPO_ROOT, source, {
    recursive: true,
    filter: (path) => {
      const inside = relative(REPO_ROOT, path);
      return !inside.split(/[\\/]/).includes("node_modules") && inside !== ".git" && inside !== "dist";
    },
  });
  symlinkSync(join(REPO_ROOT, "node_modules"), join(source, "node_modules"), "dir");
  await run(npm, ["pack", "--pack-destination", dir, "--silent"], { cwd: source, maxBuffer: 16 * 1024 * 1024 });
  const tarball = readdirSync(dir).find((name) => /^pulumi-tencent-css-.*\.tgz$/.test(name));
  if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
  return join(dir, tarball);
}

/** A new project that installs the tarball, with examples/basic as its program. */
async function installProject(dir: string, tarball: string): Promise<string> {
  const project = join(dir, "project");
  mkdirSync(project);
  writeFileSync(join(project, "Pulumi.yaml"), "name: tencent-css-basic\nruntime: nodejs\n");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "tarball-user", private: true, main: "index.ts" }, null, 2));
  cpSync(join(REPO_ROOT, "examples", "basic", "index.ts"), join(project, "index.ts"));
  // zod, undici, @pulumi/policy and the @pulumi/pulumi peer (at the version this
  // repository tests with) come from the npm cache, the registry only on a miss.
  const pulumiVersion = (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;
  await run(
    npm,
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel", "error", tarball, `@pulumi/pulumi@${pulumiVersion}`],
    { cwd: project, maxBuffer: 16 * 1024 * 1024 },
  );
  return project;
}

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("the packed package, installed in a new project", () => {
  it(
    "runs examples/basic through preview, up and destroy, its state naming only the package's provider entry point",
    async () => {
      const tarball = await packCopy(f.dir);
      const project = await installProject(f.dir, tarball);

      const installed = join(project, "node_modules", "pulumi-tencent-css");
      expect(lstatSync(installed).isSymbolicLink()).toBe(false);
      // Resolved as the project's own code would (require.resolve with `paths` from here
      // would find this repository first: a package may require itself by name).
      const fromProject = createRequire(join(project, "index.js"));
      const resolved = realpathSync(fromProject.resolve("pulumi-tencent-css/provider"));
      expect(resolved).toBe(join(realpathSync(installed), "dist", "provider", "index.js"));
      for (const dep of ["zod", "undici"]) {
        const fromPackage = createRequire(join(installed, "package.json"));
        expect(realpathSync(fromPackage.resolve(`${dep}/package.json`))).toContain(realpathSync(project));
      }
      const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as { version: string };
      expect(manifest.version).toBe((JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version);

      const stateFile = join(f.dir, "tarball.checkpoint.json");
      const pulumi = (command: "preview" | "up" | "destroy") =>
        runPulumi(command, { programDir: project, stateFile, secretConfig: { callbackKey: "tarballKey1" }, env: f.env });

      const preview = await pulumi("preview");
      expectOk(preview);
      expect(stepSummary(preview)).toEqual(["create archive", "create push-backup", "create push-main", "create recordings", "create streams"]);

      const up = await pulumi("up");
      expectOk(up);
      expect(up.result.steps.every((s) => s.op === "create")).toBe(true);
      const { templates, rules } = f.emulator.state();
      expect(templates.map((t) => t.TemplateName).sort()).toEqual(["prod_recordings", "prod_streams"]);
      expect(rules).toHaveLength(3);
      const resources = readCheckpoint(stateFile)!.resources.filter((r) => r.custom);
      expect(resources).toHaveLength(5);
      for (const r of resources) {
        for (const text of [r.inputs.__provider, r.outputs.__provider]) {
          expect(text).toEqual(expect.stringContaining('require("pulumi-tencent-css/provider")'));
          expect(text).not.toContain(REPO_ROOT);
          expect(text).not.toContain(project);
        }
      }

      const destroy = await pulumi("destroy");
      expectOk(destroy);
      expect(f.emulator.state()).toMatchObject({ templates: [], rules: [] });
    },
    TIMEOUT,
  );
});
