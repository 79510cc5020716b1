/**
 * One resource's delete, as the engine's `DeleteStep.Apply` does it: a protected
 * resource is refused (and the engine goes on with other deletes), a resource read with
 * `.get` is only discarded, `retainOnDelete` leaves the cloud object alone, and anything
 * else custom is deleted through the provider (never during a preview).
 */
import type { ResourceState } from "./checkpoint";
import { type EngineContext, isDynamicType } from "./engine-context";
import { deleteProtectedMessage, previewFailed } from "./engine-messages";
import { plainMap } from "./properties";

/** How a delete is applied. */
export interface DeleteOptions {
  /** The old half of a replacement: not shown as its own step, and `protect` was checked already. */
  readonly replacing?: boolean;
  /** Which config configures the provider if nothing configured it yet (see {@link EngineContext.provider}). */
  readonly providerConfig: "current" | "stored";
}

/** Deletes `r`; true when it is gone from the stack, false when it failed (the error is recorded). */
export async function applyDelete(context: EngineContext, r: ResourceState, options: DeleteOptions): Promise<boolean> {
  const about = { urn: r.urn, name: r.name, type: r.type, op: "delete" as const };
  if (r.protect && !options.replacing) {
    // The engine continues past these, to report every protected resource in one run.
    const refused = new Error(deleteProtectedMessage(r.urn));
    context.fail(context.preview ? previewFailed(refused) : refused, about, false);
    return false;
  }
  if (!context.preview && r.custom && !r.external && !r.retainOnDelete && isDynamicType(r.type) && r.id) {
    try {
      const provider = await context.provider(options.providerConfig);
      await provider.delete(r.urn, r.id, plainMap(r.outputs), plainMap(r.inputs));
    } catch (error) {
      context.fail(error, about);
      return false;
    }
  }
  if (r.custom && isDynamicType(r.type) && !options.replacing) {
    context.recordStep({ op: r.external ? "discard" : "delete", urn: r.urn, type: r.type, name: r.name, id: r.id, diffs: [] });
  }
  return true;
}
