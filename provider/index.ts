/**
 * `pulumi-tencent-css/provider`: everything that runs inside Pulumi's dynamic-provider
 * process. The serialized shim in each resource's state calls `configure`, `template.*`
 * and `binding.*` here at call time; nothing of this module is ever serialized.
 *
 * What this entry exports is a decision, pinned by test/provider/public-surface.test.ts:
 *
 * - `configure`, `template`, `binding`: what the shim calls;
 * - `setStackConfig`, `setClientOptions`, `liveClient`, `CONFIG_KEYS`: for programs and
 *   tools that host the hooks themselves (tests, the `tencent-css` package provider);
 * - the errors the hooks raise, {@link isProviderError} and {@link PROVIDER_ERROR_CODES};
 * - `TEMPLATE_FIELDS` (the field table: property → Live API field) and `DEFAULT_APP_NAME`.
 *
 * The Live API client, the input rules and the rest are internal: the package's own rooms
 * import them from their modules (`provider/client`, `provider/input-rules`, …).
 *
 * @packageDocumentation
 */
import { callbackTemplateHooks } from "./resources/callback-template";
import { domainBindingHooks } from "./resources/domain-binding";

export { configure, setStackConfig, CONFIG_KEYS, type ConfigureRequest } from "./stack-config";
export { setClientOptions, liveClient } from "./client-cache";
export type { LiveClient, LiveClientOptions, StackConfig } from "./client";
export {
  PROVIDER_ERROR_CODES,
  ProviderError,
  isProviderError,
  TemplateStillBoundError,
  ForeignRuleError,
  TemplateNotFoundError,
  RuleNotFoundError,
  AdoptedTemplateNotFoundError,
  TemplateDeletedOutsideError,
  BindingTemplateNotFoundError,
  InvalidResourceIdError,
  OperationFailedError,
  type ProviderErrorCode,
  type ProviderErrorsByCode,
  type OperationFailure,
  type OperationFailureCode,
  type RuleLocation,
} from "./errors";
export type { CheckFailure } from "./input-rules";
export type { CallbackTemplateInputs, CallbackTemplateOutputs } from "./resources/callback-template";
// The field table the hooks map properties to API fields by, read on every call.
export { TEMPLATE_FIELDS, type TemplateUrlProperty } from "../live-api";
export type { DomainBindingInputs, DomainBindingOutputs } from "./resources/domain-binding";
export { DEFAULT_APP_NAME } from "./resources/domain-binding";

/** Lifecycle hooks of `CallbackTemplate`, called by the serialized shim. */
export const template = callbackTemplateHooks;
/** Lifecycle hooks of `DomainBinding`, called by the serialized shim. */
export const binding = domainBindingHooks;
