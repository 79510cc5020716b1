import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_PROVIDER_PACKAGE } from "./stack-settings";

/**
 * Settings of an explicit {@link Provider}. Each defaults to the stack config key named,
 * and, like it, falls back to the environment when unset (`TENCENTCLOUD_SECRET_ID`, …).
 */
export interface ProviderArgs {
  /** SecretId. Default: stack config `tencentcloud:secretId`. */
  secretId?: pulumi.Input<string>;
  /** SecretKey; always stored as a secret. Default: stack config `tencentcloud:secretKey`. */
  secretKey?: pulumi.Input<string>;
  /** Token of temporary credentials; always a secret. Default: stack config `tencentcloud:securityToken`. */
  securityToken?: pulumi.Input<string>;
  /** Region sent as `X-TC-Region`. Default: stack config `tencentcloud:region`. */
  region?: pulumi.Input<string>;
  /** Live API endpoint, e.g. an emulator's. Default: stack config `tencent-css:endpoint`. */
  endpoint?: pulumi.Input<string>;
}

/**
 * An explicit instance of the `pulumi-nodejs` provider, the process Pulumi runs every
 * dynamic resource in, carrying this package's settings. Programs need one when
 * `pulumi:disable-default-providers` lists `pulumi-nodejs` or `*`; pass it as
 * `{ provider }` to each {@link CallbackTemplate} and {@link DomainBinding}, or as
 * `{ providers: [provider] }` to a parent.
 *
 * Unlike the default provider, which Pulumi gives the whole stack config (and stores it all
 * in the stack's state), this one holds only the five settings above; the secret ones are
 * stored encrypted. Switching existing resources to it replaces nothing.
 *
 * @example
 * ```ts
 * const css = new Provider("css");
 * new CallbackTemplate("hooks", { ... }, { provider: css });
 * ```
 */
export class Provider extends pulumi.ProviderResource {
  /**
   * @param name The unique name of the provider in the stack.
   * @param args Settings; each defaults to its stack config key.
   * @param opts Resource options.
   */
  constructor(name: string, args: ProviderArgs = {}, opts: pulumi.ResourceOptions = {}) {
    const fromConfig = (key: string) => pulumi.runtime.getConfig(key) || undefined;
    const secret = (value: pulumi.Input<string> | undefined) => (value === undefined ? undefined : pulumi.secret(value));
    // The keys the provider's configure reads: the stack config's own names.
    const props: Record<string, pulumi.Input<string> | undefined> = {
      "tencentcloud:secretId": args.secretId ?? fromConfig("tencentcloud:secretId"),
      "tencentcloud:secretKey": secret(args.secretKey ?? fromConfig("tencentcloud:secretKey")),
      "tencentcloud:securityToken": secret(args.securityToken ?? fromConfig("tencentcloud:securityToken")),
      "tencentcloud:region": args.region ?? fromConfig("tencentcloud:region"),
      "tencent-css:endpoint": args.endpoint ?? fromConfig("tencent-css:endpoint"),
    };
    super(DYNAMIC_PROVIDER_PACKAGE, name, props, opts);
  }
}
