/**
 * `pulumi-tencent-css plan-check <preview.json | -> [--format text|markdown|json] [--state export.json]...`
 *
 * Reads the output of `pulumi preview --json` and the live state, and reports what
 * `pulumi up` will refuse (exit 1) or do that someone should know (warnings, exit 0).
 * Exit 2 on bad input: not a preview file, unreadable, no credentials, API unreachable.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { checkPlan } from "./plan-check";
import { parsePreview, PreviewFileError } from "./preview-file";
import { readKnownStacks } from "./known-stacks";
import { readLiveState } from "./live-state";
import { REPORT_FORMATS, renderReport, type ReportFormat } from "./report";

/** Usage text of the `plan-check` subcommand. */
export const PLAN_CHECK_USAGE = `Usage: pulumi-tencent-css plan-check <preview.json | -> [options]

Reads \`pulumi preview --json\` output and the live state (one template list and one
rule list, read-only) and reports what \`pulumi up\` will refuse.

Options:
  --format FORMAT   text (default) | markdown (a PR comment) | json
  --state FILE      a \`pulumi stack export\` file, to name the stack that manages a rule; repeatable
  -h, --help        show this help

Credentials and endpoint: the plan's plain stack config (tencentcloud:*, tencent-css:endpoint),
then TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY / TENCENTCLOUD_LIVE_ENDPOINT.
Exit: 0 nothing refused, 1 something will be refused, 2 bad input.
`;

/** Where the command reads and writes (the process's streams by default). */
export interface PlanCheckIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

/** Runs the command; resolves to the exit code. */
export async function runPlanCheckCommand(
  argv: readonly string[],
  io: PlanCheckIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  const fail = (reason: string) => {
    io.stderr.write(`plan-check: ${reason}\n`);
    return 2;
  };
  let values: { format?: string; state?: string[]; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { format: { type: "string" }, state: { type: "string", multiple: true }, help: { type: "boolean", short: "h" } },
    }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if (values.help) {
    io.stdout.write(PLAN_CHECK_USAGE);
    return 0;
  }
  const format = (values.format ?? "text") as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) return fail(`--format must be one of ${REPORT_FORMATS.join(", ")}`);
  if (positionals.length !== 1) return fail("give one preview file (or - for stdin): pulumi preview --json > preview.json");

  let text: string;
  try {
    text = positionals[0] === "-" ? await readAll(io.stdin) : readFileSync(positionals[0]!, "utf8");
  } catch (error) {
    return fail(`cannot read ${positionals[0]}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const plan = parsePreview(text);
    const known = readKnownStacks(values.state ?? []);
    let live;
    try {
      live = await readLiveState(plan.plainConfig);
    } catch (error) {
      return fail(`cannot read the live state: ${(error as Error).message.split("\n")[0]}`);
    }
    const findings = checkPlan(plan, live, known);
    io.stdout.write(renderReport(findings, format, plan.templates.length + plan.bindings.length));
    return findings.some((f) => f.severity === "refused") ? 1 : 0;
  } catch (error) {
    if (error instanceof PreviewFileError) return fail(error.message);
    throw error;
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
