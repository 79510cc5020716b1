/**
 * Program-level behaviour of the SDK under `pulumi.runtime.setMocks`: what a program
 * registers. The package and Pulumi are loaded with Node's own `require` (not vitest's
 * transform), exactly as a Pulumi program loads them.
 */
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";

const nodeRequire = createRequire(__filename);
const pulumi = nodeRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
const sdk = nodeRequire("pulumi-tencent-css") as typeof import("../../sdk");

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, any>;
  id?: string;
}
const registrations: Registration[] = [];

// The mock answers ids only. The state it answers is deliberately NOT what the SDK
// should derive (templateId 7, a foreign name), so a test that read the mock's own
// answer back could not pass: what is asserted is what the SDK registered or derived.
const MOCK_STATE_TEMPLATE_ID = 7;
beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
        const isTemplate = args.type.endsWith("CallbackTemplate");
        const id = args.id || (isTemplate ? String(1200 + registrations.length) : `${args.inputs.domainName}/${args.inputs.appName}`);
        const state = isTemplate ? { ...args.inputs, templateId: MOCK_STATE_TEMPLATE_ID } : { ...args.inputs };
        return { id, state };
      },
      call: (args) => args.inputs,
    },
    "project",
    "stack",
    false,
  );
});

function resolved<T>(output: import("@pulumi/pulumi").Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}

describe("the SDK under setMocks", () => {
  it("registers a CallbackTemplate with its type token, the serialized provider and every property", async () => {
    new sdk.CallbackTemplate("hooks", {
      templateName: "prod_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/b",
      recordExceptionLevels: ["error"],
      callbackKey: "key123",
    });
    await new Promise((resolve) => setImmediate(resolve));
    const registration = await registered("hooks");
    expect(registration.type).toBe("pulumi-nodejs:dynamic/tencent-css:CallbackTemplate");
    expect(registration.inputs.__provider).toContain('require("pulumi-tencent-css/provider")');
    expect(registration.inputs.__provider).toContain("p().template[k](...a)");
    expect(registration.inputs).toMatchObject({
      templateName: "prod_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/b",
      recordExceptionLevels: ["error"],
    });
    // templateId is derived from the id, never registered as a property.
    expect(registration.inputs).not.toHaveProperty("templateId");
    // The key is registered as a secret input, so the engine stores it encrypted.
    expect(registration.inputs.callbackKey).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "key123" });
  });

  it("derives templateId from the resource id, as a number, not from the state the engine answers", async () => {
    const template = new sdk.CallbackTemplate("derived", { templateName: "d", streamBeginNotifyUrl: "https://hooks.example.com/b" });
    const id = await resolved(template.id);
    expect(id).toMatch(/^12\d\d$/);
    expect(await resolved(template.templateId)).toBe(Number(id));
    expect(await resolved(template.templateId)).not.toBe(MOCK_STATE_TEMPLATE_ID);
  });

  it("keeps the callback key secret in the program's outputs", async () => {
    const template = new sdk.CallbackTemplate("secret-hooks", {
      templateName: "s",
      streamBeginNotifyUrl: "https://hooks.example.com/b",
      callbackKey: "plainInProgram",
    });
    expect(await pulumi.isSecret(template.callbackKey)).toBe(true);
    expect(await pulumi.isSecret(template.templateName)).toBe(false);
  });

  it("registers a DomainBinding with appName live by default and the template's id as its templateId", async () => {
    const template = new sdk.CallbackTemplate("for-binding", { templateName: "b", streamEndNotifyUrl: "https://hooks.example.com/e" });
    const binding = new sdk.DomainBinding("push", { domainName: "push.example.com", templateId: template.templateId });
    const templateId = Number(await resolved(template.id));
    await resolved(binding.id);
    const registration = await registered("push");
    expect(registration.type).toBe("pulumi-nodejs:dynamic/tencent-css:DomainBinding");
    expect(registration.inputs).toMatchObject({ domainName: "push.example.com", appName: "live", templateId });
    expect(registration.inputs.__provider).toContain('require("pulumi-tencent-css/provider")');
    expect(registration.inputs.__provider).toContain("p().binding[k](...a)");
  });

  it("reads a template owned elsewhere with CallbackTemplate.get: its id, no program properties", async () => {
    const shared = sdk.CallbackTemplate.get("shared", "4321");
    expect(await resolved(shared.templateId)).toBe(4321);
    const registration = await registered("shared");
    expect(registration.id).toBe("4321");
    expect(registration.type).toBe("pulumi-nodejs:dynamic/tencent-css:CallbackTemplate");
    const { __provider, ...properties } = registration.inputs;
    expect(__provider).toContain("p().template[k](...a)");
    expect(Object.values(properties).filter((v) => v !== undefined)).toEqual([]);
  });
});

/** The registration of `name`, once the SDK has sent it. */
async function registered(name: string): Promise<Registration> {
  for (let i = 0; i < 100; i++) {
    const found = registrations.find((r) => r.name === name);
    if (found) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`${name} was never registered`);
}
