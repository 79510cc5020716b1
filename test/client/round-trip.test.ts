import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LiveApiError } from "../../provider/client";
import { liveFixture, rejection } from "../support/live";

let fixture: Awaited<ReturnType<typeof liveFixture>>;
beforeEach(async () => {
  fixture = await liveFixture();
});
afterEach(async () => fixture.stop());

describe("client and emulator round trip over HTTP", () => {
  it("creates, describes, lists, modifies and deletes a template", async () => {
    const { client } = fixture;
    const id = await client.createTemplate({
      TemplateName: "round_trip",
      Description: "first",
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      RecordStatusNotifyUrl: "https://hooks.example.com/status",
      RecordExceptionLevels: ["error", "warning"],
      CallbackKey: "abc123",
    });
    expect(id).toBeGreaterThan(0);

    const one = await client.describeTemplate(id);
    expect(one).toMatchObject({
      TemplateId: id,
      TemplateName: "round_trip",
      Description: "first",
      StreamBeginNotifyUrl: "https://hooks.example.com/begin",
      StreamEndNotifyUrl: "",
      RecordExceptionLevels: ["error", "warning"],
      CallbackKey: "abc123",
    });
    // Like the real service: accepted, never returned.
    expect(one.RecordStatusNotifyUrl).toBeUndefined();

    await client.modifyTemplate({ TemplateId: id, StreamBeginNotifyUrl: "", StreamEndNotifyUrl: "https://hooks.example.com/end" });
    const all = await client.describeTemplates();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ StreamBeginNotifyUrl: "", StreamEndNotifyUrl: "https://hooks.example.com/end", Description: "first" });

    await client.deleteTemplate(id);
    expect(await client.describeTemplates()).toEqual([]);
  });

  it("creates, lists and deletes a rule keyed by domain and app", async () => {
    const { client } = fixture;
    const id = await client.createTemplate({ TemplateName: "rules", StreamEndNotifyUrl: "https://hooks.example.com/end" });
    await client.createRule({ DomainName: "push.example.com", AppName: "live", TemplateId: id });
    const rules = await client.describeRules();
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ DomainName: "push.example.com", AppName: "live", TemplateId: id });
    expect(rules[0]!.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    await client.deleteRule({ DomainName: "push.example.com", AppName: "live" });
    expect(await client.describeRules()).toEqual([]);
  });

  it("counts the requests it sends, by action", async () => {
    const { client } = fixture;
    await client.describeRules();
    await client.describeTemplates();
    await client.describeRules();
    expect(client.stats.requests).toBe(3);
    expect(client.stats.byAction).toEqual({ DescribeLiveCallbackRules: 2, DescribeLiveCallbackTemplates: 1 });
  });

  it("refuses to send a request that does not match the action's shape", async () => {
    const error = await rejection(fixture.client.call("DeleteLiveCallbackTemplate", { TemplateId: "1" as unknown as number }));
    expect(error).toMatchObject({ name: "LiveRequestError", kind: "Request", parameters: [{ parameter: "TemplateId" }] });
    expect(fixture.emulator.requestCounts()).not.toHaveProperty("DeleteLiveCallbackTemplate");
  });

  it("answers API errors as LiveApiError with code, action and RequestId", async () => {
    const error = await rejection(fixture.client.describeTemplate(424242));
    expect(error).toBeInstanceOf(LiveApiError);
    expect(error).toMatchObject({ kind: "NotFound", action: "DescribeLiveCallbackTemplate", code: "InvalidParameter.ConfNotFound" });
    expect(error.requestId).toMatch(/[0-9a-f-]{36}/);
    expect(error.message).toContain(error.requestId);
  });
});
