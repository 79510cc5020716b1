/**
 * The language-host half: loads the Pulumi program in this process with the runtime
 * pointed at the harness's monitor, like `@pulumi/pulumi/cmd/run` does under the CLI.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Deployment } from "./deployment";
import { createMonitor } from "./monitor";
import type { PulumiModules } from "./pulumi-modules";

/** The `name:` and `main:` of a program's Pulumi.yaml. */
export interface ProjectFile {
  readonly name: string;
  readonly main?: string;
}

/** Reads the two fields the harness needs from `Pulumi.yaml` (flat YAML only). */
export function readProjectFile(programDir: string): ProjectFile {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => join(programDir, f)).find((f) => existsSync(f));
  if (!file) throw new Error(`${programDir} has no Pulumi.yaml`);
  const text = readFileSync(file, "utf8");
  const field = (key: string) => {
    const match = new RegExp(`^${key}:\\s*(.+?)\\s*$`, "m").exec(text);
    return match ? match[1]!.replace(/^["']|["']$/g, "") : undefined;
  };
  const name = field("name");
  if (!name) throw new Error(`${file} has no name`);
  return { name, main: field("main") };
}

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
  const entry = resolve(options.programDir, options.project.main ?? ".");
  process.chdir(options.programDir);
  try {
    await stack.runInPulumiStack(async () => {
      // A directory is required with a trailing slash so a sibling .json cannot win.
      const exported = require(existsSync(entry) && !entry.endsWith(".ts") && !entry.endsWith(".js") ? `${entry}/` : entry);
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
