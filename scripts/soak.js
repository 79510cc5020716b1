#!/usr/bin/env node
"use strict";
// `npm run soak -- [options]` (after `npm run build`): the fault soak and the concurrency
// run of docs/RELIABILITY.md. TypeScript, loaded through the harness's zero-dependency
// require hook. See soak.ts for the options.
require("../harness/run-main").runMain(require("node:path").join(__dirname, "soak.ts"), "soak", 2);
