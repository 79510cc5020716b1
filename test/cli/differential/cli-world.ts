/**
 * The real-CLI side of the differential test: a fresh emulator and a stack of a copy of
 * the program. Plans come from `pulumi preview --json` and from the engine events that
 * `up`, `refresh` and `destroy` stream with `--json`; `--show-secrets` (preview and up
 * only) so that a changed secret shows as a change, as the CLI's own display computes it.
 */
import { appendFileSync } from "node:fs";
import { startCliFixture } from "../cli-fixture";
import { urnName, type CliResult, type PreviewStep } from "../../../cli-driver/pulumi-cli";
import { templateIdIn, type EngineWorld } from "./harness-world";
import { IdNamer, inputDiff, normalizeCloud, planEntry, stateEntry } from "./observation";

interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  old?: { inputs?: Record<string, unknown> } | null;
  new?: { inputs?: Record<string, unknown> } | null;
}

/** The engine events of a `--json` command that matter here. */
interface EngineEvent {
  resOutputsEvent?: { metadata: StepMetadata };
  diagnosticEvent?: { message: string; severity: string; urn?: string };
}

/** The ops of one replacement, reported as the harness reports it: one `replace`. */
const REPLACEMENT_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);

const isDynamic = (type: string | undefined): boolean => type?.startsWith("pulumi-nodejs:") ?? false;

/** Plan entries of dynamic resources, one per URN (a replacement's three steps become one). */
function planOf(steps: Array<{ op: string; urn: string; olds?: Record<string, unknown> | null; news?: Record<string, unknown> | null }>): string[] {
  const byUrn = new Map<string, { op: string; diffs: string[] }>();
  for (const s of steps) {
    if (!isDynamic(s.urn.split("::")[2]?.split("$").pop())) continue;
    const op = REPLACEMENT_OPS.has(s.op) ? "replace" : s.op;
    const diffs = op === "same" || !s.olds || !s.news ? [] : inputDiff(s.olds, s.news);
    const seen = byUrn.get(s.urn);
    if (seen?.op === "replace" && op === "replace" && seen.diffs.length >= diffs.length) continue;
    byUrn.set(s.urn, { op, diffs });
  }
  return [...byUrn]
    .filter(([, { op }]) => op !== "same")
    .map(([urn, { op, diffs }]) => planEntry(op, urnName(urn), diffs))
    .sort();
}

function parseEvents(result: CliResult): EngineEvent[] {
  return result.stdout
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as EngineEvent);
}

/** Starts the real-CLI world for `programDir` with `secretConfig` set once. */
export async function startCliWorld(programDir: string, secretConfig: Record<string, string>): Promise<EngineWorld> {
  const fixture = await startCliFixture();
  const stack = await fixture.stack(programDir);
  await stack.setConfig({}, secretConfig);
  const namer = new IdNamer();
  return {
    fixture,
    async step(step) {
      const config = { ...(step.spec ? { spec: JSON.stringify(step.spec) } : {}), ...step.config };
      if (Object.keys(config).length) await stack.setConfig(config);
      namer.learn(fixture.emulator.state());
      await step.outside?.({ client: fixture.client, templateId: (name) => templateIdIn(fixture, name) });
      const flags = { flags: ["--show-secrets"] };
      let result: CliResult;
      let plan: string[];
      let errors: string[];
      if (step.command === "preview") {
        const preview = await stack.previewJson(flags);
        result = preview.result;
        const steps = (preview.preview.steps ?? []) as PreviewStep[];
        // `preview --json` lists a step that failed too; only the diagnostics say it failed.
        const failed = new Set((preview.preview.diagnostics ?? []).filter((d) => d.severity === "error" && d.urn).map((d) => d.urn));
        plan = planOf(steps.filter((s) => !failed.has(s.urn)).map((s) => ({ op: s.op, urn: s.urn, olds: s.oldState?.inputs, news: s.newState?.inputs })));
        // `preview --json` prints each diagnostic's message with its "error: " prefix.
        errors = (preview.preview.diagnostics ?? [])
          .filter((d) => d.severity === "error" && d.urn)
          .map((d) => `${urnName(d.urn!)}: ${namer.text(d.message.trim().replace(/^error: /, ""))}`);
      } else {
        const verb = { up: "up", refresh: "refresh", destroy: "destroy" }[step.command];
        // Only preview and up take --show-secrets.
        const shown = step.command === "up" ? flags.flags : [];
        result = await stack.run([verb, "--yes", "--non-interactive", "--skip-preview", "--json", ...shown]);
        const events = parseEvents(result);
        plan = planOf(
          events
            .map((e) => e.resOutputsEvent?.metadata)
            .filter((m): m is StepMetadata => m !== undefined)
            .map((m) => ({ op: m.op, urn: m.urn, olds: m.old?.inputs, news: m.new?.inputs })),
        );
        errors = events
          .map((e) => e.diagnosticEvent)
          .filter((d): d is NonNullable<EngineEvent["diagnosticEvent"]> => d?.severity === "error" && d.urn !== undefined && d.urn !== "")
          .map((d) => `${urnName(d.urn!)}: ${namer.text(d.message.trim())}`);
      }
      if (process.env.DIFFERENTIAL_LOG) appendFileSync(process.env.DIFFERENTIAL_LOG, `\n==== ${step.title}\n${result.commandLine} → ${result.code}\n${result.stdout}\n${result.stderr}\n`);
      const cloud = normalizeCloud(fixture.emulator.state(), namer);
      const exported = await stack.exportState();
      return {
        plan,
        ok: result.code === 0,
        errors: errors.sort(),
        cloud,
        state: (exported.resources ?? [])
          .filter((r) => isDynamic(r.type))
          .map((r) => stateEntry({ ...r, dependencies: (r as { dependencies?: string[] }).dependencies, pendingDelete: r.delete }, namer))
          .sort(),
        ...(step.command === "preview" ? {} : { outputs: namer.deep(await stack.outputs()) }),
      };
    },
    async close() {
      await fixture.close();
    },
  };
}
