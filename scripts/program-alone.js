#!/usr/bin/env node
"use strict";
/**
 * What the Pulumi SDK alone costs the benchmark's `up`: runs a program under Pulumi's
 * mocks, where every registration completes the moment it arrives (no engine, no
 * provider, no API), and prints one JSON line: the milliseconds from this process's start
 * until the SDK had loaded, until the program's code had run, until the first resource
 * of type `--first-type` registered, and until all `--expect` resources had.
 *
 * The real CLI pays the same in its language host before any API call, so an `up` that
 * must create those resources cannot finish sooner than `first_registered_ms` plus the
 * rate-limit bound of their creates (docs/PERFORMANCE.md).
 *
 * usage: node scripts/program-alone.js --program DIR --expect N [--first-type TOKEN] [--config-file F]
 *        (F: a JSON object of namespaced config keys; a file, as the bench's spec can
 *        exceed the 128 KiB Linux allows one argument or environment variable)
 */
const { readFileSync } = require("node:fs");
const { resolve } = require("node:path");

const USAGE = "usage: program-alone.js --program DIR --expect N [--first-type TOKEN] [--config-file F]";

function args(argv) {
  const out = { program: undefined, expect: 0, firstType: undefined, configFile: undefined };
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === "--program") out.program = resolve(argv[i + 1]);
    else if (argv[i] === "--expect") out.expect = Number(argv[i + 1]);
    else if (argv[i] === "--first-type") out.firstType = argv[i + 1];
    else if (argv[i] === "--config-file") out.configFile = resolve(argv[i + 1]);
    else throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
  }
  if (!out.program || !(out.expect > 0)) throw new Error(USAGE);
  return out;
}

const options = args(process.argv.slice(2));
require("../harness/ts-register").register();
// The harness's reading of Pulumi.yaml, so both run the same entry with the same project name.
const { programEntry, readProjectFile } = require("../harness/project-file");
const project = readProjectFile(options.program);
const pulumi = require("@pulumi/pulumi");
const sdkLoadedMs = performance.now();

let registered = 0;
let firstOfTypeMs;
let done;
const allRegistered = new Promise((resolveAll) => (done = resolveAll));
pulumi.runtime.setMocks(
  {
    newResource: (request) => {
      registered++;
      if (firstOfTypeMs === undefined && request.type === options.firstType) firstOfTypeMs = performance.now();
      if (registered === options.expect) done(performance.now());
      // Numeric ids, as CallbackTemplate's templateId is derived from its id.
      return { id: String(registered), state: request.inputs };
    },
    call: () => ({}),
  },
  // The project's name, so `new pulumi.Config()` finds the program's keys.
  project.name,
  "bench",
  false,
);
const config = options.configFile ? JSON.parse(readFileSync(options.configFile, "utf8")) : {};
pulumi.runtime.setAllConfig(config, []);
process.chdir(options.program);
require(programEntry(options.program, project));
const programRanMs = performance.now();

allRegistered.then((allMs) => {
  const round = (ms) => (ms === undefined ? null : Math.round(ms));
  process.stdout.write(
    `${JSON.stringify({
      sdk_loaded_ms: round(sdkLoadedMs),
      program_ran_ms: round(programRanMs),
      first_registered_ms: round(firstOfTypeMs),
      all_registered_ms: round(allMs),
    })}\n`,
    () => process.exit(0),
  );
});
