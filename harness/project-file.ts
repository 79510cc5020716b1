/**
 * A Pulumi project's directory: its name and the file that runs it. Only `node:` imports,
 * so scripts that time the program alone (scripts/program-alone.js) can use it too.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

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

/**
 * What `require` loads to run the program: `main:` of Pulumi.yaml (default the program's
 * directory). A directory gets a trailing slash so a sibling `.json` cannot win.
 */
export function programEntry(programDir: string, project: ProjectFile): string {
  const entry = resolve(programDir, project.main ?? ".");
  return existsSync(entry) && !entry.endsWith(".ts") && !entry.endsWith(".js") ? `${entry}/` : entry;
}
