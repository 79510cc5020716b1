#!/usr/bin/env node
"use strict";
// `npm run demo` (after `npm run build`): walks examples/basic through preview, up, a
// change, drift, a refused delete and destroy against the embedded emulator. The walk is
// TypeScript, loaded through the harness's zero-dependency require hook. See demo/walk.ts.
require("../harness/run-main").runMain(require("node:path").join(__dirname, "demo", "walk.ts"), "demo", 1);
