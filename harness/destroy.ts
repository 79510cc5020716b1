/**
 * `destroy`: every resource of the state deleted in the engine's waves (see
 * delete-schedule.ts), the program not run, the provider configured from the config
 * stored with the state. After a failure nothing new starts, and what was not deleted
 * stays in the state.
 */
import type { Checkpoint, ResourceState } from "./checkpoint";
import { deleteInWaves } from "./delete-schedule";
import { applyDelete } from "./delete-step";
import type { EngineContext } from "./engine-context";

/** Deletes (or, for `.get` reads and components, forgets) every resource of the state. */
export async function destroy(context: EngineContext): Promise<Checkpoint> {
  const { old } = context.options;
  const remaining = new Set<ResourceState>(old.resources);
  const current = (): Checkpoint => {
    const resources = old.resources.filter((r) => remaining.has(r));
    return { ...old, resources, stackOutputs: resources.length ? old.stackOutputs : {} };
  };
  await deleteInWaves(
    old.resources,
    async (r) => {
      if (!(await applyDelete(context, r, { providerConfig: "stored" }))) return false;
      remaining.delete(r);
      context.stateChanged(current);
      return true;
    },
    { halted: () => context.halted, slots: context.executor },
  );
  return current();
}
