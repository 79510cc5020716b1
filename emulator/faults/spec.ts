/**
 * What a fault is, and the two ways to write one: a JSON object (admin endpoint,
 * programmatic options) and a compact string (`--fault`, also accepted by the admin
 * endpoint):
 *
 *     ACTION=KIND[,rate=R][,count=N][,after-commit]
 *
 * ACTION is one of the eight actions or `*`; KIND is `error:CODE`, `http:STATUS`
 * (500–599), `reset` or `delay:MS`, or one of the hostile answers: `non-json`,
 * `html[:STATUS]`, `truncated[:honest|lying]`, `huge[:MB]`, `wrong-request-id`,
 * `unknown-fields`, `missing-fields`, `slowloris[:MS]`. Examples: `*=http:503,rate=0.1`,
 * `CreateLiveCallbackRule=error:InternalError,count=1,after-commit`,
 * `DescribeLiveCallbackRules=slowloris:250,count=2`.
 */
import { z } from "zod";
import { LIVE_CALLBACK_ACTIONS } from "../../live-api/actions";

const common = {
  /** The action it applies to, or `*` for every action. */
  action: z.union([z.enum(LIVE_CALLBACK_ACTIONS), z.literal("*")]),
  /** Probability (0..1) that a matching request is hit; default 1. */
  rate: z.number().min(0).max(1).optional(),
  /** Hit at most the next N matching requests; default unlimited. */
  count: z.number().int().positive().optional(),
  /** Apply the request first, then fail the response (an ambiguous failure). */
  afterCommit: z.boolean().optional(),
};

/** Schema of a fault in its JSON form. */
export const FaultSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    ...common,
    kind: z.literal("error"),
    code: z.string().regex(/^[A-Za-z][A-Za-z0-9.]*$/, "a Tencent error code such as InternalError"),
    message: z.string().optional(),
  }),
  z.strictObject({ ...common, kind: z.literal("http"), status: z.number().int().min(500).max(599) }),
  z.strictObject({ ...common, kind: z.literal("reset") }),
  z.strictObject({ ...common, kind: z.literal("delay"), ms: z.number().int().min(0) }),
  z.strictObject({ ...common, kind: z.literal("non-json") }),
  z.strictObject({ ...common, kind: z.literal("html"), status: z.number().int().min(200).max(599).optional() }),
  z.strictObject({ ...common, kind: z.literal("truncated"), contentLength: z.enum(["honest", "lying"]).optional() }),
  z.strictObject({ ...common, kind: z.literal("huge"), megabytes: z.number().int().min(1).max(1024).optional() }),
  z.strictObject({ ...common, kind: z.literal("wrong-request-id") }),
  z.strictObject({ ...common, kind: z.literal("unknown-fields") }),
  z.strictObject({ ...common, kind: z.literal("missing-fields") }),
  z.strictObject({ ...common, kind: z.literal("slowloris"), ms: z.number().int().min(1).optional() }),
]);

/** Status of an `html` fault without one: what a gateway answers when its upstream fails. */
export const DEFAULT_HTML_STATUS = 502;
/** Size of a `huge` answer without `megabytes`, in MiB. */
export const DEFAULT_HUGE_MEGABYTES = 40;
/** Pause between two body bytes of a `slowloris` answer without `ms`. */
export const DEFAULT_SLOWLORIS_MS = 1000;

/**
 * One fault. Kinds: `error` answers HTTP 200 with a Tencent error `code`; `http`
 * answers that 5xx `status`; `reset` destroys the connection without an answer;
 * `delay` waits `ms` milliseconds and then answers normally.
 *
 * The hostile answers (emulator/README.md says what each sends): `non-json` (200, plain
 * text), `html` (an HTML error page with `status`, default 502), `truncated` (the answer
 * cut in half; `contentLength` `honest` announces the half, `lying` the whole and closes
 * the connection), `huge` (the answer padded to `megabytes` MiB, default 40, streamed),
 * `wrong-request-id` (an earlier answer, with its RequestId, sent again),
 * `unknown-fields` (extra fields in every object), `missing-fields` (the answer's first
 * field removed), `slowloris` (headers at once, then one body byte every `ms`, default
 * 1000). They change the answer the request would have got: an `InternalError` answer
 * before the commit (nothing applied), the real one with `afterCommit`.
 */
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

/** Thrown for a fault that cannot be parsed; the message says what is wrong. */
export class FaultSpecError extends Error {
  override readonly name = "FaultSpecError";
}

/** Checks a fault in JSON form, or parses the string form. */
export function parseFault(input: unknown): FaultSpec {
  const candidate = typeof input === "string" ? parseFaultString(input) : input;
  const result = FaultSpecSchema.safeParse(candidate);
  if (!result.success) {
    throw new FaultSpecError(`invalid fault ${JSON.stringify(input)}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}

function parseFaultString(text: string): Record<string, unknown> {
  const match = /^([A-Za-z*]+)=([^,]+)((?:,[^,]+)*)$/.exec(text.trim());
  if (!match) {
    throw new FaultSpecError(`invalid fault "${text}": expected ACTION=KIND[,rate=R][,count=N][,after-commit]`);
  }
  const [, action, kindText, optionsText] = match;
  const spec: Record<string, unknown> = { action, ...parseKind(text, kindText!) };
  for (const option of optionsText!.split(",").filter(Boolean)) {
    const [key, value] = option.split("=", 2);
    if (key === "after-commit" && value === undefined) spec.afterCommit = true;
    else if ((key === "rate" || key === "count") && value !== undefined && value !== "") spec[key] = Number(value);
    else throw new FaultSpecError(`invalid fault "${text}": unknown option "${option}"`);
  }
  return spec;
}

/** Kinds written without an argument. */
/** The fault kinds that spoil the answer itself rather than refuse or drop the request. */
export const HOSTILE_FAULT_KINDS = [
  "non-json",
  "html",
  "truncated",
  "huge",
  "wrong-request-id",
  "unknown-fields",
  "missing-fields",
  "slowloris",
] as const satisfies readonly FaultSpec["kind"][];

const BARE_KINDS = new Set(["reset", "non-json", "wrong-request-id", "unknown-fields", "missing-fields"]);

function parseKind(text: string, kind: string): Record<string, unknown> {
  const [name, arg] = kind.split(/:(.*)/s, 2);
  if (name && BARE_KINDS.has(name) && arg === undefined) return { kind: name };
  if (name === "error" && arg) return { kind: "error", code: arg };
  if (name === "http" && arg) return { kind: "http", status: Number(arg) };
  if (name === "delay" && arg) return { kind: "delay", ms: Number(arg) };
  if (name === "html") return { kind: "html", ...(arg === undefined ? {} : { status: Number(arg) }) };
  if (name === "truncated") return { kind: "truncated", ...(arg === undefined ? {} : { contentLength: arg }) };
  if (name === "huge") return { kind: "huge", ...(arg === undefined ? {} : { megabytes: Number(arg) }) };
  if (name === "slowloris") return { kind: "slowloris", ...(arg === undefined ? {} : { ms: Number(arg) }) };
  throw new FaultSpecError(
    `invalid fault "${text}": kind must be error:CODE, http:STATUS, reset, delay:MS, non-json, html[:STATUS], ` +
      "truncated[:honest|lying], huge[:MB], wrong-request-id, unknown-fields, missing-fields or slowloris[:MS]",
  );
}

/**
 * A short label of a fault's kind, used to count injections: `error:CODE`, `http:503`,
 * `reset`, `delay`, `html:502`, `truncated:lying`, and the other kinds by their name.
 */
export function faultKindLabel(spec: FaultSpec): string {
  switch (spec.kind) {
    case "error":
      return `error:${spec.code}`;
    case "http":
      return `http:${spec.status}`;
    case "html":
      return `html:${spec.status ?? DEFAULT_HTML_STATUS}`;
    case "truncated":
      return `truncated:${spec.contentLength ?? "honest"}`;
    default:
      return spec.kind;
  }
}
