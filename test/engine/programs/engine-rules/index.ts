/**
 * Test program for the engine's rules about resource options and reads: the whole stack
 * is the `spec` config value (JSON).
 *
 * - `spec.templates.<name>`: CallbackTemplate args plus `options`.
 * - `spec.bindings.<name>`: `domainName`, `appName`, `template` (a template of this
 *   program) or `templateId` (a number), plus `options`.
 * - `options`: `protect`, `retainOnDelete`, `deleteBeforeReplace`, `replaceOnChanges`,
 *   `ignoreChanges`, `aliases` (names this resource had before), `deletedWith` (a template
 *   of this program).
 * - `spec.gets.<name>`: `{kind: "template" | "binding", id}`, read with
 *   `CallbackTemplate.get` / `DomainBinding.get`.
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding, type CallbackTemplateArgs } from "pulumi-tencent-css";

interface OptionsSpec {
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  replaceOnChanges?: string[];
  ignoreChanges?: string[];
  aliases?: string[];
  deletedWith?: string;
}

interface Spec {
  templates?: Record<string, CallbackTemplateArgs & { options?: OptionsSpec }>;
  bindings?: Record<string, { domainName: string; appName?: string; template?: string; templateId?: number; options?: OptionsSpec }>;
  gets?: Record<string, { kind: "template" | "binding"; id: string }>;
}

const spec = new pulumi.Config().requireObject<Spec>("spec");
const templates: Record<string, CallbackTemplate> = {};

function resourceOptions({ aliases, deletedWith, ...rest }: OptionsSpec = {}): pulumi.CustomResourceOptions {
  return {
    ...rest,
    ...(aliases ? { aliases: aliases.map((name) => ({ name })) } : {}),
    ...(deletedWith ? { deletedWith: templates[deletedWith] } : {}),
  };
}

for (const [name, { options, ...args }] of Object.entries(spec.templates ?? {})) {
  templates[name] = new CallbackTemplate(name, args, resourceOptions(options));
}

const bindings: Record<string, DomainBinding> = {};
for (const [name, { template, templateId, options, ...args }] of Object.entries(spec.bindings ?? {})) {
  const target = template === undefined ? templateId! : templates[template]!.templateId;
  bindings[name] = new DomainBinding(name, { ...args, templateId: target }, resourceOptions(options));
}

const gets: Record<string, CallbackTemplate | DomainBinding> = {};
for (const [name, { kind, id }] of Object.entries(spec.gets ?? {})) {
  gets[name] = kind === "template" ? CallbackTemplate.get(name, id) : DomainBinding.get(name, id);
}

/** Each template's TemplateId, by resource name. */
export const templateIds = Object.fromEntries(Object.entries(templates).map(([name, t]) => [name, t.templateId]));
/** Each binding's id, by resource name. */
export const bindingIds = Object.fromEntries(Object.entries(bindings).map(([name, b]) => [name, b.id]));
/** What each read gave the program: its id and name (template) or template id (binding). */
export const reads = Object.fromEntries(
  Object.entries(gets).map(([name, r]) => [
    name,
    { id: r.id, seen: r instanceof CallbackTemplate ? r.templateName : (r as DomainBinding).templateId },
  ]),
);
