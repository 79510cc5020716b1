/**
 * `Resource.get` and StackReference: the engine's ReadStep. A StackReference is answered
 * from another stack's checkpoint (`--stack-ref`); a dynamic resource is read through the
 * provider after the registrations that came before it were planned, in an executor slot.
 */
import { type EngineContext, HaltedError, isDynamicType } from "./engine-context";
import { defaultProviderDeniedMessage } from "./engine-messages";
import { UNKNOWN, containsSecret, markSecrets, plainMap, type PropertyMap } from "./properties";
import { defaultProviderDisabled } from "./resource-options";

/** A ReadResource request, decoded. */
export interface ReadRegistration {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly id: string;
  readonly object: PropertyMap;
  readonly dependencies: string[];
  readonly additionalSecretOutputs: string[];
  /** An explicit provider reference (`urn::id`), if any. */
  readonly provider?: string;
}

/** An error the engine raises while taking a request, before any step: it fails the program, not a resource. */
export class NotAStep extends Error {}

const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/**
 * Reads `read`; undefined when its id is not known yet (a preview), so nothing can be
 * read. The engine's ReadStep fails only when the answer has no properties at all; the
 * dynamic-provider host always sends some (at least `__provider`), so reading an id that
 * does not exist "succeeds" unless the provider throws: the id stays the one asked for,
 * and the program gets whatever the provider answered.
 */
export async function readStep(context: EngineContext, read: ReadRegistration, urn: string): Promise<{ id: string; outputs: PropertyMap } | undefined> {
  if (read.type === STACK_REFERENCE_TYPE) return { id: read.id, outputs: stackReferenceOutputs(context, read.id) };
  if (!isDynamicType(read.type)) throw new Error(`${read.type} is not a dynamic resource; the test harness only reads Node dynamic providers`);
  if (!read.provider && defaultProviderDisabled(context.options.config)) {
    throw new NotAStep(defaultProviderDeniedMessage(read.type, read.type));
  }
  if (!read.id || read.id === UNKNOWN) return undefined;
  // The step generator takes events in the order they came: the read waits for the Check
  // and Diff of the registrations that came before it.
  await context.generator.run(async () => {
    if (context.halted) throw new HaltedError();
  });
  const result = await context.executor.run(async () => {
    if (context.halted) throw new HaltedError();
    return (await context.provider()).read(urn, read.id, plainMap(read.object), {});
  });
  if (!result.outputs) throw new Error(`resource '${read.id}' does not exist`);
  return { id: result.id || read.id, outputs: markSecrets(result.outputs, read.object, read.additionalSecretOutputs) };
}

function stackReferenceOutputs(context: EngineContext, name: string): PropertyMap {
  const other = context.options.stackRefs.get(name);
  if (!other) throw new Error(`unknown stack "${name}": pass its checkpoint with --stack-ref ${name}=<file>`);
  const secretOutputNames = Object.keys(other.stackOutputs).filter((key) => containsSecret(other.stackOutputs[key]));
  return { name, outputs: other.stackOutputs, secretOutputNames };
}
