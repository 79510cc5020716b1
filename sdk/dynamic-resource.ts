import * as pulumi from "@pulumi/pulumi";

/**
 * A Pulumi dynamic resource whose `__provider` is one of the fixed shims of
 * `provider-shim.ts`.
 *
 * It registers exactly what `pulumi.dynamic.Resource` registers (the type token
 * `pulumi-nodejs:dynamic/<module>:<type>`, which sends every call to the Node.js dynamic
 * provider, and the props with `__provider` added), except that `__provider` is the shim
 * text instead of the closure serializer's output. `pulumi.dynamic.Resource` offers no
 * way to pass a ready text: it always serializes the provider object it is given.
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
    super(`pulumi-nodejs:dynamic/tencent-css:${type}`, name, { ...props, __provider: shim }, opts);
  }
}
