/**
 * A template and a binding made in the console are taken over by this stack.
 * `pulumi import` cannot work for dynamic providers; adoption is the stand-in:
 *
 *   pulumi config set legacyTemplateId 10001      # the console's TemplateId
 *   pulumi config set legacyDomain push.example.com
 *   pulumi up                                     # changes them to match this program
 *
 * From then on they are managed like any other resource (and `pulumi destroy` deletes them).
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding } from "pulumi-tencent-css";

const config = new pulumi.Config();

const legacy = new CallbackTemplate("legacy", {
  adoptTemplateId: config.requireNumber("legacyTemplateId"),
  templateName: "legacy_hooks",
  description: "adopted-from-the-console",
  streamBeginNotifyUrl: "https://hooks.example.com/legacy/start",
  streamEndNotifyUrl: "https://hooks.example.com/legacy/end",
  callbackKey: config.getSecret("callbackKey"),
});

new DomainBinding("legacy-push", {
  domainName: config.require("legacyDomain"),
  templateId: legacy.templateId,
  adopt: true,
});

export const legacyTemplateId = legacy.templateId;
