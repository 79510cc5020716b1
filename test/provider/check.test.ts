import { describe, expect, it } from "vitest";
import { binding, template } from "../../provider";
import { UNKNOWN } from "../../provider/unknown";

const URL = "https://hooks.example.com/live";

async function templateFailures(news: Record<string, unknown>) {
  return (await template.check({}, news)).failures;
}
async function bindingCheck(news: Record<string, unknown>) {
  return binding.check({}, news);
}

describe("CallbackTemplate check", () => {
  it("accepts a valid template", async () => {
    expect(
      await templateFailures({
        templateName: "prod_hooks-1",
        description: "直播回调",
        streamBeginNotifyUrl: URL,
        recordExceptionLevels: ["error", "info"],
        callbackKey: "abc123XYZ",
      }),
    ).toEqual([]);
  });

  it("counts Chinese characters as one each: 30 pass, 31 fail", async () => {
    expect(await templateFailures({ templateName: "直".repeat(30), streamBeginNotifyUrl: URL })).toEqual([]);
    const failures = await templateFailures({ templateName: "直".repeat(31), streamBeginNotifyUrl: URL });
    expect(failures).toEqual([{ property: "templateName", reason: expect.stringContaining("at most 30") }]);
  });

  it.each([
    [{ templateName: "has space" }, "templateName"],
    [{ templateName: "" }, "templateName"],
    [{ description: "x".repeat(101) }, "description"],
    [{ description: "no.dots" }, "description"],
    [{ callbackKey: "k".repeat(33) }, "callbackKey"],
    [{ callbackKey: "not-alnum" }, "callbackKey"],
    [{ streamEndNotifyUrl: "hooks.example.com/end" }, "streamEndNotifyUrl"],
    [{ recordNotifyUrl: "ftp://hooks.example.com/rec" }, "recordNotifyUrl"],
    [{ recordExceptionLevels: ["fatal"] }, "recordExceptionLevels"],
    [{ recordExceptionLevels: ["error", "error"] }, "recordExceptionLevels"],
    [{ adoptTemplateId: -3 }, "adoptTemplateId"],
    [{ adoptTemplateId: "12" }, "adoptTemplateId"],
    [{ streamBeginNotifyUrl: 42 }, "streamBeginNotifyUrl"],
  ])("reports %j as a failure of %s", async (bad, property) => {
    const failures = await templateFailures({ templateName: "ok", streamBeginNotifyUrl: URL, ...bad });
    expect(failures.map((f) => f.property)).toEqual([property]);
    expect(failures[0]!.reason.length).toBeGreaterThan(10);
  });

  it("requires a name and at least one URL", async () => {
    const failures = await templateFailures({ description: "x" });
    expect(failures.map((f) => f.property).sort()).toEqual(["streamBeginNotifyUrl", "templateName"]);
    expect(failures.find((f) => f.property === "streamBeginNotifyUrl")!.reason).toContain("at least one callback URL");
  });

  it("does not count an empty URL as a URL", async () => {
    const failures = await templateFailures({ templateName: "t", streamBeginNotifyUrl: "" });
    expect(failures.map((f) => f.property)).toEqual(["streamBeginNotifyUrl"]);
  });

  it("names a property the resource does not have", async () => {
    const failures = await templateFailures({ templateName: "t", streamBeginNotifyUrl: URL, streamStartUrl: URL });
    expect(failures).toEqual([{ property: "streamStartUrl", reason: expect.stringContaining("no property") }]);
  });

  it("accepts preview unknowns anywhere, including as the only URL", async () => {
    expect(
      await templateFailures({ templateName: UNKNOWN, streamBeginNotifyUrl: UNKNOWN, recordExceptionLevels: [UNKNOWN], callbackKey: UNKNOWN }),
    ).toEqual([]);
  });
});

describe("DomainBinding check", () => {
  it("fills appName with live", async () => {
    const result = await bindingCheck({ domainName: "push.example.com", templateId: 12 });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ domainName: "push.example.com", appName: "live", templateId: 12 });
  });

  it.each([
    [{ domainName: "not a host" }, "domainName"],
    [{ domainName: "localhost" }, "domainName"],
    [{ domainName: "-bad.example.com" }, "domainName"],
    [{ appName: "" }, "appName"],
    [{ templateId: 0 }, "templateId"],
    [{ templateId: 1.5 }, "templateId"],
    [{ adopt: "yes" }, "adopt"],
  ])("reports %j as a failure of %s", async (bad, property) => {
    const { failures } = await bindingCheck({ domainName: "push.example.com", templateId: 12, ...bad });
    expect(failures.map((f) => f.property)).toEqual([property]);
  });

  it("requires a domain and a template", async () => {
    const { failures } = await bindingCheck({});
    expect(failures.map((f) => f.property).sort()).toEqual(["domainName", "templateId"]);
  });

  it("accepts a templateId that is unknown during preview", async () => {
    expect((await bindingCheck({ domainName: "push.example.com", templateId: UNKNOWN })).failures).toEqual([]);
  });
});
