/**
 * The live objects the plan check compares with: one template list and one rule list,
 * read-only, with the credentials and endpoint the provider would use (the plan's plain
 * stack config, then the environment).
 */
import { readAccountSnapshot } from "../provider/account-snapshot";
import { currentSettings, type ProviderSettings } from "../provider/settings";
import type { LiveState } from "./plan-check";

/** Reads the account's templates and rules. Throws the client's errors (never with a secret in them). */
export function readLiveState(
  plainConfig: Readonly<Record<string, string>>,
  settings: ProviderSettings = currentSettings(),
): Promise<LiveState> {
  return readAccountSnapshot(plainConfig, settings);
}
