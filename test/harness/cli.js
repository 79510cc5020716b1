#!/usr/bin/env node
"use strict";
// Entry point: installs the .ts hook, then runs cli.ts. See README.md in this folder.
require("./ts-register").register();

// process.exit() drops output still queued for a pipe whose reader is slower than us:
// a refresh of 1,000 resources lost the end of its plan and its JSON line that way.
// Exit only once stdout and stderr have handed everything to the OS.
function exitAfterFlush(code) {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

require("./cli.ts")
  .main(process.argv.slice(2))
  .then(exitAfterFlush)
  .catch((error) => {
    process.stderr.write(`harness: ${error && error.stack ? error.stack : String(error)}\n`);
    exitAfterFlush(2);
  });
