#!/usr/bin/env node
"use strict";
// `npm run bench -- --bindings N --templates T [--json]` (after `npm run build`): this
// provider's API calls and times against a naive per-resource strategy, on the emulator
// with the real quotas. The benchmark is TypeScript, loaded through the harness's
// zero-dependency require hook. See bench.ts and docs/PERFORMANCE.md.
require("../test/harness/ts-register").register();
require("./bench.ts")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`bench: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  });
