/**
 * Issue 12, item 5: the callback URL rule and the name rules exist once (live-api/), and
 * the provider's check and the emulator's validation apply them alike: whatever `check`
 * lets through at preview, the emulator accepts at `up`, and the other way round.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { template } from "../../provider";
import { clientFor, rejection } from "../support/live";

let emulator: RunningEmulator;
beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => emulator.close());

const URLS = [
  "https://a.example.com/x y",
  "https://a.example.com/x\ty",
  "https://a.example.com/x\u3000y",
  "https://a.example.com/x\u0000",
  " https://a.example.com/x",
  "https://a.example.com/x ",
  "https:a.example.com/x",
  "https://",
  "ftp://a.example.com/x",
  "a.example.com/x",
  "https://a.example.com/x%20y",
  "HTTPS://A.EXAMPLE.COM/x",
  "http://127.0.0.1:8080/hook?x=1#f",
  "https://[::1]/hook",
  "https://例え.jp/フック",
];

const NAMES = ["直播_回调-1", "has space", "dots.are.out", "emoji😀", "tab\there", "ok_name"];

async function checkFailures(news: Record<string, unknown>): Promise<string[]> {
  return (await template.check({}, { templateName: "t", streamBeginNotifyUrl: "https://a.example.com/ok", ...news })).failures.map((f) => f.property);
}

async function emulatorAccepts(params: Record<string, unknown>): Promise<boolean> {
  const client = clientFor(emulator, { retryPolicy: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, maxElapsedMs: 1000 } });
  try {
    await client.createTemplate({ TemplateName: "t", StreamBeginNotifyUrl: "https://a.example.com/ok", ...params });
    return true;
  } catch (error) {
    if ((error as { kind?: string }).kind !== "InvalidParameter") throw error;
    return false;
  } finally {
    await client.close();
  }
}

describe("one callback URL rule for check and emulator", () => {
  it("refuses a URL with a space at check, naming the property", async () => {
    const { failures } = await template.check({}, { templateName: "t", streamBeginNotifyUrl: "https://a.example.com/x y" });
    expect(failures).toEqual([{ property: "streamBeginNotifyUrl", reason: expect.stringContaining("no spaces") }]);
  });

  it.each(URLS)("agrees on %j", async (url) => {
    const passesCheck = (await checkFailures({ streamEndNotifyUrl: url })).length === 0;
    expect(await emulatorAccepts({ StreamEndNotifyUrl: url })).toBe(passesCheck);
  });

  it.each(NAMES)("agrees on the template name %j", async (name) => {
    const passesCheck = (await checkFailures({ templateName: name })).length === 0;
    expect(await emulatorAccepts({ TemplateName: name })).toBe(passesCheck);
  });

  it("the emulator names the field and the rule", async () => {
    const error = await rejection(clientFor(emulator).createTemplate({ TemplateName: "t", StreamBeginNotifyUrl: "https://a.example.com/x y" }));
    expect(error).toMatchObject({ code: "InvalidParameter.InvalidCallbackUrl" });
    expect(error.message).toContain("StreamBeginNotifyUrl must be an absolute http:// or https:// URL with a host name and no spaces");
  });
});
