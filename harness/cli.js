#!/usr/bin/env node
"use strict";
// Entry point: installs the .ts hook, then runs cli.ts. See README.md in this folder.
require("./run-main").runMain(require("node:path").join(__dirname, "cli.ts"), "harness", 2);
