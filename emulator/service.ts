/**
 * Runs actions against the committed state. Changes are serialized: each write
 * computes a new state from the committed one, persists it (when a state file is
 * configured) and only then becomes visible and is acknowledged. A failed save
 * leaves the committed state untouched, so memory and disk never disagree.
 */
import type { LiveCallbackAction } from "../live-api/actions";
import { LIVE_ACTIONS } from "./actions";
import { EmulatorApiError, emptyState, type EmulatorState, type ModelPolicy } from "./model";
import type { StateFile } from "./persistence/state-file";

/** What the service needs. */
export interface LiveServiceOptions {
  /** State to start from (loaded from the state file, or empty). */
  readonly initialState: EmulatorState;
  readonly policy: ModelPolicy;
  /** Clock in Unix milliseconds. */
  readonly now: () => number;
  /** Where to persist every committed change; absent keeps state in memory only. */
  readonly stateFile?: StateFile;
}

/** The emulated Live callback service of one account. */
export class LiveCallbackService {
  private committed: EmulatorState;
  // Tail of the write queue; writes run one at a time in arrival order.
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LiveServiceOptions) {
    this.committed = options.initialState;
  }

  /** The committed state (immutable; safe to hand out). */
  snapshot(): EmulatorState {
    return this.committed;
  }

  /**
   * Runs one action and resolves with its response fields once any change is durable.
   * Rejects with `EmulatorApiError` for API errors, and with `InternalError` when the
   * change could not be saved (the change is then not applied).
   */
  invoke(action: LiveCallbackAction, params: unknown): Promise<Record<string, unknown>> {
    const definition = LIVE_ACTIONS[action];
    if (!definition.mutates) {
      return Promise.resolve().then(() => this.run(action, params).response);
    }
    const result = this.writes.then(async () => {
      const { response, state } = this.run(action, params);
      if (state && state !== this.committed) await this.commit(state);
      return response;
    });
    this.writes = result.catch(() => undefined);
    return result;
  }

  /** Empties templates and rules. The id counter keeps counting, so ids are never reused. */
  reset(): Promise<void> {
    const result = this.writes.then(() => this.commit(emptyState(this.committed.nextTemplateId)));
    this.writes = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write accepted so far has finished (committed or failed). */
  async idle(): Promise<void> {
    await this.writes;
  }

  private run(action: LiveCallbackAction, params: unknown) {
    return LIVE_ACTIONS[action].run(params, this.committed, { policy: this.options.policy, nowMs: this.options.now() });
  }

  private async commit(state: EmulatorState): Promise<void> {
    if (this.options.stateFile) {
      try {
        await this.options.stateFile.save(state);
      } catch (error) {
        throw new EmulatorApiError(
          "InternalError",
          `The emulator could not save its state file (${(error as Error).message}); the change was not applied.`,
        );
      }
    }
    this.committed = state;
  }
}
