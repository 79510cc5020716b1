/**
 * The policies of the CrossGuard policy pack shipped in `policy-pack/`
 * (`pulumi preview --policy-pack node_modules/pulumi-tencent-css/policy-pack`), as data
 * and plain functions so they can be tested without the engine.
 *
 * | policy | default | what it checks |
 * |---|---|---|
 * | `callback-urls-https` | mandatory | every callback URL is `https://` |
 * | `callback-key-required` | mandatory | a template carries a `callbackKey` |
 * | `no-private-callback-hosts` | mandatory | no callback URL points at a loopback, private or link-local address |
 * | `stream-begin-end-paired` | advisory | `streamBeginNotifyUrl` and `streamEndNotifyUrl` together or not at all |
 * | `template-name-prefix` | mandatory, once a `prefix` is configured | `templateName` starts with the prefix |
 *
 * Each can be made `advisory`, `mandatory` or `disabled`, and the prefix set, with
 * `--policy-pack-config` (a JSON file: `{"template-name-prefix": {"prefix": "prod_"}}`).
 */
import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { isIP } from "node:net";
import { TEMPLATE_URL_PROPERTY_NAMES } from "../live-api/template-fields";

/** Both forms of the template's type token: the dynamic resource and the package resource. */
const TEMPLATE_TYPES = new Set(["pulumi-nodejs:dynamic/tencent-css:CallbackTemplate", "tencent-css:index:CallbackTemplate"]);
const URL_PROPERTIES: readonly string[] = TEMPLATE_URL_PROPERTY_NAMES;

/** The engine's placeholder for a value not known until `up`. */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

type TemplateCheck = (props: Record<string, unknown>, config: Record<string, unknown>) => string[];

interface TemplatePolicy {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: "advisory" | "mandatory";
  readonly configSchema?: PolicyConfigSchema;
  /** The violations for one template's properties, each naming the property. */
  readonly check: TemplateCheck;
}

/** A configured URL property and its value, unknown ones left out. */
function urls(props: Record<string, unknown>): Array<[string, string]> {
  return URL_PROPERTIES.flatMap((name) => {
    const value = props[name];
    return typeof value === "string" && value !== "" && value !== UNKNOWN ? [[name, value] as [string, string]] : [];
  });
}

/** True for `localhost`, loopback, private (RFC 1918, unique-local) and link-local addresses. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  const kind = isIP(host);
  if (kind === 4) {
    const [a, b] = host.split(".").map(Number) as [number, number];
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
  }
  if (kind === 6) {
    return host === "::1" || host === "::" || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || /^::ffff:(127|10|192\.168|169\.254)\./.test(host);
  }
  return false;
}

/** The pack's policies on CallbackTemplate. */
export const TEMPLATE_POLICIES: readonly TemplatePolicy[] = [
  {
    name: "callback-urls-https",
    description: "Callback URLs must use https://: the callback body (stream ids, recording URLs) travels in the clear otherwise.",
    enforcementLevel: "mandatory",
    check: (props) => urls(props).filter(([, url]) => !/^https:\/\//i.test(url)).map(([name, url]) => `${name} "${url}" must use https://`),
  },
  {
    name: "callback-key-required",
    description: "Templates must carry a callbackKey, so receivers can verify that callbacks come from Tencent.",
    enforcementLevel: "mandatory",
    check: (props) => (props.callbackKey === undefined || props.callbackKey === null || props.callbackKey === "" ? ["callbackKey is not set: receivers cannot verify the callbacks"] : []),
  },
  {
    name: "no-private-callback-hosts",
    description: "Callback URLs must not point at loopback, private or link-local addresses: Tencent cannot reach them.",
    enforcementLevel: "mandatory",
    check: (props) =>
      urls(props).flatMap(([name, url]) => {
        let host: string;
        try {
          host = new URL(url).hostname;
        } catch {
          return [];
        }
        return isPrivateHost(host) ? [`${name} "${url}" points at ${host}, a loopback, private or link-local address`] : [];
      }),
  },
  {
    name: "stream-begin-end-paired",
    description: "streamBeginNotifyUrl and streamEndNotifyUrl come together: a receiver that learns of starts but never of ends leaks streams.",
    enforcementLevel: "advisory",
    check: (props) => {
      const has = (name: string) => urls(props).some(([n]) => n === name) || props[name] === UNKNOWN;
      const begin = has("streamBeginNotifyUrl");
      const end = has("streamEndNotifyUrl");
      if (begin === end) return [];
      return [begin ? "streamBeginNotifyUrl is set without streamEndNotifyUrl" : "streamEndNotifyUrl is set without streamBeginNotifyUrl"];
    },
  },
  {
    name: "template-name-prefix",
    description: "Template names start with the configured prefix (no check until a prefix is configured).",
    enforcementLevel: "mandatory",
    configSchema: { properties: { prefix: { type: "string", default: "" } } },
    check: (props, config) => {
      const prefix = typeof config.prefix === "string" ? config.prefix : "";
      const name = props.templateName;
      if (!prefix || typeof name !== "string" || name === UNKNOWN || name.startsWith(prefix)) return [];
      return [`templateName "${name}" must start with "${prefix}"`];
    },
  },
];

/** The policies in the form `new PolicyPack(name, { policies })` takes. */
export function resourcePolicies(): ResourceValidationPolicy[] {
  return TEMPLATE_POLICIES.map((policy) => ({
    name: policy.name,
    description: policy.description,
    enforcementLevel: policy.enforcementLevel,
    ...(policy.configSchema ? { configSchema: policy.configSchema } : {}),
    validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      if (!TEMPLATE_TYPES.has(args.type)) return;
      for (const violation of policy.check(args.props, args.getConfig<Record<string, unknown>>())) {
        reportViolation(`CallbackTemplate "${args.name}": ${violation}`);
      }
    },
  }));
}
