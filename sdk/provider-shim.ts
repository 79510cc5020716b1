/**
 * The serialized providers: what Pulumi writes into the `__provider` property of every
 * resource's state.
 *
 * Each hook is a one-line forwarder that loads the implementation from the installed
 * package at call time. Nothing is captured — no credentials, no zod schemas, no HTTP
 * client — so the text stays under 2 KB, contains no secret, and does not change when the
 * implementation does: upgrading the package shows no `~ __provider` diff (pulumi#12401).
 *
 * Rules for editing this file: no imports used at run time, no module-level values
 * referenced from the hooks, arrow functions only (method syntax adds bytes to every
 * hook). Changing any hook changes `__provider` in every user's state.
 */
import type * as pulumi from "@pulumi/pulumi";

type Provider = pulumi.dynamic.ResourceProvider;

/** Forwards to `require("pulumi-tencent-css/provider").template`. */
export const callbackTemplateProvider: Provider = {
  configure: (r: unknown) => require("pulumi-tencent-css/provider").configure(r),
  check: (...a: [any, any]) => require("pulumi-tencent-css/provider").template.check(...a),
  diff: (...a: [any, any, any]) => require("pulumi-tencent-css/provider").template.diff(...a),
  create: (...a: [any]) => require("pulumi-tencent-css/provider").template.create(...a),
  read: (...a: [any, any]) => require("pulumi-tencent-css/provider").template.read(...a),
  update: (...a: [any, any, any]) => require("pulumi-tencent-css/provider").template.update(...a),
  delete: (...a: [any, any]) => require("pulumi-tencent-css/provider").template.delete(...a),
};

/** Forwards to `require("pulumi-tencent-css/provider").binding`. */
export const domainBindingProvider: Provider = {
  configure: (r: unknown) => require("pulumi-tencent-css/provider").configure(r),
  check: (...a: [any, any]) => require("pulumi-tencent-css/provider").binding.check(...a),
  diff: (...a: [any, any, any]) => require("pulumi-tencent-css/provider").binding.diff(...a),
  create: (...a: [any]) => require("pulumi-tencent-css/provider").binding.create(...a),
  read: (...a: [any, any]) => require("pulumi-tencent-css/provider").binding.read(...a),
  update: (...a: [any, any, any]) => require("pulumi-tencent-css/provider").binding.update(...a),
  delete: (...a: [any, any]) => require("pulumi-tencent-css/provider").binding.delete(...a),
};
