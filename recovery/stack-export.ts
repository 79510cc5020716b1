/**
 * Reads `pulumi stack export`: the resources a stack holds and the operations a killed or
 * crashed `pulumi` left pending (`deployment.pending_operations`). Checked leniently with
 * zod: the CLI adds fields between releases, and everything not read here is kept as it
 * is, so a repaired export (repair.ts) loses nothing.
 *
 * Secrets stay as the export has them: `{"4dabf…": "1b47…", "ciphertext": …}` from a plain
 * export, `{…, "plaintext": "<JSON>"}` from `--show-secrets`. This module only tells the
 * two apart and reads a plaintext one for comparison; nothing here prints a value.
 */
import { z } from "zod";

/** Pulumi's marker of a secret value in state: this key with this value. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const TEMPLATE_TYPE = /(^|[:/])tencent-css:(index:)?CallbackTemplate$/;
const BINDING_TYPE = /(^|[:/])tencent-css:(index:)?DomainBinding$/;

const Resource = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().optional(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
  delete: z.boolean().optional(),
  external: z.boolean().optional(),
});

const Operation = z.looseObject({ type: z.string(), resource: Resource });

const Deployment = z.looseObject({
  resources: z.array(Resource).nullish(),
  pending_operations: z.array(Operation).nullish(),
});

/** A resource as `pulumi stack export` writes it (fields not named here are kept). */
export type ExportedResource = z.infer<typeof Resource>;
/** A pending operation: what the engine was doing (`creating`, `updating`, `deleting`, …) to which resource. */
export type PendingOperation = z.infer<typeof Operation>;

/** The kinds of this package's resources, dynamic (`pulumi-nodejs:dynamic/tencent-css:…`) and package (`tencent-css:index:…`) forms alike. */
export type ResourceKind = "template" | "binding";

/** A parsed export. */
export interface StackExport {
  /** The whole file as read (`{version, deployment}`), for writing a repaired copy. */
  readonly document: Record<string, unknown>;
  /** Its `deployment`. */
  readonly deployment: Record<string, unknown>;
  readonly resources: readonly ExportedResource[];
  readonly pending: readonly PendingOperation[];
  /** `<project>/<stack>` from the URNs, when there is a resource to read it from. */
  readonly stackName?: string;
}

/** Raised for a file that is not a stack export: the command exits 2 with its message. */
export class StackExportError extends Error {
  override readonly name = "StackExportError";
}

/** Parses the text of `pulumi stack export` (the whole document, or its `deployment` alone). */
export function parseStackExport(text: string, where = "the export"): StackExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StackExportError(`${where} is not JSON (${(error as Error).message.split("\n")[0]}): give the output of \`pulumi stack export\``);
  }
  if (!json || typeof json !== "object") throw new StackExportError(`${where} is not a \`pulumi stack export\` document`);
  const document = json as Record<string, unknown>;
  const wrapped = typeof document.deployment === "object" && document.deployment !== null;
  const deploymentValue = wrapped ? document.deployment : document;
  const parsed = Deployment.safeParse(deploymentValue);
  if (!parsed.success || (!wrapped && !("resources" in document))) {
    throw new StackExportError(`${where} has no deployment.resources: not a \`pulumi stack export\` document`);
  }
  const resources = parsed.data.resources ?? [];
  const pending = parsed.data.pending_operations ?? [];
  const anyUrn = resources[0]?.urn ?? pending[0]?.resource.urn;
  return {
    document: wrapped ? document : { version: 3, deployment: document },
    deployment: deploymentValue as Record<string, unknown>,
    resources,
    pending,
    stackName: anyUrn ? stackOfUrn(anyUrn) : undefined,
  };
}

/** Which of this package's resources a type token is, if any. */
export function kindOf(type: string): ResourceKind | undefined {
  if (TEMPLATE_TYPE.test(type)) return "template";
  if (BINDING_TYPE.test(type)) return "binding";
  return undefined;
}

/** The resource name at the end of a URN. */
export function nameOfUrn(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** `<project>/<stack>` of a URN (`urn:pulumi:<stack>::<project>::…`). */
export function stackOfUrn(urn: string): string {
  const [head, project] = urn.split("::");
  return `${project}/${head?.split(":").pop()}`;
}

/**
 * What a state value holds: a plain value, a secret whose plaintext the export shows
 * (`--show-secrets`), or a secret kept encrypted.
 */
export type StateValue =
  | { readonly state: "absent" }
  | { readonly state: "known"; readonly value: unknown; readonly secret: boolean }
  | { readonly state: "encrypted" };

/** Reads one value of a resource's inputs or outputs. */
export function readStateValue(value: unknown): StateValue {
  if (value === undefined || value === null) return { state: "absent" };
  if (typeof value === "object" && (value as Record<string, unknown>)[SECRET_SIG_KEY] === SECRET_SIG) {
    const secret = value as Record<string, unknown>;
    if (typeof secret.plaintext === "string") {
      try {
        return { state: "known", value: JSON.parse(secret.plaintext), secret: true };
      } catch {
        return { state: "encrypted" };
      }
    }
    if ("value" in secret) return { state: "known", value: secret.value, secret: true };
    return { state: "encrypted" };
  }
  return { state: "known", value, secret: false };
}

/** A property bag with every known value read (secrets included); encrypted ones are left out and named. */
export function plainProperties(props: Record<string, unknown> | undefined): { values: Record<string, unknown>; encrypted: string[] } {
  const values: Record<string, unknown> = {};
  const encrypted: string[] = [];
  for (const [key, raw] of Object.entries(props ?? {})) {
    const read = readStateValue(raw);
    if (read.state === "known") values[key] = read.value;
    else if (read.state === "encrypted") encrypted.push(key);
  }
  return { values, encrypted };
}

/**
 * The stack config the engine stored as the inputs of the stack's providers
 * (`tencentcloud:secretId`, `tencent-css:endpoint`, …): plain values only, so that the
 * command reaches the account the stack uses when its credentials are plain config.
 * Secret config is encrypted in a plain export; the environment supplies it instead.
 */
export function plainProviderConfig(exported: StackExport): Record<string, string> {
  const config: Record<string, string> = {};
  for (const resource of exported.resources) {
    if (!resource.type.startsWith("pulumi:providers:")) continue;
    for (const [key, raw] of Object.entries(resource.inputs ?? {})) {
      if (!/^(tencentcloud|tencent-css):/.test(key)) continue;
      const read = readStateValue(raw);
      // A `--show-secrets` export shows secret config too; it only signs requests, as the provider's would.
      if (read.state === "known" && typeof read.value === "string") config[key] = read.value;
    }
  }
  return config;
}
