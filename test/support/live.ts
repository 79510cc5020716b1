/** Test helpers shared by client and provider suites: an emulator and a client pointed at it. */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";
import { LiveClient, LiveCredentials, type LiveClientOptions, type RetryPolicy } from "../../provider/client";

/** Fast back-off so retry tests run in milliseconds. */
export const FAST_RETRIES: RetryPolicy = { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40, maxElapsedMs: 10_000 };

/** A client for `emulator`, with fast retries unless told otherwise. */
export function clientFor(emulator: RunningEmulator, options: Omit<LiveClientOptions, "connection"> = {}): LiveClient {
  return new LiveClient({
    retryPolicy: FAST_RETRIES,
    ...options,
    connection: {
      credentials: new LiveCredentials(emulator.credentials.secretId, emulator.credentials.secretKey),
      endpoint: emulator.url,
    },
  });
}

/** Starts an emulator and a client; `stop()` closes both. */
export async function liveFixture(options: EmulatorOptions = {}, clientOptions: Omit<LiveClientOptions, "connection"> = {}) {
  const emulator = await startEmulator(options);
  const client = clientFor(emulator, clientOptions);
  return {
    emulator,
    client,
    async stop() {
      await client.close();
      await emulator.close();
    },
  };
}

/** Captures what a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
