#!/usr/bin/env node
"use strict";
/**
 * `npm run cli:install`: makes the real Pulumi CLI available to the tests, the demo and the
 * bench, and records where it is in `.pulumi-cli/cli.json` (git-ignored).
 *
 * 1. A `pulumi` on PATH of a suitable version (≥ MIN_VERSION, major 3) is used as it is:
 *    a real installation ships its own Node.js language host and dynamic-provider launcher.
 * 2. Otherwise, with Go, it builds into `.pulumi-cli/bin/`:
 *    - `pulumi`, the engine and CLI, module github.com/pulumi/pulumi/pkg/v3 at PINNED,
 *      from the wrapper module tools/pulumi-cli (the engine's go.mod has `replace`
 *      directives, so `go install …@version` refuses it);
 *    - `pulumi-language-nodejs`, the Node.js language host: ours, tools/pulumi-cli/language-nodejs,
 *      because the Go module proxy serves no version of the upstream one (see its header);
 *    - `pulumi-resource-pulumi-nodejs`, the three-line launcher of dynamic providers;
 *    - `pulumi-language-yaml`, the YAML language host, module github.com/pulumi/pulumi-yaml
 *      at YAML_PINNED, from the wrapper module tools/pulumi-yaml (it pins an older Pulumi
 *      SDK, so it is a module of its own).
 *    A build already there at the same pin and the same sources is reused.
 * 3. Neither: it says so and exits 0 with `available: false` recorded; `npm test` then
 *    skips the real-CLI suite and says why. `--require` makes this an error (CI).
 *
 * Go's module and build caches stay in their default places, so a second build on the same
 * machine takes seconds. Prints the versions used and how long the build took.
 */
const { execFileSync } = require("node:child_process");
const { createHash } = require("node:crypto");
const { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const PINNED = "v3.274.1";
const YAML_PINNED = "v1.25.0";
const MIN_VERSION = [3, 216, 0];
const ROOT = join(__dirname, "..");
const CLI_DIR = join(ROOT, ".pulumi-cli");
const BIN = join(CLI_DIR, "bin");
const RECORD = join(CLI_DIR, "cli.json");
const TOOLS = join(ROOT, "tools", "pulumi-cli");
const YAML_TOOLS = join(ROOT, "tools", "pulumi-yaml");

const LAUNCHER = `#!/bin/sh
# Starts Pulumi's dynamic-provider host with the @pulumi/pulumi the program uses (resolved from the cwd).
exec node "$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"))')" "$@"
`;

function main(argv) {
  const require_ = argv.includes("--require");
  const forceBuild = argv.includes("--build");
  mkdirSync(CLI_DIR, { recursive: true });

  const onPath = forceBuild ? undefined : pulumiOnPath();
  if (onPath) {
    record({ available: true, source: "PATH", binDir: onPath.dir, pulumi: onPath.path, version: onPath.version });
    console.log(`pulumi ${onPath.version} from PATH (${onPath.path}); nothing built`);
    return 0;
  }

  const go = tryRun("go", ["version"]);
  if (!go) {
    const reason = "neither a pulumi ≥ 3.216 on PATH nor Go to build one";
    record({ available: false, reason });
    console.log(`real Pulumi CLI not available: ${reason}`);
    return require_ ? 1 : 0;
  }

  const stamp = sourceStamp();
  const previous = readRecord();
  if (previous?.available && previous.source === "build" && previous.stamp === stamp && existsSync(join(BIN, "pulumi"))) {
    console.log(`pulumi ${previous.version} already built in ${BIN} (${go.trim()}); reused`);
    printVersions();
    return 0;
  }

  mkdirSync(BIN, { recursive: true });
  const started = Date.now();
  const ldflags = `-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=${PINNED}`;
  console.log(`building pulumi ${PINNED} with ${go.trim()} …`);
  execFileSync("go", ["build", "-buildvcs=false", "-o", join(BIN, "pulumi"), "-ldflags", ldflags, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"], {
    cwd: TOOLS,
    stdio: "inherit",
  });
  const engineSeconds = (Date.now() - started) / 1000;
  execFileSync("go", ["build", "-buildvcs=false", "-o", join(BIN, "pulumi-language-nodejs"), "-ldflags", ldflags, "./language-nodejs"], {
    cwd: TOOLS,
    stdio: "inherit",
  });
  execFileSync("go", ["build", "-buildvcs=false", "-o", join(BIN, "pulumi-language-yaml"), "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"], {
    cwd: YAML_TOOLS,
    stdio: "inherit",
  });
  writeFileSync(join(BIN, "pulumi-resource-pulumi-nodejs"), LAUNCHER);
  chmodSync(join(BIN, "pulumi-resource-pulumi-nodejs"), 0o755);
  const seconds = (Date.now() - started) / 1000;

  const version = execFileSync(join(BIN, "pulumi"), ["version"], { encoding: "utf8" }).trim();
  record({ available: true, source: "build", binDir: BIN, pulumi: join(BIN, "pulumi"), version, stamp, buildSeconds: seconds });
  console.log(`built pulumi ${version} in ${seconds.toFixed(1)} s (engine ${engineSeconds.toFixed(1)} s) into ${BIN}`);
  printVersions();
  return 0;
}

/** A `pulumi` on PATH at a suitable version, with the directory it lives in. */
function pulumiOnPath() {
  const path = tryRun("sh", ["-c", "command -v pulumi"]);
  if (!path) return undefined;
  const file = path.trim();
  if (file.startsWith(BIN)) return undefined; // our own build, put on PATH by a caller
  const version = tryRun(file, ["version"]);
  const parsed = version && /^v?(\d+)\.(\d+)\.(\d+)/.exec(version.trim());
  if (!parsed) return undefined;
  const [major, minor, patch] = parsed.slice(1).map(Number);
  const ok = major === MIN_VERSION[0] && (minor > MIN_VERSION[1] || (minor === MIN_VERSION[1] && patch >= MIN_VERSION[2]));
  if (!ok) {
    console.log(`ignoring pulumi ${version.trim()} on PATH: need 3.x ≥ ${MIN_VERSION.join(".")}`);
    return undefined;
  }
  return { path: file, dir: require("node:path").dirname(file), version: version.trim() };
}

/** Changes when the pin or our sources change: then the build is redone. */
function sourceStamp() {
  const hash = createHash("sha256").update(PINNED).update(YAML_PINNED).update(LAUNCHER);
  for (const file of ["go.mod", "go.sum", ...readdirSync(join(TOOLS, "language-nodejs")).map((f) => join("language-nodejs", f))]) {
    hash.update(file).update(readFileSync(join(TOOLS, file)));
  }
  for (const file of ["go.mod", "go.sum"]) hash.update(`yaml/${file}`).update(readFileSync(join(YAML_TOOLS, file)));
  return hash.digest("hex").slice(0, 16);
}

function printVersions() {
  const record_ = readRecord();
  console.log(`pulumi: ${record_.version}`);
  console.log(`node: ${process.version}`);
  console.log(`language host: ${tryRun(join(BIN, "pulumi-language-nodejs"), ["-version"])?.trim() ?? "?"} (tools/pulumi-cli/language-nodejs)`);
  console.log(`YAML language host: github.com/pulumi/pulumi-yaml ${YAML_PINNED}`);
}

function tryRun(command, args) {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

function readRecord() {
  try {
    return JSON.parse(readFileSync(RECORD, "utf8"));
  } catch {
    return undefined;
  }
}

function record(value) {
  writeFileSync(RECORD, `${JSON.stringify({ ...value, recordedAt: new Date().toISOString() }, null, 2)}\n`);
}

process.exitCode = main(process.argv.slice(2));
