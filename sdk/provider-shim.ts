/**
 * The serialized providers: the text Pulumi stores in the `__provider` property of every
 * resource's state, twice (inputs and outputs), and that the dynamic-provider host loads
 * with `require-from-string(text).handler()` before each call.
 *
 * The text is written here by hand instead of by Pulumi's closure serializer, for three
 * reasons, each measured (docs/PERFORMANCE.md):
 *
 * - Size. The serializer wraps every hook in about 190 bytes of boilerplate: seven hooks
 *   came to 2,028 bytes, over 4 KB of state per resource for the two copies. This text
 *   is 304 bytes.
 * - Cost in the user's program. Serializing loads TypeScript and `@npmcli/arborist` and
 *   opens a V8 inspector session that stays open and slows every `await` of the program
 *   afterwards; a program that only creates our resources now never starts it.
 * - Stability. The text is a constant, pinned by a golden test, so no release of the
 *   package, of TypeScript or of `@pulumi/pulumi` changes it, and upgrading never shows
 *   `~ __provider` on every resource (pulumi#12401).
 *
 * Contract with the host (`@pulumi/pulumi/cmd/dynamic-provider`): a CommonJS module whose
 * `handler()` returns the provider object. It is the same contract the serializer's output
 * meets (`exports.handler = __f0`), so every state written by either keeps loading. Module
 * paths resolve from the program's directory, where `pulumi-tencent-css` is installed.
 *
 * What the text must keep: nothing captured (no credential, schema or client: every hook
 * loads the implementation at call time), only syntax Node 18 parses, and exactly the
 * hooks the implementation has; the host treats a missing hook as "use the default", so a
 * hook must not be listed unless `provider/` implements it. Changing a single character
 * changes `__provider` in every user's state; the golden test will say so.
 */

/** The package subpath the hooks load at call time. */
const IMPLEMENTATION = "pulumi-tencent-css/provider";

/** Which resource's hooks a shim forwards to: a key of the implementation module. */
type ResourceKind = "template" | "binding";

function shim(kind: ResourceKind): string {
  return [
    "exports.handler = () => {",
    `  const p = () => require(${JSON.stringify(IMPLEMENTATION)});`,
    `  const h = (k) => (...a) => p().${kind}[k](...a);`,
    '  return { configure: (r) => p().configure(r), check: h("check"), diff: h("diff"), create: h("create"), read: h("read"), update: h("update"), delete: h("delete") };',
    "};",
    "",
  ].join("\n");
}

/** `__provider` of every `CallbackTemplate`: forwards to `require("pulumi-tencent-css/provider").template`. */
export const callbackTemplateShim: string = shim("template");

/** `__provider` of every `DomainBinding`: forwards to `require("pulumi-tencent-css/provider").binding`. */
export const domainBindingShim: string = shim("binding");
