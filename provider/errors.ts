/**
 * Every error a lifecycle hook raises, in one module: what the person running `pulumi up`
 * reads, and what a program or tool that hosts the hooks branches on.
 *
 * Each error has a literal `name`, a stable `code` (see {@link PROVIDER_ERROR_CODES}) and
 * the data it is about; its message is built from that data, in one or two sentences that
 * say what happened and what to do next. Branch on `code`, with {@link isProviderError},
 * never on the wording.
 *
 * The errors are branded with `Symbol.for("pulumi-tencent-css.ProviderError")`, as undici
 * brands its errors, so `isProviderError` and `instanceof` still answer right when two
 * copies of this package are loaded (a program's and a plugin's, say): a class of one copy
 * recognises the errors of the other by brand and `name`.
 *
 * No error has a property named `id`, `properties` or `reasons`: the dynamic-provider host
 * reads those as "created, but failed to initialise" (`grpcResponseFromError`) and would
 * record a resource that does not exist.
 */
import type { InvalidRequestParameter, LiveErrorKind, TransportFailure } from "./client";
import { bindingId } from "./resources/rules";

/**
 * The stable codes, one per kind of failure. The first eight are the provider's own rules,
 * each raised by the class of the same name (`TemplateStillBound` by
 * {@link TemplateStillBoundError}); the others are failures of the Live API call or of
 * anything else, raised as {@link OperationFailedError}. README.md (Troubleshooting, Error
 * codes) says what to do about each.
 */
export const PROVIDER_ERROR_CODES = [
  "TemplateStillBound",
  "ForeignRule",
  "TemplateNotFound",
  "RuleNotFound",
  "AdoptedTemplateNotFound",
  "TemplateDeletedOutside",
  "BindingTemplateNotFound",
  "InvalidResourceId",
  "CredentialsMissing",
  "CredentialsRefused",
  "TemplateLimitReached",
  "InvalidRequest",
  "LiveApiUnreachable",
  "LiveApiRefused",
  "UnexpectedResponse",
  "Unclassified",
] as const;

/** The stable code of a provider error. */
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

const BRAND = Symbol.for("pulumi-tencent-css.ProviderError");

/** The base of every error a hook raises; its subclasses carry the data. */
export abstract class ProviderError extends Error {
  abstract override readonly name: string;
  /** What went wrong, stable across releases. */
  abstract readonly code: ProviderErrorCode;

  protected constructor(message: string) {
    super(message);
    // The host prints `${error}: ${error.stack}` for some hooks: a stack trace would only
    // bury the message for the person running `pulumi up`.
    this.stack = message;
  }

  /**
   * `error instanceof ProviderError` holds for the errors of any copy of this package;
   * `error instanceof TemplateStillBoundError` for those of that kind.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (!isProviderError(value)) return false;
    return this === ProviderError || value.name === this.name;
  }
}
// On the prototype, not enumerable: the brand stays out of logs and `JSON.stringify`.
Object.defineProperty(ProviderError.prototype, BRAND, { value: true });

/** One callback rule's place, which is also a DomainBinding's id: `"<domainName>/<appName>"`. */
export interface RuleLocation {
  readonly domainName: string;
  readonly appName: string;
}

/** A template delete refused while rules still point at it; nothing was deleted. */
export class TemplateStillBoundError extends ProviderError {
  override readonly name = "TemplateStillBoundError" as const;
  readonly code = "TemplateStillBound" as const;
  /** The template that was not deleted. */
  readonly templateId: number;
  /** Every (domain, app) whose rule points at it, sorted by id; empty when the service said "in use" and a fresh list found none. */
  readonly bindings: readonly RuleLocation[];
  /** Tencent's code when the service itself refused the delete (a rule made after the provider's check). */
  declare readonly tencentCode?: string;

  constructor(data: { templateId: number; bindings: readonly RuleLocation[]; tencentCode?: string }) {
    const ids = data.bindings.map((b) => bindingId(b.domainName, b.appName));
    const where = ids.length ? ` still bound to ${ids.join(", ")}` : " still in use";
    super(
      `template ${data.templateId} is${where}; nothing was deleted. Remove or re-point ${ids.length > 1 ? "those DomainBindings" : "that DomainBinding"} ` +
        `(or unbind it in the console), then run \`pulumi up\` or \`pulumi destroy\` again.${data.tencentCode ? ` (${data.tencentCode})` : ""}`,
    );
    this.templateId = data.templateId;
    this.bindings = data.bindings;
    if (data.tencentCode !== undefined) this.tencentCode = data.tencentCode;
  }
}

/** A (domain, app) whose rule, made outside the stack, points at another template; `adopt` is not set. */
export class ForeignRuleError extends ProviderError {
  override readonly name = "ForeignRuleError" as const;
  readonly code = "ForeignRule" as const;
  readonly domainName: string;
  readonly appName: string;
  /** The template the existing rule points at (theirs). */
  readonly templateId: number;
  /** The template the DomainBinding wanted. */
  readonly wantedTemplateId: number;

  constructor(data: { domainName: string; appName: string; templateId: number; wantedTemplateId: number }) {
    super(
      data.templateId === data.wantedTemplateId
        ? `${bindingId(data.domainName, data.appName)} already has a callback rule pointing at template ${data.templateId}, the template this binding wants, ` +
            "but this stack does not hold it: another stack, the console, or this stack under another name made it, and two owners of one rule " +
            "would unbind each other's domain on delete. If this stack holds it under another name, add `aliases: [{ name: \"<old name>\" }]` " +
            "to this DomainBinding (or run `pulumi state rename`); if another stack holds it, bind it there only; to take it over, set adopt: true. " +
            "Then run `pulumi up` again."
        : `${bindingId(data.domainName, data.appName)} already has a callback rule pointing at template ${data.templateId}, made outside this stack. ` +
            "Set adopt: true on this DomainBinding to take it over, or remove that rule in the console, then run `pulumi up` again.",
    );
    this.domainName = data.domainName;
    this.appName = data.appName;
    this.templateId = data.templateId;
    this.wantedTemplateId = data.wantedTemplateId;
  }
}

/** `CallbackTemplate.get` of a template the account does not have. */
export class TemplateNotFoundError extends ProviderError {
  override readonly name = "TemplateNotFoundError" as const;
  readonly code = "TemplateNotFound" as const;
  readonly templateId: number;

  constructor(data: { templateId: number }) {
    super(
      `CallbackTemplate.get("${data.templateId}"): there is no callback template ${data.templateId} in this account. ` +
        "Check the id (the numeric TemplateId) and the account the credentials belong to, or remove the get.",
    );
    this.templateId = data.templateId;
  }
}

/** `DomainBinding.get` of a (domain, app) that has no callback rule. */
export class RuleNotFoundError extends ProviderError {
  override readonly name = "RuleNotFoundError" as const;
  readonly code = "RuleNotFound" as const;
  readonly domainName: string;
  readonly appName: string;

  constructor(data: RuleLocation) {
    const where = bindingId(data.domainName, data.appName);
    super(
      `DomainBinding.get("${where}"): there is no callback rule on ${where} in this account. ` +
        'Check the id ("<domainName>/<appName>", e.g. "live.example.com/live") and the account the credentials belong to, or remove the get.',
    );
    this.domainName = data.domainName;
    this.appName = data.appName;
  }
}

/** `adoptTemplateId` names a template that does not exist; nothing was created. */
export class AdoptedTemplateNotFoundError extends ProviderError {
  override readonly name = "AdoptedTemplateNotFoundError" as const;
  readonly code = "AdoptedTemplateNotFound" as const;
  readonly templateId: number;

  constructor(data: { templateId: number }) {
    super(
      `template ${data.templateId} named in adoptTemplateId does not exist. Remove adoptTemplateId to create a new template, or correct the id.`,
    );
    this.templateId = data.templateId;
  }
}

/** An update of a template that was deleted outside the stack. */
export class TemplateDeletedOutsideError extends ProviderError {
  override readonly name = "TemplateDeletedOutsideError" as const;
  readonly code = "TemplateDeletedOutside" as const;
  readonly templateId: number;

  constructor(data: { templateId: number }) {
    super(
      `template ${data.templateId} no longer exists (deleted outside this stack). ` +
        "Run `pulumi refresh` to drop it from the stack, then `pulumi up` to create it again.",
    );
    this.templateId = data.templateId;
  }
}

/** A DomainBinding whose `templateId` names a template that does not exist; no rule was made. */
export class BindingTemplateNotFoundError extends ProviderError {
  override readonly name = "BindingTemplateNotFoundError" as const;
  readonly code = "BindingTemplateNotFound" as const;
  readonly templateId: number;
  readonly domainName: string;
  readonly appName: string;

  constructor(data: { templateId: number; domainName: string; appName: string }) {
    super(`template ${data.templateId} does not exist, so ${bindingId(data.domainName, data.appName)} cannot be bound to it. Check templateId.`);
    this.templateId = data.templateId;
    this.domainName = data.domainName;
    this.appName = data.appName;
  }
}

/** The resource types whose ids {@link InvalidResourceIdError} describes, with the form each id takes. */
const ID_FORMS = {
  CallbackTemplate: (id: string) => `"${id}" is not a callback template id; a CallbackTemplate id is the numeric TemplateId, e.g. "1203".`,
  DomainBinding: (id: string) => `"${id}" is not a DomainBinding id; it must be "<domainName>/<appName>", e.g. "live.example.com/live".`,
} as const;

/** A resource id that is not of its type's form (an import or `get` with a wrong id, a hand-edited state). */
export class InvalidResourceIdError extends ProviderError {
  override readonly name = "InvalidResourceIdError" as const;
  readonly code = "InvalidResourceId" as const;
  readonly resourceType: keyof typeof ID_FORMS;
  /** The id as given. */
  readonly resourceId: string;

  constructor(data: { resourceType: keyof typeof ID_FORMS; resourceId: string }) {
    super(ID_FORMS[data.resourceType](data.resourceId));
    this.resourceType = data.resourceType;
    this.resourceId = data.resourceId;
  }
}

/**
 * The codes of {@link OperationFailedError}: failures that are not the provider's own rules.
 *
 * `CredentialsMissing` (none found), `CredentialsRefused` (`AuthFailure…`,
 * `UnauthorizedOperation…`), `TemplateLimitReached` (the account's 50 templates),
 * `InvalidRequest` (the client's schema of the action refused the request: nothing was
 * sent), `LiveApiUnreachable` (network, timeout, non-200 HTTP status), `LiveApiRefused`
 * (any other Tencent refusal), `UnexpectedResponse` (an answer of an undocumented shape),
 * `Unclassified` (anything else: a setting of the wrong form, a defect).
 */
export type OperationFailureCode = Extract<
  ProviderErrorCode,
  | "CredentialsMissing"
  | "CredentialsRefused"
  | "TemplateLimitReached"
  | "InvalidRequest"
  | "LiveApiUnreachable"
  | "LiveApiRefused"
  | "UnexpectedResponse"
  | "Unclassified"
>;

/** What {@link OperationFailedError} knows of a failure. Nothing in it is secret. */
export interface OperationFailure<C extends OperationFailureCode = OperationFailureCode> {
  readonly code: C;
  /** What the hook was doing, e.g. `creating callback template "prod_streams"`. */
  readonly operation: string;
  /** The failure in words (the client's message), secrets removed. */
  readonly detail: string;
  /** What to do about it, when it depends on more than the failure (where the credentials came from). */
  readonly advice?: string;
  /** The Live API action that failed, when there was one. */
  readonly action?: string;
  /** Tencent's error code, e.g. `AuthFailure.SignatureFailure`, when the service answered one. */
  readonly tencentCode?: string;
  /** The RequestId of the failed request, for Tencent support. */
  readonly requestId?: string;
  /** The client's kind of a Tencent code (`LiveApiRefused`): `Throttled`, `InUse`, … */
  readonly kind?: LiveErrorKind;
  /** Every wrong parameter (`InvalidRequest`). */
  readonly parameters?: readonly InvalidRequestParameter[];
  /** How the request failed below the API, and the HTTP status if that was it (`LiveApiUnreachable`). */
  readonly failure?: TransportFailure;
  readonly status?: number;
}

// The fields are those of OperationFailure (declaration merging), so they are documented once.
export interface OperationFailedError<C extends OperationFailureCode = OperationFailureCode> extends OperationFailure<C> {}

/**
 * A hook failed for a reason outside the provider's own rules: the Live API client's
 * error (missing or refused credentials, the template limit, a refusal, no answer), or
 * anything else. The message is what the hook was doing, then the failure.
 */
export class OperationFailedError<C extends OperationFailureCode = OperationFailureCode> extends ProviderError {
  override readonly name = "OperationFailedError" as const;
  declare readonly code: C;

  constructor(data: OperationFailure<C>) {
    super(`${data.operation}: ${data.detail}${data.advice ? ` ${data.advice}` : ""}`);
    // Only what a failure has becomes a property: an `undefined` one would show in every log.
    for (const [key, value] of Object.entries(data)) if (value !== undefined) Object.assign(this, { [key]: value });
  }
}

/** The error class of each code. */
export interface ProviderErrorsByCode {
  TemplateStillBound: TemplateStillBoundError;
  ForeignRule: ForeignRuleError;
  TemplateNotFound: TemplateNotFoundError;
  RuleNotFound: RuleNotFoundError;
  AdoptedTemplateNotFound: AdoptedTemplateNotFoundError;
  TemplateDeletedOutside: TemplateDeletedOutsideError;
  BindingTemplateNotFound: BindingTemplateNotFoundError;
  InvalidResourceId: InvalidResourceIdError;
  CredentialsMissing: OperationFailedError<"CredentialsMissing">;
  CredentialsRefused: OperationFailedError<"CredentialsRefused">;
  TemplateLimitReached: OperationFailedError<"TemplateLimitReached">;
  InvalidRequest: OperationFailedError<"InvalidRequest">;
  LiveApiUnreachable: OperationFailedError<"LiveApiUnreachable">;
  LiveApiRefused: OperationFailedError<"LiveApiRefused">;
  UnexpectedResponse: OperationFailedError<"UnexpectedResponse">;
  Unclassified: OperationFailedError<"Unclassified">;
}

/**
 * True when `value` is an error raised by a hook of any copy of this package, and, when
 * `code` is given, of that kind: `isProviderError(error, "TemplateStillBound")` then gives
 * typed access to `error.templateId` and `error.bindings`.
 */
export function isProviderError<C extends ProviderErrorCode = ProviderErrorCode>(value: unknown, code?: C): value is ProviderErrorsByCode[C] {
  if (typeof value !== "object" || value === null || (value as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (value as { code?: unknown }).code === code;
}
