#!/usr/bin/env node
"use strict";
/**
 * CI guard: reads a vitest JSON report and fails unless the real-CLI suite (test/cli)
 * ran: at least one file, every test passed, none skipped. `npm test` skips that suite
 * on a machine without a CLI; CI must never pass that way.
 *
 * Usage: node scripts/ci/check-cli-suite.js <vitest-report.json>
 */
const { readFileSync } = require("node:fs");
const { relative, sep } = require("node:path");

const file = process.argv[2];
if (!file) {
  console.error("usage: check-cli-suite.js <vitest-report.json>");
  process.exit(2);
}
const report = JSON.parse(readFileSync(file, "utf8"));
const root = require("node:path").join(__dirname, "..", "..");
const cliFiles = report.testResults.filter((r) => relative(root, r.name).startsWith(`test${sep}cli${sep}`));
const tests = cliFiles.flatMap((r) => r.assertionResults);
const by = (status) => tests.filter((t) => t.status === status).length;
const summary = `${cliFiles.length} files, ${tests.length} tests: ${by("passed")} passed, ${by("failed")} failed, ${by("skipped") + by("pending") + by("todo")} skipped`;
if (cliFiles.length === 0 || tests.length === 0 || by("passed") !== tests.length) {
  console.error(`real-CLI suite did not run green: ${summary}`);
  process.exit(1);
}
console.log(`real-CLI suite ran: ${summary}`);
