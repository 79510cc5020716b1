import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveClient } from "../../provider";
import { ClientSession } from "../../provider/session";
import { providerFixture } from "../support/hooks";
import { rejection } from "../support/live";

let fx: Awaited<ReturnType<typeof providerFixture>>;
beforeEach(async () => {
  fx = await providerFixture();
});
afterEach(async () => {
  delete process.env.TENCENT_CSS_READ_CACHE_MS;
  await fx.stop();
});

async function bindings(count: number) {
  const templateId = await fx.console.createTemplate({ TemplateName: "t", StreamBeginNotifyUrl: "https://h.example.com/b" });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    await fx.console.createRule({ DomainName: `d${i}.example.com`, AppName: "live", TemplateId: templateId });
    ids.push(`d${i}.example.com/live`);
  }
  fx.emulator.resetRequestCounts();
  return { templateId, ids };
}

const describes = (action: string) => (fx.emulator.requestCounts() as Record<string, { received: number }>)[action]?.received ?? 0;

describe("coalesced reads", () => {
  it("serves 50 concurrent binding reads with one DescribeLiveCallbackRules", async () => {
    const { ids, templateId } = await bindings(50);
    const reads = await Promise.all(ids.map((id) => fx.binding.read(id, {})));
    expect(reads.every((r) => r.props?.templateId === templateId)).toBe(true);
    expect(describes("DescribeLiveCallbackRules")).toBe(1);
  });

  it("serves template reads from one DescribeLiveCallbackTemplates", async () => {
    const ids = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => fx.console.createTemplate({ TemplateName: `t${i}`, StreamBeginNotifyUrl: "https://h.example.com/b" })),
    );
    fx.emulator.resetRequestCounts();
    const reads = await Promise.all(ids.map((id) => fx.template.read(String(id), {})));
    expect(reads.map((r) => r.props?.templateName).sort()).toEqual(["t1", "t2", "t3", "t4", "t5"]);
    expect(describes("DescribeLiveCallbackTemplates")).toBe(1);
    expect(describes("DescribeLiveCallbackTemplate")).toBe(0);
  });

  it("drops the shared answer after a write by this process", async () => {
    const { ids, templateId } = await bindings(2);
    await fx.binding.read(ids[0]!, {});
    await fx.binding.delete(ids[1]!, { templateId });
    // As refresh reads it: with the stored outputs.
    expect(await fx.binding.read(ids[1]!, { domainName: "d1.example.com", appName: "live", templateId })).toEqual({});
    expect(describes("DescribeLiveCallbackRules")).toBe(3);
  });

  it("reads afresh every time when sharing is turned off", async () => {
    process.env.TENCENT_CSS_READ_CACHE_MS = "0";
    const { ids } = await bindings(3);
    await Promise.all(ids.map((id) => fx.binding.read(id, {})));
    expect(describes("DescribeLiveCallbackRules")).toBe(3);
  });

  it("never lets the delete guard use a shared answer", async () => {
    const templateId = await fx.console.createTemplate({ TemplateName: "guarded", StreamBeginNotifyUrl: "https://h.example.com/b" });
    await fx.binding.read("unbound.example.com/live", { domainName: "unbound.example.com", appName: "live", templateId });
    // Bound outside this process after the list above was fetched.
    await fx.console.createRule({ DomainName: "late.example.com", AppName: "live", TemplateId: templateId });
    const error = await rejection(fx.template.delete(String(templateId), {}));
    expect(error.message).toContain("late.example.com/live");
  });
});

describe("fresh batched reads for the guard and conflict checks", () => {
  it("lets 100 concurrent binding creates share a few rule lists, each sent after its callers asked", async () => {
    const templateId = await fx.console.createTemplate({ TemplateName: "many", StreamBeginNotifyUrl: "https://h.example.com/b" });
    fx.emulator.resetRequestCounts();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) => fx.binding.create({ domainName: `m${i}.example.com`, appName: "live", templateId })),
    );
    expect(fx.emulator.state().rules).toHaveLength(100);
    expect(describes("DescribeLiveCallbackRules")).toBeLessThanOrEqual(5);
  });

  it("never answers a caller with a list requested before it asked", async () => {
    // A stand-in client whose list calls are released by hand and numbered.
    const releases: Array<() => void> = [];
    let sent = 0;
    const client = {
      describeRules: () => {
        const n = ++sent;
        return new Promise((resolve) => releases.push(() => resolve([{ n }])));
      },
    } as unknown as LiveClient;
    const session = new ClientSession(() => client, { readCacheMs: 5_000, batchFreshReads: true });
    const first = session.freshRules();
    const sameTurn = session.freshRules();
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(1);
    // Asked while list 1 is in flight: must get list 2, sent after list 1 ends.
    const later = session.freshRules();
    const laterStill = session.freshRules();
    releases.shift()!();
    expect(await first).toEqual([{ n: 1 }]);
    expect(await sameTurn).toEqual([{ n: 1 }]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toBe(2);
    releases.shift()!();
    expect(await later).toEqual([{ n: 2 }]);
    expect(await laterStill).toEqual([{ n: 2 }]);
  });
});
