/**
 * Engine-test program: binds `domainName` to the template another stack owns. The
 * template's id comes from that stack's `templateIds.<templateName>` output through a
 * StackReference, and the template itself is read with `CallbackTemplate.get`, so this
 * stack never changes or deletes it.
 */
import * as pulumi from "@pulumi/pulumi";
import { CallbackTemplate, DomainBinding } from "pulumi-tencent-css";

const config = new pulumi.Config();
const producer = new pulumi.StackReference(config.require("producerStack"));
const resourceName = config.get("templateResource") ?? "hooks";
const templateId = producer
  .requireOutput("templateIds")
  .apply((ids) => String((ids as Record<string, number>)[resourceName]));

const shared = CallbackTemplate.get("shared", templateId);
const binding = new DomainBinding("consumer", { domainName: config.require("domainName"), templateId: shared.templateId });

/** The shared template's name, read from the cloud. */
export const sharedTemplateName = shared.templateName;
/** The shared template's callback key: secret, because `get` marks it so. */
export const sharedCallbackKey = shared.callbackKey;
/** The producer's callback keys output: still secret on this side. */
export const producerKeys = producer.getOutput("callbackKeys");
/** The binding id, `domain/app`. */
export const bindingId = binding.id;
