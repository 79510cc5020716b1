/**
 * `preview` and `up`: the engine side of a program run. Each registration is turned into
 * a step and executed against the provider as it arrives (dependency order falls out of
 * the program awaiting its inputs), then resources the program no longer declares are
 * deleted in reverse dependency order, independent ones in parallel.
 */
import type { Checkpoint, ResourceState } from "./checkpoint";
import { dependencyOrder } from "./dependency-order";
import { deleteInDependencyOrder } from "./delete-schedule";
import { EngineContext, HaltedError, ROOT_STACK_TYPE, isDynamicType, type StepOp } from "./engine-context";
import {
  PROVIDER_KEY,
  UNKNOWN,
  annotateSecrets,
  canonical,
  containsSecret,
  markSecrets,
  plainMap,
  propertyDiff,
  type PropertyMap,
  type PropertyValue,
} from "./properties";

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
  readonly importId?: string;
}

/** A ReadResource request, decoded. */
export interface ReadRegistration {
  readonly type: string;
  readonly name: string;
  readonly parent?: string;
  readonly id: string;
  readonly object: PropertyMap;
  readonly dependencies: string[];
  readonly additionalSecretOutputs: string[];
}

/** What the runtime is answered. */
export interface Answer {
  readonly urn: string;
  /** Empty or absent: unknown (preview of a new resource). */
  readonly id?: string;
  readonly outputs: PropertyMap;
}

const STACK_REFERENCE_TYPE = "pulumi:pulumi:StackReference";

/** The engine for one `preview` or `up`. */
export class Deployment extends EngineContext {
  /** New states, in registration order. */
  private readonly registered = new Map<string, ResourceState>();
  private readonly seen = new Set<string>();
  /** Old states whose resource was deleted in this run. */
  private readonly deleted = new Set<ResourceState>();
  /** Old halves of create-before-delete replacements. */
  private readonly replacedOlds: ResourceState[] = [];
  /** Old states dropped without a provider call (components, reads no longer made). */
  private readonly dropped = new Set<ResourceState>();
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
      if (this.deleted.has(r) || this.dropped.has(r)) continue;
      if (!r.pendingDelete && this.registered.has(r.urn)) continue;
      list.push(r);
    }
    for (const r of this.replacedOlds) if (!this.deleted.has(r)) list.push(r);
    return {
      ...old,
      project: this.options.project,
      stack: this.options.stack,
      stackOutputs: this.programSucceeded && this.stackOutputs ? this.stackOutputs : old.stackOutputs,
      resources: dependencyOrder(list),
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
      ...(reg.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    };
    let op: StepOp = old ? "update" : "create";
    try {
      if (reg.importId) throw new Error(await this.importUnsupported(urn, reg.importId));
      const provider = await this.provider();
      const news = old && reg.ignoreChanges.length ? withIgnoredChanges(reg.object, old.inputs, reg.ignoreChanges) : reg.object;
      const checked = await provider.check(urn, old ? plainMap(old.inputs) : {}, plainMap(news));
      if (checked.failures.length) {
        throw new Error(checked.failures.map((f) => `property ${f.property} has a problem: ${f.reason}`).join("; "));
      }
      const inputs = annotateSecrets(checked.inputs, news) as PropertyMap;
      const aso = reg.additionalSecretOutputs;

      if (!old) {
        if (this.preview) return this.answer({ op, urn, reg, inputs, outputs: inputs });
        const created = await provider.create(urn, plainMap(inputs));
        const outputs = markSecrets(created.outputs, inputs, aso);
        this.commit({ ...state, id: created.id, inputs, outputs });
        return this.answer({ op, urn, reg, id: created.id, inputs, outputs });
      }

      const id = old.id ?? "";
      const diff = await provider.diff(urn, id, plainMap(old.outputs), plainMap(inputs), plainMap(old.inputs));
      const diffs = propertyDiff(old.inputs, inputs);
      const changed = diff.changes === "some" || (diff.changes === "unknown" && propertyDiff(old.inputs, inputs, { includeProvider: true }).length > 0);
      if (!changed) {
        op = "same";
        const same: ResourceState = { ...state, id, inputs, outputs: old.outputs };
        // Like the engine's snapshot manager (sameSnapshotMutation.mustWrite), an unchanged
        // resource is no reason to write the checkpoint: a no-op `up` then writes it once.
        if (canonical(same as unknown as PropertyValue) === canonical(old as unknown as PropertyValue)) this.registered.set(urn, old);
        else this.commit(same);
        return this.answer({ op, urn, reg, id, inputs, outputs: old.outputs });
      }
      const changedKeys = diffs.map((d) => d.slice(1));
      const replaces = [...diff.replaces, ...reg.replaceOnChanges.filter((key) => changedKeys.includes(key))];
      if (replaces.length) {
        op = "replace";
        if (this.preview) return this.answer({ op, urn, reg, inputs, outputs: inputs, diffs });
        if (old.protect) throw new Error(`resource ${urn} is protected and cannot be replaced; set protect: false first`);
        const deleteFirst = reg.deleteBeforeReplace || diff.deleteBeforeReplace;
        if (deleteFirst) {
          await provider.delete(urn, id, plainMap(old.outputs), plainMap(old.inputs));
          this.deleted.add(old);
          this.persist();
        }
        const created = await provider.create(urn, plainMap(inputs));
        if (!deleteFirst) this.replacedOlds.push({ ...old, pendingDelete: true });
        const outputs = markSecrets(created.outputs, inputs, aso);
        this.commit({ ...state, id: created.id, inputs, outputs });
        return this.answer({ op, urn, reg, id: created.id, inputs, outputs, diffs });
      }
      if (this.preview) return this.answer({ op, urn, reg, id, inputs, outputs: inputs, diffs });
      const updated = await provider.update(urn, id, plainMap(old.outputs), plainMap(inputs), plainMap(old.inputs));
      const outputs = markSecrets(updated, inputs, aso);
      this.commit({ ...state, id, inputs, outputs });
      return this.answer({ op, urn, reg, id, inputs, outputs, diffs });
    } catch (error) {
      this.fail(error, { urn, name: reg.name, type: reg.type, op });
      throw error;
    }
  }

  private async importUnsupported(urn: string, importId: string): Promise<string> {
    // What the engine does for `import`: Read(id) with no properties. The dynamic host
    // cannot rebuild a provider without `__provider`, so this always fails (pulumi#3550).
    try {
      const provider = await this.provider();
      await provider.read(urn, importId, {}, {});
      return `importing ${importId} succeeded unexpectedly`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
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
      let id = read.id;
      let outputs: PropertyMap;
      if (read.type === STACK_REFERENCE_TYPE) {
        outputs = this.stackReferenceOutputs(read.id);
      } else if (!isDynamicType(read.type)) {
        throw new Error(`${read.type} is not a dynamic resource; the test harness only reads Node dynamic providers`);
      } else if (!id || id === UNKNOWN) {
        // The id depends on something not created yet: nothing can be read in a preview.
        return { urn, outputs: {} };
      } else {
        const result = await (await this.provider()).read(urn, id, plainMap(read.object), {});
        if (!result.id) throw new Error(`resource '${id}' does not exist`);
        id = result.id;
        outputs = markSecrets(result.outputs, read.object, read.additionalSecretOutputs);
      }
      this.registered.set(urn, { ...base, id, inputs: read.object, outputs });
      this.recordStep({ op: "read", urn, type: read.type, name: read.name, id, diffs: [] });
      return { urn, id, outputs };
    } catch (error) {
      this.fail(error, { urn, name: read.name, type: read.type, op: "read" });
      throw error;
    }
  }

  private stackReferenceOutputs(name: string): PropertyMap {
    const other = this.options.stackRefs.get(name);
    if (!other) throw new Error(`unknown stack "${name}": pass its checkpoint with --stack-ref ${name}=<file>`);
    const secretOutputNames = Object.keys(other.stackOutputs).filter((key) => containsSecret(other.stackOutputs[key]));
    return { name, outputs: other.stackOutputs, secretOutputNames };
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
   * After the program: deletes what it no longer declares, plus the old halves of
   * replacements, in reverse dependency order (independent ones in parallel); after a
   * failure nothing new starts. Only called when the program and every step succeeded.
   */
  async finish(): Promise<void> {
    this.programSucceeded = true;
    const removed = this.options.old.resources.filter((r) => !r.pendingDelete && !this.seen.has(r.urn));
    for (const r of removed) if (!r.custom || r.external) this.dropped.add(r);
    const doomed = new Set<ResourceState>([
      ...this.options.old.resources.filter((r) => r.pendingDelete),
      ...this.replacedOlds,
      ...removed.filter((r) => r.custom && !r.external && r.type !== ROOT_STACK_TYPE),
    ]);
    const replaced = new Set(this.replacedOlds);
    // Only the doomed wait for each other: everything else in the stack stays.
    const toDelete = this.checkpoint().resources.filter((r) => doomed.has(r));
    await deleteInDependencyOrder(
      toDelete,
      async (r) => {
        try {
          if (r.protect) throw new Error(`resource ${r.urn} is protected; set protect: false (or run without it) before deleting it`);
          if (!this.preview) {
            await (await this.provider()).delete(r.urn, r.id ?? "", plainMap(r.outputs), plainMap(r.inputs));
            this.deleted.add(r);
            this.persist();
          }
          if (!replaced.has(r)) this.recordStep({ op: "delete", urn: r.urn, type: r.type, name: r.name, id: r.id, diffs: [] });
          return true;
        } catch (error) {
          this.fail(error, { urn: r.urn, name: r.name, type: r.type, op: "delete" });
          return false;
        }
      },
      () => this.halted,
    );
    if (this.halted) for (const r of removed) this.dropped.delete(r);
    this.persist();
  }
}

/** `ignoreChanges`: top-level properties keep their old input value. */
function withIgnoredChanges(news: PropertyMap, olds: PropertyMap, ignored: readonly string[]): PropertyMap {
  const out: PropertyMap = { ...news };
  for (const key of ignored) {
    if (key === PROVIDER_KEY) continue;
    if (key in olds) out[key] = olds[key]!;
    else delete out[key];
  }
  return out;
}
