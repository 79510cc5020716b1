/**
 * The Live API client: typed methods for the eight callback actions, each request
 * signed with TC3, sent over the undici transport, retried by the policy, and its
 * answer read by answer.ts (status, JSON, RequestId, the action's zod shape). It reads no environment: everything it needs comes in
 * through its options (the provider builds them from provider/settings.ts).
 */
import { randomInt } from "node:crypto";
import type { z } from "zod";
import { readAnswer, SeenRequestIds } from "./answer";
import { LiveRequestError, type InvalidRequestParameter } from "./errors";
import type { LiveConnection } from "./credentials";
import { DEFAULT_RETRY_POLICY, withRetries, type RetryEvent, type RetryPolicy } from "./retry";
import { DOCUMENTED_RATE_LIMITS, RequestPacer, type PacingLimits } from "./pacing";
import { LIVE_API_VERSION, LIVE_SERVICE, tc3Authorization } from "../../live-api/tc3";
import { createUndiciTransport, type Transport, type TransportTimeouts } from "./transport";
import {
  RequestSchemas,
  ResponseEnvelope,
  ResponseSchemas,
  type CallbackRuleInfo,
  type CallbackTemplateInfo,
  type CreateRuleRequest,
  type CreateTemplateRequest,
  type DeleteRuleRequest,
  type LiveCallbackAction,
  type ModifyTemplateRequest,
  type RequestOf,
  type ResponseOf,
  WRITE_ACTIONS,
} from "../../live-api/wire";

/** Options of a {@link LiveClient}. */
export interface LiveClientOptions {
  /** Where to connect and with which credentials (see `resolveConnection`). */
  readonly connection: LiveConnection;
  /** Connect, headers and body timeouts, and the whole-request deadline (see {@link TransportTimeouts}). */
  readonly timeouts?: TransportTimeouts;
  /**
   * Largest answer body read, in bytes; a bigger answer fails with a `LiveResponseError`
   * (`too-large`). Default 4 MiB (`DEFAULT_MAX_RESPONSE_BYTES`, which says why).
   */
  readonly maxResponseBytes?: number;
  /** Default {@link DEFAULT_RETRY_POLICY}. */
  readonly retryPolicy?: RetryPolicy;
  /** Replaces the HTTP transport (tests inject failures below the client this way). */
  readonly transport?: Transport;
  /** Clock in ms: signing timestamps, and the time retries and create recovery measure. Default `Date.now`. */
  readonly now?: () => number;
  /** Waits `ms` milliseconds: back-off between attempts and create recovery. Default a timer; tests pass a virtual clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called before each retry; the soak test and the benchmark count retries with it. */
  readonly onRetry?: (event: RetryEvent & { action: LiveCallbackAction }) => void;
  /** Called once per HTTP request sent. */
  readonly onRequest?: (action: LiveCallbackAction) => void;
  /**
   * Called when a write action is sent and again when it has ended, however it ended
   * (retries included). A list fetched while a write was under way, or before it, may not
   * reflect it: the provider's shared reads use this to stop sharing such a list.
   */
  readonly onWrite?: (event: { readonly action: LiveCallbackAction; readonly phase: "start" | "end" }) => void;
  /**
   * Requests per second to send at most, by action (see pacing.ts); `{}` sends without
   * pacing. Default: the documented quotas (200/s writes, 500/s Describes).
   */
  readonly pacing?: PacingLimits;
}

/**
 * How {@link LiveClient.createTemplate} finds out what became of a create whose answer
 * was lost (see provider/resources/ambiguous-create.ts).
 */
export interface CreateRecovery {
  /**
   * Looks for the template the failed attempt may have created: its id, or `undefined`
   * when it was not applied and the create may be sent again.
   */
  readonly find: (error: unknown) => Promise<number | undefined>;
  /** Sends at the least, whatever the retry policy says. */
  readonly minAttempts?: number;
}

/** Options of one {@link LiveClient.call}. */
export interface CallOptions<A extends LiveCallbackAction> {
  /** Looks for the effect of an attempt that may have been applied (see `withRetries`). */
  readonly recover?: (error: unknown) => Promise<ResponseOf<A> | undefined>;
  /** Attempts at the least for this call, whatever the retry policy says. */
  readonly minAttempts?: number;
}

/** Counters of one client's traffic. */
export interface LiveClientStats {
  requests: number;
  retries: number;
  readonly byAction: Partial<Record<LiveCallbackAction, number>>;
}

/**
 * Only CreateLiveCallbackTemplate applies twice when repeated. Every other action is
 * safe to repeat: Modify sends the complete state, Describe only reads, and a repeated
 * delete or rule create answers "not found"/"already exists", which callers treat as done.
 */
const NON_IDEMPOTENT: ReadonlySet<LiveCallbackAction> = new Set(["CreateLiveCallbackTemplate"]);

const USER_AGENT = "pulumi-tencent-css";

/** A client for the Live callback actions. */
export class LiveClient {
  readonly endpoint: string;
  readonly stats: LiveClientStats = { requests: 0, retries: 0, byAction: {} };
  private readonly connection: LiveConnection;
  private readonly transport: Transport;
  /** The retry policy every call follows, create recoveries included. */
  readonly retryPolicy: RetryPolicy;
  /** The clock every wait of this client goes through (the age of the ambiguous create's snapshot too). */
  readonly clock: { readonly now: () => number; readonly sleep: (ms: number) => Promise<void> };
  private readonly now: () => number;
  private readonly host: string;
  private readonly options: LiveClientOptions;
  private readonly pacer: RequestPacer;
  private readonly seenRequestIds = new SeenRequestIds();

  constructor(options: LiveClientOptions) {
    this.options = options;
    this.connection = options.connection;
    this.endpoint = this.connection.endpoint;
    // The official Node.js SDK signs the host name without the port.
    this.host = new URL(this.endpoint).hostname;
    this.transport =
      options.transport ?? createUndiciTransport(options.timeouts, undefined, { maxResponseBytes: options.maxResponseBytes });
    this.retryPolicy = options.retryPolicy ?? DEFAULT_RETRY_POLICY;
    this.now = options.now ?? Date.now;
    this.clock = { now: this.now, sleep: options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms))) };
    this.pacer = new RequestPacer(options.pacing ?? DOCUMENTED_RATE_LIMITS);
  }

  /**
   * Creates a template; answers its new id. Needs at least one callback URL. The one
   * action that applies twice when repeated: a failure that may have been applied is
   * thrown, unless `recovery` can tell whether it was (then its template is answered, or
   * the create is sent again).
   */
  async createTemplate(request: CreateTemplateRequest, recovery?: CreateRecovery): Promise<number> {
    if (!recovery) return (await this.call("CreateLiveCallbackTemplate", request)).TemplateId;
    const response = await this.call("CreateLiveCallbackTemplate", request, {
      minAttempts: recovery.minAttempts,
      recover: async (error) => {
        const id = await recovery.find(error);
        // The lost answer's RequestId is unknown; only the id is read from a recovered answer.
        return id === undefined ? undefined : { TemplateId: id, RequestId: "" };
      },
    });
    return response.TemplateId;
  }
  /** Changes a template. Fields not sent keep their value; `""` clears a URL. */
  async modifyTemplate(request: ModifyTemplateRequest): Promise<void> {
    await this.call("ModifyLiveCallbackTemplate", request);
  }
  /** Deletes a template; refused (kind `InUse`) while a rule still points at it. */
  async deleteTemplate(templateId: number): Promise<void> {
    await this.call("DeleteLiveCallbackTemplate", { TemplateId: templateId });
  }
  /** Reads one template; kind `NotFound` when it does not exist. */
  async describeTemplate(templateId: number): Promise<CallbackTemplateInfo> {
    return (await this.call("DescribeLiveCallbackTemplate", { TemplateId: templateId })).Template;
  }
  /** Lists every template of the account (at most 50; no pagination). */
  async describeTemplates(): Promise<CallbackTemplateInfo[]> {
    return (await this.call("DescribeLiveCallbackTemplates", {})).Templates;
  }
  /** Binds a template to (DomainName, AppName). */
  async createRule(request: CreateRuleRequest): Promise<void> {
    await this.call("CreateLiveCallbackRule", request);
  }
  /** Removes whatever rule sits on (DomainName, AppName); kind `NotFound` when none. */
  async deleteRule(request: DeleteRuleRequest): Promise<void> {
    await this.call("DeleteLiveCallbackRule", request);
  }
  /** Lists every rule of the account. */
  async describeRules(): Promise<CallbackRuleInfo[]> {
    return (await this.call("DescribeLiveCallbackRules", {})).Rules;
  }

  /** Calls one action with retries and validation. */
  async call<A extends LiveCallbackAction>(
    action: A,
    params: RequestOf<A>,
    options: CallOptions<A> = {},
  ): Promise<ResponseOf<A>> {
    const checked = RequestSchemas[action].safeParse(params);
    if (!checked.success) throw new LiveRequestError({ action, parameters: invalidParameters(checked.error) });
    const body = JSON.stringify(checked.data);
    // The one secret a request carries; a server that echoes the request must not get it printed.
    const callbackKey = (checked.data as { CallbackKey?: unknown }).CallbackKey;
    const isWrite = WRITE_ACTIONS.has(action);
    if (isWrite) this.options.onWrite?.({ action, phase: "start" });
    try {
      return await this.callWithRetries(action, body, options, typeof callbackKey === "string" ? callbackKey : undefined);
    } finally {
      if (isWrite) this.options.onWrite?.({ action, phase: "end" });
    }
  }

  private callWithRetries<A extends LiveCallbackAction>(
    action: A,
    body: string,
    options: CallOptions<A>,
    callbackKey: string | undefined,
  ): Promise<ResponseOf<A>> {
    return withRetries((attempt) => this.send(action, body, callbackKey, attempt), {
      policy: this.retryPolicy,
      idempotent: !NON_IDEMPOTENT.has(action),
      // A timed-out write may still land; let it before sending it again or looking for it (see withRetries).
      settleTimedOut: WRITE_ACTIONS.has(action),
      recover: options.recover,
      minAttempts: options.minAttempts,
      random: () => randomInt(0, 1_000_000) / 1_000_000,
      now: this.clock.now,
      sleep: this.clock.sleep,
      onRetry: (event) => {
        this.stats.retries++;
        this.options.onRetry?.({ ...event, action });
      },
    });
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  private async send<A extends LiveCallbackAction>(
    action: A,
    body: string,
    callbackKey: string | undefined,
    _attempt: number,
  ): Promise<ResponseOf<A>> {
    // Every attempt spends quota, retries included; sign after the wait so the timestamp is fresh.
    await this.pacer.take(action);
    const timestamp = Math.floor(this.now() / 1000);
    const { credentials, region } = this.connection;
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      "X-TC-Action": action,
      "X-TC-Version": LIVE_API_VERSION,
      "X-TC-Timestamp": String(timestamp),
      "User-Agent": USER_AGENT,
      Authorization: tc3Authorization({
        secretId: credentials.secretId,
        secretKey: credentials.secretKey,
        host: this.host,
        service: LIVE_SERVICE,
        timestamp,
        body,
      }),
    };
    if (region) headers["X-TC-Region"] = region;
    if (credentials.securityToken) headers["X-TC-Token"] = credentials.securityToken;

    this.stats.requests++;
    this.stats.byAction[action] = (this.stats.byAction[action] ?? 0) + 1;
    this.options.onRequest?.(action);
    const response = await this.transport.post(this.endpoint, headers, body, action);
    const signature = /Signature=([0-9a-f]+)/.exec(headers.Authorization!)?.[1];
    return readAnswer(response, {
      action,
      endpoint: this.endpoint,
      secrets: [...credentials.secrets(), headers.Authorization, signature, callbackKey],
      seen: this.seenRequestIds,
    });
  }
}

/**
 * Each zod issue as the parameter it is about and the problem. zod's messages name the
 * expected and received types, never the value itself.
 */
function invalidParameters(error: z.ZodError): InvalidRequestParameter[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ parameter: key, problem: "is not a parameter of this action" }));
    }
    const path = issue.path.reduce<string>(
      (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
      "",
    );
    return { parameter: path || "(request)", problem: issue.message };
  });
}
