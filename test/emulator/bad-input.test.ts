import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { callRaw, emulatorForTest, errorCode } from "../support/emulator-fixture";
import { sendRaw, sendSigned } from "../support/signed-request";

async function stillAnswers(emulator: RunningEmulator): Promise<void> {
  expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe(undefined);
}

describe("bad input", () => {
  it("answers malformed JSON with InvalidParameter and keeps serving", async () => {
    const emulator = await emulatorForTest();
    const answer = await callRaw(emulator, "CreateLiveCallbackTemplate", undefined, { rawBody: '{"TemplateName": "t",' });
    expect(answer.status).toBe(200);
    expect(answer.json.Response.Error.Code).toBe("InvalidParameter");
    expect(answer.json.Response.RequestId).toEqual(expect.any(String));
    await stillAnswers(emulator);
  });

  it("treats an empty body as no parameters", async () => {
    const emulator = await emulatorForTest();
    expect((await callRaw(emulator, "DescribeLiveCallbackRules", undefined, { rawBody: "" })).json.Response.Rules).toEqual([]);
  });

  it("answers a body over 1 MiB with 413 without reading it all, and keeps serving", async () => {
    const emulator = await emulatorForTest();
    const huge = JSON.stringify({ TemplateName: "t", Description: "x".repeat(1024 * 1024) });
    const answer = await callRaw(emulator, "CreateLiveCallbackTemplate", undefined, { rawBody: huge }).catch((error: NodeJS.ErrnoException) => error);
    expect(answer).toMatchObject({ status: 413, json: { Response: { Error: { Code: "RequestSizeLimitExceeded" } } } });
    await stillAnswers(emulator);
    expect(emulator.state().templates).toEqual([]);
  });

  it("answers 413 to a chunked body that passes 1 MiB, then drops the connection if the client keeps sending", async () => {
    const emulator = await emulatorForTest();
    const socket = connect(emulator.port, "127.0.0.1");
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    socket.on("error", () => undefined);
    const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
    socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
    const chunk = "a".repeat(64 * 1024);
    // 4 MiB: past the cap and past what the server is willing to drain after it.
    for (let i = 0; i < 64 && !socket.destroyed; i++) {
      socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await closed;
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 413/);
    await stillAnswers(emulator);
  });

  it.each([
    ["X-TC-Action", "MissingParameter"],
    ["X-TC-Version", "MissingParameter"],
    ["X-TC-Timestamp", "MissingParameter"],
    ["Authorization", "AuthFailure.InvalidAuthorization"],
    ["Content-Type", "InvalidRequest"],
  ])("answers a request without %s with %s", async (header, code) => {
    const emulator = await emulatorForTest();
    const answer = await callRaw(emulator, "DescribeLiveCallbackRules", {}, { headers: { [header]: undefined } });
    expect(answer.status).toBe(200);
    expect(answer.json.Response).toEqual({ Error: { Code: code, Message: expect.any(String) }, RequestId: expect.any(String) });
    await stillAnswers(emulator);
  });

  it("answers a timestamp that is not a number with InvalidParameter", async () => {
    const emulator = await emulatorForTest();
    expect(await errorCode(emulator, "DescribeLiveCallbackRules", {}, { headers: { "X-TC-Timestamp": "yesterday" } })).toBe("InvalidParameter");
  });

  it("answers GET / with 405 and a Tencent-shaped error", async () => {
    const emulator = await emulatorForTest();
    const answer = await sendRaw({ url: emulator.url, method: "GET", path: "/" });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("POST");
    expect(answer.json.Response).toEqual({ Error: { Code: "UnsupportedProtocol", Message: expect.any(String) }, RequestId: expect.any(String) });
    await stillAnswers(emulator);
  });

  it("answers a wrong path with 404 and a Tencent-shaped error", async () => {
    const emulator = await emulatorForTest();
    const answer = await sendRaw({ url: emulator.url, method: "POST", path: "/v2/live", body: "{}" });
    expect(answer.status).toBe(404);
    expect(answer.json.Response.Error.Code).toBe("InvalidRequest");
    await stillAnswers(emulator);
  });

  it("answers PUT / with 405 too", async () => {
    const emulator = await emulatorForTest();
    const answer = await sendRaw({ url: emulator.url, method: "PUT", path: "/?Action=DescribeLiveCallbackRules", body: "{}" });
    expect(answer.status).toBe(405);
    await stillAnswers(emulator);
  });

  it("drops a client that never finishes its headers", async () => {
    const emulator = await emulatorForTest({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const socket = connect(emulator.port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.resume();
    socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await stillAnswers(emulator);
  });

  it("drops a client that never finishes its body", async () => {
    const emulator = await emulatorForTest({ headersTimeoutMs: 300, requestTimeoutMs: 300 });
    const socket = connect(emulator.port, "127.0.0.1");
    socket.on("error", () => undefined);
    socket.resume();
    socket.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    await stillAnswers(emulator);
  });

  it("answers garbage that is not HTTP with 400 and keeps serving", async () => {
    const emulator = await emulatorForTest();
    const socket = connect(emulator.port, "127.0.0.1");
    socket.on("error", () => undefined);
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    socket.write("\x16\x03\x01 definitely not http\r\n\r\n");
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    expect(Buffer.concat(received).toString()).toMatch(/^HTTP\/1\.1 400/);
    await stillAnswers(emulator);
  });

  it("survives many bad requests in parallel", async () => {
    const emulator = await emulatorForTest();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sendSigned({
          url: emulator.url,
          ...emulator.credentials,
          action: i % 2 ? "CreateLiveCallbackTemplate" : "Nope",
          rawBody: i % 3 ? "[" : '{"TemplateName":1}',
        }),
      ),
    );
    await stillAnswers(emulator);
  });
});
