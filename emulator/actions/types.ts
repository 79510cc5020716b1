/**
 * The contract between the action layer and whoever runs it (the service).
 */
import type { EmulatorState, ModelPolicy } from "../model";

/** What an action may use besides its parameters. */
export interface ActionContext {
  /** Account rules where the real service is silent. */
  readonly policy: ModelPolicy;
  /** The emulator clock, Unix milliseconds. */
  readonly nowMs: number;
}

/** What an action produces: the response fields, and a new state when it changed something. */
export interface ActionResult {
  /** Fields of `Response`, without `RequestId` (the HTTP layer adds it). */
  readonly response: Record<string, unknown>;
  /** The state to commit; absent for reads and for no-op changes. */
  readonly state?: EmulatorState;
}

/** One API action: validates its parameters and applies them to the state. */
export interface ActionDefinition {
  /** True when the action can change state (and so must be persisted before answering). */
  readonly mutates: boolean;
  /** Runs the action; throws `EmulatorApiError` for every API error. */
  run(params: unknown, state: EmulatorState, context: ActionContext): ActionResult;
}
