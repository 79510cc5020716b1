/**
 * Property-based tests of the emulator's request handling over real HTTP: whatever
 * arrives, it answers with a Tencent-shaped body (or a 4xx for what is not an API call)
 * and keeps serving.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CALLBACK_URL_FIELDS, LIVE_CALLBACK_ACTIONS } from "../../provider/client";
import { sendRaw, sendSigned, type HttpAnswer } from "../support/signed-request";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ maxTemplates: 5_000 });
});
afterAll(async () => emulator.close());

const FIELDS = ["TemplateId", "TemplateName", "Description", "DomainName", "AppName", "RecordExceptionLevels", "CallbackKey", ...CALLBACK_URL_FIELDS];

function expectTencentShape(answer: HttpAnswer) {
  expect(answer.status).toBe(200);
  const response = answer.json?.Response;
  expect(typeof response?.RequestId).toBe("string");
  if (response.Error !== undefined) {
    expect(typeof response.Error.Code).toBe("string");
    expect(typeof response.Error.Message).toBe("string");
  }
}

describe("the emulator under generated input", () => {
  it("answers every signed call with a Tencent-shaped body (1,500 calls)", async () => {
    const params = fc.dictionary(
      fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 })),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.webUrl(), fc.integer({ min: -1, max: 20_000 }), fc.constantFrom("error", "live")),
      { maxKeys: 6 },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(...LIVE_CALLBACK_ACTIONS), fc.string({ maxLength: 20 })), params, async (action, p) => {
        const { secretId, secretKey } = emulator.credentials;
        expectTencentShape(await sendSigned({ url: emulator.url, secretId, secretKey, action, params: p }));
      }),
      { numRuns: 1_500 },
    );
  });

  it("answers arbitrary requests with a Tencent error or a 4xx, never a crash (1,000 requests)", async () => {
    const headerName = fc.constantFrom("Content-Type", "X-TC-Action", "X-TC-Version", "X-TC-Timestamp", "Authorization", "X-TC-Token", "Host");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("POST", "GET", "PUT", "DELETE", "OPTIONS"),
        fc.oneof(fc.constant("/"), fc.constant("/_emulator/nothing"), fc.webPath()),
        fc.dictionary(headerName, fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")), { maxKeys: 6 }),
        fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.constant("")),
        async (method, path, headers, body) => {
          const { Host: _host, ...rest } = headers;
          const answer = await sendRaw({ url: emulator.url, method, path: path.startsWith("/") ? path : `/${path}`, headers: rest, body: method === "GET" ? undefined : body });
          if (answer.status === 200) expectTencentShape(answer);
          else expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 1_000 },
    );
    const alive = await sendSigned({ url: emulator.url, ...emulator.credentials, action: "DescribeLiveCallbackRules", params: {} });
    expect(alive.json.Response.Rules).toBeDefined();
  });
});
