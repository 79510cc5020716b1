/**
 * The Pulumi package schema of `tencent-css`: what `pulumi package add`, `pulumi import`
 * and SDK generators read. Properties and descriptions match the TypeScript SDK's
 * arguments (sdk/callback-template.ts, sdk/domain-binding.ts); test/package checks that
 * every property the SDK declares is here with the same description (test/package/schema.test.ts).
 */
import { readFileSync } from "node:fs";
import { RECORD_EXCEPTION_LEVELS, TEMPLATE_PROPERTY_FIELDS, type TemplateFieldKind, type TemplateProperty } from "../live-api";
import { PACKAGE } from "./resources";

type Property = { type: string; description: string; secret?: boolean; items?: { type: string; enum?: string[] } };

/**
 * The SDK's TSDoc of each CallbackTemplate argument (sdk/callback-template.ts), one per
 * property of live-api's field table and `adoptTemplateId`: the compiler asks for a new
 * property's description, test/package/schema.test.ts that each is the SDK's.
 */
const TEMPLATE_DESCRIPTIONS: Record<TemplateProperty | "adoptTemplateId", string> = {
  templateName: 'Template name. Console label "Template Name". Required; at most 30 characters of Chinese characters, letters, digits, `_` and `-`.',
  description: 'Description. Console label "Description". At most 100 characters, same character set as the name.',
  streamBeginNotifyUrl: 'Console label "Push callback": called when a stream starts (event_type 1).',
  streamEndNotifyUrl: 'Console label "Interruption callback": called when a stream ends (event_type 0).',
  recordNotifyUrl: 'Console label "Recording callback": called for each recording file (event_type 100).',
  recordStatusNotifyUrl:
    'Console label "Recording status callback" (event_type 332). Tencent accepts this field but never returns it, so `pulumi refresh` cannot see changes made to it elsewhere.',
  snapshotNotifyUrl: 'Console label "Screencapture callback" (event_type 200).',
  pornCensorshipNotifyUrl: 'Console label "Porn detection callback" (event_type 317).',
  pushExceptionNotifyUrl: 'Console label "Push error callback": push exceptions (event_type 321, unsigned).',
  audioAuditNotifyUrl: 'Console label "Audio moderation callback" (event_type 315).',
  recordExceptionNotifyUrl: 'Console label "Recording exception callback" (event_type 341).',
  recordExceptionLevels: 'Which recording exception levels are called back: any of `"error"`, `"warning"`, `"info"`, each once.',
  callbackKey:
    'Console label "Callback key": the key Tencent signs every callback with (`sign = md5(key + t)`). At most 32 letters and digits. Always stored as a secret, in state and in previews.',
  adoptTemplateId:
    "Take over an existing template (made in the console or by another tool) instead of creating one. On create, the template is changed to match this program. Only read at create time. (`pulumi import` works only for the package resources; for these dynamic resources this is its stand-in.)",
};

/** The schema type of a field of `kind`. */
function schemaType(kind: TemplateFieldKind): Omit<Property, "description"> {
  switch (kind) {
    case "levels":
      return { type: "array", items: { type: "string", enum: [...RECORD_EXCEPTION_LEVELS] } };
    case "secret":
      return { type: "string", secret: true };
    case "text":
    case "url":
      return { type: "string" };
  }
}

/** CallbackTemplate's input properties: the field table's, in its order, then `adoptTemplateId`. */
export const TEMPLATE_INPUTS: Record<string, Property> = {
  ...Object.fromEntries(TEMPLATE_PROPERTY_FIELDS.map((row) => [row.property, { ...schemaType(row.kind), description: TEMPLATE_DESCRIPTIONS[row.property] }])),
  adoptTemplateId: { type: "integer", description: TEMPLATE_DESCRIPTIONS.adoptTemplateId },
};

/** DomainBinding's input properties. */
export const BINDING_INPUTS: Record<string, Property> = {
  domainName: { type: "string", description: 'The push domain, e.g. `push.example.com`. Console label "Domain Name". Changing it replaces the binding.' },
  appName: { type: "string", description: 'The app (the path segment of push URLs). Default `"live"`. Changing it replaces the binding.' },
  templateId: {
    type: "integer",
    description:
      "The template to call back with: a CallbackTemplate's `templateId`, or a number from another stack (`StackReference.getOutput`). Changing it re-points the rule in place.",
  },
  adopt: {
    type: "boolean",
    description:
      "Take over a rule that already sits on this domain and app (made in the console or by another stack). Without it, such a rule is a conflict and creation fails, naming it.",
  },
};

function objectType(inputs: Record<string, Property>, required: string[], outputs: Record<string, Property> = {}) {
  const enumless = (p: Property) => {
    const { items, ...rest } = p;
    return items ? { ...rest, items: { type: items.type } } : rest;
  };
  const inputProperties = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, enumless(v)]));
  return {
    inputProperties,
    requiredInputs: required,
    properties: { ...inputProperties, ...outputs },
    required: [...required, ...Object.keys(outputs)],
  };
}

/** The schema as a JSON value. */
export function packageSchema(): Record<string, unknown> {
  // The package this file ships in (dist/package-provider/ in the installed package).
  const version = (JSON.parse(readFileSync(require.resolve("pulumi-tencent-css/package.json"), "utf8")) as { version: string }).version;
  const config = {
    secretId: { type: "string", description: "Tencent Cloud SecretId; falls back to TENCENTCLOUD_SECRET_ID." },
    secretKey: { type: "string", secret: true, description: "Tencent Cloud SecretKey; falls back to TENCENTCLOUD_SECRET_KEY." },
    securityToken: { type: "string", secret: true, description: "Token of temporary credentials; falls back to TENCENTCLOUD_SECURITY_TOKEN." },
    region: { type: "string", description: "Region; falls back to TENCENTCLOUD_REGION." },
    endpoint: { type: "string", description: "Live API endpoint; falls back to TENCENTCLOUD_LIVE_ENDPOINT, then https://live.tencentcloudapi.com." },
  };
  return {
    name: PACKAGE,
    version,
    displayName: "Tencent Cloud CSS callbacks",
    description: "Tencent Cloud CSS (live streaming) callback templates and domain bindings: the same provider as pulumi-tencent-css's dynamic resources.",
    license: "Apache-2.0",
    config: { variables: config },
    provider: { inputProperties: config, properties: config },
    language: { nodejs: { packageName: "@pulumi-tencent-css/package" }, python: { packageName: "pulumi_tencent_css" } },
    resources: {
      [`${PACKAGE}:index:CallbackTemplate`]: {
        description: "A Live callback template: where Tencent POSTs stream events, and the key it signs them with.",
        ...objectType(TEMPLATE_INPUTS, ["templateName"], { templateId: { type: "integer", description: "The TemplateId Tencent assigned." } }),
      },
      [`${PACKAGE}:index:DomainBinding`]: {
        description: 'A Live callback rule: binds a push domain and app to a CallbackTemplate. Its id is "<domainName>/<appName>".',
        ...objectType(BINDING_INPUTS, ["domainName", "templateId"]),
      },
    },
  };
}
