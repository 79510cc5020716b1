import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_APP_NAME } from "../live-api/rule-fields";
import type { DomainBindingInputs } from "../provider/resources/domain-binding";
import { ShimmedDynamicResource } from "./dynamic-resource";
import type { Assert, ResolvedArgs, SameShape } from "./input-shapes";
import { domainBindingShim } from "./provider-shim";

/**
 * Arguments of a {@link DomainBinding}. Names match `tencentcloud.Css.CallbackRuleAttachment`.
 */
export interface DomainBindingArgs {
  /** The push domain, e.g. `push.example.com`. Console label "Domain Name". Changing it replaces the binding. */
  domainName: pulumi.Input<string>;
  /** The app (the path segment of push URLs). Default `"live"`. Changing it replaces the binding. */
  appName?: pulumi.Input<string>;
  /**
   * The template to call back with: a {@link CallbackTemplate}'s `templateId`, or a number
   * from another stack (`StackReference.getOutput`). Changing it re-points the rule in place.
   */
  templateId: pulumi.Input<number>;
  /**
   * Take over a rule that already sits on this domain and app (made in the console or by
   * another stack). Without it, such a rule is a conflict and creation fails, naming it.
   */
  adopt?: pulumi.Input<boolean>;
}

// Compile-time only: the arguments, once resolved, are the provider's inputs, except that
// `appName` may be left out (the default is filled in before the provider sees it).
type _ArgsAreProviderInputs = Assert<SameShape<ResolvedArgs<DomainBindingArgs>, Omit<DomainBindingInputs, "appName"> & Partial<Pick<DomainBindingInputs, "appName">>>>;

/**
 * Binds a callback template to a push domain and app (a Live "callback rule"). One
 * (domain, app) has at most one rule. The id is `"<domainName>/<appName>"`.
 *
 * Deleting a binding removes the rule only while it still points at this binding's
 * template; a rule someone re-pointed elsewhere is left alone.
 */
export class DomainBinding extends ShimmedDynamicResource {
  declare public readonly domainName: pulumi.Output<string>;
  declare public readonly appName: pulumi.Output<string>;
  declare public readonly templateId: pulumi.Output<number>;
  declare public readonly adopt: pulumi.Output<boolean | undefined>;

  /** Reads an existing rule by id `"<domainName>/<appName>"` without managing it. */
  public static get(name: string, id: pulumi.Input<string>, opts?: pulumi.CustomResourceOptions): DomainBinding {
    return new DomainBinding(name, undefined, { ...opts, id });
  }

  /**
   * @param name The unique name of the resource in the stack.
   * @param args The binding; omitted only by {@link DomainBinding.get}.
   * @param opts Resource options.
   */
  constructor(name: string, args: DomainBindingArgs | undefined, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, args: DomainBindingArgs, opts?: pulumi.CustomResourceOptions);
  constructor(name: string, args?: DomainBindingArgs, opts: pulumi.CustomResourceOptions = {}) {
    const props: Record<string, unknown> = {
      domainName: undefined,
      templateId: undefined,
      adopt: undefined,
      ...(opts.id === undefined ? args : {}),
      appName: opts.id === undefined ? (args?.appName ?? DEFAULT_APP_NAME) : undefined,
    };
    super(domainBindingShim, "DomainBinding", name, props, opts);
  }
}
