/**
 * `pulumi-tencent-css`: Tencent Cloud CSS (live streaming) callback configuration as
 * Pulumi resources.
 *
 * @packageDocumentation
 */
export { CallbackTemplate, type CallbackTemplateArgs, type RecordExceptionLevel } from "./callback-template";
export { DomainBinding, type DomainBindingArgs } from "./domain-binding";
export { Provider, type ProviderArgs } from "./provider";
