#!/usr/bin/env node
"use strict";
// Entry point: installs the .ts hook, then runs cli.ts. See README.md in this folder.
require("./ts-register").register();
require("./cli.ts")
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`harness: ${error && error.stack ? error.stack : String(error)}\n`);
    process.exit(2);
  });
