/**
 * Reading one HTTP answer of the Live API: its status, its body, the envelope, the
 * RequestId and the action's shape. Each way an answer can be unusable becomes the error
 * that says which (see {@link LiveResponseError}); nothing of the body reaches a message
 * but a short excerpt with the request's secrets removed.
 */
import type { z } from "zod";
import { ResponseEnvelope, ResponseSchemas, type LiveCallbackAction, type ResponseOf } from "../../live-api/wire";
import { bodyExcerpt, endsEarly, isHtml } from "./body-excerpt";
import { LiveApiError, LiveResponseError, LiveTransportError, redactSecrets, type ResponseFailure } from "./errors";
import type { TransportResponse } from "./transport";

/**
 * RequestIds a client remembers. Tencent gives every request its own; a `pulumi up` of
 * 1,000 bindings reads about 2,000 answers, and 8,192 ids cost well under 1 MB.
 */
export const REMEMBERED_REQUEST_IDS = 8192;

/**
 * The RequestIds of the answers a client has read, the latest {@link REMEMBERED_REQUEST_IDS}.
 *
 * A client cannot predict the RequestId of its next answer (Tencent makes it, and the
 * request carries no id of its own), so "the wrong RequestId" can only be one it has
 * already seen: an earlier answer sent again, by a cache or a proxy that crosses
 * answers. An answer meant for another client carries an id this one never saw and
 * cannot be told from its own; its shape is still checked.
 */
export class SeenRequestIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = REMEMBERED_REQUEST_IDS) {}

  /** Notes `id`; false when it was already there. */
  note(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    // A Set iterates in insertion order: the first is the oldest.
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}

/** What reading an answer needs besides the answer. */
export interface AnswerContext<A extends LiveCallbackAction> {
  readonly action: A;
  /** For messages: where the answer came from. */
  readonly endpoint: string;
  /** Values no message may show: the credentials, the request's signature and callback key. */
  readonly secrets: ReadonlyArray<string | undefined>;
  /** The RequestIds this client has read. */
  readonly seen: SeenRequestIds;
}

/**
 * The action's answer, or the error that says why there is none.
 *
 * @throws LiveTransportError - `http-status` for a status other than 200 (with an excerpt).
 * @throws LiveResponseError - an answer that cannot be used (see {@link ResponseFailure}).
 * @throws LiveApiError - the service's own error answer.
 */
export function readAnswer<A extends LiveCallbackAction>(response: TransportResponse, context: AnswerContext<A>): ResponseOf<A> {
  const { action, endpoint, secrets } = context;
  const { status, body, contentType } = response;
  const html = () => isHtml(body, contentType);
  const excerpt = () => bodyExcerpt(body, secrets, contentType);
  // Only a body that is not JSON is quoted: a JSON answer, cut or not, may hold other
  // templates' callback keys, which no redaction of this request's secrets would catch.
  const unusable = (failure: ResponseFailure, detail: string, more: { requestId?: string; excerpt?: string } = {}) =>
    new LiveResponseError({ action, failure, detail, endpoint, requestId: more.requestId, excerpt: more.excerpt || undefined });

  if (status !== 200) {
    const quoted = excerpt();
    const detail = `HTTP ${status}${quoted ? ` (${html() ? "an HTML page" : "body"}: "${quoted}")` : ""}`;
    throw new LiveTransportError({ action, failure: "http-status", status, endpoint, detail });
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (endsEarly(body) && !html()) throw unusable("truncated", `the JSON body is cut short after ${Buffer.byteLength(body)} bytes`);
    const quoted = excerpt();
    if (html()) throw unusable("html-page", `an HTML page ("${quoted}") where JSON was expected`, { excerpt: quoted });
    throw unusable("not-json", `the body is not JSON ("${quoted}")`, { excerpt: quoted });
  }
  const envelope = ResponseEnvelope.safeParse(json);
  if (!envelope.success) throw unusable("malformed", `it is not a Live API answer (${problemsOf(envelope.error, secrets)})`);
  const { Error: apiError, RequestId } = envelope.data.Response;
  if (RequestId !== undefined && !context.seen.note(RequestId)) {
    throw unusable("replayed", "an earlier answer already carried its RequestId, so it answers another request", { requestId: RequestId });
  }
  if (apiError) {
    throw new LiveApiError({ code: apiError.Code, message: redactSecrets(apiError.Message, secrets), action, requestId: RequestId ?? "unknown" });
  }
  const parsed = (ResponseSchemas[action] as unknown as z.ZodType<ResponseOf<A>>).safeParse(envelope.data.Response);
  if (!parsed.success) throw unusable("malformed", `it is not a ${action} answer (${problemsOf(parsed.error, secrets)})`, { requestId: RequestId });
  return parsed.data;
}

/** The first problems zod found, as `path: problem`. zod's messages name types, never the value. */
function problemsOf(error: z.ZodError, secrets: ReadonlyArray<string | undefined>): string {
  const text = error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(answer)"}: ${issue.message}`)
    .join("; ");
  return redactSecrets(text + (error.issues.length > 3 ? `; and ${error.issues.length - 3} more` : ""), secrets);
}
