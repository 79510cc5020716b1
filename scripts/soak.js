#!/usr/bin/env node
"use strict";
// `npm run soak -- [options]` (after `npm run build`): the fault soak and the concurrency
// run of docs/RELIABILITY.md. TypeScript, loaded through the harness's zero-dependency
// require hook. See soak.ts for the options.
require("../test/harness/ts-register").register();
require("./soak.ts")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`soak: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(2);
  });
