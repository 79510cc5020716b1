import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { providerFixture } from "../support/hooks";
import { rejection } from "../support/live";

let fx: Awaited<ReturnType<typeof providerFixture>>;
beforeEach(async () => {
  fx = await providerFixture();
});
afterEach(async () => fx.stop());

const inputs = {
  templateName: "prod_hooks",
  description: "production",
  streamBeginNotifyUrl: "https://hooks.example.com/begin",
  streamEndNotifyUrl: "https://hooks.example.com/end",
  recordStatusNotifyUrl: "https://hooks.example.com/status",
  recordExceptionLevels: ["error" as const],
  callbackKey: "key123",
};

describe("CallbackTemplate lifecycle against the emulator", () => {
  it("creates a template and echoes every input in its outputs", async () => {
    const { id, outs } = await fx.template.create(inputs);
    expect(outs).toEqual({ ...inputs, templateId: Number(id) });
    expect(await fx.console.describeTemplate(Number(id))).toMatchObject({
      TemplateName: "prod_hooks",
      StreamEndNotifyUrl: "https://hooks.example.com/end",
      CallbackKey: "key123",
    });
  });

  it("reads back exactly what it created, so refresh shows no drift", async () => {
    const { id, outs } = await fx.template.create(inputs);
    const read = await fx.template.read(id, outs);
    const { callbackKey: _key, ...withoutKey } = inputs;
    expect(read).toEqual({ id, props: outs, inputs: withoutKey });
    expect((await fx.template.diff(id, read.props!, inputs)).changes).toBe(false);
  });

  it("clears a URL removed from the program and sends the complete state", async () => {
    const { id, outs } = await fx.template.create(inputs);
    await fx.console.modifyTemplate({ TemplateId: Number(id), SnapshotNotifyUrl: "https://elsewhere.example.com/snap" });
    const { streamEndNotifyUrl: _dropped, ...news } = inputs;
    const updated = await fx.template.update(id, outs, news);
    expect(updated.outs).toEqual({ ...news, templateId: Number(id) });
    const cloud = await fx.console.describeTemplate(Number(id));
    expect(cloud.StreamEndNotifyUrl).toBe("");
    expect(cloud.SnapshotNotifyUrl).toBe("");
    expect(cloud.StreamBeginNotifyUrl).toBe("https://hooks.example.com/begin");
  });

  it("shows a change made outside the stack on read", async () => {
    const { id, outs } = await fx.template.create(inputs);
    await fx.console.modifyTemplate({ TemplateId: Number(id), StreamEndNotifyUrl: "https://drift.example.com/end", CallbackKey: "" });
    const read = await fx.template.read(id, outs);
    expect(read.props).toMatchObject({ streamEndNotifyUrl: "https://drift.example.com/end" });
    expect(read.props).not.toHaveProperty("callbackKey");
    expect((await fx.template.diff(id, read.props!, inputs)).changes).toBe(true);
  });

  it("keeps recordStatusNotifyUrl on read, since Describe never returns it", async () => {
    const { id, outs } = await fx.template.create(inputs);
    expect((await fx.template.read(id, outs)).props).toMatchObject({ recordStatusNotifyUrl: inputs.recordStatusNotifyUrl });
  });

  it("does not put a key the stack never set into inputs on read", async () => {
    const { callbackKey: _k, ...noKey } = inputs;
    const { id, outs } = await fx.template.create(noKey);
    await fx.console.modifyTemplate({ TemplateId: Number(id), CallbackKey: "setInConsole1" });
    const read = await fx.template.read(id, outs);
    expect(read.props).toMatchObject({ callbackKey: "setInConsole1" });
    expect(read.inputs).not.toHaveProperty("callbackKey");
  });

  it("never returns the callback key as an input, also on a second read whose stored outputs hold it", async () => {
    const { callbackKey: _k, ...noKey } = inputs;
    const { id, outs } = await fx.template.create(noKey);
    await fx.console.modifyTemplate({ TemplateId: Number(id), CallbackKey: "setInConsole2" });
    const first = await fx.template.read(id, outs);
    // What refresh stores: the outputs (the key, which the engine encrypts) become the next read's props.
    const second = await fx.template.read(id, first.props!);
    expect(second.props).toMatchObject({ callbackKey: "setInConsole2" });
    expect(second.inputs).not.toHaveProperty("callbackKey");
    // A key the program sets is not an input of a read either; diff compares the program with the outputs.
    const own = await fx.template.create({ ...inputs, templateName: "own_key" });
    const read = await fx.template.read(own.id, own.outs);
    expect(read.inputs).not.toHaveProperty("callbackKey");
    expect((await fx.template.diff(own.id, read.props!, { ...inputs, templateName: "own_key" })).changes).toBe(false);
  });

  it("fails a read by id alone (CallbackTemplate.get) of a template that does not exist, naming the id and the kind", async () => {
    expect(await rejection(fx.template.read("424242", {}))).toMatchObject({ code: "TemplateNotFound", templateId: 424242 });
  });

  it("answers no id for a template deleted outside the stack, so refresh drops it", async () => {
    const { id, outs } = await fx.template.create(inputs);
    await fx.console.deleteTemplate(Number(id));
    expect(await fx.template.read(id, outs)).toEqual({});
  });

  it("reads a template by id alone, as CallbackTemplate.get does", async () => {
    const id = await fx.console.createTemplate({ TemplateName: "owned_elsewhere", StreamBeginNotifyUrl: "https://x.example.com/b" });
    const read = await fx.template.read(String(id), {});
    expect(read.props).toEqual({ templateName: "owned_elsewhere", streamBeginNotifyUrl: "https://x.example.com/b", templateId: id });
  });

  it("refuses to delete a template that is still bound, naming every binding", async () => {
    const { id, outs } = await fx.template.create(inputs);
    await fx.console.createRule({ DomainName: "b.example.com", AppName: "live", TemplateId: Number(id) });
    await fx.console.createRule({ DomainName: "a.example.com", AppName: "app2", TemplateId: Number(id) });
    const error = await rejection(fx.template.delete(id, outs));
    expect(error).toMatchObject({
      code: "TemplateStillBound",
      templateId: Number(id),
      bindings: [
        { domainName: "a.example.com", appName: "app2" },
        { domainName: "b.example.com", appName: "live" },
      ],
    });
    expect(error).not.toHaveProperty("tencentCode");
    expect(await fx.console.describeTemplate(Number(id))).toMatchObject({ TemplateName: "prod_hooks" });
    expect(fx.emulator.requestCounts()).not.toHaveProperty("DeleteLiveCallbackTemplate");
  });

  it("deletes an unbound template, and counts one already gone as deleted", async () => {
    const { id, outs } = await fx.template.create(inputs);
    await fx.template.delete(id, outs);
    expect(await fx.console.describeTemplates()).toEqual([]);
    await fx.template.delete(id, outs);
  });

  it("adopts an existing template and reconciles it to the program", async () => {
    const existing = await fx.console.createTemplate({
      TemplateName: "console_made",
      SnapshotNotifyUrl: "https://old.example.com/snap",
      CallbackKey: "oldkey",
    });
    const { id, outs } = await fx.template.create({ ...inputs, adoptTemplateId: existing });
    expect(id).toBe(String(existing));
    expect(outs.templateId).toBe(existing);
    expect(await fx.console.describeTemplates()).toHaveLength(1);
    expect(await fx.console.describeTemplate(existing)).toMatchObject({
      TemplateName: "prod_hooks",
      SnapshotNotifyUrl: "",
      StreamBeginNotifyUrl: inputs.streamBeginNotifyUrl,
      CallbackKey: "key123",
    });
  });

  it("explains an adoptTemplateId that does not exist", async () => {
    const error = await rejection(fx.template.create({ ...inputs, adoptTemplateId: 777777 }));
    expect(error).toMatchObject({ code: "AdoptedTemplateNotFound", templateId: 777777 });
    expect(await fx.console.describeTemplates()).toEqual([]);
  });

  it("explains an update of a template deleted outside the stack", async () => {
    const { id, outs } = await fx.template.create(inputs);
    await fx.console.deleteTemplate(Number(id));
    const error = await rejection(fx.template.update(id, outs, inputs));
    expect(error).toMatchObject({ code: "TemplateDeletedOutside", templateId: Number(id) });
  });

  it("reports API refusals in one sentence with the code and RequestId, without secrets", async () => {
    fx.emulator.faults.add("CreateLiveCallbackTemplate=error:InvalidParameter.UrlNotSafe");
    const error = await rejection(fx.template.create(inputs));
    expect(error.message).toMatch(/^creating callback template "prod_hooks": CreateLiveCallbackTemplate failed with InvalidParameter.UrlNotSafe: .*\(RequestId [0-9a-f-]{36}\)/);
    expect(error).toMatchObject({
      code: "LiveApiRefused",
      tencentCode: "InvalidParameter.UrlNotSafe",
      action: "CreateLiveCallbackTemplate",
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(error.stack).toBe(error.message);
    for (const secret of [fx.emulator.credentials.secretId, fx.emulator.credentials.secretKey, inputs.callbackKey]) {
      expect(error.message).not.toContain(secret);
    }
  });
});
