/**
 * One real-CLI test's world: the engine-test fixture (an emulator on 127.0.0.1, a signed
 * client for changes made outside the stack, a scratch directory) plus a file backend for
 * the real `pulumi` CLI in that directory, whose projects link to the packed package.
 */
import { basename, join } from "node:path";
import { describe, inject } from "vitest";
import { startStackFixture, type StackFixture } from "../../harness/stack-fixture";
import { CliBackend, REPO_ROOT, copyProgram, findPulumiCli, type CliStack } from "../../cli-driver/pulumi-cli";

/** node_modules holding the installed tarball; null when the suite is skipped. */
export const CLI_MODULES = inject("cliModules");

/** `describe` when the real CLI is available, `describe.skip` (with the reason in the title) otherwise. */
export const describeCli = (title: string, body: () => void): void => {
  if (CLI_MODULES) describe(title, body);
  else describe.skip(`${title} — skipped: ${inject("cliSkipReason")}`, body);
};

export const EXAMPLES = join(REPO_ROOT, "examples");
export const PROGRAMS = join(REPO_ROOT, "test", "engine", "programs");
/** The program most tests run, shared with the harness, the soak and the bench. */
export { CALLBACKS_PROGRAM } from "../../harness/stack-fixture";

/** A started fixture; its `close` also removes the backend, which lives in `dir`. */
export interface CliFixture extends StackFixture {
  readonly backend: CliBackend;
  /** A new stack of `programDir` (a copy of it, linked to the packed package). */
  stack(programDir: string, stack?: string): Promise<CliStack>;
  /**
   * A project copy of `programDir` linked to the packed package, with no stack yet (for
   * the Automation API, which makes its own): its directory.
   */
  project(programDir: string, name?: string): string;
}

/** Starts an emulator, a scratch directory and a file backend in it. */
export async function startCliFixture(): Promise<CliFixture> {
  const f = await startStackFixture();
  const backend = CliBackend.create(findPulumiCli(), { env: f.env, dir: f.dir });
  return {
    ...f,
    backend,
    stack: (programDir, stack = "dev") => backend.stack(programDir, CLI_MODULES!, stack),
    project: (programDir, name = basename(programDir)) => {
      const projectDir = join(backend.dir, "projects", name);
      copyProgram(programDir, projectDir, CLI_MODULES!);
      return projectDir;
    },
  };
}
