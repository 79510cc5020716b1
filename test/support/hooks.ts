/**
 * Calls the provider's lifecycle hooks in-process against an emulator, for the
 * behaviour tests of each hook. Engine-level behaviour (what the engine calls when)
 * is tested through the gRPC harness in test/engine.
 */
import { startEmulator, type EmulatorOptions } from "../../emulator";
import * as provider from "../../provider";
import { clientFor } from "./live";

/** Starts an emulator and points the provider's stack config at it. */
export async function providerFixture(options: EmulatorOptions = {}) {
  const emulator = await startEmulator(options);
  provider.setClientOptions({ retryPolicy: { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10, maxElapsedMs: 5000 } });
  provider.setStackConfig({
    "tencentcloud:secretId": emulator.credentials.secretId,
    "tencentcloud:secretKey": emulator.credentials.secretKey,
    "tencent-css:endpoint": emulator.url,
  });
  // A separate client to change the cloud "outside the stack", as someone in the Tencent Cloud console would.
  const tencentConsole = clientFor(emulator);
  return {
    emulator,
    console: tencentConsole,
    template: provider.template,
    binding: provider.binding,
    async stop() {
      await tencentConsole.close();
      await emulator.close();
    },
  };
}
