/**
 * `pulumi-tencent-css recover <state.json | -> [--write FILE] [--state other.json]... [--pick URN=ID]... [--format text|json]`
 *
 * After an interrupted `pulumi up` or `pulumi destroy` (a killed CLI, a crashed machine):
 * reads `pulumi stack export` and the live account (read-only: one template list, one
 * rule list), says for each pending operation what happened in the cloud, and prints the
 * commands that bring the stack back to the program. With `--write`, writes the repaired
 * export for `pulumi stack import`. Exit 0 with the commands printed, 1 when the user must
 * choose between templates (`--pick`), 2 on bad input (not an export, no credentials,
 * API unreachable).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { assessPendingOperations, possibleLeftovers, type HeldElsewhere, type LiveAccount } from "./assess";
import { repairExport } from "./repair";
import { RECOVER_FORMATS, planSteps, renderRecoveryReport, type RecoverFormat, type RecoveryReport } from "./report";
import { kindOf, nameOfUrn, parseStackExport, plainProviderConfig, stackOfUrn, StackExportError, type StackExport } from "./stack-export";
import { readAccountSnapshot } from "../provider/account-snapshot";
import { readSettings } from "../provider/settings";

/** Usage text of the `recover` subcommand. */
export const RECOVER_USAGE = `Usage: pulumi-tencent-css recover <state.json | -> [options]

After an interrupted pulumi up or destroy: reads \`pulumi stack export\` and the live
account (read-only), says what each pending operation did in the cloud, and prints the
commands that finish the recovery.

  pulumi stack export --file state.json
  pulumi-tencent-css recover state.json --write repaired.json

Options:
  --write FILE      write the repaired export (created objects imported, creates that did
                    not happen dropped) for \`pulumi stack import --file FILE\`
  --state FILE      another stack's \`pulumi stack export\`: what it holds is never taken
                    for this stack's; repeatable
  --pick URN=ID     the template a pending create made, when several could be; repeatable
  --format FORMAT   text (default) | json
  -h, --help        show this help

Credentials and endpoint: the stack's plain config in the export (tencentcloud:*,
tencent-css:endpoint), then TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY /
TENCENTCLOUD_LIVE_ENDPOINT, as the provider reads them.
Exit: 0 commands printed, 1 a choice is needed (--pick), 2 bad input.
`;

/** Where the command reads and writes (the process's streams by default). */
export interface RecoverIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  /** Environment for credentials; `process.env` by default. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs the command; resolves to the exit code. */
export async function runRecoverCommand(
  argv: readonly string[],
  io: RecoverIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  const fail = (reason: string) => {
    io.stderr.write(`recover: ${reason}\n`);
    return 2;
  };
  let values: { write?: string; state?: string[]; pick?: string[]; format?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        write: { type: "string" },
        state: { type: "string", multiple: true },
        pick: { type: "string", multiple: true },
        format: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    io.stdout.write(RECOVER_USAGE);
    return 0;
  }
  const format = (values.format ?? "text") as RecoverFormat;
  if (!RECOVER_FORMATS.includes(format)) return fail(`--format must be one of ${RECOVER_FORMATS.join(", ")}`);
  if (positionals.length !== 1) return fail("give one export file (or - for stdin): pulumi stack export --file state.json");
  const source = positionals[0]!;
  const picks = new Map<string, string>();
  for (const pick of values.pick ?? []) {
    const at = pick.lastIndexOf("=");
    if (at <= 0 || !/^\d+$/.test(pick.slice(at + 1))) return fail(`--pick ${pick}: expected <urn>=<template id>`);
    picks.set(pick.slice(0, at), pick.slice(at + 1));
  }

  let exported: StackExport;
  let elsewhere: HeldElsewhere;
  try {
    const text = source === "-" ? await readAll(io.stdin) : readText(source);
    exported = parseStackExport(text, source === "-" ? "stdin" : source);
    elsewhere = heldByOtherStacks(values.state ?? []);
  } catch (error) {
    if (error instanceof StackExportError) return fail(error.message);
    throw error;
  }

  let live: LiveAccount;
  try {
    live = await readAccountSnapshot(plainProviderConfig(exported), readSettings(io.env ?? process.env));
  } catch (error) {
    return fail(`cannot read the live account: ${(error as Error).message.split("\n")[0]}`);
  }

  const assessments = assessPendingOperations(exported, live, elsewhere, picks);
  const decisionNeeded = assessments.some((a) => a.verdict.action === "choose");
  const concerned = new Set(assessments.flatMap((a) => (a.verdict.action === "import" ? [a.verdict.id] : a.verdict.action === "choose" ? a.verdict.candidates : [])));
  const leftovers = possibleLeftovers(exported, live, elsewhere).filter((l) => !concerned.has(String(l.templateId)));
  let written: string | undefined;
  const settles = assessments.some((a) => a.verdict.action === "import" || a.verdict.action === "clear");
  if (values.write && !decisionNeeded && settles) {
    const repair = repairExport(exported, assessments);
    writeFileSync(values.write, `${JSON.stringify(repair.document, null, 4)}\n`, { mode: 0o600 });
    written = values.write;
  }
  const report: RecoveryReport = {
    stack: exported.stackName,
    templates: live.templates.length,
    rules: live.rules.length,
    assessments,
    leftovers,
    written,
    decisionNeeded,
    steps: planSteps(assessments, { source, write: written }),
  };
  io.stdout.write(renderRecoveryReport(report, format));
  return decisionNeeded ? 1 : 0;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new StackExportError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Templates and bindings the `--state` exports hold. */
function heldByOtherStacks(files: readonly string[]): HeldElsewhere {
  const templates = new Map<number, string>();
  const bindings = new Map<string, string>();
  for (const file of files) {
    const other = parseStackExport(readText(file), `--state ${file}`);
    for (const r of other.resources) {
      if (!r.id || r.delete) continue;
      const owner = `${stackOfUrn(r.urn)} (${nameOfUrn(r.urn)})`;
      if (kindOf(r.type) === "template" && /^\d+$/.test(r.id)) templates.set(Number(r.id), owner);
      if (kindOf(r.type) === "binding") bindings.set(r.id, owner);
    }
  }
  return { templates, bindings };
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
