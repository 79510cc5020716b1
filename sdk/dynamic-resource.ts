import * as pulumi from "@pulumi/pulumi";
import { defaultProviderDisabledMessage, plainTextSecretsMessage, readStackSettings } from "./stack-settings";

// Each message once per program, however many resources it has.
let disabledProviderReported = false;
let plainTextSecretsReported = false;

/**
 * A Pulumi dynamic resource whose `__provider` is one of the fixed shims of
 * `provider-shim.ts`.
 *
 * It registers exactly what `pulumi.dynamic.Resource` registers (the type token
 * `pulumi-nodejs:dynamic/<module>:<type>`, which sends every call to the Node.js dynamic
 * provider, and the props with `__provider` added), except that `__provider` is the shim
 * text instead of the closure serializer's output. `pulumi.dynamic.Resource` offers no
 * way to pass a ready text: it always serializes the provider object it is given.
 *
 * The first resource of a program also reports what the stack config gets wrong for
 * this package (see stack-settings.ts): credentials kept in plain text (a warning), and a
 * disabled default `pulumi-nodejs` provider with no explicit one given (what to do, beside
 * the engine's own error).
 */
export abstract class ShimmedDynamicResource extends pulumi.CustomResource {
  protected constructor(
    shim: string,
    type: string,
    name: string,
    props: Record<string, unknown>,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    if (props.__provider !== undefined) throw new Error("A dynamic resource must not define the __provider key");
    const token = `pulumi-nodejs:dynamic/tencent-css:${type}`;
    super(token, name, { ...props, __provider: shim }, opts);
    if (disabledProviderReported && plainTextSecretsReported) return;
    const settings = readStackSettings();
    // getProvider answers the explicit provider this resource got: its own, one of its
    // `providers`, or its parent's.
    if (!disabledProviderReported && settings.defaultProviderDisabled && this.getProvider(token) === undefined) {
      disabledProviderReported = true;
      // Not pulumi.log: the engine fails this registration at once and drops the log
      // messages still on their way (checked with the real CLI). The program's stderr
      // always reaches the user, under the stack's diagnostics. Not a throw either: a
      // provider set by a resource transform is invisible here, and a throw would stop
      // a program the engine accepts.
      console.error(`error: ${defaultProviderDisabledMessage(`${type} "${name}"`)}`);
    }
    if (!plainTextSecretsReported && settings.plainTextSecrets.length > 0) {
      plainTextSecretsReported = true;
      void pulumi.log.warn(plainTextSecretsMessage(settings.plainTextSecrets));
    }
  }
}
