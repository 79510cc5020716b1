/**
 * The language-host half: loads the Pulumi program in this process with the runtime
 * pointed at the harness's monitor, like `@pulumi/pulumi/cmd/run` does under the CLI.
 */
import type { Deployment } from "./deployment";
import { createMonitor } from "./monitor";
import { programEntry, type ProjectFile } from "./project-file";
import type { PulumiModules } from "./pulumi-modules";

/** Options of {@link runProgram}. */
export interface RunProgramOptions {
  readonly programDir: string;
  readonly project: ProjectFile;
  /** Stack config (namespaced keys, plain values) and which keys are secret. */
  readonly config: Record<string, string>;
  readonly secretKeys: readonly string[];
}

/**
 * Runs the program to completion and waits for every outstanding registration. Returns
 * the errors the program raised (uncaught ones included), as the language host reports them.
 */
export async function runProgram(modules: PulumiModules, deployment: Deployment, options: RunProgramOptions): Promise<unknown[]> {
  const errors: unknown[] = [];
  const collect = (error: unknown) => {
    if (!errors.includes(error)) errors.push(error);
  };
  process.on("uncaughtException", collect);
  process.on("unhandledRejection", collect);
  const { pulumi, settings, stack } = modules;
  const { options: engine } = deployment;
  pulumi.runtime.setAllConfig(options.config, [...options.secretKeys]);
  settings.setMockOptions(createMonitor(modules, deployment), engine.project, engine.stack, deployment.preview, "organization");
  const entry = programEntry(options.programDir, options.project);
  process.chdir(options.programDir);
  try {
    await stack.runInPulumiStack(async () => {
      const exported = require(entry);
      return exported instanceof Function ? await exported() : exported;
    });
  } catch (error) {
    collect(error);
  }
  await settings.waitForRPCs();
  // Rejections of registrations nobody awaited surface a turn later.
  await new Promise((resolveLater) => setTimeout(resolveLater, 20));
  process.off("uncaughtException", collect);
  process.off("unhandledRejection", collect);
  return errors;
}
