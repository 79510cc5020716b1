/**
 * Property-based tests of `check` for both resources: 12,000 generated inputs in all.
 * It never throws, every failure names a property and says why, and valid inputs pass.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binding, template } from "../../provider";
import { UNKNOWN } from "../../provider/unknown";
import { URL_PROPERTIES } from "../../soak/api-field-oracle";

const RUNS = 3_000;
// The property names come from the tests' own table, not the product's.
const URL_PROPS: readonly string[] = URL_PROPERTIES;
const TEMPLATE_PROPS = ["templateName", "description", ...URL_PROPS, "recordExceptionLevels", "callbackKey", "adoptTemplateId"];
const BINDING_PROPS = ["domainName", "appName", "templateId", "adopt"];

/** Values a careless program might pass: anything, plus near-misses and preview unknowns. */
const wildValue = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constant(UNKNOWN),
  fc.webUrl(),
  fc.integer(),
  fc.array(fc.oneof(fc.constantFrom("error", "warning", "info", "fatal", UNKNOWN), fc.string())),
);

function wildInputs(props: string[]) {
  return fc.dictionary(fc.oneof(fc.constantFrom(...props), fc.string()), wildValue, { maxKeys: 8 });
}

function assertWellFormed(news: Record<string, unknown>, failures: ReadonlyArray<{ property: string; reason: string }>, required: string[]) {
  for (const failure of failures) {
    expect(typeof failure.property).toBe("string");
    expect(failure.property.length).toBeGreaterThan(0);
    const named = failure.property === "(empty property name)" ? "" : failure.property;
    expect(Object.keys(news).includes(named) || required.includes(named)).toBe(true);
    expect(typeof failure.reason).toBe("string");
    expect(failure.reason.length).toBeGreaterThan(5);
  }
}

const nameChar = fc.oneof(
  fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"),
  fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)),
);
const consoleName = (min: number, max: number) => fc.array(nameChar, { minLength: min, maxLength: max }).map((cs) => cs.join(""));
const alnum = fc.array(fc.constantFrom(..."abcXYZ0189"), { maxLength: 32 }).map((cs) => cs.join(""));
const httpUrl = fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true }).filter((u) => new URL(u).hostname !== "");
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,20}[a-z0-9])?$/);
const hostName = fc.array(label, { minLength: 2, maxLength: 4 }).map((ls) => ls.join("."));

const validTemplate = fc
  .record(
    {
      templateName: fc.oneof(consoleName(1, 30), fc.constant(UNKNOWN)),
      description: consoleName(0, 100),
      streamBeginNotifyUrl: fc.oneof(httpUrl, fc.constant(UNKNOWN)),
      streamEndNotifyUrl: httpUrl,
      recordStatusNotifyUrl: httpUrl,
      recordExceptionLevels: fc.subarray(["error", "warning", "info"]),
      callbackKey: alnum,
      adoptTemplateId: fc.integer({ min: 1, max: 2 ** 40 }),
    },
    { requiredKeys: ["templateName", "streamBeginNotifyUrl"] },
  );

const validBinding = fc.record(
  {
    domainName: fc.oneof(hostName, fc.constant(UNKNOWN)),
    appName: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.-]{1,30}$/), fc.constant(UNKNOWN)),
    templateId: fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), fc.constant(UNKNOWN)),
    adopt: fc.boolean(),
  },
  { requiredKeys: ["domainName", "templateId"] },
);

describe("check, property-based", () => {
  it(`CallbackTemplate never throws and names a property in every failure (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(wildInputs(TEMPLATE_PROPS), async (news) => {
        const { failures } = await template.check({}, news);
        assertWellFormed(news, failures, ["templateName", "streamBeginNotifyUrl"]);
      }),
      { numRuns: RUNS },
    );
  });

  it(`DomainBinding never throws and names a property in every failure (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(wildInputs(BINDING_PROPS), async (news) => {
        const { failures } = await binding.check({}, news);
        assertWellFormed(news, failures, ["domainName", "templateId", "appName"]);
      }),
      { numRuns: RUNS },
    );
  });

  it(`CallbackTemplate accepts every valid input (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validTemplate, async (news) => {
        expect((await template.check({}, news)).failures).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it(`DomainBinding accepts every valid input (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validBinding, async (news) => {
        expect((await binding.check({}, news)).failures).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
