/**
 * Dependency order of a stack's resources: the order to create them in (and, reversed,
 * to delete them in), and which resources must be gone before another can be deleted.
 * Linear in resources and edges (up to a log factor): the harness orders whole stacks
 * of 1,000 resources on every checkpoint save.
 */
import type { ResourceState } from "./checkpoint";

/** The URNs a resource must come after: its parent and dependencies, among `present`. */
function prerequisites(r: ResourceState, present: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const add = (urn: string | undefined) => {
    if (urn && urn !== r.urn && present.has(urn)) out.add(urn);
  };
  add(r.parent);
  for (const urn of r.dependencies) add(urn);
  for (const urns of Object.values(r.propertyDependencies)) for (const urn of urns) add(urn);
  return out;
}

/**
 * Orders resources so that every resource comes after its parent and dependencies
 * (stable otherwise: each position takes the earliest resource, in the given order, whose
 * prerequisites are placed). Deleting in the reverse of this order is dependency-safe.
 * O((n + edges) log n): a min-heap of ready positions instead of rescanning the list.
 */
export function dependencyOrder(resources: readonly ResourceState[]): ResourceState[] {
  const present = new Set(resources.map((r) => r.urn));
  const missing = new Int32Array(resources.length);
  const waiting = new Map<string, number[]>();
  const ready = new MinHeap();
  resources.forEach((r, i) => {
    const needs = prerequisites(r, present);
    missing[i] = needs.size;
    for (const urn of needs) {
      const list = waiting.get(urn);
      if (list) list.push(i);
      else waiting.set(urn, [i]);
    }
    if (needs.size === 0) ready.push(i);
  });
  const done = new Uint8Array(resources.length);
  const placed = new Set<string>();
  const ordered: ResourceState[] = [];
  let cursor = 0;
  while (ordered.length < resources.length) {
    let i = ready.pop();
    while (i !== undefined && done[i]) i = ready.pop();
    if (i === undefined) {
      // A cycle cannot come from a program; if a hand-edited file has one, keep the given order.
      while (done[cursor]) cursor++;
      i = cursor;
    }
    done[i] = 1;
    const r = resources[i]!;
    ordered.push(r);
    if (placed.has(r.urn)) continue;
    placed.add(r.urn);
    for (const j of waiting.get(r.urn) ?? []) if (--missing[j] === 0 && !done[j]) ready.push(j);
  }
  return ordered;
}

/**
 * For each resource, the positions of the resources among `resources` that need it
 * (children and dependents): it may be deleted only once they are gone. Everything else
 * is independent, and the engine deletes independent resources in parallel.
 */
export function dependentsOf(resources: readonly ResourceState[]): number[][] {
  const present = new Set(resources.map((r) => r.urn));
  const byUrn = new Map<string, number[]>();
  resources.forEach((r, i) => {
    const list = byUrn.get(r.urn);
    if (list) list.push(i);
    else byUrn.set(r.urn, [i]);
  });
  const dependents: number[][] = resources.map(() => []);
  resources.forEach((r, j) => {
    for (const urn of prerequisites(r, present)) for (const i of byUrn.get(urn)!) if (i !== j) dependents[i]!.push(j);
  });
  return dependents;
}

/** A binary min-heap of integers. */
class MinHeap {
  private readonly items: number[] = [];
  push(value: number): void {
    const items = this.items;
    let at = items.push(value) - 1;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (items[up]! <= value) break;
      items[at] = items[up]!;
      at = up;
    }
    items[at] = value;
  }
  pop(): number | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!items.length || last === undefined) return top;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= items.length) break;
      if (child + 1 < items.length && items[child + 1]! < items[child]!) child++;
      if (items[child]! >= last) break;
      items[at] = items[child]!;
      at = child;
    }
    items[at] = last;
    return top;
  }
}
