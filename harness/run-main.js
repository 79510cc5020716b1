"use strict";
/**
 * Runs a TypeScript entry point's `main(argv)` as a command: installs the `.ts` hook,
 * exits with the code `main` resolves to, and prints a crash with its stack.
 *
 * process.exit() drops output still queued for a pipe whose reader is slower than us: a
 * refresh of 1,000 resources lost the end of its plan and its JSON line that way. So the
 * process exits only once stdout and stderr have handed everything to the OS. Every
 * command whose last line is JSON (harness, soak, bench) depends on this.
 */
function exitAfterFlush(code) {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

/**
 * @param {string} entry absolute path of a module exporting `main(argv): Promise<number>`
 * @param {string} label prefix of the crash message
 * @param {number} crashCode exit code when `main` throws
 */
function runMain(entry, label, crashCode) {
  require("./ts-register").register();
  require(entry)
    .main(process.argv.slice(2))
    .then(exitAfterFlush)
    .catch((error) => {
      process.stderr.write(`${label}: ${error && error.stack ? error.stack : String(error)}\n`);
      exitAfterFlush(crashCode);
    });
}

module.exports = { runMain, exitAfterFlush };
