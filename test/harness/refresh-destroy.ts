/**
 * `refresh` and `destroy`: the commands that work from the state alone, without running
 * the program.
 */
import { dependencyOrder, type Checkpoint, type ResourceState } from "./checkpoint";
import { type EngineContext, isDynamicType } from "./engine-context";
import { markSecrets, plainMap, propertyDiff } from "./properties";

/**
 * Reads every resource: Read(id, old outputs, old inputs). A resource answered without
 * an id is gone and is dropped; otherwise its outputs (and inputs, when the provider
 * returns them) replace the old ones, keeping secret whatever was secret. Each step
 * reports the drift: the output properties that changed.
 */
export async function refresh(context: EngineContext): Promise<Checkpoint> {
  const { old, save } = context.options;
  let resources: ResourceState[] = [...old.resources];
  const current = (): Checkpoint => ({ ...old, resources });
  for (const r of old.resources) {
    if (!r.custom || r.pendingDelete || !r.id || !isDynamicType(r.type)) continue;
    const step = { urn: r.urn, type: r.type, name: r.name };
    try {
      const provider = await context.provider();
      const result = await provider.read(r.urn, r.id, plainMap(r.outputs), plainMap(r.inputs));
      if (!result.id) {
        resources = resources.filter((x) => x !== r);
        context.recordStep({ ...step, op: "refresh", id: r.id, diffs: [], gone: true });
      } else {
        const outputs = markSecrets(result.outputs, r.outputs, r.additionalSecretOutputs);
        const inputs = result.inputs ? markSecrets(result.inputs, r.inputs) : r.inputs;
        const next: ResourceState = { ...r, id: result.id, inputs, outputs };
        resources = resources.map((x) => (x === r ? next : x));
        context.recordStep({ ...step, op: "refresh", id: result.id, diffs: propertyDiff(r.outputs, outputs) });
      }
      save(current());
    } catch (error) {
      context.fail(error, { ...step, op: "refresh" });
      break;
    }
  }
  return current();
}

/**
 * Deletes every managed resource in reverse dependency order with Delete(id, old
 * outputs); reads and components are simply forgotten. Stops at the first failure,
 * leaving what was not deleted in the state.
 */
export async function destroy(context: EngineContext): Promise<Checkpoint> {
  const { old, save } = context.options;
  let resources: ResourceState[] = [...old.resources];
  const current = (): Checkpoint => ({ ...old, resources, stackOutputs: resources.length ? old.stackOutputs : {} });
  for (const r of dependencyOrder(old.resources).reverse()) {
    if (r.custom && !r.external && isDynamicType(r.type) && r.id) {
      try {
        if (r.protect) throw new Error(`resource ${r.urn} is protected; set protect: false before destroying the stack`);
        const provider = await context.provider();
        await provider.delete(r.urn, r.id, plainMap(r.outputs), plainMap(r.inputs));
        context.recordStep({ op: "delete", urn: r.urn, type: r.type, name: r.name, id: r.id, diffs: [] });
      } catch (error) {
        context.fail(error, { urn: r.urn, name: r.name, type: r.type, op: "delete" });
        break;
      }
    }
    resources = resources.filter((x) => x !== r);
    save(current());
  }
  return current();
}
