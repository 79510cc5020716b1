/**
 * Generic parameter checks, in the order the real API reports them: the body must be
 * an object, every name must be known (`UnknownParameter`), every required one present
 * (`MissingParameter`), every value of the right JSON type (`InvalidParameter`).
 */
import { EmulatorApiError } from "../model";

/** JSON types a parameter can have. `integer` is a JSON number with no fraction. */
export type ParamType = "string" | "integer" | "string[]";

/** How one parameter is checked. */
export interface ParamRule {
  readonly type: ParamType;
  /** Absent means optional. */
  readonly required?: boolean;
}

/** The parameters of one action, by API name. */
export type ParamSpec = Readonly<Record<string, ParamRule>>;

type ValueOf<T extends ParamType> = T extends "string" ? string : T extends "integer" ? number : string[];

/** The checked parameters: required ones always present, optional ones possibly absent. */
export type ParamValues<S extends ParamSpec> = {
  [K in keyof S as S[K]["required"] extends true ? K : never]: ValueOf<S[K]["type"]>;
} & {
  [K in keyof S as S[K]["required"] extends true ? never : K]?: ValueOf<S[K]["type"]>;
};

/** Checks names, presence and JSON types of `params` against `spec`. */
export function checkParams<S extends ParamSpec>(params: unknown, spec: S): ParamValues<S> {
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new EmulatorApiError("InvalidParameter", "The request body must be a JSON object of parameters.");
  }
  const record = params as Record<string, unknown>;
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(spec, name)) {
      throw new EmulatorApiError("UnknownParameter", `The parameter \`${name}\` is not recognized by this action.`);
    }
  }
  for (const [name, rule] of Object.entries(spec)) {
    if (rule.required && !Object.hasOwn(record, name)) {
      throw new EmulatorApiError("MissingParameter", `The request is missing a required parameter \`${name}\`.`);
    }
  }
  for (const [name, value] of Object.entries(record)) {
    const rule = spec[name]!;
    if (!hasType(value, rule.type)) {
      throw new EmulatorApiError("InvalidParameter", `The parameter \`${name}\` must be ${describeType(rule.type)}.`);
    }
  }
  return record as ParamValues<S>;
}

// null is a wrong type, not "absent": the official SDKs omit unset fields instead of sending null.
function hasType(value: unknown, type: ParamType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
  }
}

function describeType(type: ParamType): string {
  switch (type) {
    case "string":
      return "a string";
    case "integer":
      return "an integer";
    case "string[]":
      return "an array of strings";
  }
}
