#!/usr/bin/env node
"use strict";
// `npm run bench -- --bindings N --templates T [--json]` (after `npm run build`): this
// provider's API calls and times against a naive per-resource strategy, on the emulator
// with the real quotas. The benchmark is TypeScript, loaded through the harness's
// zero-dependency require hook. See bench.ts and docs/PERFORMANCE.md.
require("../harness/run-main").runMain(require("node:path").join(__dirname, "bench.ts"), "bench", 1);
