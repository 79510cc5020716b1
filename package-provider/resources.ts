/**
 * The package's two resources: their type tokens, the lifecycle hooks (the very ones the
 * dynamic resources run), and which of their properties are secret or output-only.
 */
import { binding, template } from "../provider";
import { templateDifferences } from "../provider/resources/template-equality";

/** The package name in type tokens and config keys. */
export const PACKAGE = "tencent-css";

/** A resource of the package. */
export interface PackageResource {
  readonly token: string;
  readonly hooks: typeof template | typeof binding;
  /** Always returned as secrets. */
  readonly secretOutputs: readonly string[];
  /** Outputs that are not inputs: left out of the inputs Read returns, and of the detailed diff. */
  readonly outputOnly: readonly string[];
  /** Inputs only read at create time: no diff when they change. */
  readonly createOnly: readonly string[];
  /**
   * The resource's own equality, when it has one: the properties that differ. The
   * detailed diff then shows only those, so it never disagrees with the hook's diff.
   */
  readonly changedProperties?: (olds: Record<string, unknown>, news: Record<string, unknown>) => readonly string[];
}

export const RESOURCES: Readonly<Record<string, PackageResource>> = {
  [`${PACKAGE}:index:CallbackTemplate`]: {
    token: `${PACKAGE}:index:CallbackTemplate`,
    hooks: template,
    secretOutputs: ["callbackKey"],
    outputOnly: ["templateId"],
    createOnly: ["adoptTemplateId"],
    changedProperties: templateDifferences,
  },
  [`${PACKAGE}:index:DomainBinding`]: {
    token: `${PACKAGE}:index:DomainBinding`,
    hooks: binding,
    secretOutputs: [],
    outputOnly: [],
    createOnly: ["adopt"],
  },
};

/** The resource of a URN (`urn:pulumi:stack::project::<type>::name`). */
export function resourceOfUrn(urn: string): PackageResource {
  const parts = urn.split("::");
  const type = (parts[parts.length - 2] ?? "").split("$").pop() ?? "";
  const resource = RESOURCES[type];
  if (!resource) throw new Error(`unknown resource type ${type} (this provider serves ${Object.keys(RESOURCES).join(", ")})`);
  return resource;
}
