/**
 * A rule that appears between a binding's conflict check and its create (seconds apart
 * while the client paces a large `up`) belongs to whoever made it: it is taken over only
 * with `adopt`, exactly like a rule that was there before the check.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as provider from "../../provider";
import { createUndiciTransport, type Transport } from "../../provider/client";
import { providerFixture } from "../support/hooks";
import { rejection } from "../support/live";

let fx: Awaited<ReturnType<typeof providerFixture>>;
let t1: number;
let t2: number;
const where = { domainName: "push.example.com", appName: "live" };

beforeEach(async () => {
  fx = await providerFixture();
  t1 = await fx.console.createTemplate({ TemplateName: "one", StreamBeginNotifyUrl: "https://h.example.com/1" });
  t2 = await fx.console.createTemplate({ TemplateName: "two", StreamBeginNotifyUrl: "https://h.example.com/2" });
  // Someone binds (domain, app) to t2 just before the provider's CreateLiveCallbackRule arrives.
  const real = createUndiciTransport();
  let raced = false;
  const transport: Transport = {
    async post(endpoint, headers, body, action) {
      if (action === "CreateLiveCallbackRule" && !raced) {
        raced = true;
        await fx.console.createRule({ DomainName: where.domainName, AppName: where.appName, TemplateId: t2 });
      }
      return real.post(endpoint, headers, body, action);
    },
    close: () => real.close(),
  };
  provider.setClientOptions({ retryPolicy: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10, maxElapsedMs: 5000 }, transport });
});
afterEach(async () => {
  provider.setClientOptions({});
  await fx.stop();
});

describe("DomainBinding create racing a rule made elsewhere", () => {
  it("refuses the rule made after its conflict check and leaves it alone", async () => {
    const error = await rejection(fx.binding.create({ ...where, templateId: t1 }));
    expect(error).toMatchObject({ code: "ForeignRule", ...where, templateId: t2, wantedTemplateId: t1 });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t2 }]);
  });

  it("takes it over with adopt", async () => {
    await fx.binding.create({ ...where, templateId: t1, adopt: true });
    expect(await fx.console.describeRules()).toMatchObject([{ TemplateId: t1 }]);
  });
});
