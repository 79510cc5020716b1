/**
 * The delete guard's last line of defence: a template bound after the provider's own
 * "still bound" check (a fresh DescribeLiveCallbackRules) and before its
 * DeleteLiveCallbackTemplate arrives. The service refuses that delete; the provider must
 * say where the template is bound, from a fresh list, and nothing may be lost. The rule
 * is made in exactly that window, by a transport that makes it just before the delete is
 * sent (as in binding-race.test.ts), for each "in use" code Tencent documents.
 */
import { afterEach, describe, expect, it } from "vitest";
import * as provider from "../../provider";
import { createUndiciTransport, type Transport } from "../../provider/client";
import type { InUseCode } from "../../emulator";
import { call } from "../support/emulator-fixture";
import { providerFixture } from "../support/hooks";
import { rejection } from "../support/live";

let fx: Awaited<ReturnType<typeof providerFixture>> | undefined;
afterEach(async () => {
  provider.setClientOptions({});
  await fx?.stop();
  fx = undefined;
});

const inputs = {
  templateName: "raced_hooks",
  description: "bound-in-the-window",
  streamBeginNotifyUrl: "https://hooks.example.com/begin",
  recordExceptionNotifyUrl: "https://hooks.example.com/exception",
  recordExceptionLevels: ["error" as const],
  callbackKey: "racedKey1",
};

/** Binds `late.example.com/live` to the template just before the first DeleteLiveCallbackTemplate is sent. */
function bindingJustBeforeDelete(templateId: () => number): Transport {
  const real = createUndiciTransport();
  let raced = false;
  return {
    async post(endpoint, headers, body, action) {
      if (action === "DeleteLiveCallbackTemplate" && !raced) {
        raced = true;
        await fx!.console.createRule({ DomainName: "late.example.com", AppName: "live", TemplateId: templateId() });
      }
      return real.post(endpoint, headers, body, action);
    },
    close: () => real.close(),
  };
}

const IN_USE_CODES: InUseCode[] = ["FailedOperation.ConfInUsed", "InternalError.ConfInUsed", "InternalError.RuleInUsing"];

describe("deleting a template bound between the guard's check and the delete", () => {
  it.each(IN_USE_CODES)("refuses, names the late binding and loses nothing (the service answers %s)", async (inUseCode) => {
    fx = await providerFixture({ inUseCode });
    const { id, outs } = await fx.template.create(inputs);
    const before = await call(fx.emulator, "DescribeLiveCallbackTemplate", { TemplateId: Number(id) });
    provider.setClientOptions({
      retryPolicy: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10, maxElapsedMs: 5000 },
      transport: bindingJustBeforeDelete(() => Number(id)),
    });
    fx.emulator.resetRequestCounts();

    const error = await rejection(fx.template.delete(id, outs));

    expect(error).toMatchObject({
      name: "TemplateStillBoundError",
      code: "TemplateStillBound",
      templateId: Number(id),
      bindings: [{ domainName: "late.example.com", appName: "live" }],
      tencentCode: inUseCode,
    });
    expect(error.message).not.toContain(inputs.callbackKey);
    // The delete was sent once (after the check found no binding) and refused by the service.
    const counts = fx.emulator.requestCounts();
    expect(counts.DeleteLiveCallbackTemplate).toMatchObject({ received: 1, failed: 1 });
    // Nothing lost: the template with every field, and the binding made in the window.
    const after = await call(fx.emulator, "DescribeLiveCallbackTemplate", { TemplateId: Number(id) });
    expect(after.Template).toEqual(before.Template);
    expect((await fx.console.describeRules()).map((r) => [r.DomainName, r.AppName, r.TemplateId])).toEqual([["late.example.com", "live", Number(id)]]);
  });
});
