/**
 * The package resources (`tencent-css:index:*`, served by the provider plugin in
 * plugin/) declared by type token, as any language's generated SDK would register them.
 * The stack is the `spec` config value: `templates.<name>` CallbackTemplate args (with
 * `withCallbackKey: true` taking the secret config `callbackKey`), `bindings.<name>`
 * DomainBinding args where `template` names a template of this program.
 */
import * as pulumi from "@pulumi/pulumi";

interface Spec {
  templates?: Record<string, Record<string, unknown> & { withCallbackKey?: boolean }>;
  bindings?: Record<string, { domainName: string; appName?: string; template?: string; templateId?: number; adopt?: boolean }>;
}

/** A resource of the package, registered by its type token. */
class PackageResource extends pulumi.CustomResource {
  constructor(type: string, name: string, props: pulumi.Inputs) {
    super(type, name, props);
  }
}

const config = new pulumi.Config();
const spec = config.requireObject<Spec>("spec");
const callbackKey = config.getSecret("callbackKey");

const templates: Record<string, PackageResource> = {};
for (const [name, { withCallbackKey, ...args }] of Object.entries(spec.templates ?? {})) {
  templates[name] = new PackageResource("tencent-css:index:CallbackTemplate", name, {
    ...args,
    ...(withCallbackKey ? { callbackKey } : {}),
    templateId: undefined,
  });
}
for (const [name, { template, templateId, ...args }] of Object.entries(spec.bindings ?? {})) {
  new PackageResource("tencent-css:index:DomainBinding", name, {
    ...args,
    templateId: template ? (templates[template] as unknown as { templateId: pulumi.Output<number> }).templateId : templateId,
  });
}

/** Each template's TemplateId, by resource name. */
export const templateIds = Object.fromEntries(
  Object.entries(templates).map(([name, t]) => [name, (t as unknown as { templateId: pulumi.Output<number> }).templateId]),
);
