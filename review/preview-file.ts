/**
 * Reads the output of `pulumi preview --json` and keeps what the plan check needs: the
 * steps on this package's two resource types, in the form of planned template and
 * binding changes. The file is checked with zod, leniently: the CLI adds fields between
 * releases, and only the few read here must be there.
 */
import { z } from "zod";
import { DEFAULT_APP_NAME } from "../live-api/rule-fields";

/** The engine's placeholder for a value not known until `up`. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const TEMPLATE_TYPE = /(^|[:/])tencent-css:(index:)?CallbackTemplate$/;
const BINDING_TYPE = /(^|[:/])tencent-css:(index:)?DomainBinding$/;

const ResourceState = z.looseObject({
  type: z.string().optional(),
  id: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});

const Step = z.looseObject({
  op: z.string(),
  urn: z.string(),
  oldState: ResourceState.nullish(),
  newState: ResourceState.nullish(),
});

/** The part of `pulumi preview --json` the check reads. */
export const PreviewFile = z.looseObject({
  steps: z.array(Step),
  config: z.record(z.string(), z.unknown()).optional(),
});
export type PreviewFile = z.infer<typeof PreviewFile>;

/** Raised for a file that is not a preview: the command exits 2 with its message. */
export class PreviewFileError extends Error {
  override readonly name = "PreviewFileError";
}

/** A number, or `undefined` when the value is unknown until `up` (or absent). */
export type KnownNumber = number | undefined;

/** A template the plan creates, changes or deletes. */
export interface PlannedTemplate {
  readonly urn: string;
  readonly name: string;
  readonly op: "create" | "delete" | "update" | "same";
  /** The template's id before the plan (delete, update, same). */
  readonly templateId?: number;
  /** `adoptTemplateId` of a create. */
  readonly adoptTemplateId?: number;
}

/** A binding the plan creates, re-points or deletes. */
export interface PlannedBinding {
  readonly urn: string;
  readonly name: string;
  readonly op: "create" | "delete" | "update" | "same";
  readonly domainName: string;
  readonly appName: string;
  /** The template it points at after the plan (create/update/same); undefined when unknown. */
  readonly templateId: KnownNumber;
  /** The template it pointed at before the plan (delete/update/same). */
  readonly oldTemplateId?: number;
  readonly adopt: boolean;
}

/** The plan's changes to this package's resources. */
export interface Plan {
  readonly templates: readonly PlannedTemplate[];
  readonly bindings: readonly PlannedBinding[];
  /** Stack config that is not secret (`[secret]` values left out). */
  readonly plainConfig: Readonly<Record<string, string>>;
}

/** Parses the text of a `pulumi preview --json` file. */
export function parsePreview(text: string): Plan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PreviewFileError("not JSON: expected the output of `pulumi preview --json`");
  }
  const parsed = PreviewFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new PreviewFileError(`not a \`pulumi preview --json\` file: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
  }
  const templates: PlannedTemplate[] = [];
  const bindings: PlannedBinding[] = [];
  for (const step of parsed.data.steps) {
    const type = step.newState?.type ?? step.oldState?.type ?? urnType(step.urn);
    const op = normalizeOp(step.op);
    if (!op) continue;
    if (TEMPLATE_TYPE.test(type)) templates.push(templateChange(step, op));
    else if (BINDING_TYPE.test(type)) bindings.push(...bindingChanges(step, op));
  }
  const plainConfig: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed.data.config ?? {})) {
    if (typeof value === "string" && value !== "[secret]") plainConfig[key] = value;
  }
  return { templates: dedupe(templates), bindings: dedupe(bindings), plainConfig };
}

type Op = PlannedTemplate["op"];

/** The engine's step ops as what they do to the cloud object; replacement halves count as create and delete. */
function normalizeOp(op: string): Op | undefined {
  switch (op) {
    case "create":
    case "create-replacement":
      return "create";
    case "delete":
    case "delete-replaced":
    case "discard":
      return "delete";
    case "update":
      return "update";
    case "same":
      return "same";
    default:
      return undefined; // read, refresh, import, replace (the marker between the halves) …
  }
}

function templateChange(step: z.infer<typeof Step>, op: Op): PlannedTemplate {
  const before = step.oldState?.outputs ?? {};
  const wanted = step.newState?.inputs ?? {};
  return {
    urn: step.urn,
    name: urnName(step.urn),
    op,
    templateId: op === "create" ? undefined : (asNumber(before.templateId) ?? asNumber(step.oldState?.id)),
    adoptTemplateId: op === "create" ? asNumber(wanted.adoptTemplateId) : undefined,
  };
}

function bindingChanges(step: z.infer<typeof Step>, op: Op): PlannedBinding[] {
  const before = step.oldState?.outputs ?? step.oldState?.inputs ?? {};
  const wanted = step.newState?.inputs ?? {};
  const side = op === "delete" ? before : wanted;
  return [
    {
      urn: step.urn,
      name: urnName(step.urn),
      op,
      domainName: String(side.domainName ?? before.domainName ?? ""),
      appName: String(side.appName ?? before.appName ?? DEFAULT_APP_NAME),
      templateId: op === "delete" ? undefined : asNumber(wanted.templateId),
      oldTemplateId: asNumber(before.templateId),
      adopt: wanted.adopt === true,
    },
  ];
}

/** A replacement reports several steps for one URN; keep one create and one delete per URN. */
function dedupe<T extends { urn: string; op: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.op} ${item.urn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** The resource name at the end of a URN. */
export function urnName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** The stack name of a URN (`urn:pulumi:<stack>::<project>::…`). */
export function urnStack(urn: string): string {
  return /^urn:pulumi:([^:]+)::([^:]+)::/.exec(urn)?.slice(1).reverse().join("/") ?? "?";
}

function urnType(urn: string): string {
  const parts = urn.split("::");
  return parts[parts.length - 2] ?? "";
}
