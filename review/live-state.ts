/**
 * The live objects the plan check compares with: one template list and one rule list,
 * read-only, with the credentials and endpoint the provider would use (the plan's plain
 * stack config, then the environment).
 */
import { LiveClient, resolveConnection } from "../provider/client";
import { currentSettings, type ProviderSettings } from "../provider/settings";
import type { LiveState } from "./plan-check";

/** Reads the account's templates and rules. Throws the client's errors (never with a secret in them). */
export async function readLiveState(
  plainConfig: Readonly<Record<string, string>>,
  settings: ProviderSettings = currentSettings(),
): Promise<LiveState> {
  const client = new LiveClient({
    connection: resolveConnection({ config: plainConfig, settings }),
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
