/**
 * What to tell a user whose credentials Tencent refused, by where they came from.
 */
import { currentConnection } from "./client-cache";

/**
 * What to do when Tencent refuses the credentials (an `AuthFailure`), by where they came
 * from; `undefined` when none can be resolved.
 *
 * Credentials from stack config are a trap after a rotation: the engine stores the whole
 * stack config with the stack (as the inputs of the default `pulumi-nodejs` provider), and
 * `pulumi refresh` and `pulumi destroy` without `--run-program` configure the provider from
 * that stored copy, not from Pulumi.<stack>.yaml.
 */
export function credentialsAdvice(): string | undefined {
  let source: string | undefined;
  try {
    source = currentConnection().credentialsSource;
  } catch {
    return undefined;
  }
  if (source === "stack config") {
    return (
      "These credentials come from stack config (tencentcloud:secretId/secretKey). `pulumi refresh` and `pulumi destroy` use " +
      "the stack config saved with the stack by the last `pulumi up`, not the current Pulumi.<stack>.yaml: if the keys changed " +
      "since, run the command again with `--run-program`, or run `pulumi up` first. " +
      "TENCENT_CSS_CREDENTIALS_SOURCE=environment uses TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY instead."
    );
  }
  if (source === "environment") {
    return "These credentials come from TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY in the environment of the pulumi command.";
  }
  return undefined;
}
