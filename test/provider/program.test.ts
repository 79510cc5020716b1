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

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        registrations.push({ type: args.type, name: args.name, inputs: args.inputs, id: args.id });
        const id = args.id || (args.type.endsWith("CallbackTemplate") ? "1203" : `${args.inputs.domainName}/${args.inputs.appName}`);
        const state = args.type.endsWith("CallbackTemplate") ? { ...args.inputs, templateId: Number(id) } : { ...args.inputs };
        if (args.id && args.type.endsWith("CallbackTemplate")) Object.assign(state, { templateName: "from_get", templateId: Number(id) });
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
  it("registers a CallbackTemplate with its type token and the serialized provider", async () => {
    const template = new sdk.CallbackTemplate("hooks", {
      templateName: "prod_hooks",
      streamBeginNotifyUrl: "https://hooks.example.com/b",
      callbackKey: "key123",
    });
    expect(await resolved(template.templateId)).toBe(1203);
    const registration = registrations.find((r) => r.name === "hooks")!;
    expect(registration.type).toBe("pulumi-nodejs:dynamic/tencent-css:CallbackTemplate");
    expect(registration.inputs.__provider).toContain('require("pulumi-tencent-css/provider")');
    expect(registration.inputs.__provider).toContain("p().template[k](...a)");
    expect(registration.inputs.templateName).toBe("prod_hooks");
    // The key is registered as a secret input, so the engine stores it encrypted.
    expect(registration.inputs.callbackKey).toEqual({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "key123" });
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

  it("registers a DomainBinding with appName live by default and the template's id", async () => {
    const template = new sdk.CallbackTemplate("for-binding", { templateName: "b", streamEndNotifyUrl: "https://hooks.example.com/e" });
    const binding = new sdk.DomainBinding("push", { domainName: "push.example.com", templateId: template.templateId });
    expect(await resolved(binding.appName)).toBe("live");
    expect(await resolved(binding.templateId)).toBe(1203);
    const registration = registrations.find((r) => r.name === "push")!;
    expect(registration.type).toBe("pulumi-nodejs:dynamic/tencent-css:DomainBinding");
    expect(registration.inputs).toMatchObject({ domainName: "push.example.com", appName: "live", templateId: 1203 });
    expect(registration.inputs.__provider).toContain('require("pulumi-tencent-css/provider")');
    expect(registration.inputs.__provider).toContain("p().binding[k](...a)");
  });

  it("reads a template owned elsewhere with CallbackTemplate.get", async () => {
    const shared = sdk.CallbackTemplate.get("shared", "4321");
    expect(await resolved(shared.templateId)).toBe(4321);
    expect(await resolved(shared.templateName)).toBe("from_get");
    expect(registrations.find((r) => r.name === "shared")!.id).toBe("4321");
  });
});
