/**
 * Reads the engine events the real `pulumi` CLI streams with `--json` (`up`, `refresh`,
 * `destroy`; `preview` too with PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true): one JSON
 * object per line, each with one of `preludeEvent`, `resourcePreEvent`,
 * `resOutputsEvent`, `resOpFailedEvent`, `diagnosticEvent`, `summaryEvent`, … .
 *
 * Dynamic resources carry no detailed diff (the host sends none), so the changed
 * properties are computed here as the CLI's display computes them: from the old and new
 * inputs (outputs, for refresh), `__provider` left out.
 */

/** One resource's step, as both engines report it. */
export interface CliStep {
  /** The resource name (the last part of its URN). */
  readonly name: string;
  /** The short type, e.g. `CallbackTemplate`. */
  readonly type: string;
  /** `create`, `update`, `same`, `delete`, `replace`, `create-replacement`, `read`, …; for refresh `same`, `drift` or `gone`. */
  readonly op: string;
  /** `~prop` changed, `+prop` added, `-prop` removed. */
  readonly diffs: readonly string[];
  readonly urn: string;
  /** The step began but failed (`resOpFailedEvent`): it changed nothing the engine knows of. */
  readonly failed?: boolean;
}

/** What one command reported. */
export interface CliEvents {
  /** Steps of the stack's custom resources (not the stack, not providers), in the order they began. */
  readonly steps: readonly CliStep[];
  /** `severity: error` diagnostics (what failed and why). */
  readonly errors: readonly string[];
  /** `severity: warning` diagnostics. */
  readonly warnings: readonly string[];
  /** `succeeded`, `failed`, … from the summary; undefined when there was none. */
  readonly result?: string;
  /** The summary's counts, as the CLI prints them (the stack included). */
  readonly resourceChanges: Readonly<Record<string, number>>;
}

interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  old?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } | null;
  new?: { inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } | null;
}

type EngineEvent = {
  resourcePreEvent?: { metadata: StepMetadata };
  resOutputsEvent?: { metadata: StepMetadata };
  resOpFailedEvent?: { metadata: StepMetadata };
  diagnosticEvent?: { message: string; severity: string; urn?: string };
  summaryEvent?: { resourceChanges?: Record<string, number>; result?: string };
};

/** Parses the stdout of a `--json` command: JSON lines, anything else ignored. */
export function parseCliEvents(stdout: string, command: string): CliEvents {
  const events: EngineEvent[] = [];
  for (const line of stdout.split("\n")) {
    const text = line.trim();
    if (!text.startsWith("{")) continue;
    try {
      events.push(JSON.parse(text) as EngineEvent);
    } catch {
      // A line that is not an event (a program's own output) is not ours to read.
    }
  }
  const steps = new Map<string, CliStep>();
  const errors: string[] = [];
  const warnings: string[] = [];
  let summary: EngineEvent["summaryEvent"];
  for (const event of events) {
    const pre = event.resourcePreEvent?.metadata;
    const done = event.resOutputsEvent?.metadata;
    if (pre && isStackResource(pre)) {
      // A replacement is several steps of one URN; keep the one that says what happens to it.
      const key = `${pre.urn}`;
      const previous = steps.get(key);
      const step = toStep(pre, command);
      if (!previous || rank(step.op) > rank(previous.op)) steps.set(key, step);
    }
    // Refresh only knows whether a resource drifted once it was read.
    if (done && isStackResource(done) && command === "refresh") steps.set(done.urn, toStep(done, command));
    const failed = event.resOpFailedEvent?.metadata;
    if (failed && isStackResource(failed)) {
      const step = steps.get(failed.urn) ?? toStep(failed, command);
      steps.set(failed.urn, { ...step, failed: true });
    }
    if (event.diagnosticEvent) {
      const { message, severity } = event.diagnosticEvent;
      if (severity === "error") errors.push(message.trim());
      if (severity === "warning") warnings.push(message.trim());
    }
    if (event.summaryEvent) summary = event.summaryEvent;
  }
  return { steps: [...steps.values()], errors, warnings, result: summary?.result, resourceChanges: summary?.resourceChanges ?? {} };
}

/** Counts the steps that did not fail by op, e.g. `{ create: 5 }`. */
export function countSteps(steps: readonly CliStep[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const step of steps) if (!step.failed) counts[step.op] = (counts[step.op] ?? 0) + 1;
  return counts;
}

function isStackResource(metadata: StepMetadata): boolean {
  return metadata.type !== "pulumi:pulumi:Stack" && !metadata.type.startsWith("pulumi:providers:");
}

function toStep(metadata: StepMetadata, command: string): CliStep {
  const name = metadata.urn.split("::").pop() ?? metadata.urn;
  const type = metadata.type.split(":").pop() ?? metadata.type;
  if (command === "refresh") {
    if (!metadata.new) return { name, type, op: "gone", diffs: [], urn: metadata.urn };
    const diffs = propertyDiff(metadata.old?.outputs, metadata.new.outputs);
    return { name, type, op: diffs.length ? "drift" : "same", diffs, urn: metadata.urn };
  }
  const op = metadata.op;
  const diffs = op === "update" || op === "replace" || op === "create-replacement" ? propertyDiff(metadata.old?.inputs, metadata.new?.inputs) : [];
  return { name, type, op: op === "create-replacement" || op === "delete-replaced" ? "replace" : op, diffs, urn: metadata.urn };
}

/** Which step of a URN to report when there are several (a replacement). */
function rank(op: string): number {
  return ["same", "read", "refresh"].includes(op) ? 0 : op === "replace" || op === "create-replacement" ? 2 : 1;
}

/** `~a`, `+b`, `-c` between two property bags, sorted by name; `__provider` left out. */
export function propertyDiff(olds: Record<string, unknown> = {}, news: Record<string, unknown> = {}): string[] {
  const names = new Set([...Object.keys(olds), ...Object.keys(news)]);
  names.delete("__provider");
  const diffs: string[] = [];
  for (const name of [...names].sort()) {
    const inOld = name in olds && olds[name] !== null && olds[name] !== undefined;
    const inNew = name in news && news[name] !== null && news[name] !== undefined;
    if (inOld && !inNew) diffs.push(`-${name}`);
    else if (!inOld && inNew) diffs.push(`+${name}`);
    else if (inOld && inNew && JSON.stringify(olds[name]) !== JSON.stringify(news[name])) diffs.push(`~${name}`);
  }
  return diffs;
}
