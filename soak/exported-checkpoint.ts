/**
 * The real CLI's stack state (`pulumi stack export --show-secrets`) in the shape the
 * soak's invariants read, the harness's {@link Checkpoint}.
 *
 * Secrets: a stored export keeps each secret as `{<sig>: <secret sig>, ciphertext}`, so
 * it can say that a value is a secret but not which value. With `--show-secrets` the CLI
 * decrypts exactly the values it keeps as secrets, into `{<sig>: <secret sig>, plaintext:
 * "<JSON>"}`; those become the harness's secret markers `{<sig>: <secret sig>, value}`,
 * and everything the CLI keeps in plain text stays plain. So a callback key stored
 * without encryption is still a plain string here and the secrecy check names it, and the
 * convergence checks can compare the key with the cloud. (The stored files themselves are
 * searched for plain secrets separately, as raw text.)
 *
 * The stack resource's outputs are the stack outputs; the default provider's inputs (the
 * whole stack config, as the engine keeps it) are the checkpoint's `providerConfig`, as
 * in the harness, and not a managed resource.
 */
import type { Checkpoint, ResourceState } from "../harness";
import { SECRET_SIG, SIG_KEY, type PropertyMap, type PropertyValue } from "../harness/properties";
import type { ExportedDeployment, ExportedResource } from "../cli-driver/pulumi-cli";

const STACK_TYPE = "pulumi:pulumi:Stack";
const PROVIDER_TYPE = /^pulumi:providers:/;

/** A value with every shown secret turned into a secret marker. */
function withSecretMarkers(value: unknown): PropertyValue {
  if (Array.isArray(value)) return value.map(withSecretMarkers);
  if (value === null || typeof value !== "object") return value as PropertyValue;
  const object = value as Record<string, unknown>;
  if (object[SIG_KEY] === SECRET_SIG) {
    // Still encrypted (an export without --show-secrets): a secret whose value is unknown here.
    if (typeof object.plaintext !== "string") return { [SIG_KEY]: SECRET_SIG, ciphertext: String(object.ciphertext ?? "") };
    return { [SIG_KEY]: SECRET_SIG, value: withSecretMarkers(JSON.parse(object.plaintext)) };
  }
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, withSecretMarkers(inner)]));
}

const properties = (bag: Record<string, unknown> | undefined): PropertyMap => withSecretMarkers(bag ?? {}) as PropertyMap;

/** The resource name at the end of a URN. */
const nameOf = (urn: string) => urn.split("::").pop() ?? urn;

function resourceState(r: ExportedResource): ResourceState {
  return {
    urn: r.urn,
    type: r.type,
    name: nameOf(r.urn),
    custom: r.custom ?? false,
    ...(r.id !== undefined && r.id !== "" ? { id: r.id } : {}),
    inputs: properties(r.inputs),
    outputs: properties(r.outputs),
    ...(r.parent ? { parent: r.parent } : {}),
    dependencies: [...(r.dependencies ?? [])],
    propertyDependencies: { ...(r.propertyDependencies ?? {}) },
    ...(r.external ? { external: true } : {}),
    ...(r.protect ? { protect: true } : {}),
    ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
    ...(r.delete ? { pendingDelete: true } : {}),
  };
}

/** The stack's state as a checkpoint, from the `deployment` of `pulumi stack export --show-secrets`. */
export function checkpointFromExport(deployment: ExportedDeployment, project: string, stack: string): Checkpoint {
  const all = deployment.resources ?? [];
  const stackResource = all.find((r) => r.type === STACK_TYPE);
  const defaultProvider = all.find((r) => PROVIDER_TYPE.test(r.type) && nameOf(r.urn) === "default");
  return {
    version: 1,
    project,
    stack,
    stackOutputs: properties(stackResource?.outputs),
    resources: all.filter((r) => r.type !== STACK_TYPE && !PROVIDER_TYPE.test(r.type)).map(resourceState),
    ...(defaultProvider ? { providerConfig: properties(defaultProvider.inputs) } : {}),
  };
}

/**
 * The operations the CLI left pending (`creating`, `updating`, `deleting`, `reading`): it
 * records one before it asks the provider and clears it when the answer comes, so one
 * left over means the CLI stopped without hearing how a step ended. As `<kind> <urn>`.
 */
export function pendingOperationsOf(deployment: ExportedDeployment): string[] {
  return (deployment.pending_operations ?? []).map((op) => {
    const { type, resource } = op as { type?: string; resource?: { urn?: string } };
    return `${type ?? "unknown"} ${resource?.urn ?? "(no urn)"}`;
  });
}
