/**
 * The package provider's per-property diff (package-provider/detailed-diff.ts) names only
 * what the resource's own diff counts as changed: for a CallbackTemplate, level order and
 * `""` against unset are no change, so they never show in a preview beside a real one.
 */
import { describe, expect, it } from "vitest";
import { detailedDiff } from "../../package-provider/detailed-diff";
import { RESOURCES } from "../../package-provider/resources";

const TEMPLATE = RESOURCES["tencent-css:index:CallbackTemplate"]!;
const BINDING = RESOURCES["tencent-css:index:DomainBinding"]!;

describe("the package provider's detailed diff", () => {
  it("shows a template's real change and not the reordered levels or the empty description beside it", () => {
    const olds = { templateName: "t", streamBeginNotifyUrl: "https://h.example.com/b", recordExceptionLevels: ["info", "error"], templateId: 7 };
    const news = { templateName: "t", streamBeginNotifyUrl: "https://h.example.com/b2", recordExceptionLevels: ["error", "info"], description: "" };
    expect(detailedDiff(TEMPLATE, olds, news, [])).toEqual({ streamBeginNotifyUrl: "UPDATE" });
  });

  it("shows added and removed template properties as such", () => {
    const olds = { templateName: "t", streamBeginNotifyUrl: "https://h.example.com/b", templateId: 7 };
    const news = { templateName: "t", streamEndNotifyUrl: "https://h.example.com/e", adoptTemplateId: 7 };
    expect(detailedDiff(TEMPLATE, olds, news, [])).toEqual({ streamBeginNotifyUrl: "DELETE", streamEndNotifyUrl: "ADD" });
  });

  it("keeps a binding's replacement kinds", () => {
    const olds = { domainName: "a.example.com", appName: "live", templateId: 1 };
    expect(detailedDiff(BINDING, olds, { ...olds, domainName: "b.example.com", adopt: true }, ["domainName"])).toEqual({ domainName: "UPDATE_REPLACE" });
  });
});
