/**
 * Real-CLI test program: templates and bindings as in the `callbacks` program, each with
 * resource options, so a test states the option it checks in config instead of keeping a
 * program per option.
 *
 * - `spec.templates.<name>`: CallbackTemplate args plus `options`.
 * - `spec.bindings.<name>`: `domainName`, `appName`, `template` (a template of this
 *   program) or `templateId` (a number), `adopt`, plus `options`.
 * - `options`: `protect`, `retainOnDelete`, `deleteBeforeReplace`, and `deletedWith`
 *   naming another resource of this program (a template, or a binding declared earlier).
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding, type CallbackTemplateArgs } from "pulumi-tencent-css";

interface OptionsSpec {
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  deletedWith?: string;
}

interface BindingSpec {
  domainName: string;
  appName?: string;
  template?: string;
  templateId?: number;
  adopt?: boolean;
  options?: OptionsSpec;
}

interface Spec {
  templates?: Record<string, CallbackTemplateArgs & { options?: OptionsSpec }>;
  bindings?: Record<string, BindingSpec>;
}

const spec = new pulumi.Config().requireObject<Spec>("spec");
const resources: Record<string, pulumi.CustomResource> = {};

function resourceOptions(name: string, options: OptionsSpec = {}): pulumi.CustomResourceOptions {
  const { deletedWith, ...rest } = options;
  if (deletedWith !== undefined && !resources[deletedWith]) throw new Error(`${name}: deletedWith names unknown resource ${deletedWith}`);
  return { ...rest, ...(deletedWith === undefined ? {} : { deletedWith: resources[deletedWith] }) };
}

const templates: Record<string, CallbackTemplate> = {};
for (const [name, { options, ...args }] of Object.entries(spec.templates ?? {})) {
  templates[name] = new CallbackTemplate(name, args, resourceOptions(name, options));
  resources[name] = templates[name];
}

for (const [name, binding] of Object.entries(spec.bindings ?? {})) {
  const template = binding.template === undefined ? undefined : templates[binding.template];
  if (binding.template !== undefined && !template) throw new Error(`binding ${name} names unknown template ${binding.template}`);
  resources[name] = new DomainBinding(
    name,
    {
      domainName: binding.domainName,
      appName: binding.appName,
      templateId: template ? template.templateId : binding.templateId!,
      adopt: binding.adopt,
    },
    resourceOptions(name, binding.options),
  );
}

/** Each template's TemplateId, by resource name. */
export const templateIds = Object.fromEntries(Object.entries(templates).map(([name, t]) => [name, t.templateId]));
