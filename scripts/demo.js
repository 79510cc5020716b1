#!/usr/bin/env node
"use strict";
// `npm run demo` (after `npm run build`): walks examples/basic through preview, up, a
// change, drift, a refused delete and destroy against the embedded emulator. The walk is
// TypeScript, loaded through the harness's zero-dependency require hook. See demo/walk.ts.
require("../test/harness/ts-register").register();
require("./demo/walk.ts")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`demo: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(1);
  });
