/**
 * Once per `vitest run`: when the real Pulumi CLI is available, pack this package with
 * `npm pack` and install the tarball into a project outside the repository, as users get
 * it; the real-CLI tests link their projects' `node_modules` to that install. When the
 * CLI is not available, say plainly that the real-CLI suite is skipped and why — or fail,
 * when `TENCENT_CSS_REQUIRE_CLI=1` (CI).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { REPO_ROOT, findPulumiCli } from "../support/pulumi-cli";

declare module "vitest" {
  export interface ProvidedContext {
    /** node_modules with the packed package installed; null when the CLI suite is skipped. */
    cliModules: string | null;
    /** Why the real-CLI suite is skipped; empty when it runs. */
    cliSkipReason: string;
  }
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export default function setup(project: TestProject): () => void {
  const cli = findPulumiCli();
  if (!cli.available) {
    const reason = `${cli.reason}. Run \`npm run cli:install\` (needs Go) or put a pulumi ≥ 3.216 on PATH.`;
    if (process.env.TENCENT_CSS_REQUIRE_CLI === "1") throw new Error(`TENCENT_CSS_REQUIRE_CLI=1 but the real Pulumi CLI is not available: ${reason}`);
    process.stdout.write(`\n  ⚠ real-CLI suite (test/cli) SKIPPED: ${reason}\n\n`);
    project.provide("cliModules", null);
    project.provide("cliSkipReason", reason);
    return () => {};
  }
  process.stdout.write(`\n  real-CLI suite (test/cli): pulumi ${cli.version} (${cli.source}: ${cli.pulumi})\n\n`);
  const dir = mkdtempSync(join(tmpdir(), "tencent-css-packed-"));
  const started = Date.now();
  // The suite runs after `npm run build`; pack that dist/ instead of rebuilding it under tests.
  const scripts = existsSync(join(REPO_ROOT, "dist", "provider", "index.js")) ? ["--ignore-scripts"] : [];
  execFileSync(npm, ["pack", "--pack-destination", dir, "--silent", ...scripts], { cwd: REPO_ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack left no tarball in ${dir}`);
  const project_ = join(dir, "user-project");
  mkdirSync(project_);
  writeFileSync(join(project_, "package.json"), JSON.stringify({ name: "cli-suite-user", private: true }, null, 2));
  // zod and undici from the npm cache; @pulumi/pulumi (a peer) and typescript are linked to
  // the repository's copies below, as fetching them would need the network.
  execFileSync(
    npm,
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", "--loglevel", "error", join(dir, tarball)],
    { cwd: project_, stdio: ["ignore", "ignore", "inherit"] },
  );
  const modules = join(project_, "node_modules");
  symlinkSync(join(REPO_ROOT, "node_modules", "@pulumi"), join(modules, "@pulumi"), "dir");
  symlinkSync(join(REPO_ROOT, "node_modules", "typescript"), join(modules, "typescript"), "dir");
  process.stdout.write(`  packed and installed ${tarball} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  project.provide("cliModules", modules);
  project.provide("cliSkipReason", "");
  return () => rmSync(dir, { recursive: true, force: true });
}
