/**
 * Which stack manages which binding and template, from `pulumi stack export` files given
 * with `--state`: so a finding can say whose rule it is.
 */
import { readFileSync } from "node:fs";
import type { KnownStacks } from "./plan-check";
import { PreviewFileError, urnName, urnStack } from "./preview-file";

interface ExportedResource {
  urn?: string;
  type?: string;
  id?: string;
  outputs?: Record<string, unknown>;
}

/** Reads export files (the whole `pulumi stack export` output, or its `deployment`). */
export function readKnownStacks(files: readonly string[]): KnownStacks {
  const bindings = new Map<string, string>();
  const templates = new Map<number, string>();
  for (const file of files) {
    let json: { deployment?: { resources?: ExportedResource[] }; resources?: ExportedResource[] };
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new PreviewFileError(`--state ${file}: not a readable \`pulumi stack export\` file (${(error as Error).message.split("\n")[0]})`);
    }
    const resources = json.deployment?.resources ?? json.resources;
    if (!Array.isArray(resources)) throw new PreviewFileError(`--state ${file}: no deployment.resources: not a \`pulumi stack export\` file`);
    for (const r of resources) {
      if (!r.urn || !r.type) continue;
      const owner = `${urnStack(r.urn)} (${urnName(r.urn)})`;
      if (/tencent-css:(index:)?DomainBinding$/.test(r.type) && r.id) bindings.set(r.id, owner);
      const templateId = r.outputs?.templateId;
      if (/tencent-css:(index:)?CallbackTemplate$/.test(r.type) && typeof templateId === "number") templates.set(templateId, owner);
    }
  }
  return { bindings, templates };
}
