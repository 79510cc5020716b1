/**
 * `preview` and `up`: the engine side of a program run. Each registration is turned into
 * a step as it arrives (dependency order falls out of the program awaiting its inputs):
 * Check and Diff one registration at a time, as the engine's step generator does, then
 * Create/Update/Read in the step executor's slots. After the program, resources it no
 * longer declares are deleted in the engine's waves (delete-schedule.ts).
 */
import type { Checkpoint, ResourceState } from "./checkpoint";
import { dependencyOrder } from "./dependency-order";
import { deleteInWaves } from "./delete-schedule";
import { applyDelete } from "./delete-step";
import { EngineContext, HaltedError, ROOT_STACK_TYPE, isDynamicType, type StepOp } from "./engine-context";
import { defaultProviderDeniedMessage, previewFailed, replaceProtectedMessage } from "./engine-messages";
import { NotAStep, readStep, type ReadRegistration } from "./read-step";
import { canonical, markSecrets, plainMap, propertyDiff, type PropertyMap, type PropertyValue } from "./properties";
import { defaultProviderDisabled, unsupportedOptionsError, type UnsupportedOptions } from "./resource-options";
import { CheckFailedError, importFailure, planStep } from "./step-generator";

/** A RegisterResource request, decoded. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly custom: boolean;
  /** The inputs, with secret markers, `__provider` included. */
  readonly object: PropertyMap;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly additionalSecretOutputs: string[];
  readonly deleteBeforeReplace: boolean;
  readonly ignoreChanges: string[];
  readonly replaceOnChanges: string[];
  readonly protect?: boolean;
  readonly retainOnDelete?: boolean;
  readonly importId?: string;
  /** An explicit provider reference (`urn::id`), if any. */
  readonly provider?: string;
  /** Options the harness refuses (resource-options.ts). */
  readonly unsupported: UnsupportedOptions;
}

/** What the runtime is answered. */
export interface Answer {
  readonly urn: string;
  /** Empty or absent: unknown (preview of a new resource). */
  readonly id?: string;
  readonly outputs: PropertyMap;
}

/** The engine for one `preview` or `up`. */
export class Deployment extends EngineContext {
  /** New states, in registration order. */
  private readonly registered = new Map<string, ResourceState>();
  private readonly seen = new Set<string>();
  /** Old states whose resource was deleted (or forgotten: components, reads) in this run. */
  private readonly deleted = new Set<ResourceState>();
  /** Old halves of create-before-delete replacements. */
  private readonly replacedOlds: ResourceState[] = [];
  private readonly oldByUrn = new Map<string, ResourceState>();
  private stackOutputs?: PropertyMap;
  private programSucceeded = false;

  constructor(options: ConstructorParameters<typeof EngineContext>[0]) {
    super(options);
    for (const r of options.old.resources) if (!r.pendingDelete && !this.oldByUrn.has(r.urn)) this.oldByUrn.set(r.urn, r);
  }

  /** The state as it stands now: what succeeded is new, everything else as it was. */
  checkpoint(): Checkpoint {
    const { old } = this.options;
    const list: ResourceState[] = [...this.registered.values()];
    for (const r of old.resources) {
      if (this.deleted.has(r)) continue;
      if (!r.pendingDelete && this.registered.has(r.urn)) continue;
      list.push(r);
    }
    for (const r of this.replacedOlds) if (!this.deleted.has(r)) list.push(r);
    const providerConfig = this.providerConfigToStore();
    return {
      ...old,
      project: this.options.project,
      stack: this.options.stack,
      stackOutputs: this.programSucceeded && this.stackOutputs ? this.stackOutputs : old.stackOutputs,
      resources: dependencyOrder(list),
      ...(providerConfig ? { providerConfig } : {}),
    };
  }

  private persist(): void {
    this.stateChanged(() => this.checkpoint());
  }

  private commit(state: ResourceState): void {
    this.registered.set(state.urn, state);
    this.persist();
  }

  /** RegisterResource: components are recorded, dynamic resources become steps. */
  async registerResource(reg: Registration): Promise<Answer> {
    const urn = this.urnFor(reg.type, reg.name, reg.parent);
    if (this.seen.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.seen.add(urn);
    const old = this.oldByUrn.get(urn);
    const base = {
      urn,
      type: reg.type,
      name: reg.name,
      parent: reg.parent,
      dependencies: reg.dependencies,
      propertyDependencies: reg.propertyDependencies,
    };
    if (!reg.custom) {
      this.registered.set(urn, { ...base, custom: false, inputs: reg.object, outputs: old && !old.custom ? old.outputs : {} });
      return { urn, outputs: {} };
    }
    if (!isDynamicType(reg.type)) {
      throw new Error(`${reg.type} is not a dynamic resource; the test harness only runs Node dynamic providers`);
    }
    if (this.halted) throw new HaltedError();
    const state: Omit<ResourceState, "inputs" | "outputs"> = {
      ...base,
      custom: true,
      ...(reg.additionalSecretOutputs.length ? { additionalSecretOutputs: reg.additionalSecretOutputs } : {}),
      ...(reg.protect ? { protect: true } : {}),
      ...(reg.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(reg.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    };
    let op: StepOp = old ? "update" : "create";
    try {
      const unsupported = unsupportedOptionsError(reg.name, reg.unsupported);
      if (unsupported) throw unsupported;
      if (!reg.provider && defaultProviderDisabled(this.options.config)) throw new Error(defaultProviderDeniedMessage("pulumi-nodejs", urn));
      if (reg.importId) throw new Error(await importFailure(this, urn, reg.importId));
      const plan = await this.generator.run(() => planStep(this, urn, reg, old));
      const { inputs, diff } = plan;
      op = plan.op;
      const aso = reg.additionalSecretOutputs;
      if (op === "create") {
        if (this.preview) return this.answer({ op, urn, reg, inputs, outputs: inputs });
        const created = await this.executor.run(async () => (this.halted ? undefined : (await this.provider()).create(urn, plainMap(inputs))));
        if (!created) throw new HaltedError();
        const outputs = markSecrets(created.outputs, inputs, aso);
        this.commit({ ...state, id: created.id, inputs, outputs });
        return this.answer({ op, urn, reg, id: created.id, inputs, outputs });
      }
      const was = old!;
      const id = was.id ?? "";
      const diffs = propertyDiff(was.inputs, inputs);
      if (op === "same") {
        const same: ResourceState = { ...state, id, inputs, outputs: was.outputs };
        // Like the engine's snapshot manager (sameSnapshotMutation.mustWrite), an unchanged
        // resource is no reason to write the checkpoint: a no-op `up` then writes it once.
        if (canonical(same as unknown as PropertyValue) === canonical(was as unknown as PropertyValue)) this.registered.set(urn, was);
        else this.commit(same);
        return this.answer({ op, urn, reg, id, inputs, outputs: was.outputs });
      }
      if (op === "replace") {
        if (reg.protect && was.protect) {
          const refused = new Error(replaceProtectedMessage(urn));
          // A preview still shows the replacement, and fails at the end.
          if (!this.preview) throw refused;
          this.fail(refused, { urn, name: reg.name, type: reg.type, op }, false);
        }
        if (this.preview) return this.answer({ op, urn, reg, inputs, outputs: inputs, diffs });
        const deleteFirst = reg.deleteBeforeReplace || diff?.deleteBeforeReplace === true;
        const created = await this.executor.run(async () => {
          if (this.halted) return undefined;
          if (deleteFirst) {
            if (!(await applyDelete(this, was, { replacing: true, providerConfig: "current" }))) return undefined;
            this.deleted.add(was);
            this.persist();
          }
          return (await this.provider()).create(urn, plainMap(inputs));
        });
        if (!created) throw new HaltedError();
        if (!deleteFirst) this.replacedOlds.push({ ...was, pendingDelete: true });
        const outputs = markSecrets(created.outputs, inputs, aso);
        this.commit({ ...state, id: created.id, inputs, outputs });
        return this.answer({ op, urn, reg, id: created.id, inputs, outputs, diffs });
      }
      if (this.preview) return this.answer({ op, urn, reg, id, inputs, outputs: inputs, diffs });
      const updated = await this.executor.run(async () =>
        this.halted ? undefined : (await this.provider()).update(urn, id, plainMap(was.outputs), plainMap(inputs), plainMap(was.inputs)),
      );
      if (!updated) throw new HaltedError();
      const outputs = markSecrets(updated, inputs, aso);
      this.commit({ ...state, id, inputs, outputs });
      return this.answer({ op, urn, reg, id, inputs, outputs, diffs });
    } catch (error) {
      const about = { urn, name: reg.name, type: reg.type, op };
      // The engine reports each check failure on its own.
      if (error instanceof CheckFailedError) for (const message of error.failures) this.fail(new Error(message), about);
      else if (!(error instanceof HaltedError)) this.fail(error, about);
      throw error;
    }
  }

  private answer(step: {
    op: StepOp;
    urn: string;
    reg: Registration;
    id?: string;
    inputs: PropertyMap;
    outputs: PropertyMap;
    diffs?: string[];
  }): Answer {
    this.recordStep({ op: step.op, urn: step.urn, type: step.reg.type, name: step.reg.name, id: step.id, diffs: step.diffs ?? [] });
    return { urn: step.urn, id: step.id, outputs: step.outputs };
  }

  /** ReadResource: `Resource.get` reads through the provider; StackReference from a checkpoint. */
  async readResource(read: ReadRegistration): Promise<Answer> {
    const urn = this.urnFor(read.type, read.name, read.parent);
    if (this.seen.has(urn)) throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.seen.add(urn);
    const base = {
      urn,
      type: read.type,
      name: read.name,
      parent: read.parent,
      custom: true,
      external: true,
      dependencies: read.dependencies,
      propertyDependencies: {},
      ...(read.additionalSecretOutputs.length ? { additionalSecretOutputs: read.additionalSecretOutputs } : {}),
    };
    try {
      const read_ = await readStep(this, read, urn);
      if (!read_) return { urn, outputs: {} };
      const { id, outputs } = read_;
      this.registered.set(urn, { ...base, id, inputs: read.object, outputs });
      this.recordStep({ op: "read", urn, type: read.type, name: read.name, id, diffs: [] });
      return { urn, id, outputs };
    } catch (error) {
      // A request refused before any step fails the program, not a resource.
      if (error instanceof NotAStep) this.fail(error);
      else if (!(error instanceof HaltedError)) this.fail(this.preview ? previewFailed(error) : error, { urn, name: read.name, type: read.type, op: "read" });
      throw error;
    }
  }

  /** RegisterResourceOutputs: the stack's outputs, or a component's. */
  registerOutputs(urn: string, outputs: PropertyMap): void {
    if (urn === this.stackUrn) this.stackOutputs = outputs;
    const state = this.registered.get(urn);
    if (state && !state.custom) this.registered.set(urn, { ...state, outputs });
  }

  /** The outputs of a resource registered in this run (for `pulumi:pulumi:getResource`). */
  registeredState(urn: string): ResourceState | undefined {
    return this.registered.get(urn);
  }

  /** The stack outputs registered by the program so far. */
  currentStackOutputs(): PropertyMap | undefined {
    return this.stackOutputs;
  }

  /**
   * After the program: deletes what it no longer declares, the old halves of replacements
   * and pending deletes of earlier runs, in the engine's waves; reads no longer made are
   * discarded. Only called when the program and every step succeeded.
   */
  async finish(): Promise<void> {
    this.programSucceeded = true;
    const { old } = this.options;
    const removed = old.resources.filter((r) => !r.pendingDelete && !this.seen.has(r.urn) && r.type !== ROOT_STACK_TYPE);
    // Pending deletes of earlier runs are deleted as the old halves of replacements are.
    const replaced = new Set([...old.resources.filter((r) => r.pendingDelete), ...this.replacedOlds]);
    const doomed = new Set<ResourceState>([...replaced, ...removed]);
    // Only the doomed wait for each other: everything else in the stack stays.
    const toDelete = this.checkpoint().resources.filter((r) => doomed.has(r));
    await deleteInWaves(
      toDelete,
      async (r) => {
        if (!(await applyDelete(this, r, { replacing: replaced.has(r), providerConfig: "stored" }))) return false;
        if (!this.preview) {
          this.deleted.add(r);
          this.persist();
        }
        return true;
      },
      { halted: () => this.halted, slots: this.executor },
    );
    this.persist();
  }
}
