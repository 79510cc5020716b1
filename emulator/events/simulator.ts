/**
 * Simulated stream events: finds the callback rule on (domain, app) and its template,
 * builds the payload Tencent would send, signs it with the template's CallbackKey, and
 * delivers it to the template's URL for that event type with Tencent's retries.
 * Remembers pushes in progress so an interruption (0) repeats the `sequence` of its
 * start (1). Knows nothing of the emulator's HTTP server.
 */
import { randomInt } from "node:crypto";
import type { CallbackEventType } from "../../live-api/callback-events";
import { signCallback } from "../../live-api/callback-signature";
import { findRule, type EmulatorState } from "../model";
import { CallbackSender, type RetryPlan } from "./callback-sender";
import { DeliveryLog, type DeliveryAttempt, type DeliveryLogEntry } from "./delivery-log";
import { EventSimulationError } from "./errors";
import { EVENT_TYPE_DELIVERY } from "./event-types";
import { buildPayload, type StreamSession } from "./payloads";
import { parseSimulatedEvent } from "./simulate-request";

/** How long a signature stays valid: `t` is the send time plus this, seconds (Tencent's default). */
export const SIGNATURE_VALIDITY_SECONDS = 600;

/** Delivery settings of an emulator. */
export interface DeliverySettings {
  /** Attempts per event; `undefined` keeps Tencent's count for each event type (5 or 12). */
  readonly attempts: number | undefined;
  /** Wait between attempts, ms. */
  readonly intervalMs: number;
  /** Time the receiver has to answer, ms. */
  readonly timeoutMs: number;
}

/** An event ready to deliver: checked, built and signed. */
export interface PreparedEvent {
  /** Groups this event's attempts in the delivery log. */
  readonly deliveryId: number;
  readonly eventType: CallbackEventType;
  /** The template URL it goes to. */
  readonly url: string;
  /** The JSON body, signed when the template has a key (except 321). */
  readonly payload: Record<string, unknown>;
  readonly domainName: string;
  readonly appName: string;
  readonly streamId: string;
  readonly plan: RetryPlan;
}

/** What a simulated event led to, once delivered or given up. */
export interface DeliveryReport {
  /** Groups this event's attempts in the delivery log. */
  readonly deliveryId: number;
  /** True when an attempt got HTTP 200. */
  readonly delivered: boolean;
  /** Present (true) when the emulator was closed before the delivery finished. */
  readonly cancelled?: true;
  readonly url: string;
  readonly eventType: CallbackEventType;
  /** The body that was sent. */
  readonly payload: Record<string, unknown>;
  /** Every attempt, first first. */
  readonly attempts: readonly DeliveryAttempt[];
}

/** What the simulator needs from the emulator. */
export interface SimulatorDeps {
  /** The committed state (rules and templates are read from it). */
  readonly state: () => EmulatorState;
  /** The emulator clock, Unix ms. */
  readonly now: () => number;
  readonly settings: DeliverySettings;
  /** Aborted when the emulator closes: pending retries stop. */
  readonly lifetime: AbortSignal;
  /** Attempts kept in the log. Default 1000. */
  readonly logCapacity?: number;
}

/** Simulates stream events and delivers their callbacks. One per emulator. */
export class StreamEventSimulator {
  /** Every attempt made, newest last. */
  readonly log: DeliveryLog;
  private readonly sender: CallbackSender;
  private readonly sessions = new Map<string, StreamSession>();
  private readonly pending = new Set<Promise<DeliveryReport>>();
  private nextDeliveryId = 1;

  constructor(private readonly deps: SimulatorDeps) {
    this.log = new DeliveryLog(deps.logCapacity);
    this.sender = new CallbackSender(deps.now, deps.lifetime);
  }

  /**
   * Checks the request, finds the rule and the URL, builds and signs the payload.
   * Nothing is sent yet. A start (1) or interruption (0) updates the push in progress.
   *
   * @throws EventSimulationError - `InvalidEvent`, `RuleNotFound`, `NoCallbackUrl`, `LevelNotSubscribed`.
   */
  prepare(input: unknown): PreparedEvent {
    const event = parseSimulatedEvent(input);
    const { eventType, domainName, appName, streamId } = event;
    const state = this.deps.state();
    const rule = findRule(state, domainName, appName);
    if (!rule) {
      throw new EventSimulationError(
        "RuleNotFound",
        `There is no callback rule on ${domainName}/${appName}, so Tencent would send no callback. Bind a template with CreateLiveCallbackRule (a DomainBinding) first.`,
      );
    }
    // A rule always points at an existing template (the model enforces it).
    const template = state.templates.find((t) => t.TemplateId === rule.TemplateId)!;
    const delivery = EVENT_TYPE_DELIVERY[eventType];
    const url = template[delivery.urlField];
    if (!url) {
      throw new EventSimulationError(
        "NoCallbackUrl",
        `Template ${template.TemplateId} bound to ${domainName}/${appName} has no ${delivery.urlField}, so Tencent would send no event_type ${eventType} callback. Set that URL on the template first.`,
      );
    }

    const nowMs = this.deps.now();
    const sessionKey = `${domainName}\u0000${appName}\u0000${streamId}`;
    let payload: Record<string, unknown> = {
      ...buildPayload({
        eventType,
        domainName,
        appName,
        streamId,
        nowMs,
        session: this.sessions.get(sessionKey),
        recordExceptionLevels: template.RecordExceptionLevels,
        randomDigits,
      }),
      ...event.fields,
    };
    if (eventType === 341 && template.RecordExceptionLevels.length > 0 && !template.RecordExceptionLevels.includes(payload.exception_level as never)) {
      throw new EventSimulationError(
        "LevelNotSubscribed",
        `Template ${template.TemplateId} subscribes to recording exceptions of level ${template.RecordExceptionLevels.join(", ")} only, not ${JSON.stringify(payload.exception_level)}, so Tencent would send nothing. Pick one of those levels in fields.exception_level.`,
      );
    }
    if (delivery.signed && template.CallbackKey !== "") {
      const t = payload.t ?? Math.floor(nowMs / 1000) + SIGNATURE_VALIDITY_SECONDS;
      payload = { ...payload, t, sign: payload.sign ?? signCallback(template.CallbackKey, String(t)) };
    }

    if (eventType === 1) this.sessions.set(sessionKey, { sequence: String(payload.sequence), startedAtMs: nowMs });
    if (eventType === 0) this.sessions.delete(sessionKey);

    return {
      deliveryId: this.nextDeliveryId++,
      eventType,
      url,
      payload,
      domainName,
      appName,
      streamId,
      plan: {
        attempts: this.deps.settings.attempts ?? delivery.tencentAttempts,
        intervalMs: this.deps.settings.intervalMs,
        timeoutMs: this.deps.settings.timeoutMs,
      },
    };
  }

  /** Delivers a prepared event; resolves when it got a 200, ran out of attempts, or the emulator closed. Never rejects. */
  deliver(event: PreparedEvent): Promise<DeliveryReport> {
    const { deliveryId, eventType, url, domainName, appName, streamId } = event;
    const entry = { deliveryId, eventType, url, domainName, appName, streamId };
    const report = this.sender
      .send(url, JSON.stringify(event.payload), event.plan, (attempt) => this.log.record({ ...entry, ...attempt } as DeliveryLogEntry))
      .then(({ delivered, cancelled, attempts }) => ({
        deliveryId,
        delivered,
        ...(cancelled ? { cancelled: true as const } : {}),
        url,
        eventType,
        payload: event.payload,
        attempts,
      }));
    this.pending.add(report);
    void report.finally(() => this.pending.delete(report));
    return report;
  }

  /** {@link prepare} then {@link deliver}. Rejects with `EventSimulationError` when nothing could be sent. */
  async simulate(input: unknown): Promise<DeliveryReport> {
    return this.deliver(this.prepare(input));
  }

  /** Waits for the deliveries under way (they stop once the lifetime signal is aborted) and drops every connection. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.sender.close();
  }
}

function randomDigits(length: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length) digits += String(randomInt(0, 10));
  return digits;
}
