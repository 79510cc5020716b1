/**
 * What a user does after an interrupted `pulumi up`/`destroy`, as docs/RELIABILITY.md
 * ("Interrupted deployments") tells them:
 *
 * - after ^C, when the stack holds no pending operation: run the command again;
 * - otherwise (a killed CLI): `pulumi stack export --file state.json`, then
 *   `pulumi-tencent-css recover state.json --write repaired.json`, and the commands it
 *   prints, in order. `pulumi cancel` runs only when a command says the stack is locked.
 *   (See {@link UserTerminal} for the file backend's other leftover.)
 *
 * The `recover` command runs as users run it: the built `bin/` in a child process, with
 * the credentials and endpoint in its environment. Its `--format json` steps are followed
 * as printed, so a wrong command in them fails the run.
 *
 * `rerun` mode is the recovery a user who ignores the pending-operations warning makes
 * (unlock if needed, run again): the figures compare the two.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT, type CliResult, type CliStack } from "../../cli-driver/pulumi-cli";
import { runProcess } from "../../harness/run-process";
import { EMPTY_ATTRS_ERROR, removeEmptyAttrs } from "./file-backend";

const LOCKED = /the stack is currently locked/;
/** The built command, as the package installs it. */
const BIN = join(REPO_ROOT, "dist", "bin", "pulumi-tencent-css.js");

/** How the run recovers. */
export const RECOVERY_MODES = ["documented", "rerun"] as const;
export type RecoveryMode = (typeof RECOVERY_MODES)[number];

/** One command of a recovery, and what it printed. */
export interface RecoveryCommand {
  readonly commandLine: string;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs pulumi commands on a stack as a user at a terminal does after a crash: when one
 * says the stack is locked (a killed CLI leaves its lock), `pulumi cancel` and run it
 * again; when one fails with `failed to load checkpoint: EOF` (file-backend.ts), delete
 * the empty attributes file and run it again. Records every command.
 */
export class UserTerminal {
  readonly commands: RecoveryCommand[] = [];
  unlocks = 0;
  emptyAttrsRemoved = 0;

  constructor(readonly stack: CliStack) {}

  record(result: RecoveryCommand): RecoveryCommand {
    this.commands.push({ commandLine: result.commandLine, code: result.code, stdout: result.stdout, stderr: result.stderr });
    return result;
  }

  async pulumi(args: readonly string[]): Promise<CliResult> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.stack.run(args);
      this.record(result);
      if (result.code === 0 || attempt > 2) return result;
      const printed = result.stderr + result.stdout;
      if (LOCKED.test(printed)) {
        this.unlocks++;
        this.record(await this.stack.run(["cancel", "--yes"]));
      } else if (EMPTY_ATTRS_ERROR.test(printed)) {
        const removed = removeEmptyAttrs(join(this.stack.backend.dir, "backend"));
        if (removed.length === 0) return result;
        this.emptyAttrsRemoved += removed.length;
      } else return result;
    }
  }
}

/** How a recovery went. */
export interface RecoveryOutcome {
  /** `rerun`: the command again; `recover`: through `pulumi-tencent-css recover`. */
  readonly kind: "rerun" | "recover";
  /** `recover`'s verdicts, by action and kind (`import template`, `clear binding`, `refresh template`, …). */
  readonly verdicts: Readonly<Record<string, number>>;
  /** Why the recovery could not finish, when it could not. */
  readonly failure?: string;
}

/** The pieces of a recover step the walk reads (see recovery/report.ts). */
interface Step {
  readonly argv: readonly string[];
  readonly when?: "locked";
  readonly rerun?: true;
}

interface RecoverJson {
  readonly assessments: ReadonlyArray<{ kind: string; verdict: { action: string } }>;
  readonly steps: readonly Step[];
  readonly decisionNeeded: boolean;
}

/**
 * Recovers after an interrupted `command`. `pendingLeft`: pending operations the
 * interrupt left in the stack.
 */
export async function recover(
  terminal: UserTerminal,
  command: "up" | "destroy",
  options: { readonly mode: RecoveryMode; readonly pendingLeft: number; readonly workDir: string; readonly run: number },
): Promise<RecoveryOutcome> {
  const rerun = () => terminal.pulumi([command, "--yes", "--skip-preview"]);
  if (options.mode === "rerun" || options.pendingLeft === 0) {
    const result = await rerun();
    return { kind: "rerun", verdicts: {}, failure: result.code === 0 ? undefined : `${result.commandLine} exited ${result.code}` };
  }

  const stateFile = join(options.workDir, `state-${options.run}.json`);
  const repairedFile = join(options.workDir, `repaired-${options.run}.json`);
  const exported = await terminal.pulumi(["stack", "export", "--file", stateFile]);
  if (exported.code !== 0) return { kind: "recover", verdicts: {}, failure: "pulumi stack export failed" };
  // What the user reads (kept beside the exports, for `--keep`), then the same as JSON to follow its steps.
  const env = terminal.stack.backend.environment();
  const text = await runProcess(process.execPath, [BIN, "recover", stateFile, "--write", repairedFile], { env });
  terminal.record({ commandLine: `pulumi-tencent-css recover ${stateFile} --write ${repairedFile}`, ...text });
  writeFileSync(join(options.workDir, `recover-${options.run}.txt`), text.stdout + text.stderr);
  const argv = ["recover", stateFile, "--write", repairedFile, "--format", "json"];
  const done = await runProcess(process.execPath, [BIN, ...argv], { env });
  terminal.record({ commandLine: `pulumi-tencent-css ${argv.join(" ")}`, ...done });
  if (done.code !== 0) return { kind: "recover", verdicts: {}, failure: `pulumi-tencent-css recover exited ${done.code}: ${done.stderr.trim()}` };
  const report = JSON.parse(done.stdout) as RecoverJson;
  const verdicts: Record<string, number> = {};
  for (const a of report.assessments) verdicts[`${a.verdict.action} ${a.kind}`] = (verdicts[`${a.verdict.action} ${a.kind}`] ?? 0) + 1;
  if (report.decisionNeeded) return { kind: "recover", verdicts, failure: "recover asks the user to choose between templates" };
  for (const step of report.steps) {
    if (step.when === "locked") continue; // UserTerminal runs it when a command says so
    if (step.argv[0] !== "pulumi") return { kind: "recover", verdicts, failure: `unexpected step ${step.argv.join(" ")}` };
    const result = step.rerun ? await rerun() : await terminal.pulumi(step.argv.slice(1));
    if (result.code !== 0) return { kind: "recover", verdicts, failure: `${result.commandLine} exited ${result.code}` };
  }
  return { kind: "recover", verdicts };
}
