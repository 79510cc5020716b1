/**
 * Engine-test program: the whole stack is described by the `spec` config value (JSON),
 * so each test states its variant instead of keeping a program per variant.
 *
 * - `spec.templates.<name>`: CallbackTemplate args; `withCallbackKey: true` sets
 *   `callbackKey` from the secret config value `callbackKey`.
 * - `spec.bindings.<name>`: DomainBinding args; `template` names a template of this
 *   program (its `templateId` output is used), or `templateId` gives a number.
 * - `spec.gets.<name>`: `{kind: "template" | "binding", id}` reads an existing object with
 *   `CallbackTemplate.get` / `DomainBinding.get`.
 * - `spec.explicitProvider: true` gives every resource an explicit `Provider` ("css")
 *   instead of Pulumi's default `pulumi-nodejs` provider.
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding, Provider, type CallbackTemplateArgs } from "pulumi-tencent-css";

type TemplateSpec = Omit<CallbackTemplateArgs, "callbackKey"> & { withCallbackKey?: boolean };

interface BindingSpec {
  domainName: string;
  appName?: string;
  template?: string;
  templateId?: number;
  adopt?: boolean;
  deleteBeforeReplace?: boolean;
  /** Earlier names of this binding (`aliases: [{ name }]`); the real CLI honours them, the harness refuses them. */
  aliases?: string[];
}

interface GetSpec {
  kind: "template" | "binding";
  id: string;
}

interface Spec {
  templates?: Record<string, TemplateSpec>;
  bindings?: Record<string, BindingSpec>;
  gets?: Record<string, GetSpec>;
  explicitProvider?: boolean;
}

const config = new pulumi.Config();
const spec = config.requireObject<Spec>("spec");
const callbackKey = config.getSecret("callbackKey");
const provider = spec.explicitProvider ? new Provider("css") : undefined;

const templates: Record<string, CallbackTemplate> = {};
for (const [name, { withCallbackKey, ...args }] of Object.entries(spec.templates ?? {})) {
  templates[name] = new CallbackTemplate(name, { ...args, ...(withCallbackKey && callbackKey ? { callbackKey } : {}) }, { provider });
}

const bindings: Record<string, DomainBinding> = {};
for (const [name, binding] of Object.entries(spec.bindings ?? {})) {
  const template = binding.template === undefined ? undefined : templates[binding.template];
  if (binding.template !== undefined && !template) throw new Error(`binding ${name} names unknown template ${binding.template}`);
  bindings[name] = new DomainBinding(
    name,
    {
      domainName: binding.domainName,
      appName: binding.appName,
      templateId: template ? template.templateId : binding.templateId!,
      adopt: binding.adopt,
    },
    {
      deleteBeforeReplace: binding.deleteBeforeReplace,
      provider,
      ...(binding.aliases ? { aliases: binding.aliases.map((alias) => ({ name: alias })) } : {}),
    },
  );
}

for (const [name, { kind, id }] of Object.entries(spec.gets ?? {})) {
  if (kind === "template") CallbackTemplate.get(name, id, { provider });
  else DomainBinding.get(name, id, { provider });
}

/** Each template's TemplateId, by resource name. */
export const templateIds = Object.fromEntries(Object.entries(templates).map(([name, t]) => [name, t.templateId]));
/** Each template's callback key (secret), by resource name. */
export const callbackKeys = Object.fromEntries(Object.entries(templates).map(([name, t]) => [name, t.callbackKey]));
/** Each binding's id (`domain/app`), by resource name. */
export const bindingIds = Object.fromEntries(Object.entries(bindings).map(([name, b]) => [name, b.id]));
