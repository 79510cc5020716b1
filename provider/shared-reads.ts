/**
 * Coalesced reads for refresh: concurrent reads of bindings share one
 * `DescribeLiveCallbackRules`, template reads share one `DescribeLiveCallbackTemplates`.
 *
 * A refresh of 1,000 bindings then costs one or two list calls instead of 1,000 (the
 * Terraform provider lists every rule once per binding). Answers are shared while a
 * request is in flight and for a short time after (`TENCENT_CSS_READ_CACHE_MS`, default
 * 5 s, `0` turns sharing off), and never across a write made by this process: a write
 * started after a list began makes that list stale. Only `read` uses these; the delete
 * guard and conflict checks use {@link freshRules} instead: requests that are sent after
 * the caller asked, batched with the other callers of the same moment.
 */
import type { CallbackRuleInfo, CallbackTemplateInfo, LiveClient } from "./client";

const DEFAULT_TTL_MS = 5_000;

interface Entry<T> {
  readonly epoch: number;
  readonly startedAt: number;
  readonly value: Promise<T>;
}

class SharedList<T> {
  private entry?: Entry<T>;
  constructor(private readonly fetch: () => Promise<T>) {}

  get(client: LiveClient, ttlMs: number): Promise<T> {
    const now = Date.now();
    const current = this.entry;
    if (current && current.epoch === client.writeEpoch && now - current.startedAt <= ttlMs) return current.value;
    const value = this.fetch();
    const entry: Entry<T> = { epoch: client.writeEpoch, startedAt: now, value };
    this.entry = entry;
    // A failed list is not shared with later callers.
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }
}

interface ClientLists {
  readonly rules: SharedList<CallbackRuleInfo[]>;
  readonly templates: SharedList<CallbackTemplateInfo[]>;
}

const perClient = new WeakMap<LiveClient, ClientLists>();

function listsOf(client: LiveClient): ClientLists {
  let lists = perClient.get(client);
  if (!lists) {
    lists = {
      rules: new SharedList(() => client.describeRules()),
      templates: new SharedList(() => client.describeTemplates()),
    };
    perClient.set(client, lists);
  }
  return lists;
}

function ttl(): number {
  const configured = Number(process.env.TENCENT_CSS_READ_CACHE_MS);
  return Number.isFinite(configured) && configured >= 0 && process.env.TENCENT_CSS_READ_CACHE_MS !== "" ? configured : DEFAULT_TTL_MS;
}

/** Every rule of the account, shared with concurrent readers. For `read` only. */
export function sharedRules(client: LiveClient): Promise<CallbackRuleInfo[]> {
  const ttlMs = ttl();
  return ttlMs === 0 ? client.describeRules() : listsOf(client).rules.get(client, ttlMs);
}

/** Every template of the account, shared with concurrent readers. For `read` only. */
export function sharedTemplates(client: LiveClient): Promise<CallbackTemplateInfo[]> {
  const ttlMs = ttl();
  return ttlMs === 0 ? client.describeTemplates() : listsOf(client).templates.get(client, ttlMs);
}

/**
 * A list call sent after every one of its callers asked. Callers join the next request
 * that has not been sent yet; it is sent on the next turn of the event loop, or when the
 * request in flight ends. Nothing older than a caller's own request is ever answered, so
 * the delete guard and conflict checks stay exact, while 1,000 concurrent binding creates
 * cost a handful of list calls (about one per round trip) instead of 1,000.
 */
class FreshBatch<T> {
  private next?: Promise<T>;
  private running?: Promise<void>;
  constructor(private readonly fetch: () => Promise<T>) {}

  get(): Promise<T> {
    if (this.next) return this.next;
    const gate = this.running ?? new Promise<void>((resolve) => setImmediate(resolve));
    const next = gate.then(() => {
      this.next = undefined;
      const result = this.fetch();
      const running: Promise<void> = result.then(
        () => undefined,
        () => undefined,
      );
      this.running = running;
      void running.then(() => {
        if (this.running === running) this.running = undefined;
      });
      return result;
    });
    this.next = next;
    return next;
  }
}

const freshPerClient = new WeakMap<LiveClient, FreshBatch<CallbackRuleInfo[]>>();

/**
 * Every rule of the account, listed after this call was made (never a remembered answer).
 *
 * `TENCENT_CSS_BATCH_FRESH_READS=0` sends one list per caller instead of batching: the
 * cost of a provider that checks each resource on its own, as the Terraform provider
 * does (it lists every rule after each create and before each delete). It exists for
 * `npm run bench`, which compares that strategy with this one; nobody needs it otherwise.
 */
export function freshRules(client: LiveClient): Promise<CallbackRuleInfo[]> {
  if (process.env.TENCENT_CSS_BATCH_FRESH_READS === "0") return client.describeRules();
  let batch = freshPerClient.get(client);
  if (!batch) freshPerClient.set(client, (batch = new FreshBatch(() => client.describeRules())));
  return batch.get();
}
