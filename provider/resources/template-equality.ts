/**
 * When two CallbackTemplate states are the same template: the one equality of the
 * provider. `diff` asks it whether the program changed the stored outputs, the package
 * provider's detailed diff which properties did, and the ambiguous create whether a
 * template that appeared in the list is the one it asked for (read, through
 * `propertiesFromFields`, turns a described template into the same properties).
 *
 * What counts as equal is what the cloud would hold: `""`, a missing value and `[]` all
 * mean "not set", and the order of recording-exception levels does not matter (Tencent
 * keeps a set). Only the table's properties are compared: `adoptTemplateId` matters only
 * when the resource is created, `templateId` is the id and `__provider` the shim.
 */
import { TEMPLATE_PROPERTY_FIELDS, type TemplateProperty } from "../../live-api";
import { containsUnknown } from "../unknown";

/** Which properties to compare: all of them, or only those Describe returns. */
export interface TemplateComparison {
  /**
   * Leave out the fields Describe never returns (`recordStatusNotifyUrl`): for comparing
   * with a described template, which cannot hold them.
   */
  readonly describedOnly?: boolean;
}

/** One property's value with "not set" spelled one way. */
function comparable(kind: string, value: unknown): unknown {
  if (value === undefined || value === null) return kind === "levels" ? [] : "";
  if (kind === "levels" && Array.isArray(value) && !containsUnknown(value)) return [...value].sort();
  return value;
}

/**
 * The properties in which `after` differs from `before`, in table order. A value not
 * known yet (during preview) always counts as a difference.
 */
export function templateDifferences(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  options: TemplateComparison = {},
): TemplateProperty[] {
  const changed: TemplateProperty[] = [];
  for (const row of TEMPLATE_PROPERTY_FIELDS) {
    if (options.describedOnly && row.describe === "never") continue;
    const was = comparable(row.kind, before[row.property]);
    const is = comparable(row.kind, after[row.property]);
    if (containsUnknown(is) || JSON.stringify(was) !== JSON.stringify(is)) changed.push(row.property);
  }
  return changed;
}

/** True when `a` and `b` are the same template (see {@link templateDifferences}). */
export function sameTemplate(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
  options: TemplateComparison = {},
): boolean {
  return templateDifferences(a, b, options).length === 0;
}
