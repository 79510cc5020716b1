/**
 * What `pulumi-tencent-css/provider` offers at run time is a decision: this list changes
 * only on purpose. The serialized shim stored in every resource's state calls into it, so
 * every name the shim uses must be there.
 */
import { describe, expect, it } from "vitest";
import * as provider from "../../provider";
import { callbackTemplateShim, domainBindingShim } from "../../sdk/provider-shim";

const PUBLIC_RUNTIME_EXPORTS = [
  // What the serialized shim calls.
  "configure",
  "template",
  "binding",
  // For programs and tools that host the hooks themselves.
  "setStackConfig",
  "setClientOptions",
  "liveClient",
  "CONFIG_KEYS",
  // The errors the hooks raise.
  "PROVIDER_ERROR_CODES",
  "ProviderError",
  "isProviderError",
  "TemplateStillBoundError",
  "ForeignRuleError",
  "TemplateNotFoundError",
  "RuleNotFoundError",
  "AdoptedTemplateNotFoundError",
  "TemplateDeletedOutsideError",
  "BindingTemplateNotFoundError",
  "InvalidResourceIdError",
  "OperationFailedError",
  // Facts of the resources.
  "TEMPLATE_FIELDS",
  "DEFAULT_APP_NAME",
];

/**
 * Runs a shim's `handler()` with a `require` that records, for each hook it returns, the
 * path it calls in the implementation module (`["template", "check"]`, `["configure"]`).
 */
function forwardedPaths(shim: string): Record<string, string[]> {
  const calls: string[][] = [];
  const recorder = (path: string[]): unknown =>
    new Proxy(() => undefined, {
      get: (_target, key) => (typeof key === "string" ? recorder([...path, key]) : undefined),
      apply: () => void calls.push(path),
    });
  const required: string[] = [];
  const module = { exports: {} as { handler?: () => Record<string, (...args: unknown[]) => unknown> } };
  const load = (id: string) => (required.push(id), recorder([]));
  new Function("exports", "require", "module", shim)(module.exports, load, module);
  const paths: Record<string, string[]> = {};
  for (const [hook, forward] of Object.entries(module.exports.handler!())) {
    calls.length = 0;
    forward({});
    expect(calls, hook).toHaveLength(1);
    paths[hook] = calls[0]!;
  }
  expect(new Set(required)).toEqual(new Set(["pulumi-tencent-css/provider"]));
  return paths;
}

describe("pulumi-tencent-css/provider", () => {
  it("exports exactly the runtime values decided on", () => {
    expect(Object.keys(provider).sort()).toEqual([...PUBLIC_RUNTIME_EXPORTS].sort());
  });

  it.each([
    ["template", callbackTemplateShim],
    ["binding", domainBindingShim],
  ] as const)("has a function for every hook the %s shim forwards to", (kind, shim) => {
    const paths = forwardedPaths(shim);
    expect(paths.configure).toEqual(["configure"]);
    for (const hook of ["check", "diff", "create", "read", "update", "delete"]) expect(paths[hook], hook).toEqual([kind, hook]);
    for (const [hook, path] of Object.entries(paths)) {
      const target = path.reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], provider);
      expect(typeof target, `${hook} → ${path.join(".")}`).toBe("function");
    }
  });
});
