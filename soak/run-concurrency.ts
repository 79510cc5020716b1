/**
 * Many provider operations at once against a rate-limited emulator: template creates,
 * template updates, binding creates and template reads, all started together and left
 * to the client's back-off. Used by `test/reliability/concurrency.test.ts` and by
 * `npm run soak -- --concurrency N --rps R`, which prints the figures.
 *
 * The hooks run in this process (the same functions the dynamic-provider process calls);
 * the provider's own client and retry policy are used unchanged.
 */
import { startEmulator } from "../emulator";
import * as provider from "../provider";
import { DEFAULT_RETRY_POLICY, LiveClient, LiveCredentials, type RetryPolicy } from "../provider/client";

/** Knobs of a concurrency run. */
export interface ConcurrencyOptions {
  /** Operations started at once; split evenly over the four kinds. */
  readonly operations: number;
  /** The emulator's limit, requests per second for each action. */
  readonly rps: number;
  /** The provider's retry policy. Default: the provider's default. */
  readonly retryPolicy?: RetryPolicy;
}

/** What a run did. */
export interface ConcurrencyResult {
  readonly operations: number;
  readonly byKind: Record<string, number>;
  readonly rps: number;
  readonly succeeded: number;
  readonly failed: number;
  /** The first few failure messages. */
  readonly failures: string[];
  readonly requests: number;
  readonly retries: number;
  /** Requests the emulator refused with RequestLimitExceeded. */
  readonly throttled: number;
  readonly durationMs: number;
  /** Slowest single operation, ms. */
  readonly slowestMs: number;
  /** Templates and rules in the cloud afterwards. */
  readonly templates: number;
  readonly rules: number;
  /** Template names that exist more than once (must be none). */
  readonly duplicates: string[];
}

const URL = "https://hooks.example.com/concurrency";

/** Runs the operations; never throws for a failed operation (they are counted). */
export async function runConcurrency(options: ConcurrencyOptions): Promise<ConcurrencyResult> {
  const emulator = await startEmulator({ rps: options.rps, maxTemplates: 10_000 });
  const seeder = new LiveClient({
    connection: { credentials: new LiveCredentials(emulator.credentials.secretId, emulator.credentials.secretKey), endpoint: emulator.url },
  });
  try {
    const quarter = Math.floor(options.operations / 4);
    const counts = { createTemplate: options.operations - 3 * quarter, updateTemplate: quarter, createBinding: quarter, readTemplate: quarter };
    // Templates to update, bind and read, made beforehand and slowly enough not to be throttled.
    const existing: number[] = [];
    for (let i = 0; i < Math.max(quarter, 1); i++) {
      existing.push(await seeder.createTemplate({ TemplateName: `existing_${i}`, StreamBeginNotifyUrl: `${URL}/${i}` }));
      if ((i + 1) % Math.max(1, options.rps - 1) === 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    emulator.resetRequestCounts();

    provider.setClientOptions({ retryPolicy: options.retryPolicy ?? DEFAULT_RETRY_POLICY });
    provider.setStackConfig({
      "tencentcloud:secretId": emulator.credentials.secretId,
      "tencentcloud:secretKey": emulator.credentials.secretKey,
      "tencent-css:endpoint": emulator.url,
    });
    const client = provider.liveClient();
    const operations: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < counts.createTemplate; i++) {
      operations.push(() => provider.template.create({ templateName: `concurrent_${i}`, streamBeginNotifyUrl: `${URL}/new/${i}` }));
    }
    for (let i = 0; i < counts.updateTemplate; i++) {
      const id = existing[i % existing.length]!;
      operations.push(() =>
        provider.template.update(String(id), {}, { templateName: `existing_${i}`, streamBeginNotifyUrl: `${URL}/updated/${i}` }),
      );
    }
    for (let i = 0; i < counts.createBinding; i++) {
      const templateId = existing[i % existing.length]!;
      operations.push(() => provider.binding.create({ domainName: `c${i}.concurrency.example.com`, appName: "live", templateId }));
    }
    for (let i = 0; i < counts.readTemplate; i++) {
      const id = existing[i % existing.length]!;
      operations.push(async () => {
        const read = await provider.template.read(String(id), {});
        if (!read.id) throw new Error(`template ${id} was not found by read`);
      });
    }

    const started = Date.now();
    let slowestMs = 0;
    const outcomes = await Promise.allSettled(
      operations.map(async (operation) => {
        const t0 = Date.now();
        try {
          return await operation();
        } finally {
          slowestMs = Math.max(slowestMs, Date.now() - t0);
        }
      }),
    );
    const durationMs = Date.now() - started;
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => String(o.reason?.message ?? o.reason));
    const state = emulator.state();
    const names = new Map<string, number>();
    for (const t of state.templates) names.set(t.TemplateName, (names.get(t.TemplateName) ?? 0) + 1);
    const throttled = Object.values(emulator.requestCounts()).reduce((sum, c) => sum + c.throttled, 0);
    return {
      operations: operations.length,
      byKind: counts,
      rps: options.rps,
      succeeded: outcomes.length - failures.length,
      failed: failures.length,
      failures: failures.slice(0, 5),
      requests: client.stats.requests,
      retries: client.stats.retries,
      throttled,
      durationMs,
      slowestMs,
      templates: state.templates.length,
      rules: state.rules.length,
      duplicates: [...names].filter(([, n]) => n > 1).map(([name]) => name),
    };
  } finally {
    try {
      await provider.liveClient().close();
    } catch {
      // No client was made: nothing to close.
    }
    await seeder.close();
    await emulator.close();
  }
}
