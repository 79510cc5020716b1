/**
 * Runs the built CLI (`dist/bin/pulumi-tencent-css.js emulator ...`) as a child
 * process and reads what it prints, so tests can drive it like a user would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The compiled CLI; `npm test` builds it before running vitest. */
export const CLI_PATH = join(__dirname, "..", "..", "dist", "bin", "pulumi-tencent-css.js");

/** A running CLI child. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A started emulator CLI, with what it printed about itself. */
export interface CliEmulator extends CliProcess {
  readonly url: string;
  readonly secretId: string;
  readonly secretKey: string;
}

/** Spawns the CLI with `args`. */
export function runCli(args: readonly string[]): CliProcess {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [CLI_PATH, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8").on("data", (text: string) => (out += text));
  child.stderr!.setEncoding("utf8").on("data", (text: string) => (err += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Spawns `emulator` with `args` and waits until it prints its URL and credentials. */
export async function startCliEmulator(args: readonly string[]): Promise<CliEmulator> {
  const cli = runCli(["emulator", ...args]);
  const ready = await new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const match = /^Live API emulator listening on (http:\/\/\S+)$[\s\S]*^TENCENTCLOUD_SECRET_ID=(\S+)$\n^TENCENTCLOUD_SECRET_KEY=(\S+)$/m.exec(
        cli.stdout(),
      );
      if (match) {
        cli.child.stdout!.off("data", check);
        resolve(match);
      }
    };
    cli.child.stdout!.on("data", check);
    void cli.exited.then(({ code, signal }) =>
      reject(new Error(`emulator exited (${code ?? signal}) before it was ready: ${cli.stderr()}`)),
    );
  });
  return { ...cli, url: ready[1]!, secretId: ready[2]!, secretKey: ready[3]! };
}
