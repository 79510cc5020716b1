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
 * Limits: a process that dies between sending and step 2 forgets; its rerun creates a new
 * template and the lost one remains (findable by name in the console). Two identical
 * templates created at the same moment by two different processes cannot be told apart.
 */
import {
  backoffDelayMs,
  isRetryable,
  timedOutWaiting,
  LiveApiError,
  LiveTransportError,
  type CallbackTemplateInfo,
  type CreateTemplateRequest,
  type LiveClient,
} from "../client";
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

const snapshots = new WeakMap<LiveClient, Snapshot>();
const claimed = new WeakMap<LiveClient, Set<number>>();

function claimedBy(client: LiveClient): Set<number> {
  let set = claimed.get(client);
  if (!set) claimed.set(client, (set = new Set()));
  return set;
}

/** Ids that existed before now (shared list, at most a minute old, completed before the create). */
async function idsBefore(client: LiveClient): Promise<ReadonlySet<number>> {
  const current = snapshots.get(client);
  if (current && client.clock.now() - current.takenAt < SNAPSHOT_MAX_AGE_MS) {
    try {
      return await current.ids;
    } catch {
      // fall through to a new list
    }
  }
  const ids = client.describeTemplates().then((list) => new Set(list.map((t) => t.TemplateId)));
  snapshots.set(client, { takenAt: client.clock.now(), ids });
  return ids;
}

/**
 * True when the listed template holds exactly what the create request asked for, by the
 * provider's one template equality. Fields Describe never returns cannot be compared.
 */
export function matchesRequest(template: CallbackTemplateInfo, request: CreateTemplateRequest): boolean {
  return sameTemplate(propertiesFromFields(template), propertiesFromFields(request), { describedOnly: true });
}

function isAmbiguous(error: unknown): boolean {
  // A 4xx from something in front of the API means the request was turned away.
  if (error instanceof LiveTransportError) return error.ambiguous && !(error.failure === "http-status" && (error.status ?? 500) < 500);
  return error instanceof LiveApiError && error.isBareInternalError;
}


/** Creates a template as described above and answers its id. */
export async function createTemplateOnce(client: LiveClient, request: CreateTemplateRequest): Promise<number> {
  const before = await idsBefore(client);
  const mine = claimedBy(client);
  const maxAttempts = Math.max(MIN_CREATE_ATTEMPTS, client.retryPolicy.maxAttempts);
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const sentAt = client.clock.now();
    try {
      const id = await client.createTemplate(request);
      mine.add(id);
      return id;
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      lastError = error;
    }
    // A fixed second was too short: undici's timers let a timeout of T fire up to ~1 s late.
    if (timedOutWaiting(lastError)) await client.clock.sleep(Math.max(1_000, client.clock.now() - sentAt));
    const candidates = (await client.describeTemplates()).filter(
      (t) => !before.has(t.TemplateId) && !mine.has(t.TemplateId) && matchesRequest(t, request),
    );
    if (candidates.length > 0) {
      // Several can only mean several lost answers of our own retries: keep the first.
      const id = Math.min(...candidates.map((t) => t.TemplateId));
      mine.add(id);
      return id;
    }
    if (!isRetryable(lastError, true)) throw lastError;
    if (attempt < maxAttempts) await client.clock.sleep(backoffDelayMs(client.retryPolicy, attempt));
  }
  throw lastError;
}
