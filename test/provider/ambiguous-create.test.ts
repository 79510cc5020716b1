import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setClientOptions } from "../../provider";
import { createUndiciTransport } from "../../provider/client";
import { providerFixture } from "../support/hooks";
import { slowServer, VirtualClock } from "../support/virtual-time";

let fx: Awaited<ReturnType<typeof providerFixture>>;
beforeEach(async () => {
  fx = await providerFixture();
});
afterEach(async () => fx.stop());

const inputs = { templateName: "ambiguous", streamBeginNotifyUrl: "https://h.example.com/b", callbackKey: "k1", recordExceptionLevels: ["info" as const, "error" as const] };

describe("a template create whose answer is lost", () => {
  it.each(["http:502", "reset", "error:InternalError"])("reuses the template it created when the answer is %s", async (kind) => {
    fx.emulator.faults.add(`CreateLiveCallbackTemplate=${kind},count=1,after-commit`);
    const { id } = await fx.template.create(inputs);
    const templates = fx.emulator.state().templates;
    expect(templates).toHaveLength(1);
    expect(String(templates[0]!.TemplateId)).toBe(id);
  });

  it("creates again when the lost request was not applied", async () => {
    fx.emulator.faults.add("CreateLiveCallbackTemplate=http:503,count=1");
    const { id } = await fx.template.create(inputs);
    expect(fx.emulator.state().templates.map((t) => String(t.TemplateId))).toEqual([id]);
  });

  it("does not take a look-alike template that existed before", async () => {
    const existing = await fx.console.createTemplate({
      TemplateName: "ambiguous",
      StreamBeginNotifyUrl: "https://h.example.com/b",
      CallbackKey: "k1",
      RecordExceptionLevels: ["error", "info"],
    });
    fx.emulator.faults.add("CreateLiveCallbackTemplate=reset,count=1,after-commit");
    const { id } = await fx.template.create(inputs);
    expect(id).not.toBe(String(existing));
    expect(fx.emulator.state().templates).toHaveLength(2);
  });

  it("waits at least a second for a create that timed out, and reuses it once it has landed", async () => {
    // The client gives up after 150 ms; the create lands at 400 ms. The provider waits a
    // second before it lists, so it finds the create instead of sending another.
    const clock = new VirtualClock();
    const transport = slowServer(clock, createUndiciTransport(), (action, n) =>
      action === "CreateLiveCallbackTemplate" && n === 1 ? { answerAfterMs: 400, clientTimeoutMs: 150 } : undefined,
    );
    setClientOptions({ transport, now: clock.now, sleep: clock.sleep, retryPolicy: { maxAttempts: 3, baseDelayMs: 2, maxDelayMs: 10, maxElapsedMs: 5000 } });

    const { id } = await fx.template.create(inputs);
    await clock.settle();

    expect(fx.emulator.state().templates.map((t) => String(t.TemplateId))).toEqual([id]);
    const counts = fx.emulator.requestCounts() as Record<string, { received: number }>;
    // One create only, and a second list: the one that found it after the wait.
    expect(counts.CreateLiveCallbackTemplate!.received).toBe(1);
    expect(counts.DescribeLiveCallbackTemplates!.received).toBe(2);
  });

  it("keeps concurrent creates of different templates apart", async () => {
    fx.emulator.faults.add("CreateLiveCallbackTemplate=reset,rate=0.5,after-commit");
    const names = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const created = await Promise.all(names.map((templateName) => fx.template.create({ ...inputs, templateName })));
    const state = fx.emulator.state().templates;
    expect(state).toHaveLength(12);
    expect(new Set(created.map((c) => c.id)).size).toBe(12);
    for (const c of created) expect(state.find((t) => String(t.TemplateId) === c.id)!.TemplateName).toBe(c.outs.templateName);
  });
});
