/**
 * What a fault is, and the two ways to write one: a JSON object (admin endpoint,
 * programmatic options) and a compact string (`--fault`, also accepted by the admin
 * endpoint):
 *
 *     ACTION=KIND[,rate=R][,count=N][,after-commit]
 *
 * ACTION is one of the eight actions or `*`; KIND is `error:CODE`, `http:STATUS`
 * (500–599), `reset` or `delay:MS`. Examples: `*=http:503,rate=0.1`,
 * `CreateLiveCallbackRule=error:InternalError,count=1,after-commit`.
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
]);

/**
 * One fault. Kinds: `error` answers HTTP 200 with a Tencent error `code`; `http`
 * answers that 5xx `status`; `reset` destroys the connection without an answer;
 * `delay` waits `ms` milliseconds and then answers normally.
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

function parseKind(text: string, kind: string): Record<string, unknown> {
  const [name, arg] = kind.split(/:(.*)/s, 2);
  if (name === "reset" && arg === undefined) return { kind: "reset" };
  if (name === "error" && arg) return { kind: "error", code: arg };
  if (name === "http" && arg) return { kind: "http", status: Number(arg) };
  if (name === "delay" && arg) return { kind: "delay", ms: Number(arg) };
  throw new FaultSpecError(`invalid fault "${text}": kind must be error:CODE, http:STATUS, reset or delay:MS`);
}

/** A short label of a fault's kind, used to count injections: `error:CODE`, `http:503`, `reset`, `delay`. */
export function faultKindLabel(spec: FaultSpec): string {
  switch (spec.kind) {
    case "error":
      return `error:${spec.code}`;
    case "http":
      return `http:${spec.status}`;
    case "reset":
      return "reset";
    case "delay":
      return "delay";
  }
}
