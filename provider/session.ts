/**
 * Everything the provider process remembers about one Live API client, in one object
 * created with the client: the lists its reads share, the batch of its fresh rule lists,
 * what its template creates know (the ambiguous-create snapshot and the ids they took),
 * and its write epoch. A client built from other settings or credentials gets a session
 * of its own, so nothing remembered under one connection answers for another.
 */
import type { CallbackRuleInfo, CallbackTemplateInfo, CreateTemplateRequest, LiveClient, LiveClientOptions } from "./client";
import { TemplateCreates } from "./resources/ambiguous-create";
import { FreshBatch, SharedList } from "./shared-reads";

/** What a session's reads follow: `readCacheMs` and `diagnostics.batchFreshReads` of the provider's settings. */
export interface SessionSettings {
  /** How long reads share one list call, ms; `0` never shares. */
  readonly readCacheMs: number;
  /** False sends one rule list per fresh read instead of batching (a benchmark instrument). */
  readonly batchFreshReads: boolean;
}

/** The client's options that report to its session: the write observer. */
export type SessionHooks = Required<Pick<LiveClientOptions, "onWrite">>;

/** A Live API client and what this process remembers about it. */
export class ClientSession {
  /** The client; every request of the session goes through it. */
  readonly client: LiveClient;
  /**
   * Increases when a write is sent and when it ends. A list fetched under another epoch
   * may not reflect this process's own changes, so shared reads compare it.
   */
  private writeEpoch = 0;
  private readonly rules: SharedList<CallbackRuleInfo[]>;
  private readonly templates: SharedList<CallbackTemplateInfo[]>;
  private readonly freshRuleLists: FreshBatch<CallbackRuleInfo[]>;
  private readonly creates: TemplateCreates;

  /**
   * @param makeClient - Builds the client, given the hooks through which it reports its writes to this session.
   * @param settings - How the session's reads are shared.
   */
  constructor(
    makeClient: (hooks: SessionHooks) => LiveClient,
    private readonly settings: SessionSettings,
  ) {
    const client = makeClient({ onWrite: () => void this.writeEpoch++ });
    this.client = client;
    this.rules = new SharedList(() => client.describeRules());
    this.templates = new SharedList(() => client.describeTemplates());
    this.freshRuleLists = new FreshBatch(() => client.describeRules());
    this.creates = new TemplateCreates(client);
  }

  /** Every rule of the account, shared with concurrent readers (see shared-reads.ts). For `read` only. */
  sharedRules(): Promise<CallbackRuleInfo[]> {
    return this.rules.get(this.writeEpoch, this.settings.readCacheMs);
  }

  /** Every template of the account, shared with concurrent readers. For `read` only. */
  sharedTemplates(): Promise<CallbackTemplateInfo[]> {
    return this.templates.get(this.writeEpoch, this.settings.readCacheMs);
  }

  /**
   * Every rule of the account, listed after this call was made (never a remembered
   * answer), batched with the callers of the same moment. For the delete guard and the
   * conflict checks.
   */
  freshRules(): Promise<CallbackRuleInfo[]> {
    // TENCENT_CSS_BATCH_FRESH_READS=0: one list per caller, the cost of a provider that
    // checks each resource on its own, as the Terraform provider does; `npm run bench`
    // compares that strategy with this one.
    return this.settings.batchFreshReads ? this.freshRuleLists.get() : this.client.describeRules();
  }

  /** Creates a template without ever creating two (see resources/ambiguous-create.ts); answers its id. */
  createTemplate(request: CreateTemplateRequest): Promise<number> {
    return this.creates.create(request);
  }
}
