/**
 * Creating a template without ever creating two.
 *
 * `CreateLiveCallbackTemplate` is the one action that applies twice when repeated, and
 * the API has no idempotency token. When its answer is lost (reset, timeout, 5xx, bare
 * InternalError) the template may or may not exist. The rule:
 *
 * 1. Before creating, note which template ids exist (a list at most a minute old, shared
 *    by the creates of one `pulumi up`).
 * 2. After an ambiguous failure, list again. A template that is new since step 1, not
 *    claimed by another create of this process, and equal to the desired state in every
 *    field (name, description, URLs, levels, key) is ours: it is reused.
 * 3. If there is none, the create was not applied and is sent again, after the retry
 *    policy's back-off and as many times as it allows (at least 3). When the failure was
 *    a timeout, the service may still be working on it: step 2 then waits first, as long
 *    again as the request already waited (at least a second), so a slow create lands
 *    before the list that looks for it.
 *
 * Attempts, back-off and the wait after a timeout are the client's one retry loop
 * (`withRetries`); this module is its recovery hook (step 2) and the memory it needs
 * (steps 1 and 2), which lives in the client's `ClientSession` (provider/session.ts).
 *
 * Limits: a process that dies between sending and step 2 forgets; its rerun creates a new
 * template and the lost one remains (findable by name in the console). Two identical
 * templates created at the same moment by two different processes cannot be told apart.
 */
import type { CallbackTemplateInfo, CreateTemplateRequest, LiveClient } from "../client";
import { sameTemplate } from "./template-equality";
import { propertiesFromFields } from "./template-wire";

const SNAPSHOT_MAX_AGE_MS = 60_000;
/**
 * Sends of one create at the least. The client's retry policy may allow more: a fixed 3
 * made the fault soak rerun `pulumi up` where every other action would have retried on.
 */
const MIN_CREATE_ATTEMPTS = 3;

interface Snapshot {
  readonly takenAt: number;
  readonly ids: Promise<ReadonlySet<number>>;
}

/**
 * True when the listed template holds exactly what the create request asked for, by the
 * provider's one template equality. Fields Describe never returns cannot be compared.
 */
export function matchesRequest(template: CallbackTemplateInfo, request: CreateTemplateRequest): boolean {
  return sameTemplate(propertiesFromFields(template), propertiesFromFields(request), { describedOnly: true });
}

/**
 * The template creates of one client: what existed before them (step 1) and which new
 * templates they have taken (step 2), so two creates of one `pulumi up` never take the
 * same template.
 */
export class TemplateCreates {
  private snapshot?: Snapshot;
  private readonly claimed = new Set<number>();

  /** @param client - The client the creates and their lists go through. */
  constructor(private readonly client: LiveClient) {}

  /** Creates a template as described above and answers its id. */
  async create(request: CreateTemplateRequest): Promise<number> {
    const before = await this.idsBefore();
    const id = await this.client.createTemplate(request, {
      minAttempts: MIN_CREATE_ATTEMPTS,
      find: async () => {
        const candidates = (await this.client.describeTemplates()).filter(
          (t) => !before.has(t.TemplateId) && !this.claimed.has(t.TemplateId) && matchesRequest(t, request),
        );
        if (candidates.length === 0) return undefined;
        // Several can only mean several lost answers of our own retries: keep the first.
        const found = Math.min(...candidates.map((t) => t.TemplateId));
        // Claimed at once, before another create's look can see it.
        this.claimed.add(found);
        return found;
      },
    });
    this.claimed.add(id);
    return id;
  }

  /** Ids that existed before now (shared list, at most a minute old, completed before the create). */
  private async idsBefore(): Promise<ReadonlySet<number>> {
    const current = this.snapshot;
    if (current && this.client.clock.now() - current.takenAt < SNAPSHOT_MAX_AGE_MS) {
      try {
        return await current.ids;
      } catch {
        // fall through to a new list
      }
    }
    const ids = this.client.describeTemplates().then((list) => new Set(list.map((t) => t.TemplateId)));
    this.snapshot = { takenAt: this.client.clock.now(), ids };
    return ids;
  }
}
