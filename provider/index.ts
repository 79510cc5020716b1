/**
 * `pulumi-tencent-css/provider`: everything that runs inside Pulumi's dynamic-provider
 * process. The serialized shim in each resource's state calls `configure`, `template.*`
 * and `binding.*` here at call time; nothing of this module is ever serialized.
 *
 * @packageDocumentation
 */
import { callbackTemplateHooks } from "./resources/callback-template";
import { domainBindingHooks } from "./resources/domain-binding";

export { configure, setStackConfig, setClientOptions, liveClient, CONFIG_KEYS, type ConfigureRequest } from "./config";
export { UNKNOWN } from "./unknown";
export { ProviderError } from "./user-error";
export type { CheckFailure } from "./check-failures";
export type { CallbackTemplateInputs, CallbackTemplateOutputs } from "./resources/callback-template";
// The field table the hooks map properties to API fields by, read on every call.
export { TEMPLATE_FIELDS, type TemplateUrlProperty } from "../live-api";
export { templateDifferences, sameTemplate, type TemplateComparison } from "./resources/template-equality";
export type { DomainBindingInputs, DomainBindingOutputs } from "./resources/domain-binding";
export { DEFAULT_APP_NAME } from "./resources/domain-binding";
export * from "./client";

/** Lifecycle hooks of `CallbackTemplate`, called by the serialized shim. */
export const template = callbackTemplateHooks;
/** Lifecycle hooks of `DomainBinding`, called by the serialized shim. */
export const binding = domainBindingHooks;
