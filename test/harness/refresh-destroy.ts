/**
 * `refresh` and `destroy`: the commands that work from the state alone, without running
 * the program. Like the engine, both run their steps in parallel: every read at once,
 * and each delete as soon as the resources that need it are gone.
 */
import type { Checkpoint, ResourceState } from "./checkpoint";
import { deleteInDependencyOrder } from "./delete-schedule";
import { type EngineContext, isDynamicType } from "./engine-context";
import { markSecrets, plainMap, propertyDiff } from "./properties";

/**
 * Reads every resource: Read(id, old outputs, old inputs). A resource answered without
 * an id is gone and is dropped; otherwise its outputs (and inputs, when the provider
 * returns them) replace the old ones, keeping secret whatever was secret. Each step
 * reports the drift: the output properties that changed. After a failure, reads already
 * under way finish and are kept.
 */
export async function refresh(context: EngineContext): Promise<Checkpoint> {
  const { old } = context.options;
  // Position → new state (undefined: dropped); the checkpoint keeps the old order.
  const states: Array<ResourceState | undefined> = [...old.resources];
  const current = (): Checkpoint => ({ ...old, resources: states.filter((r): r is ResourceState => r !== undefined) });
  await Promise.all(
    old.resources.map(async (r, at) => {
      if (!r.custom || r.pendingDelete || !r.id || !isDynamicType(r.type)) return;
      const step = { urn: r.urn, type: r.type, name: r.name };
      try {
        const provider = await context.provider();
        if (context.halted) return;
        const result = await provider.read(r.urn, r.id, plainMap(r.outputs), plainMap(r.inputs));
        if (!result.id) {
          states[at] = undefined;
          context.recordStep({ ...step, op: "refresh", id: r.id, diffs: [], gone: true });
        } else {
          const outputs = markSecrets(result.outputs, r.outputs, r.additionalSecretOutputs);
          const inputs = result.inputs ? markSecrets(result.inputs, r.inputs) : r.inputs;
          states[at] = { ...r, id: result.id, inputs, outputs };
          context.recordStep({ ...step, op: "refresh", id: result.id, diffs: propertyDiff(r.outputs, outputs) });
        }
        context.stateChanged(current);
      } catch (error) {
        context.fail(error, { ...step, op: "refresh" });
      }
    }),
  );
  return current();
}

/**
 * Deletes every managed resource with Delete(id, old outputs), each once everything that
 * needs it is gone; reads and components are simply forgotten at that point. After a
 * failure nothing new starts, and what was not deleted stays in the state.
 */
export async function destroy(context: EngineContext): Promise<Checkpoint> {
  const { old } = context.options;
  const remaining = new Set<ResourceState>(old.resources);
  const current = (): Checkpoint => {
    const resources = old.resources.filter((r) => remaining.has(r));
    return { ...old, resources, stackOutputs: resources.length ? old.stackOutputs : {} };
  };
  await deleteInDependencyOrder(
    old.resources,
    async (r) => {
      if (r.custom && !r.external && isDynamicType(r.type) && r.id) {
        try {
          if (r.protect) throw new Error(`resource ${r.urn} is protected; set protect: false before destroying the stack`);
          const provider = await context.provider();
          await provider.delete(r.urn, r.id, plainMap(r.outputs), plainMap(r.inputs));
          context.recordStep({ op: "delete", urn: r.urn, type: r.type, name: r.name, id: r.id, diffs: [] });
        } catch (error) {
          context.fail(error, { urn: r.urn, name: r.name, type: r.type, op: "delete" });
          return false;
        }
      }
      remaining.delete(r);
      context.stateChanged(current);
      return true;
    },
    () => context.halted,
  );
  return current();
}
