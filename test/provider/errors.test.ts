/**
 * The provider's errors as data: each kind's code, its data, the one place its wording is
 * pinned, the brand that survives a second copy of the package, and how the hooks' boundary
 * turns the client's errors into them. The hooks' tests assert on code and data only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { LiveApiError, LiveRequestError, LiveResponseError, LiveTransportError, MissingCredentialsError } from "../../provider/client";
import {
  AdoptedTemplateNotFoundError,
  BindingTemplateNotFoundError,
  ForeignRuleError,
  InvalidResourceIdError,
  OperationFailedError,
  PROVIDER_ERROR_CODES,
  ProviderError,
  RuleNotFoundError,
  TemplateDeletedOutsideError,
  TemplateNotFoundError,
  TemplateStillBoundError,
  isProviderError,
} from "../../provider/errors";
import { toUserError } from "../../provider/user-error";

const refusal = (code: string, message = "refused") => new LiveApiError({ code, message, action: "CreateLiveCallbackTemplate", requestId: "req-1" });

/** One error of every class, with the message each one's data must produce. */
const MESSAGES: ReadonlyArray<readonly [ProviderError, string]> = [
  [
    new TemplateStillBoundError({ templateId: 1203, bindings: [{ domainName: "live.example.com", appName: "live" }] }),
    "template 1203 is still bound to live.example.com/live; nothing was deleted. Remove or re-point that DomainBinding " +
      "(or unbind it in the console), then run `pulumi up` or `pulumi destroy` again.",
  ],
  [
    new TemplateStillBoundError({
      templateId: 7,
      bindings: [
        { domainName: "a.example.com", appName: "app2" },
        { domainName: "b.example.com", appName: "live" },
      ],
      tencentCode: "FailedOperation.ConfInUsed",
    }),
    "template 7 is still bound to a.example.com/app2, b.example.com/live; nothing was deleted. Remove or re-point those DomainBindings " +
      "(or unbind it in the console), then run `pulumi up` or `pulumi destroy` again. (FailedOperation.ConfInUsed)",
  ],
  [
    new TemplateStillBoundError({ templateId: 7, bindings: [], tencentCode: "InternalError.RuleInUsing" }),
    "template 7 is still in use; nothing was deleted. Remove or re-point that DomainBinding " +
      "(or unbind it in the console), then run `pulumi up` or `pulumi destroy` again. (InternalError.RuleInUsing)",
  ],
  [
    new ForeignRuleError({ domainName: "push.example.com", appName: "live", templateId: 2, wantedTemplateId: 1 }),
    "push.example.com/live already has a callback rule pointing at template 2, made outside this stack. " +
      "Set adopt: true on this DomainBinding to take it over, or remove that rule in the console, then run `pulumi up` again.",
  ],
  [
    new TemplateNotFoundError({ templateId: 424242 }),
    'CallbackTemplate.get("424242"): there is no callback template 424242 in this account. ' +
      "Check the id (the numeric TemplateId) and the account the credentials belong to, or remove the get.",
  ],
  [
    new RuleNotFoundError({ domainName: "nope.example.com", appName: "live" }),
    'DomainBinding.get("nope.example.com/live"): there is no callback rule on nope.example.com/live in this account. ' +
      'Check the id ("<domainName>/<appName>", e.g. "live.example.com/live") and the account the credentials belong to, or remove the get.',
  ],
  [
    new AdoptedTemplateNotFoundError({ templateId: 777777 }),
    "template 777777 named in adoptTemplateId does not exist. Remove adoptTemplateId to create a new template, or correct the id.",
  ],
  [
    new TemplateDeletedOutsideError({ templateId: 55 }),
    "template 55 no longer exists (deleted outside this stack). Run `pulumi refresh` to drop it from the stack, then `pulumi up` to create it again.",
  ],
  [
    new BindingTemplateNotFoundError({ templateId: 999999, domainName: "push.example.com", appName: "live" }),
    "template 999999 does not exist, so push.example.com/live cannot be bound to it. Check templateId.",
  ],
  [
    new InvalidResourceIdError({ resourceType: "CallbackTemplate", resourceId: "abc" }),
    '"abc" is not a callback template id; a CallbackTemplate id is the numeric TemplateId, e.g. "1203".',
  ],
  [
    new InvalidResourceIdError({ resourceType: "DomainBinding", resourceId: "no-slash" }),
    '"no-slash" is not a DomainBinding id; it must be "<domainName>/<appName>", e.g. "live.example.com/live".',
  ],
  [
    new OperationFailedError({
      code: "CredentialsRefused",
      operation: "reading callback template 7",
      detail: "DescribeLiveCallbackTemplates failed with AuthFailure.SignatureFailure: bad signature (RequestId r1).",
      advice: "These credentials come from the environment.",
      tencentCode: "AuthFailure.SignatureFailure",
    }),
    "reading callback template 7: DescribeLiveCallbackTemplates failed with AuthFailure.SignatureFailure: bad signature (RequestId r1). " +
      "These credentials come from the environment.",
  ],
];

describe("the provider's errors", () => {
  it("build their message from their data", () => {
    for (const [error, message] of MESSAGES) {
      expect(error.message).toBe(message);
      // The host prints `${error}: ${error.stack}`: the stack is the message, not a trace.
      expect(error.stack).toBe(message);
    }
  });

  it("carry their data and a code of the documented list, under their class's name", () => {
    const [bound, , , foreign] = MESSAGES.map(([error]) => error);
    expect(bound).toMatchObject({ code: "TemplateStillBound", templateId: 1203, bindings: [{ domainName: "live.example.com", appName: "live" }] });
    expect(bound).not.toHaveProperty("tencentCode");
    expect(foreign).toMatchObject({ code: "ForeignRule", domainName: "push.example.com", appName: "live", templateId: 2, wantedTemplateId: 1 });
    for (const [error] of MESSAGES) {
      expect(PROVIDER_ERROR_CODES).toContain(error.code);
      expect(error.name).toBe(error.constructor.name);
      expect(error).toBeInstanceOf(Error);
    }
  });

  it("hold no property the dynamic-provider host reads as a resource created but failed to initialise", () => {
    for (const [error] of MESSAGES) {
      for (const key of ["id", "properties", "reasons"]) expect(error, `${error.name}.${key}`).not.toHaveProperty(key);
    }
  });

  it("keep the brand out of logs and JSON", () => {
    const error = MESSAGES[0]![0];
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "TemplateStillBoundError", code: "TemplateStillBound", templateId: 1203, bindings: [{ domainName: "live.example.com", appName: "live" }] });
  });

  it("are told apart by code with isProviderError and by class with instanceof", () => {
    const foreign: unknown = MESSAGES[3]![0];
    expect(isProviderError(foreign)).toBe(true);
    expect(isProviderError(foreign, "ForeignRule")).toBe(true);
    expect(isProviderError(foreign, "TemplateStillBound")).toBe(false);
    expect(foreign instanceof ProviderError).toBe(true);
    expect(foreign instanceof ForeignRuleError).toBe(true);
    expect(foreign instanceof TemplateStillBoundError).toBe(false);
    // Look-alikes without the brand are not provider errors.
    expect(isProviderError({ name: "ForeignRuleError", code: "ForeignRule" })).toBe(false);
    expect(Object.assign(new Error("x"), { name: "ForeignRuleError", code: "ForeignRule" }) instanceof ForeignRuleError).toBe(false);
    expect(isProviderError(refusal("InvalidParameter"))).toBe(false);
  });

  it("are recognised by a second copy of the package, as when a program and a plugin each load one", async () => {
    vi.resetModules();
    const other = await import("../../provider/errors");
    expect(other.ProviderError).not.toBe(ProviderError);
    const error = new TemplateStillBoundError({ templateId: 1, bindings: [] });
    expect(other.isProviderError(error, "TemplateStillBound")).toBe(true);
    expect(error instanceof other.ProviderError).toBe(true);
    expect(error instanceof other.TemplateStillBoundError).toBe(true);
    expect(error instanceof other.ForeignRuleError).toBe(false);
    const theirs = new other.ForeignRuleError({ domainName: "a.example.com", appName: "live", templateId: 2, wantedTemplateId: 1 });
    expect(isProviderError(theirs, "ForeignRule")).toBe(true);
    expect(theirs instanceof ForeignRuleError).toBe(true);
  });

  it("are each listed in the README's Troubleshooting", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const troubleshooting = readme.slice(readme.indexOf("## Troubleshooting"));
    for (const code of PROVIDER_ERROR_CODES) expect(troubleshooting, code).toContain(`\`${code}\``);
  });
});

describe("the hooks' boundary (toUserError)", () => {
  it("gives each client failure its code and data, after what the hook was doing", () => {
    const cases: ReadonlyArray<readonly [unknown, object]> = [
      [new MissingCredentialsError(), { code: "CredentialsMissing" }],
      [refusal("AuthFailure.SignatureFailure"), { code: "CredentialsRefused", tencentCode: "AuthFailure.SignatureFailure", requestId: "req-1" }],
      [refusal("InternalError.ConfOutLimit"), { code: "TemplateLimitReached", tencentCode: "InternalError.ConfOutLimit", action: "CreateLiveCallbackTemplate" }],
      [refusal("RequestLimitExceeded"), { code: "LiveApiRefused", kind: "Throttled", tencentCode: "RequestLimitExceeded" }],
      [
        new LiveRequestError({ action: "CreateLiveCallbackTemplate", parameters: [{ parameter: "TemplateName", problem: "too long" }] }),
        { code: "InvalidRequest", parameters: [{ parameter: "TemplateName", problem: "too long" }] },
      ],
      [
        new LiveTransportError({ action: "DescribeLiveCallbackRules", failure: "http-status", status: 502, detail: "HTTP 502", endpoint: "http://127.0.0.1:1" }),
        { code: "LiveApiUnreachable", failure: "http-status", status: 502, action: "DescribeLiveCallbackRules" },
      ],
      [new LiveResponseError({ action: "DescribeLiveCallbackRules", failure: "malformed", detail: "no Response object", endpoint: "http://127.0.0.1:1", requestId: "req-2" }), { code: "UnexpectedResponse", requestId: "req-2" }],
      [new TypeError("x is not a function"), { code: "Unclassified", detail: "x is not a function" }],
    ];
    for (const [error, expected] of cases) {
      const wrapped = toUserError(error, 'creating callback template "t"');
      expect(wrapped).toBeInstanceOf(OperationFailedError);
      expect(wrapped).toMatchObject({ ...expected, operation: 'creating callback template "t"' });
      expect(wrapped.message.startsWith('creating callback template "t": ')).toBe(true);
      // Only what the failure has: no property left `undefined` to clutter every log of it.
      expect(Object.values(wrapped)).not.toContain(undefined);
    }
  });

  it("passes the provider's own errors through as they are", () => {
    const error = new ForeignRuleError({ domainName: "a.example.com", appName: "live", templateId: 2, wantedTemplateId: 1 });
    expect(toUserError(error, "creating DomainBinding a.example.com/live", ["k3y0"])).toBe(error);
  });

  it("removes secret input values that the service echoes", () => {
    const wrapped = toUserError(refusal("InvalidParameterValue", "CallbackKey s3cretKey99 is invalid"), "creating", ["s3cretKey99"]);
    expect(wrapped).toMatchObject({ code: "LiveApiRefused", tencentCode: "InvalidParameterValue" });
    expect(`${wrapped.message}\n${JSON.stringify(wrapped)}`).not.toContain("s3cretKey99");
  });
});
