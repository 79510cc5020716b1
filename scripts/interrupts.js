#!/usr/bin/env node
"use strict";
// `npm run interrupts -- [options]` (after `npm run build`): the interrupt runs of
// docs/RELIABILITY.md ("Interrupted deployments") with the real Pulumi CLI. TypeScript,
// loaded through the harness's zero-dependency require hook. See interrupts.ts.
require("../harness/run-main").runMain(require("node:path").join(__dirname, "interrupts.ts"), "interrupts", 2);
