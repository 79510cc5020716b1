import { describe, expect, it } from "vitest";
import { parseFault } from "../../emulator";
import { admin, call, callRaw, createTemplate, emulatorForTest, errorCode } from "../support/emulator-fixture";

/** Outcome labels of `n` DescribeLiveCallbackRules calls: the error code, "ok", or the HTTP status. */
async function outcomes(emulator: Awaited<ReturnType<typeof emulatorForTest>>, n: number): Promise<string[]> {
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    const answer = await callRaw(emulator, "DescribeLiveCallbackRules");
    labels.push(answer.status !== 200 ? `http:${answer.status}` : (answer.json.Response.Error?.Code ?? "ok"));
  }
  return labels;
}

describe("fault injection", () => {
  it("fails the next N matching requests with a Tencent error, then answers normally", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=error:RequestLimitExceeded,count=2"] });
    expect(await outcomes(emulator, 3)).toEqual(["RequestLimitExceeded", "RequestLimitExceeded", "ok"]);
    expect(emulator.faults.injected()).toEqual({ DescribeLiveCallbackRules: { "error:RequestLimitExceeded": 2 } });
  });

  it("answers an injected error as HTTP 200 with a Tencent error body and a RequestId", async () => {
    const emulator = await emulatorForTest({ faults: ["*=error:InternalError,count=1"] });
    const answer = await callRaw(emulator, "DescribeLiveCallbackTemplates");
    expect(answer.status).toBe(200);
    expect(answer.json.Response).toEqual({ Error: { Code: "InternalError", Message: expect.any(String) }, RequestId: expect.any(String) });
  });

  it("only hits the action it names", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackTemplates=error:InternalError"] });
    expect(await errorCode(emulator, "DescribeLiveCallbackRules")).toBe(undefined);
    expect(await errorCode(emulator, "DescribeLiveCallbackTemplates")).toBe("InternalError");
  });

  it("answers an injected HTTP 5xx status", async () => {
    const emulator = await emulatorForTest({ faults: [{ action: "*", kind: "http", status: 503, count: 1 }] });
    const answer = await callRaw(emulator, "DescribeLiveCallbackRules");
    expect(answer.status).toBe(503);
    expect(await outcomes(emulator, 1)).toEqual(["ok"]);
  });

  it("resets the connection without answering", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=reset,count=1"] });
    await expect(callRaw(emulator, "DescribeLiveCallbackRules")).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|socket hang up/) });
    expect(await outcomes(emulator, 1)).toEqual(["ok"]);
    expect(emulator.faults.injected()).toEqual({ DescribeLiveCallbackRules: { reset: 1 } });
  });

  it("delays an answer past a client's timeout, and the client gives up", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=delay:60000,count=1"] });
    await expect(callRaw(emulator, "DescribeLiveCallbackRules", {}, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(emulator.faults.injected()).toEqual({ DescribeLiveCallbackRules: { delay: 1 } });
  });

  it("answers normally after a short delay", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=delay:50,count=1"] });
    expect(await outcomes(emulator, 1)).toEqual(["ok"]);
  });

  it("applies the change and then fails the response when afterCommit is set", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackTemplate=http:502,count=1,after-commit"] });
    const answer = await callRaw(emulator, "CreateLiveCallbackTemplate", { TemplateName: "t", StreamBeginNotifyUrl: "https://h.example.com/" });
    expect(answer.status).toBe(502);
    expect(emulator.state().templates.map((t) => t.TemplateName)).toEqual(["t"]);
  });

  it("applies a delete and then resets the connection when afterCommit is set", async () => {
    const emulator = await emulatorForTest();
    const id = await createTemplate(emulator);
    emulator.faults.add({ action: "DeleteLiveCallbackTemplate", kind: "reset", afterCommit: true });
    await expect(callRaw(emulator, "DeleteLiveCallbackTemplate", { TemplateId: id })).rejects.toThrow();
    expect(emulator.state().templates).toEqual([]);
  });

  it("applies the change and answers an error code when afterCommit is set", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackRule=error:InternalError,after-commit"] });
    const id = await createTemplate(emulator);
    const response = await call(emulator, "CreateLiveCallbackRule", { DomainName: "d.example.com", AppName: "live", TemplateId: id });
    expect(response.Error?.Code).toBe("InternalError");
    expect(emulator.state().rules).toHaveLength(1);
  });

  it("does not apply the change when the fault hits before the commit", async () => {
    const emulator = await emulatorForTest({ faults: ["CreateLiveCallbackTemplate=http:500,count=1"] });
    await callRaw(emulator, "CreateLiveCallbackTemplate", { TemplateName: "t", StreamBeginNotifyUrl: "https://h.example.com/" });
    expect(emulator.state().templates).toEqual([]);
  });

  it("hits roughly the given share of requests by rate", async () => {
    const emulator = await emulatorForTest({ seed: 1, faults: ["DescribeLiveCallbackRules=error:InternalError,rate=0.5"] });
    const labels = await outcomes(emulator, 60);
    const hits = labels.filter((l) => l === "InternalError").length;
    expect(hits).toBeGreaterThan(10);
    expect(hits).toBeLessThan(50);
    expect(emulator.faults.injected().DescribeLiveCallbackRules!["error:InternalError"]).toBe(hits);
  });

  it("never fires at rate 0", async () => {
    const emulator = await emulatorForTest({ faults: ["*=http:500,rate=0"] });
    expect(await outcomes(emulator, 10)).toEqual(Array(10).fill("ok"));
  });

  it("repeats the same faults for the same seed, and others for another seed", async () => {
    const run = async (seed: number) => {
      const emulator = await emulatorForTest({ seed, faults: ["*=error:InternalError,rate=0.3", "*=http:503,rate=0.3"] });
      const labels = await outcomes(emulator, 40);
      await emulator.close();
      return labels;
    };
    const first = await run(42);
    expect(new Set(first).size).toBe(3);
    expect(await run(42)).toEqual(first);
    expect(await run(43)).not.toEqual(first);
  });

  it("adds, lists with counts, and clears faults through the admin endpoint", async () => {
    const emulator = await emulatorForTest({ seed: 9 });
    const added = await admin(emulator, "POST", "faults", [
      "DescribeLiveCallbackRules=error:InternalError,count=1",
      { spec: "DescribeLiveCallbackTemplates=http:500,count=5" },
      { action: "CreateLiveCallbackRule", kind: "delay", ms: 10, afterCommit: true },
    ]);
    expect(added.status).toBe(201);
    expect(added.json.faults).toHaveLength(3);
    await outcomes(emulator, 2);
    const listed = await admin(emulator, "GET", "faults");
    expect(listed.json).toEqual({
      seed: 9,
      faults: [
        { id: 1, action: "DescribeLiveCallbackRules", kind: "error", code: "InternalError", count: 1, injected: 1, remaining: 0 },
        { id: 2, action: "DescribeLiveCallbackTemplates", kind: "http", status: 500, count: 5, injected: 0, remaining: 5 },
        { id: 3, action: "CreateLiveCallbackRule", kind: "delay", ms: 10, afterCommit: true, injected: 0 },
      ],
      injected: { DescribeLiveCallbackRules: { "error:InternalError": 1 } },
    });
    expect((await admin(emulator, "DELETE", "faults/2")).status).toBe(200);
    expect((await admin(emulator, "DELETE", "faults/2")).status).toBe(404);
    expect((await admin(emulator, "DELETE", "faults")).json).toEqual({ cleared: 2 });
    expect((await admin(emulator, "GET", "faults")).json).toEqual({ seed: 9, faults: [], injected: {} });
  });

  it("refuses an invalid fault on the admin endpoint and adds none of the batch", async () => {
    const emulator = await emulatorForTest();
    const answer = await admin(emulator, "POST", "faults", ["*=reset", "*=explode"]);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toContain("explode");
    expect(emulator.faults.list()).toEqual([]);
  });

  it("parses the string form of every kind", () => {
    expect(parseFault("*=error:RequestLimitExceeded,rate=0.25")).toEqual({ action: "*", kind: "error", code: "RequestLimitExceeded", rate: 0.25 });
    expect(parseFault("DeleteLiveCallbackRule=http:504,count=3,after-commit")).toEqual({
      action: "DeleteLiveCallbackRule",
      kind: "http",
      status: 504,
      count: 3,
      afterCommit: true,
    });
    expect(parseFault("CreateLiveCallbackTemplate=reset")).toEqual({ action: "CreateLiveCallbackTemplate", kind: "reset" });
    expect(parseFault("*=delay:70000")).toEqual({ action: "*", kind: "delay", ms: 70000 });
  });

  it.each(["*=http:404", "Nope=reset", "*=error:", "*=reset,rate=2", "*=reset,count=0", "*=delay:-1", "*=reset,sometimes", "reset"])(
    "refuses the malformed fault %j",
    (spec) => {
      expect(() => parseFault(spec)).toThrow(/invalid fault/);
    },
  );

  it("counts faulted requests separately in the request counts", async () => {
    const emulator = await emulatorForTest({ faults: ["DescribeLiveCallbackRules=error:InternalError,count=1"] });
    await outcomes(emulator, 3);
    expect(emulator.requestCounts()).toEqual({
      DescribeLiveCallbackRules: { received: 3, succeeded: 2, failed: 0, faulted: 1, throttled: 0 },
    });
  });
});
