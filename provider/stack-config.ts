/**
 * The stack config the engine sent with Configure, kept for the calls that follow.
 *
 * This module lives in the installed package, not in the serialized provider: its state
 * belongs to the provider process, so the credentials it holds are never written into
 * Pulumi state.
 */
import { STACK_CONFIG_KEYS, type StackConfig } from "./client";

/** The stack config keys this provider reads. */
export const CONFIG_KEYS: readonly string[] = Object.freeze(Object.values(STACK_CONFIG_KEYS));

/** The shape of the `configure` request the dynamic-provider host passes. */
export interface ConfigureRequest {
  readonly config: { get(key: string): string | undefined };
}

let current: StackConfig = {};

/** Stores the stack config the engine sent with Configure. Called by the serialized shim. */
export async function configure(request: ConfigureRequest): Promise<void> {
  const next: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = request.config.get(key);
    if (typeof value === "string" && value !== "") next[key] = value;
  }
  current = next;
}

/** Replaces the stack config directly (tests, the package provider, tools that host the hooks themselves). */
export function setStackConfig(config: StackConfig): void {
  current = { ...config };
}

/** The stack config stored last. */
export function stackConfig(): StackConfig {
  return current;
}
