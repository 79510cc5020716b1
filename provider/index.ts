/**
 * `pulumi-tencent-css/provider`: everything that runs inside Pulumi's dynamic-provider
 * process. The serialized shim in each resource's state calls `configure`, `template.*`
 * and `binding.*` here at call time; nothing of this module is ever serialized.
 *
 * @packageDocumentation
 */
import { callbackTemplateHooks } from "./resources/callback-template";
import { domainBindingHooks } from "./resources/domain-binding";

export { configure, setStackConfig, CONFIG_KEYS, type ConfigureRequest } from "./stack-config";
export { setClientOptions, liveClient, clientSession, type ClientOptions } from "./client-cache";
export { ClientSession, type SessionSettings } from "./session";
export {
  SETTINGS,
  readSettings,
  currentSettings,
  InvalidSettingError,
  type ProviderSettings,
  type Diagnostics,
  type SettingDescription,
  type SettingProblem,
} from "./settings";
export { UNKNOWN } from "./unknown";
export { ProviderError } from "./user-error";
export type { CheckFailure } from "./check-failures";
export type { CallbackTemplateInputs, CallbackTemplateOutputs, TemplateUrlProperty } from "./resources/callback-template";
export { TEMPLATE_URL_PROPERTIES } from "./resources/callback-template";
export type { DomainBindingInputs, DomainBindingOutputs } from "./resources/domain-binding";
export { DEFAULT_APP_NAME } from "./resources/domain-binding";
export * from "./client";

/** Lifecycle hooks of `CallbackTemplate`, called by the serialized shim. */
export const template = callbackTemplateHooks;
/** Lifecycle hooks of `DomainBinding`, called by the serialized shim. */
export const binding = domainBindingHooks;
