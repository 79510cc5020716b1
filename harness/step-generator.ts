/**
 * The engine's step generator for one registration: Check, then (for an existing
 * resource) Diff, and the decision between create, same, update and replace. The
 * deployment runs it one registration at a time, as the engine does.
 */
import type { ResourceState } from "./checkpoint";
import { type EngineContext, HaltedError, type StepOp } from "./engine-context";
import { checkFailureMessage } from "./engine-messages";
import { annotateSecrets, plainMap, propertyDiff, type PropertyMap } from "./properties";
import type { DiffResult } from "./provider-host";
import { withIgnoredChanges } from "./resource-options";

/** What the generator needs of a registration. */
export interface PlannedRegistration {
  readonly type: string;
  readonly name: string;
  /** The inputs, with secret markers, `__provider` included. */
  readonly object: PropertyMap;
  readonly ignoreChanges: string[];
  readonly replaceOnChanges: string[];
}

/** What the step generator decided for one registration. */
export interface StepPlan {
  readonly op: StepOp;
  /** The checked inputs, secrets marked. */
  readonly inputs: PropertyMap;
  /** The provider's Diff, for an existing resource. */
  readonly diff?: DiffResult;
}

/** Check answered failures: the registration is invalid, and the deployment stops. Each is reported on its own. */
export class CheckFailedError extends Error {
  constructor(readonly failures: string[]) {
    super(failures.join("\n"));
  }
}

/**
 * Plans one registration. `replaceOnChanges` only counts when the provider answered
 * "unknown": the engine applies it to the changed keys of a diff, and the dynamic-provider
 * host never sends any, so after an answer of "some" it has no effect.
 */
export async function planStep(context: EngineContext, urn: string, reg: PlannedRegistration, old: ResourceState | undefined): Promise<StepPlan> {
  if (context.halted) throw new HaltedError();
  const provider = await context.provider();
  const news = old && reg.ignoreChanges.length ? withIgnoredChanges(reg.object, old.inputs, reg.ignoreChanges) : reg.object;
  const checked = await provider.check(urn, old ? plainMap(old.inputs) : {}, plainMap(news));
  if (checked.failures.length) {
    throw new CheckFailedError(checked.failures.map((f) => checkFailureMessage(reg.type, reg.name, f, news[f.property])));
  }
  const inputs = annotateSecrets(checked.inputs, news) as PropertyMap;
  if (!old) return { op: "create", inputs };
  const diff = await provider.diff(urn, old.id ?? "", plainMap(old.outputs), plainMap(inputs), plainMap(old.inputs));
  const engineDiff = diff.changes === "unknown" ? propertyDiff(old.inputs, inputs, { includeProvider: true }).map((d) => d.slice(1)) : [];
  const changed = diff.changes === "some" || engineDiff.length > 0;
  if (!changed) return { op: "same", inputs, diff };
  const replaces = [...diff.replaces, ...reg.replaceOnChanges.filter((key) => engineDiff.includes(key))];
  return { op: replaces.length ? "replace" : "update", inputs, diff };
}

/**
 * What the engine does for `import`: Read(id) with no properties. The dynamic host cannot
 * rebuild a provider without `__provider`, so this always fails (pulumi#3550); the
 * message is the failure's.
 */
export async function importFailure(context: EngineContext, urn: string, importId: string): Promise<string> {
  try {
    await (await context.provider()).read(urn, importId, {}, {});
    return `importing ${importId} succeeded unexpectedly`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
