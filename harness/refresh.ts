/**
 * `refresh`: the engine's `RefreshStep` for every resource of the state, the program not
 * run, the provider configured from the config stored with the state. Reads run in
 * parallel (at most `--parallel` at once) and a failed one stops nothing: the engine runs
 * refresh steps with errors ignored and fails the command at the end.
 */
import type { Checkpoint, ResourceState } from "./checkpoint";
import { type EngineContext, isDynamicType } from "./engine-context";
import { canonical, markSecrets, plainMap, propertyDiff, type PropertyMap, type PropertyValue } from "./properties";

/**
 * Reads every custom resource, pending deletes and `.get` reads included:
 * Read(id, old outputs, old inputs). A resource answered without an id is gone and is
 * dropped. Otherwise its outputs (and inputs, when the provider returns them) replace the
 * old ones, keeping secret whatever was secret, and the provider's Diff of the new state
 * against the old inputs says whether the engine counts it as changed (`drifted`); a read
 * resource is compared by its outputs instead. Each step's `diffs` are the input
 * properties that changed, as the CLI shows them.
 */
export async function refresh(context: EngineContext): Promise<Checkpoint> {
  const { old } = context.options;
  // Position → new state (undefined: dropped); the checkpoint keeps the old order.
  const states: Array<ResourceState | undefined> = [...old.resources];
  const current = (): Checkpoint => ({ ...old, resources: withoutDanglingDependencies(states.filter((r): r is ResourceState => r !== undefined)) });
  await Promise.all(
    old.resources.map((r, at) => {
      if (!r.custom || !r.id || !isDynamicType(r.type)) return undefined;
      return context.executor.run(async () => {
        const step = { urn: r.urn, type: r.type, name: r.name, op: "refresh" as const };
        try {
          const provider = await context.provider("stored");
          const result = await provider.read(r.urn, r.id!, plainMap(r.outputs), plainMap(r.inputs));
          if (!result.id || !result.outputs) {
            states[at] = undefined;
            context.recordStep({ ...step, id: r.id, diffs: [], gone: true });
          } else {
            const outputs = markSecrets(result.outputs, r.outputs, r.additionalSecretOutputs);
            const inputs = result.inputs ? markSecrets(result.inputs, r.inputs) : r.inputs;
            const drifted = r.external ? !same(r.outputs, outputs) : await changedSince(context, r, result.id, inputs, outputs);
            states[at] = { ...r, id: result.id, inputs, outputs };
            context.recordStep({ ...step, id: result.id, diffs: propertyDiff(r.inputs, inputs), drifted, outputDiffs: propertyDiff(r.outputs, outputs) });
          }
          context.stateChanged(current);
        } catch (error) {
          context.fail(error, step, false);
        }
      });
    }),
  );
  return current();
}

/**
 * The engine's refresh diff: the Diff an `up` of an unchanged program would make right
 * after the refresh, i.e. Diff(id, olds = refreshed outputs, news = the old inputs,
 * oldInputs = refreshed inputs). A provider that answers "unknown" leaves the engine to
 * compare the two input bags, `__provider` included.
 */
async function changedSince(context: EngineContext, r: ResourceState, id: string, inputs: PropertyMap, outputs: PropertyMap): Promise<boolean> {
  const provider = await context.provider("stored");
  const diff = await provider.diff(r.urn, id, plainMap(outputs), plainMap(r.inputs), plainMap(inputs));
  if (diff.changes !== "unknown") return diff.changes === "some";
  return propertyDiff(inputs, r.inputs, { includeProvider: true }).length > 0;
}

function same(a: PropertyMap, b: PropertyMap): boolean {
  return canonical(a as PropertyValue) === canonical(b as PropertyValue);
}

/**
 * Like the engine's `rebuildBaseState` after a refresh: dependencies on resources no
 * longer in the state (or not before the dependent) are dropped, so the state never
 * names a resource that is gone.
 */
function withoutDanglingDependencies(resources: ResourceState[]): ResourceState[] {
  const referenceable = new Set<string>();
  return resources.map((r) => {
    const dangling = [...r.dependencies, ...Object.values(r.propertyDependencies).flat()].some((urn) => !referenceable.has(urn));
    referenceable.add(r.urn);
    if (!dangling) return r;
    const propertyDependencies: Record<string, string[]> = {};
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
      const kept = urns.filter((urn) => referenceable.has(urn));
      if (kept.length) propertyDependencies[key] = kept;
    }
    return { ...r, dependencies: r.dependencies.filter((urn) => referenceable.has(urn)), propertyDependencies };
  });
}
