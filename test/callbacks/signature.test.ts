import { describe, expect, it } from "vitest";
import { signCallback, verifyCallbackSignature } from "../../sdk/callbacks";

// Vectors computed independently with `echo -n "<key><t>" | md5sum`.
describe("callback signatures", () => {
  it("computes md5(key + t) as lowercase hex", () => {
    expect(signCallback("secretKey123", 1767225600)).toBe("f023dc2342b197b7812fd5c3c5524c1d");
    expect(signCallback("abc", "1700000600")).toBe("72939d310c7e73643378be53b1b92896");
  });

  const now = new Date(1767225000 * 1000);

  it("accepts a valid signature with t as a number or a string", () => {
    expect(verifyCallbackSignature({ sign: "f023dc2342b197b7812fd5c3c5524c1d", t: 1767225600 }, "secretKey123", { now })).toEqual({
      ok: true,
      expiresAt: 1767225600,
    });
    expect(verifyCallbackSignature({ sign: "f023dc2342b197b7812fd5c3c5524c1d", t: "1767225600" }, "secretKey123", { now }).ok).toBe(true);
  });

  it("rejects a tampered signature, a tampered t and another key", () => {
    expect(verifyCallbackSignature({ sign: "f023dc2342b197b7812fd5c3c5524c1e", t: 1767225600 }, "secretKey123", { now })).toMatchObject({
      ok: false,
      reason: "mismatch",
    });
    expect(verifyCallbackSignature({ sign: "f023dc2342b197b7812fd5c3c5524c1d", t: 1767225601 }, "secretKey123", { now })).toMatchObject({
      reason: "mismatch",
    });
    expect(verifyCallbackSignature({ sign: "f023dc2342b197b7812fd5c3c5524c1d", t: 1767225600 }, "otherKey", { now })).toMatchObject({
      reason: "mismatch",
    });
  });

  it("rejects an expired t", () => {
    const later = new Date(1767225601 * 1000);
    const check = verifyCallbackSignature({ sign: "f023dc2342b197b7812fd5c3c5524c1d", t: 1767225600 }, "secretKey123", { now: later });
    expect(check).toMatchObject({ ok: false, reason: "expired" });
  });

  it("says what is missing", () => {
    expect(verifyCallbackSignature({ t: 1 }, "k", { now })).toMatchObject({ reason: "missing-signature" });
    expect(verifyCallbackSignature({ sign: "x" }, "k", { now })).toMatchObject({ reason: "missing-expiry" });
    expect(verifyCallbackSignature({ sign: "x", t: "soon" }, "k", { now })).toMatchObject({ reason: "invalid-expiry" });
    expect(verifyCallbackSignature({ sign: "x", t: 1 }, "", { now })).toMatchObject({ reason: "no-key" });
    expect(verifyCallbackSignature(null, "k", { now })).toMatchObject({ reason: "missing-signature" });
  });
});
