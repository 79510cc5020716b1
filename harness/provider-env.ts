/**
 * The environment that points a provider process (run by the harness or the Pulumi CLI)
 * at an emulator: its endpoint and credentials, and short back-off so injected faults
 * cost milliseconds. Shared by the engine tests, the demo, the soak and the bench.
 */
import type { RunningEmulator } from "../emulator";

/** Environment variables for a provider process talking to `emulator`. */
export function providerEnvFor(emulator: RunningEmulator): Record<string, string> {
  return {
    TENCENTCLOUD_LIVE_ENDPOINT: emulator.url,
    TENCENTCLOUD_SECRET_ID: emulator.credentials.secretId,
    TENCENTCLOUD_SECRET_KEY: emulator.credentials.secretKey,
    TENCENT_CSS_RETRY_BASE_MS: "5",
    TENCENT_CSS_MAX_ATTEMPTS: "3",
  };
}
