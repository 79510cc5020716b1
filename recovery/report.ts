/**
 * What `recover` prints: each pending operation with what happened in the cloud and
 * what is done with it, then the exact commands to run, in order. As text for a
 * terminal, or JSON for scripts (the interrupt soak follows the JSON's `steps`).
 * Nothing secret is ever in it: templates are named by id and name.
 */
import type { Assessment, PossibleLeftover } from "./assess";

/** The output formats of `recover --format`. */
export const RECOVER_FORMATS = ["text", "json"] as const;
export type RecoverFormat = (typeof RECOVER_FORMATS)[number];

/** One command to run. */
export interface RecoveryStep {
  /** As typed in a shell. */
  readonly command: string;
  readonly argv: readonly string[];
  /** Run only when the condition holds: `locked` — pulumi says the stack is locked. */
  readonly when?: "locked";
  /** Rerun the command that was interrupted (`argv` is `pulumi up`; `pulumi destroy` if that was it). */
  readonly rerun?: true;
  /** Why, in a few words. */
  readonly why: string;
}

/** Everything `recover` found and decided. */
export interface RecoveryReport {
  /** `project/stack`, when the export names it. */
  readonly stack?: string;
  readonly templates: number;
  readonly rules: number;
  readonly assessments: readonly Assessment[];
  readonly leftovers: readonly PossibleLeftover[];
  /** Where the repaired export was written; undefined when none was. */
  readonly written?: string;
  /** True when a pending create has several candidates: nothing is repaired until `--pick` decides. */
  readonly decisionNeeded: boolean;
  readonly steps: readonly RecoveryStep[];
}

/** Inputs of {@link planSteps}. */
export interface StepOptions {
  /** The export file as given (`-` for stdin). */
  readonly source: string;
  /** `--write`, when given. */
  readonly write?: string;
}

const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);
const step = (argv: string[], why: string, extra: Partial<RecoveryStep> = {}): RecoveryStep => ({ command: argv.map(shellWord).join(" "), argv, why, ...extra });

/** The commands that finish the recovery, in order. */
export function planSteps(assessments: readonly Assessment[], options: StepOptions): RecoveryStep[] {
  const unlock = step(["pulumi", "cancel", "--yes"], "only if pulumi says the stack is locked: a killed pulumi leaves its lock (make sure no other pulumi runs on this stack)", { when: "locked" });
  const rerun = step(["pulumi", "up", "--yes"], "rerun what was interrupted (`pulumi destroy --yes` if that was it)", { rerun: true });
  if (assessments.length === 0) return [unlock, rerun];
  const choices = assessments.filter((a) => a.verdict.action === "choose");
  if (choices.length > 0) {
    const picks = choices.flatMap((a) => ["--pick", `${a.urn}=${a.verdict.action === "choose" ? (a.verdict.candidates[0] ?? "<id>") : ""}`]);
    return [step(["pulumi-tencent-css", "recover", options.source, "--write", options.write ?? "repaired.json", ...picks], "after deciding which template each pending create made: --pick <urn>=<id> for each")];
  }
  const imports = assessments.some((a) => a.verdict.action === "import");
  const clears = assessments.some((a) => a.verdict.action === "clear");
  const steps: RecoveryStep[] = [unlock];
  if (options.write && (imports || clears)) {
    steps.push(step(["pulumi", "stack", "import", "--file", options.write], "puts the created objects into the stack and drops the creates that did not happen"));
  } else if (imports) {
    steps.push(step(["pulumi-tencent-css", "recover", options.source, "--write", "repaired.json"], "writes the repaired state"));
    steps.push(step(["pulumi", "stack", "import", "--file", "repaired.json"], "puts the created objects into the stack and drops the creates that did not happen"));
  } else if (clears) {
    steps.push(step(["pulumi", "refresh", "--clear-pending-creates", "--yes"], "drops the creates that did not happen, and reads the cloud"));
    steps.push(rerun);
    return steps;
  }
  steps.push(step(["pulumi", "refresh", "--yes"], "clears the interrupted updates and deletes, and reads the cloud"));
  steps.push(rerun);
  return steps;
}

const VERB: Record<Assessment["verdict"]["action"], string> = {
  import: "import",
  clear: "clear",
  choose: "CHOOSE",
  refresh: "refresh",
  leave: "leave",
};

/** Renders the report. */
export function renderRecoveryReport(report: RecoveryReport, format: RecoverFormat): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  const lines: string[] = [];
  const where = report.stack ? ` of ${report.stack}` : "";
  const account = `the live account (${report.templates} templates, ${report.rules} rules)`;
  if (report.assessments.length === 0) {
    lines.push(`No pending operations${where}: the interrupted command left nothing unknown in the stack (compared with ${account}).`);
  } else {
    const n = report.assessments.length;
    lines.push(`${n} pending operation${n === 1 ? "" : "s"}${where}, compared with ${account}:`, "");
    for (const a of report.assessments) {
      const kind = a.kind === "template" ? "CallbackTemplate" : a.kind === "binding" ? "DomainBinding" : "resource";
      lines.push(`  ${VERB[a.verdict.action].padEnd(7)} ${kind} ${a.name} (${a.operation}): ${a.happened}`);
      if (a.verdict.action === "choose" && a.verdict.candidates.length > 0) lines.push(`  ${"".padEnd(7)} candidates: ${a.verdict.candidates.join(", ")}`);
      if (a.advice) lines.push(`  ${"".padEnd(7)} → ${a.advice}`);
    }
  }
  if (report.leftovers.length > 0) {
    lines.push("", "Templates no stack holds that equal one this stack holds (likely left by an interrupted create; pass other stacks' exports with --state to rule them out):");
    for (const l of report.leftovers) lines.push(`  template ${l.templateId} (${l.templateName}), equal to ${l.like}: delete it in the console once you are sure no other stack uses it`);
  }
  if (report.written) lines.push("", `Repaired state written to ${report.written} (secrets kept as the export had them).`);
  if (report.decisionNeeded) lines.push("", "Several templates could be the one a pending create made: nothing was written. Decide, then:");
  else lines.push("", "Next:");
  // Comments line up, unless a command is too long for that to help.
  const width = Math.min(44, Math.max(...report.steps.map((s) => s.command.length)));
  for (const s of report.steps) lines.push(`  ${s.command.padEnd(width)}   # ${s.why}`);
  return `${lines.join("\n")}\n`;
}
