/**
 * A program that sets all 13 CallbackTemplate properties, run with `up` through the SDK,
 * the engine harness and the real dynamic-provider process: each value is in the API
 * field the reference names, read back from the emulator's raw signed
 * DescribeLiveCallbackTemplates answer (RecordStatusNotifyUrl, which Describe never
 * returns, from the emulator's stored state). The oracle is the tests' own table
 * (soak/api-field-oracle.ts), never the product's.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROPERTY_API_FIELD, URL_PROPERTIES } from "../../soak/api-field-oracle";
import { admin, call } from "../support/emulator-fixture";
import { expectOk } from "./expect-ok";
import { startStackFixture, type StackFixture, type StackSpec } from "../../harness/stack-fixture";

const CALLBACK_KEY = "programKey13";

let f: StackFixture;
beforeEach(async () => {
  f = await startStackFixture();
});
afterEach(async () => {
  await f.close();
});

describe("a program's CallbackTemplate in the cloud", () => {
  it(
    "puts each of the 13 properties in the API field the reference names",
    async () => {
      const properties: Record<string, unknown> = {
        templateName: "program_fields",
        description: "every-property",
        recordExceptionLevels: ["warning", "info"],
      };
      for (const p of URL_PROPERTIES) properties[p] = `https://hooks.example.com/program/${p}`;
      const spec: StackSpec = { templates: { all: { ...(properties as { templateName: string }), withCallbackKey: true } } };
      expectOk(await f.run("up", spec, { secretConfig: { callbackKey: CALLBACK_KEY } }));

      const described = await call(f.emulator, "DescribeLiveCallbackTemplates");
      expect(described.Templates).toHaveLength(1);
      const stored = (await admin(f.emulator, "GET", "state")).json.templates[0];
      const cloud: Record<string, unknown> = { ...described.Templates[0], RecordStatusNotifyUrl: stored.RecordStatusNotifyUrl };
      const wanted: Record<string, unknown> = { ...properties, callbackKey: CALLBACK_KEY };
      expect(Object.keys(wanted).sort()).toEqual(Object.keys(PROPERTY_API_FIELD).sort());
      const expected = Object.fromEntries(Object.entries(PROPERTY_API_FIELD).map(([property, field]) => [field, wanted[property]]));
      const actual = Object.fromEntries(Object.values(PROPERTY_API_FIELD).map((field) => [field, cloud[field]]));
      expect(actual).toEqual(expected);
    },
    120_000,
  );
});
