#!/usr/bin/env node
/**
 * The `pulumi-tencent-css` command. Subcommands live in their own modules; this file
 * only dispatches.
 */
import { runEmulatorCommand } from "../emulator/cli";
import { runPlanCheckCommand } from "../review/cli";
import { runRecoverCommand } from "../recovery/cli";

const USAGE = `Usage: pulumi-tencent-css <command> [options]

Commands:
  emulator    run a local Tencent Cloud Live callback API emulator (--help for options)
  plan-check  report what \`pulumi up\` will refuse, from \`pulumi preview --json\` and the live state
  recover     after an interrupted \`pulumi up\`/\`destroy\`: what each pending operation did, and the commands that finish it
`;

const COMMANDS: Readonly<Record<string, (argv: readonly string[]) => Promise<number>>> = {
  emulator: (argv) => runEmulatorCommand(argv),
  "plan-check": (argv) => runPlanCheckCommand(argv),
  recover: (argv) => runRecoverCommand(argv),
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  const run = command !== undefined ? COMMANDS[command] : undefined;
  if (!run) {
    process.stderr.write(`${command === undefined ? "missing command" : `unknown command "${command}"`}\n\n${USAGE}`);
    return 2;
  }
  return run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
