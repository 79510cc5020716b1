/**
 * The emulator's state: plain, immutable data. Every change produces a new state
 * value, so a change is only visible once the caller commits (and persists) it.
 */
import { TEMPLATE_LIMIT } from "../../live-api/actions";
import type { RecordExceptionLevel, TemplateFieldRow } from "../../live-api";
import type { InUseCode, TemplateNotFoundCode } from "./errors";

/**
 * One callback template, in the API's own field names (`CallBackTemplateInfo`): a field
 * for every row of live-api's field table, so the state dump and the state file read like
 * Describe answers. Unset strings are `""`, unset levels `[]`. Unlike Describe, it
 * includes `RecordStatusNotifyUrl`; the callback key is stored and returned as given
 * (plain text, like the real service).
 */
export type CallbackTemplate = {
  /** Integer id; ids increase and are never reused. */
  readonly TemplateId: number;
} & { readonly [R in TemplateFieldRow as R["field"]]: R["kind"] extends "levels" ? readonly RecordExceptionLevel[] : string };

/** One callback rule (`CallBackRuleInfo`): binds a template to (DomainName, AppName). */
export interface CallbackRule {
  readonly DomainName: string;
  readonly AppName: string;
  readonly TemplateId: number;
  /** Beijing time (UTC+8), `YYYY-MM-DD hh:mm:ss`. */
  readonly CreateTime: string;
  /** Beijing time of the last re-point; equals CreateTime until then. */
  readonly UpdateTime: string;
}

/** Everything the emulator remembers about one account. */
export interface EmulatorState {
  /** The id the next created template gets. */
  readonly nextTemplateId: number;
  /** Templates in creation (= id) order. */
  readonly templates: readonly CallbackTemplate[];
  /** Rules in creation order; at most one per (DomainName, AppName). */
  readonly rules: readonly CallbackRule[];
}

/** First template id handed out, so ids look like the real service's and never start at 0. */
export const FIRST_TEMPLATE_ID = 10001;

/** A state with no templates and no rules. */
export function emptyState(nextTemplateId: number = FIRST_TEMPLATE_ID): EmulatorState {
  return { nextTemplateId, templates: [], rules: [] };
}

/** Choices where the public record of the real service is silent. */
export interface ModelPolicy {
  /** Templates allowed per account (the real limit is 50). */
  readonly maxTemplates: number;
  /** CreateLiveCallbackRule on a pair that already has a rule: refuse, or re-point it. */
  readonly ruleConflict: "error" | "overwrite";
  /** Code for deleting a template that a rule still binds. */
  readonly inUseCode: InUseCode;
  /** Code for naming a template that does not exist. */
  readonly templateNotFoundCode: TemplateNotFoundCode;
}

/** The defaults documented in emulator/README.md. */
export const DEFAULT_POLICY: ModelPolicy = {
  maxTemplates: TEMPLATE_LIMIT,
  ruleConflict: "error",
  inUseCode: "FailedOperation.ConfInUsed",
  templateNotFoundCode: "InvalidParameter.ConfNotFound",
};
