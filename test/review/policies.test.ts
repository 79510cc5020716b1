/** The policy pack's rules as plain functions (the real CLI runs the pack in test/cli/policy-pack.test.ts). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEMPLATE_POLICIES, isPrivateHost } from "../../policy/policies";

const check = (name: string, props: Record<string, unknown>, config: Record<string, unknown> = {}) =>
  TEMPLATE_POLICIES.find((p) => p.name === name)!.check(props, config);

describe("the policy pack's rules", () => {
  it("tells loopback, private and link-local hosts from public ones", () => {
    for (const host of ["localhost", "127.0.0.1", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "[::1]", "fd00::1", "fe80::1", "100.64.0.1"]) {
      expect(isPrivateHost(host), host).toBe(true);
    }
    for (const host of ["hooks.example.com", "8.8.8.8", "172.32.0.1", "192.169.0.1", "2001:db8::1"]) expect(isPrivateHost(host), host).toBe(false);
  });

  it("checks every callback URL property, and skips values unknown until up", () => {
    const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
    expect(check("callback-urls-https", { recordExceptionNotifyUrl: "http://a.example.com/x", audioAuditNotifyUrl: unknown })).toEqual([
      'recordExceptionNotifyUrl "http://a.example.com/x" must use https://',
    ]);
    expect(check("no-private-callback-hosts", { snapshotNotifyUrl: "https://localhost:8080/x" })).toHaveLength(1);
  });

  it("pairs the stream URLs, requires a key, and applies a prefix only once configured", () => {
    expect(check("stream-begin-end-paired", { streamEndNotifyUrl: "https://a.example.com/e" })).toEqual(["streamEndNotifyUrl is set without streamBeginNotifyUrl"]);
    expect(check("stream-begin-end-paired", {})).toEqual([]);
    expect(check("callback-key-required", {})).toHaveLength(1);
    expect(check("callback-key-required", { callbackKey: "k" })).toEqual([]);
    expect(check("template-name-prefix", { templateName: "x" })).toEqual([]);
    expect(check("template-name-prefix", { templateName: "x" }, { prefix: "team_" })).toEqual(['templateName "x" must start with "team_"']);
  });

  it("ships the pack with the package's own version", () => {
    const version = (file: string) => (JSON.parse(readFileSync(join(__dirname, "..", "..", file), "utf8")) as { version: string }).version;
    expect(version("policy-pack/package.json")).toBe(version("package.json"));
  });
});
