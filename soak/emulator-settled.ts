/**
 * Waiting for the emulator instead of sleeping: a request delayed past the client's
 * timeout is still applied when its delay ends, so whoever checks the cloud after a
 * command must first let every such request land. The emulator counts a fault when it
 * draws it (`faults.injected()`) and records the request in its request log once the
 * request has been answered (`requestCounts()[action].faulted`); when the two agree for
 * every action, nothing injected is still under way.
 */
import { setTimeout as tick } from "node:timers/promises";
import type { RunningEmulator } from "../emulator";

/** Faults drawn but whose request has not been answered yet, by action. */
export function faultedRequestsInFlight(emulator: RunningEmulator): Record<string, number> {
  const answered = emulator.requestCounts();
  const inFlight: Record<string, number> = {};
  for (const [action, byKind] of Object.entries(emulator.faults.injected())) {
    const drawn = Object.values(byKind).reduce((sum, n) => sum + n, 0);
    const open = drawn - (answered[action]?.faulted ?? 0);
    if (open > 0) inFlight[action] = open;
  }
  return inFlight;
}

/**
 * Resolves once every request hit by an injected fault has been answered. Looks at the
 * emulator's logs every `pollMs`; rejects, naming what is still open, if that has not
 * happened after `giveUpMs` (a guard against hanging, not a timing assertion).
 */
export async function faultedRequestsAnswered(emulator: RunningEmulator, options: { pollMs?: number; giveUpMs?: number } = {}): Promise<void> {
  const pollMs = options.pollMs ?? 20;
  const giveUpMs = options.giveUpMs ?? 120_000;
  for (let waited = 0; ; waited += pollMs) {
    const open = faultedRequestsInFlight(emulator);
    if (Object.keys(open).length === 0) return;
    if (waited >= giveUpMs) throw new Error(`faulted requests still unanswered after ${giveUpMs} ms: ${JSON.stringify(open)}`);
    await tick(pollMs);
  }
}
