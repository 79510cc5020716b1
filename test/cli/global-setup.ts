/**
 * Once per `vitest run`: when the real Pulumi CLI is available, pack this package with
 * `npm pack` and install the tarball into a project outside the repository with npm, as
 * users get it (nothing links back into this repository); the real-CLI tests link their projects' `node_modules` to that install. When the
 * CLI is not available, say plainly that the real-CLI suite is skipped and why — or fail,
 * when `TENCENT_CSS_REQUIRE_CLI=1` (CI).
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { REPO_ROOT, findPulumiCli } from "../../cli-driver/pulumi-cli";

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
  const modules = installedTarball(join(dir, tarball));
  process.stdout.write(`  packed ${tarball} and installed it in ${((Date.now() - started) / 1000).toFixed(1)} s (${modules})\n`);
  project.provide("cliModules", modules);
  project.provide("cliSkipReason", "");
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * The tarball installed in a project of its own, as a user installs it: with its peer
 * @pulumi/pulumi (which @pulumi/policy needs too) and typescript, at the versions this
 * repository tests with, so npm takes them from its cache. npm packs reproducibly, so an
 * unchanged package gives the same tarball: its install is kept in `.pulumi-cli/packed/`
 * under the tarball's hash and reused by the next run (the install takes 15–40 s).
 */
function installedTarball(tarball: string): string {
  const hash = createHash("sha256").update(readFileSync(tarball)).digest("hex").slice(0, 16);
  const cacheRoot = join(REPO_ROOT, ".pulumi-cli", "packed");
  const cached = join(cacheRoot, hash);
  if (existsSync(join(cached, "installed"))) return join(cached, "node_modules");
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(join(cacheRoot, "installing-"));
  writeFileSync(join(work, "package.json"), JSON.stringify({ name: "cli-suite-user", private: true }, null, 2));
  const version = (name: string) => (JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  execFileSync(
    npm,
    [
      "install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel", "error",
      tarball, `@pulumi/pulumi@${version("@pulumi/pulumi")}`, `typescript@${version("typescript")}`,
    ],
    { cwd: work, stdio: ["ignore", "ignore", "inherit"] },
  );
  writeFileSync(join(work, "installed"), new Date().toISOString());
  try {
    renameSync(work, cached);
  } catch {
    // Another run installed the same tarball first: use its copy.
    rmSync(work, { recursive: true, force: true });
  }
  // Keep the four newest installs.
  const entries = readdirSync(cacheRoot)
    .filter((name) => !name.startsWith("installing-"))
    .map((name) => ({ name, time: statSync(join(cacheRoot, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of entries.slice(4)) if (old.name !== hash) rmSync(join(cacheRoot, old.name), { recursive: true, force: true });
  return join(cached, "node_modules");
}
