/**
 * One read-only look at an account: its template list and its rule list, with the
 * credentials and endpoint the provider would use (the given plain stack config, then the
 * environment, as the settings say). For the commands that judge a stack from outside a
 * deployment: `plan-check` and `recover`.
 */
import { LiveClient, resolveConnection, type CallbackRuleInfo, type CallbackTemplateInfo } from "./client";
import type { ProviderSettings } from "./settings";

/** Every template and every rule of the account, read at one moment. */
export interface AccountSnapshot {
  readonly templates: CallbackTemplateInfo[];
  readonly rules: CallbackRuleInfo[];
}

/** Reads the account's templates and rules. Throws the client's errors (never with a secret in them). */
export async function readAccountSnapshot(config: Readonly<Record<string, string>>, settings: ProviderSettings): Promise<AccountSnapshot> {
  const client = new LiveClient({
    connection: resolveConnection({ config, settings }),
    retryPolicy: settings.retryPolicy,
    timeouts: settings.timeouts,
    pacing: settings.pacing,
  });
  try {
    const [templates, rules] = await Promise.all([client.describeTemplates(), client.describeRules()]);
    return { templates, rules };
  } finally {
    await client.close();
  }
}
