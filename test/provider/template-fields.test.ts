/**
 * Each CallbackTemplate property lands in the API field the reference names, checked
 * against the tests' own hand-written table (soak/api-field-oracle.ts), never the
 * product's: the template is written through the provider's hooks and read back from the
 * emulator's raw, signed DescribeLiveCallbackTemplates answer (RecordStatusNotifyUrl,
 * which Describe never returns, from the emulator's stored state); and the other way
 * round, fields written with raw signed requests are read back through the hooks.
 *
 * Every property gets a value naming itself, so a swapped pair shows up as two fields
 * each holding the other's name.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DESCRIBED_FIELDS, PROPERTY_API_FIELD, URL_PROPERTIES, WRITE_ONLY_FIELDS } from "../../soak/api-field-oracle";
import { admin, call } from "../support/emulator-fixture";
import { providerFixture } from "../support/hooks";

let fx: Awaited<ReturnType<typeof providerFixture>>;
beforeEach(async () => {
  fx = await providerFixture();
});
afterEach(async () => fx.stop());

/** A value for every one of the 13 properties, each naming its property. */
function everyProperty(version: string) {
  const inputs: Record<string, unknown> = {
    templateName: `fields_${version}`,
    description: `description-${version}`,
    recordExceptionLevels: version === "v1" ? ["error", "warning"] : ["info"],
    callbackKey: `callbackKey${version}`,
  };
  for (const p of URL_PROPERTIES) inputs[p] = `https://hooks.example.com/${version}/${p}`;
  expect(Object.keys(inputs).sort()).toEqual(Object.keys(PROPERTY_API_FIELD).sort());
  return inputs as { templateName: string } & Record<string, any>;
}

/** The template as the raw Describe answer and the emulator's stored state hold it. */
async function rawTemplate(templateId: number): Promise<Record<string, unknown>> {
  const described = await call(fx.emulator, "DescribeLiveCallbackTemplates");
  expect(described.Error).toBeUndefined();
  const template = (described.Templates as Array<Record<string, unknown>>).find((t) => t.TemplateId === templateId);
  expect(template, `template ${templateId} in the Describe answer`).toBeDefined();
  const stored = (await admin(fx.emulator, "GET", "state")).json.templates.find((t: { TemplateId: number }) => t.TemplateId === templateId);
  return { ...template, RecordStatusNotifyUrl: stored.RecordStatusNotifyUrl };
}

/** What the hand-written table says the cloud must hold for `inputs`. */
function expectedFields(inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(PROPERTY_API_FIELD).map(([property, field]) => [field, inputs[property]]));
}

function fieldsOf(template: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.values(PROPERTY_API_FIELD).map((field) => [field, template[field]]));
}

describe("CallbackTemplate properties and the API fields they land in", () => {
  it("creates a template with each of the 13 properties in the field the API reference names", async () => {
    const inputs = everyProperty("v1");
    const { id } = await fx.template.create(inputs as any);
    expect(fieldsOf(await rawTemplate(Number(id)))).toEqual(expectedFields(inputs));
  });

  it("updates each of the 13 properties into the field the API reference names", async () => {
    const first = everyProperty("v1");
    const { id, outs } = await fx.template.create(first as any);
    const second = everyProperty("v2");
    await fx.template.update(id, outs, second as any);
    expect(fieldsOf(await rawTemplate(Number(id)))).toEqual(expectedFields(second));
  });

  it("reads each described field back into the property the API reference names", async () => {
    const fields: Record<string, unknown> = {
      TemplateName: "raw_fields",
      Description: "raw-description",
      RecordExceptionLevels: ["info", "warning"],
      CallbackKey: "rawKey42",
    };
    for (const p of URL_PROPERTIES) fields[PROPERTY_API_FIELD[p]] = `https://hooks.example.com/raw/${PROPERTY_API_FIELD[p]}`;
    const created = await call(fx.emulator, "CreateLiveCallbackTemplate", fields);
    expect(created.Error).toBeUndefined();

    // The stack's last recordStatusNotifyUrl, since Describe cannot tell it.
    const read = await fx.template.read(String(created.TemplateId), { recordStatusNotifyUrl: "https://hooks.example.com/kept", callbackKey: "old" });
    const expected: Record<string, unknown> = { templateId: created.TemplateId };
    for (const [property, field] of Object.entries(PROPERTY_API_FIELD)) {
      if (WRITE_ONLY_FIELDS.includes(field)) expected[property] = "https://hooks.example.com/kept";
      else expected[property] = fields[field];
    }
    expect(read.props).toEqual(expected);
  });

  it("meets a Describe answer that has exactly the fields of CallBackTemplateInfo, in its order, RecordStatusNotifyUrl not among them", async () => {
    const { id } = await fx.template.create(everyProperty("v1") as any);
    const described = await call(fx.emulator, "DescribeLiveCallbackTemplate", { TemplateId: Number(id) });
    expect(Object.keys(described.Template)).toEqual([...DESCRIBED_FIELDS]);
    expect(described.Template.StreamMixNotifyUrl).toBe("");
  });
});
