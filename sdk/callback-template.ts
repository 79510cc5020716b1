import * as pulumi from "@pulumi/pulumi";
// The field table alone, not all of live-api: a program should not load zod for a list of names.
import { TEMPLATE_API_PROPERTIES, type RecordExceptionLevel } from "../live-api/template-fields";
import type { CallbackTemplateInputs } from "../provider/resources/callback-template";
import { ShimmedDynamicResource } from "./dynamic-resource";
import type { Assert, ResolvedArgs, SameShape } from "./input-shapes";
import { callbackTemplateShim } from "./provider-shim";

/** A level of recording exceptions to be called back about: `"error"`, `"warning"` or `"info"`. */
export type { RecordExceptionLevel };

/**
 * Arguments of a {@link CallbackTemplate}. Names match `tencentcloud.Css.CallbackTemplate`
 * so a program can move over by search and replace. Every URL must be an absolute
 * `http://` or `https://` URL; at least one URL must be set. A URL removed from the
 * program is cleared in the cloud on the next `pulumi up`.
 *
 * Each property is a row of the package's field table (plus `adoptTemplateId`); the
 * package does not compile unless these are exactly the provider's inputs.
 */
export interface CallbackTemplateArgs {
  /**
   * Template name. Console label "Template Name". Required; at most 30 characters of
   * Chinese characters, letters, digits, `_` and `-`.
   */
  templateName: pulumi.Input<string>;
  /** Description. Console label "Description". At most 100 characters, same character set as the name. */
  description?: pulumi.Input<string>;
  /** Console label "Push callback": called when a stream starts (event_type 1). */
  streamBeginNotifyUrl?: pulumi.Input<string>;
  /** Console label "Interruption callback": called when a stream ends (event_type 0). */
  streamEndNotifyUrl?: pulumi.Input<string>;
  /** Console label "Recording callback": called for each recording file (event_type 100). */
  recordNotifyUrl?: pulumi.Input<string>;
  /**
   * Console label "Recording status callback" (event_type 332). Tencent accepts this
   * field but never returns it, so `pulumi refresh` cannot see changes made to it elsewhere.
   */
  recordStatusNotifyUrl?: pulumi.Input<string>;
  /** Console label "Screencapture callback" (event_type 200). */
  snapshotNotifyUrl?: pulumi.Input<string>;
  /** Console label "Porn detection callback" (event_type 317). */
  pornCensorshipNotifyUrl?: pulumi.Input<string>;
  /** Console label "Push error callback": push exceptions (event_type 321, unsigned). */
  pushExceptionNotifyUrl?: pulumi.Input<string>;
  /** Console label "Audio moderation callback" (event_type 315). */
  audioAuditNotifyUrl?: pulumi.Input<string>;
  /** Console label "Recording exception callback" (event_type 341). */
  recordExceptionNotifyUrl?: pulumi.Input<string>;
  /** Which recording exception levels are called back: any of `"error"`, `"warning"`, `"info"`, each once. */
  recordExceptionLevels?: pulumi.Input<pulumi.Input<RecordExceptionLevel>[]>;
  /**
   * Console label "Callback key": the key Tencent signs every callback with
   * (`sign = md5(key + t)`). At most 32 letters and digits. Always stored as a secret,
   * in state and in previews.
   */
  callbackKey?: pulumi.Input<string>;
  /**
   * Take over an existing template (made in the console or by another tool) instead of
   * creating one. On create, the template is changed to match this program. Only read
   * at create time. (`pulumi import` works only for the package resources; for these
   * dynamic resources this is its stand-in.)
   */
  adoptTemplateId?: pulumi.Input<number>;
}

/** The properties registered for every template: the field table's and `adoptTemplateId`. */
const REGISTERED_PROPERTIES = [...TEMPLATE_API_PROPERTIES, "adoptTemplateId"] as const;
// Every argument is registered (so each is an output): the compiler names one that is not.
type _EveryArgRegistered = Assert<[Exclude<keyof CallbackTemplateArgs, (typeof REGISTERED_PROPERTIES)[number]>] extends [never] ? true : false>;

// Compile-time only: the arguments a program gives, once resolved, are exactly the inputs
// the provider's hooks receive (same properties, same optionality, same types).
type _ArgsAreProviderInputs = Assert<SameShape<ResolvedArgs<CallbackTemplateArgs>, CallbackTemplateInputs>>;

/**
 * The outputs of a {@link CallbackTemplate}: every argument, echoed as the cloud holds it
 * (`undefined` when unset). Documented on {@link CallbackTemplateArgs}.
 */
export type CallbackTemplateOutputs = {
  readonly [K in keyof CallbackTemplateArgs]-?: pulumi.Output<
    {} extends Pick<CallbackTemplateArgs, K> ? pulumi.Unwrap<CallbackTemplateArgs[K]> | undefined : pulumi.Unwrap<CallbackTemplateArgs[K]>
  >;
};

/** Every argument is an output property of the resource, of the same name. */
export interface CallbackTemplate extends CallbackTemplateOutputs {}

/**
 * A Live (CSS) callback template: where Tencent POSTs stream events, and the key it signs
 * them with. Bind it to push domains with {@link DomainBinding}. While any binding points
 * at it, deleting it is refused and the error names every binding.
 *
 * @example
 * ```ts
 * const hooks = new CallbackTemplate("hooks", {
 *   templateName: "prod_hooks",
 *   streamBeginNotifyUrl: "https://hooks.example.com/live/start",
 *   streamEndNotifyUrl: "https://hooks.example.com/live/end",
 *   callbackKey: config.requireSecret("callbackKey"),
 * });
 * ```
 */
export class CallbackTemplate extends ShimmedDynamicResource {
  /** The Tencent TemplateId (the resource id, as a number). Known during previews of updates. */
  public readonly templateId: pulumi.Output<number>;

  /**
   * Reads an existing template by id (its numeric TemplateId). This is how a stack uses a
   * template that another stack, or the console, owns: nothing is created or changed.
   */
  public static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): CallbackTemplate {
    return new CallbackTemplate(name, undefined, { ...opts, id });
  }

  /**
   * @param name The unique name of the resource in the stack.
   * @param args The template's settings; omitted only by {@link CallbackTemplate.get}.
   * @param opts Resource options; `additionalSecretOutputs` always includes `callbackKey`.
   */
  constructor(name: string, args: CallbackTemplateArgs | undefined, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, args: CallbackTemplateArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, args?: CallbackTemplateArgs, opts: pulumi.CustomResourceOptions = {}) {
    // Every property is registered, so each is an output of the resource (unset ones as undefined).
    const props: Record<string, unknown> = {
      ...Object.fromEntries(REGISTERED_PROPERTIES.map((p) => [p, undefined])),
      ...(opts.id === undefined ? args : {}),
    };
    // templateId is derived from the id below, not registered as an output property.
    delete props.templateId;
    if (props.callbackKey !== undefined) props.callbackKey = pulumi.secret(props.callbackKey as pulumi.Input<string>);
    super(callbackTemplateShim, "CallbackTemplate", name, props, {
      ...opts,
      additionalSecretOutputs: [...new Set([...(opts.additionalSecretOutputs ?? []), "callbackKey"])],
    });
    // The id stays known while a template is updated, so a preview does not show every
    // binding of an updated template as "~ templateId" (an output-only property would be
    // unknown during that preview).
    this.templateId = this.id.apply((id) => Number(id));
  }
}
