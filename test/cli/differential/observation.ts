/**
 * What the differential test compares after each step, in a form both engines produce:
 * the plan (operation and changed property names per resource), the outcome, the cloud
 * (the emulator's templates and rules) and the stack's state, with template ids replaced
 * by template names so two emulators that numbered their templates differently compare
 * equal.
 */
import type { EmulatorState } from "../../../emulator";

/** One step of a scenario, run by both engines. */
export interface ScenarioStep {
  /** What the step does, shown when the engines disagree. */
  readonly title: string;
  readonly command: "preview" | "up" | "refresh" | "destroy";
  /** The program's `spec` config (JSON); the previous step's stays when absent. */
  readonly spec?: object;
  /** Other plain config of the stack, merged into what earlier steps set. */
  readonly config?: Readonly<Record<string, string>>;
  /** Changes made outside the stack before the command, with the fixture's signed client. */
  readonly outside?: (world: OutsideWorld) => Promise<void>;
}

/** What a step's `outside` change may use. */
export interface OutsideWorld {
  readonly client: import("../../../provider/client").LiveClient;
  /** The id of the template named `templateName` in this world's emulator. */
  templateId(templateName: string): number;
}

/** One engine's account of one step. */
export interface StepObservation {
  /** `op name [diffs]` per dynamic resource that is not unchanged, sorted (`preview --json` leaves unchanged ones out). */
  readonly plan: string[];
  readonly ok: boolean;
  /** `name: message` per failed resource step, sorted. */
  readonly errors: string[];
  readonly cloud: NormalizedCloud;
  /** {@link stateEntry} per dynamic resource in the stack's state, sorted. */
  readonly state: string[];
  /** The stack outputs after the step (not for preview), ids named. */
  readonly outputs?: unknown;
}

/** The emulator's state with ids named. */
export interface NormalizedCloud {
  readonly templates: Array<Record<string, unknown>>;
  readonly rules: string[];
}

/**
 * Names template ids: `10003` → `#tpl_a` (by its TemplateName). Remembers every template
 * it saw, so the id of a template deleted since is still named.
 */
export class IdNamer {
  private readonly names = new Map<number, string>();

  /** Records the templates of `state`. */
  learn(state: EmulatorState): void {
    for (const t of state.templates) this.names.set(t.TemplateId, `#${t.TemplateName}`);
  }

  /** `id` (a number or its decimal string) named, or as it was. */
  id(id: unknown): unknown {
    const n = typeof id === "string" && /^\d+$/.test(id) ? Number(id) : id;
    return typeof n === "number" && this.names.has(n) ? this.names.get(n) : id;
  }

  /** Every known template id in `text` named. */
  text(text: string): string {
    return text.replace(/\b\d{4,}\b/g, (digits) => String(this.id(Number(digits))));
  }

  /** Every number or numeric string that is a known template id, anywhere in `value`, named. */
  deep(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.deep(v));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.deep(v)]));
    }
    return this.id(value);
  }
}

/** The emulator's state, ids named, in a stable order. */
export function normalizeCloud(state: EmulatorState, namer: IdNamer): NormalizedCloud {
  namer.learn(state);
  const templates = state.templates
    .map(({ TemplateId: _id, ...rest }) => ({ ...rest }) as Record<string, unknown>)
    .sort((a, b) => String(a.TemplateName).localeCompare(String(b.TemplateName)));
  const rules = state.rules.map((r) => `${r.DomainName}/${r.AppName} → ${String(namer.id(r.TemplateId))}`).sort();
  return { templates, rules };
}

/** The secret signature key of a secret value in state (both engines store secrets so). */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";

/**
 * A resource of the state: `b1 push1.example.com/live deps=a secret=callbackKey
 * [pending-delete]`: name, id (named), what it depends on (names), which outputs are
 * secret.
 */
export function stateEntry(
  r: { urn: string; id?: string; dependencies?: readonly string[]; outputs?: Record<string, unknown>; pendingDelete?: boolean },
  namer: IdNamer,
): string {
  const name = (urn: string) => urn.split("::").pop() ?? urn;
  const deps = [...new Set(r.dependencies ?? [])].map(name).sort();
  const secrets = Object.entries(r.outputs ?? {})
    .filter(([, v]) => v !== null && typeof v === "object" && SECRET_SIG_KEY in (v as object))
    .map(([k]) => k)
    .sort();
  return [
    name(r.urn),
    String(namer.id(r.id ?? "")),
    ...(deps.length ? [`deps=${deps.join(",")}`] : []),
    ...(secrets.length ? [`secret=${secrets.join(",")}`] : []),
    ...(r.pendingDelete ? ["[pending-delete]"] : []),
  ].join(" ");
}

/** A plan line: `update a ~streamEndNotifyUrl`. */
export function planEntry(op: string, name: string, diffs: readonly string[]): string {
  return [op, name, ...(diffs.length ? [diffs.join(",")] : [])].join(" ");
}

/** `~a`, `+b`, `-c` between two input bags as the CLI's display computes them: `__`-keys left out. */
export function inputDiff(olds: Record<string, unknown> = {}, news: Record<string, unknown> = {}): string[] {
  const present = (bag: Record<string, unknown>, key: string) => bag[key] !== undefined && bag[key] !== null;
  const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => !k.startsWith("__")).sort();
  const diffs: string[] = [];
  for (const key of keys) {
    if (present(olds, key) && !present(news, key)) diffs.push(`-${key}`);
    else if (!present(olds, key) && present(news, key)) diffs.push(`+${key}`);
    else if (JSON.stringify(olds[key]) !== JSON.stringify(news[key])) diffs.push(`~${key}`);
  }
  return diffs;
}
