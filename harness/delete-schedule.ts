/**
 * The engine's schedule for deletions (`ScheduleDeletes` and `performPostSteps` in
 * pkg/resource/deploy): the doomed resources are split into waves, each wave runs to
 * completion before the next begins, and a resource's wave comes before the waves of
 * everything it needs (its parent and dependencies among the doomed). A resource that
 * needs nothing doomed is in the last wave, whatever needs it, so an independent
 * resource waits for the deepest chain of dependents to go first.
 */
import type { ResourceState } from "./checkpoint";
import { dependencyOrder, dependentsOf } from "./dependency-order";
import type { Slots } from "./parallelism";

/** How {@link deleteInWaves} runs. */
export interface DeleteScheduleOptions {
  /** Once true, nothing new starts; deletes under way finish. */
  readonly halted: () => boolean;
  /** The step executor's slots: at most its limit of deletes at once. */
  readonly slots: Slots;
}

/**
 * The waves of `resources`, in the order to delete them: lists of positions in
 * `dependencyOrder(resources)`, which is also returned.
 */
export function deletionWaves(resources: readonly ResourceState[]): { order: ResourceState[]; waves: number[][] } {
  const order = dependencyOrder(resources);
  const needs: number[][] = order.map(() => []);
  dependentsOf(order).forEach((dependents, i) => {
    for (const j of dependents) needs[j]!.push(i);
  });
  // Depth above the resources that need nothing doomed; dependency order puts needs first.
  const depth = new Int32Array(order.length);
  let deepest = 0;
  for (let i = 0; i < order.length; i++) {
    for (const k of needs[i]!) depth[i] = Math.max(depth[i]!, depth[k]! + 1);
    deepest = Math.max(deepest, depth[i]!);
  }
  const waves: number[][] = Array.from({ length: order.length ? deepest + 1 : 0 }, () => []);
  for (let i = 0; i < order.length; i++) waves[deepest - depth[i]!]!.push(i);
  return { order, waves };
}

/**
 * Runs `step` on every resource of `resources`, wave by wave. `step` answers true when
 * the resource is gone; when it answers false (or rejects), everything the resource
 * needs, directly or not, is left alone, as the engine skips the dependencies of a failed
 * delete. Resolves when the last wave is done or the command halted.
 */
export async function deleteInWaves(
  resources: readonly ResourceState[],
  step: (resource: ResourceState) => Promise<boolean>,
  options: DeleteScheduleOptions,
): Promise<void> {
  const { order, waves } = deletionWaves(resources);
  const needs: number[][] = order.map(() => []);
  dependentsOf(order).forEach((dependents, i) => {
    for (const j of dependents) needs[j]!.push(i);
  });
  const kept = new Uint8Array(order.length);
  const keepNeeds = (i: number) => {
    for (const k of needs[i]!) {
      if (kept[k]) continue;
      kept[k] = 1;
      keepNeeds(k);
    }
  };
  for (const wave of waves) {
    if (options.halted()) return;
    await Promise.all(
      wave
        .filter((i) => !kept[i])
        .map((i) =>
          options.slots.run(async () => {
            if (options.halted()) return;
            const gone = await step(order[i]!).catch(() => false);
            if (!gone) keepNeeds(i);
          }),
        ),
    );
  }
}
