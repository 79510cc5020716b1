/**
 * The per-property diff the engine shows in previews and applies `replaceOnChanges` to.
 * It is computed only when the hook's own diff found a change, and names only what the
 * resource's own equality calls changed (`changedProperties`), so values the hook counts
 * as equal (level order, `""` against unset) never show as a change.
 */
import type { PackageResource } from "./resources";

/** Kinds of the protocol's PropertyDiff. */
export type DiffKind = "ADD" | "DELETE" | "UPDATE" | "ADD_REPLACE" | "DELETE_REPLACE" | "UPDATE_REPLACE";

const unset = (value: unknown) => value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/** Changed input properties → kind, comparing the old outputs with the new inputs. */
export function detailedDiff(
  resource: PackageResource,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  replaces: readonly string[],
): Record<string, DiffKind> {
  const names = new Set([...Object.keys(olds), ...Object.keys(news)]);
  const changed = resource.changedProperties?.(olds, news);
  const diff: Record<string, DiffKind> = {};
  for (const name of [...names].sort()) {
    if (resource.outputOnly.includes(name) || resource.createOnly.includes(name)) continue;
    if (changed && !changed.includes(name)) continue;
    const before = olds[name];
    const after = news[name];
    const suffix = replaces.includes(name) ? "_REPLACE" : "";
    if (unset(before) && !unset(after)) diff[name] = `ADD${suffix}` as DiffKind;
    else if (!unset(before) && unset(after)) diff[name] = `DELETE${suffix}` as DiffKind;
    else if (!unset(before) && JSON.stringify(before) !== JSON.stringify(after)) diff[name] = `UPDATE${suffix}` as DiffKind;
  }
  return diff;
}
