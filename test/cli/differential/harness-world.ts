/**
 * The harness side of the differential test: a fresh emulator, a checkpoint, and the
 * stack's config kept between steps as a CLI stack keeps it.
 */
import { readCheckpoint, runPulumi } from "../../../harness";
import { startStackFixture, type StackFixture } from "../../../harness/stack-fixture";
import { IdNamer, normalizeCloud, planEntry, stateEntry, type ScenarioStep, type StepObservation } from "./observation";
import type { StepRecord } from "../../../harness";

/** An engine the scenario runs on. */
export interface EngineWorld {
  readonly fixture: StackFixture;
  /** Runs one step and observes it. */
  step(step: ScenarioStep): Promise<StepObservation>;
  close(): Promise<void>;
}

/** The engine's op for a refresh step (`RefreshStep.ResultOp`). */
function harnessOp(step: StepRecord): string {
  if (step.op !== "refresh") return step.op;
  return step.gone ? "delete" : step.drifted ? "update" : "same";
}

/** Starts the harness world for `programDir` with `secretConfig` set once. */
export async function startHarnessWorld(programDir: string, secretConfig: Record<string, string>): Promise<EngineWorld> {
  const fixture = await startStackFixture();
  const namer = new IdNamer();
  const config: Record<string, string> = {};
  return {
    fixture,
    async step(step) {
      if (step.spec) config.spec = JSON.stringify(step.spec);
      Object.assign(config, step.config);
      namer.learn(fixture.emulator.state());
      await step.outside?.({ client: fixture.client, templateId: (name) => templateIdIn(fixture, name) });
      const run = await runPulumi(step.command, { programDir, stateFile: fixture.stateFile, config, secretConfig, env: fixture.env });
      const cloud = normalizeCloud(fixture.emulator.state(), namer);
      const steps = run.result.steps.filter((s) => s.type.startsWith("pulumi-nodejs:"));
      const checkpoint = readCheckpoint(fixture.stateFile);
      return {
        plan: steps
          .map((s) => ({ op: harnessOp(s), step: s }))
          .filter(({ op }) => op !== "same")
          .map(({ op, step: s }) => planEntry(op, s.name, s.diffs))
          .sort(),
        ok: run.result.ok,
        errors: run.result.errors.map((e) => `${e.name ?? ""}: ${namer.text(e.message.trim())}`).sort(),
        cloud,
        state: (checkpoint?.resources ?? [])
          .filter((r) => r.type.startsWith("pulumi-nodejs:"))
          .map((r) => stateEntry(r, namer))
          .sort(),
        ...(step.command === "preview" ? {} : { outputs: namer.deep(run.result.stackOutputs) }),
      };
    },
    close: () => fixture.close(),
  };
}

/** The id of the template named `templateName` in the fixture's emulator. */
export function templateIdIn(fixture: StackFixture, templateName: string): number {
  const template = fixture.emulator.state().templates.find((t) => t.TemplateName === templateName);
  if (!template) throw new Error(`no template named ${templateName} in the emulator`);
  return template.TemplateId;
}
