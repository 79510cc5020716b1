/**
 * Issue 12, item 6: a request that fails the client's own schema is not sent, and the
 * error says so, naming each wrong parameter and what is wrong with it — not "returned an
 * unexpected response".
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { LiveRequestError, type LiveClient } from "../../provider/client";
import { template } from "../../provider";
import { providerFixture } from "../support/hooks";
import { clientFor, rejection } from "../support/live";

let emulator: RunningEmulator;
let client: LiveClient;
beforeEach(async () => {
  emulator = await startEmulator();
  client = clientFor(emulator);
});
afterEach(async () => {
  await client.close();
  await emulator.close();
});

const sent = () => Object.values(emulator.requestCounts()).reduce((n, c) => n + c.received, 0);

describe("a request the client refuses to send", () => {
  it("is a LiveRequestError naming the parameter and the problem, and says nothing was sent", async () => {
    const error = await rejection(client.call("CreateLiveCallbackTemplate", { TemplateName: 5 as unknown as string }));
    expect(error).toBeInstanceOf(LiveRequestError);
    expect(error).toMatchObject({ name: "LiveRequestError", kind: "Request", action: "CreateLiveCallbackTemplate" });
    expect(error.parameters).toEqual([{ parameter: "TemplateName", problem: expect.stringMatching(/expected string, received number/) }]);
    expect(error.message).toMatch(/^CreateLiveCallbackTemplate was not sent, because its request is invalid \(TemplateName: .*expected string.*\)\. Nothing reached the Live API\.$/);
    expect(error.message).not.toContain("unexpected response");
    expect(sent()).toBe(0);
  });

  it("names every wrong parameter: an element of a list, and one the action does not take", async () => {
    const error = await rejection(
      client.call("ModifyLiveCallbackTemplate", {
        TemplateId: 1,
        RecordExceptionLevels: ["error", "fatal" as "error"],
        StreamMixNotifyUrl: "https://a.example.com/mix",
      } as never),
    );
    expect(error.parameters.map((p: { parameter: string }) => p.parameter).sort()).toEqual(["RecordExceptionLevels[1]", "StreamMixNotifyUrl"]);
    expect(error.message).toContain("StreamMixNotifyUrl: is not a parameter of this action");
    expect(sent()).toBe(0);
  });

  it("never prints a value, so a callback key of the wrong type stays out of the message", async () => {
    const error = await rejection(client.call("CreateLiveCallbackTemplate", { TemplateName: "t", CallbackKey: ["s3cretKey99"] as unknown as string }));
    expect(error.message).toContain("CallbackKey:");
    expect(error.message).not.toContain("s3cretKey99");
  });

  it("reaches the user of a hook as what was wrong, prefixed with what the hook was doing", async () => {
    const fx = await providerFixture();
    try {
      // A create whose input slipped past check (the hooks are called directly here).
      const failure = await rejection(template.create({ templateName: "t", streamBeginNotifyUrl: "https://a.example.com/b", recordExceptionLevels: ["fatal" as "error"] }));
      expect(failure).toMatchObject({
        code: "InvalidRequest",
        operation: 'creating callback template "t"',
        action: "CreateLiveCallbackTemplate",
        parameters: [expect.objectContaining({ parameter: "RecordExceptionLevels[0]" })],
      });
      expect(failure.detail).toMatch(/^CreateLiveCallbackTemplate was not sent, because its request is invalid/);
    } finally {
      await fx.stop();
    }
  });
});
