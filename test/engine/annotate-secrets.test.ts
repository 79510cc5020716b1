/**
 * The engine's rule for re-marking secrets after a provider that declines them
 * (`annotateSecrets`, sdk/go/common/resource/plugin/provider_plugin.go), as the harness
 * applies it to checked inputs and to outputs.
 */
import { describe, expect, it } from "vitest";
import { annotateSecrets, markSecrets, secret } from "../../harness/properties";

describe("re-marking secrets after the provider", () => {
  it("marks a value secret when the input of the same name was", () => {
    expect(markSecrets({ callbackKey: "k", templateName: "t" }, { callbackKey: secret("k"), templateName: "t" })).toEqual({
      callbackKey: secret("k"),
      templateName: "t",
    });
  });

  it("makes a whole array secret when any element of the input was, as the engine does", () => {
    expect(annotateSecrets(["error", "warning"], ["error", secret("warning")])).toEqual(secret(["error", "warning"]));
  });

  it("matches objects key by key, and makes a non-object secret when the input held a secret anywhere", () => {
    expect(annotateSecrets({ a: "x", b: "y" }, { a: secret("x"), b: "y" })).toEqual({ a: secret("x"), b: "y" });
    expect(annotateSecrets("flat", { nested: secret("s") })).toEqual(secret("flat"));
  });

  it("adds the names in additionalSecretOutputs", () => {
    expect(markSecrets({ callbackKey: "k" }, {}, ["callbackKey"])).toEqual({ callbackKey: secret("k") });
  });
});
