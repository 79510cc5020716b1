/**
 * The repaired export: what `pulumi stack import --file` takes to settle the pending
 * creates, as Pulumi documents for them ("export, edit, import the stack").
 *
 * `pulumi refresh --import-pending-creates <urn> <id>` would be the engine's own way, but
 * Pulumi 3.274 turns the operation into a pending import that the refresh then drops: the
 * resource never reaches the stack, and the next `pulumi up` creates it again (a second
 * template; a binding create that meets its own rule). So the import is done here: the
 * pending operation's resource, with the id found and outputs equal to its inputs
 * (plus `templateId` for a template), moves into `resources`. Its secrets move as they
 * are (ciphertext stays ciphertext); `pulumi refresh` then reads the cloud's values.
 *
 * Cleared creates are dropped, and so are interrupted updates, deletes and reads: `pulumi
 * stack import` drops every pending operation anyway (warning "removing pending operation
 * … from snapshot"), as `pulumi refresh` would, and the refresh that follows reads the
 * cloud's values for them. Only another provider's pending creates stay, so that the
 * import's warning names exactly those.
 */
import type { Assessment } from "./assess";
import { kindOf, type ExportedResource, type StackExport } from "./stack-export";

/** The repaired `pulumi stack export` document, and what changed. */
export interface Repair {
  readonly document: Record<string, unknown>;
  readonly imported: readonly string[];
  readonly cleared: readonly string[];
}

/**
 * Applies the verdicts, in the order of the pending operations (`assessments[i]` judges
 * `exported.pending[i]`).
 */
export function repairExport(exported: StackExport, assessments: readonly Assessment[]): Repair {
  if (assessments.length !== exported.pending.length) throw new Error("one assessment per pending operation is needed");
  const resources: ExportedResource[] = exported.resources.map((r) => ({ ...r }));
  const pending: unknown[] = [];
  const imported: string[] = [];
  const cleared: string[] = [];
  exported.pending.forEach((op, i) => {
    const verdict = assessments[i]!.verdict;
    if (verdict.action === "clear") {
      cleared.push(op.resource.urn);
      return;
    }
    if (verdict.action === "leave") pending.push(op);
    if (verdict.action !== "import") return;
    const inputs = op.resource.inputs ?? {};
    const outputs: Record<string, unknown> = { ...inputs };
    if (kindOf(op.resource.type) === "template") outputs.templateId = Number(verdict.id);
    const resource: ExportedResource = { ...op.resource, id: verdict.id, inputs, outputs };
    // A replacement's old half stays until its delete, as the engine leaves it after create-replacement.
    const old = verdict.replaces ? resources.findIndex((r) => r.urn === op.resource.urn && !r.delete) : -1;
    if (old >= 0) {
      resources[old] = { ...resources[old]!, delete: true };
      resources.splice(old + 1, 0, resource);
    } else {
      // Nothing in the stack can depend on a resource whose create never finished: the end is a valid place.
      resources.push(resource);
    }
    imported.push(op.resource.urn);
  });
  const deployment = { ...exported.deployment, resources, pending_operations: pending };
  return { document: { ...exported.document, deployment }, imported, cleared };
}
