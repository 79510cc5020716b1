/**
 * The engine's schedule for deletions: each resource is deleted as soon as every
 * resource that needs it (its children and dependents) is gone, and independent
 * resources are deleted in parallel, with no parallelism limit (like `--parallel` unset).
 * After a failure nothing new starts; deletions under way finish.
 */
import type { ResourceState } from "./checkpoint";
import { dependencyOrder, dependentsOf } from "./dependency-order";

/**
 * Runs `step` on every resource of `resources` in dependency-safe order. `step` answers
 * true when the resource is gone; a resource whose dependent failed (false or a
 * rejection) or was never started is left alone. Resolves when nothing is running.
 */
export function deleteInDependencyOrder(
  resources: readonly ResourceState[],
  step: (resource: ResourceState) => Promise<boolean>,
  halted: () => boolean,
): Promise<void> {
  // Reverse dependency order, so resources ready at the same time start in a stable order.
  const order = dependencyOrder(resources).reverse();
  const blocking = new Int32Array(order.length);
  const unblocks: number[][] = order.map(() => []);
  dependentsOf(order).forEach((dependents, i) => {
    blocking[i] = dependents.length;
    for (const j of dependents) unblocks[j]!.push(i);
  });
  return new Promise((resolve) => {
    let running = 0;
    const start = (i: number) => {
      if (halted()) return;
      running++;
      step(order[i]!)
        .then(
          (gone) => {
            if (gone) for (const k of unblocks[i]!) if (--blocking[k] === 0) start(k);
          },
          () => undefined,
        )
        .finally(() => {
          if (--running === 0) resolve();
        });
    };
    for (let i = 0; i < order.length; i++) if (blocking[i] === 0) start(i);
    if (running === 0) resolve();
  });
}
