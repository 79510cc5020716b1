/**
 * The Live API clients of the provider process, one {@link ClientSession} per connection
 * and settings, so the keep-alive pool and the shared reads of one client serve the many
 * calls of one `pulumi up`.
 *
 * Each call resolves the connection now, from the stored stack config and the current
 * settings (credentials are never captured), and looks its session up by everything that
 * built the client: endpoint, region, credentials and settings. A changed setting or a
 * rotated key therefore gets a new client at the next call instead of being silently
 * ignored by a client built earlier.
 */
import { createHash } from "node:crypto";
import { LiveClient, resolveConnection, type LiveClientOptions, type LiveConnection } from "./client";
import { ClientSession } from "./session";
import { currentSettings, type ProviderSettings } from "./settings";
import { stackConfig } from "./stack-config";
import { statisticsHooks } from "./statistics";

/** Client options set in code; they win over the settings (see {@link setClientOptions}). */
export type ClientOptions = Omit<LiveClientOptions, "connection" | "onWrite">;

let clientOptions: ClientOptions = {};
const sessions = new Map<string, ClientSession>();

/**
 * Options applied to every client this process creates from now on (tests and tools that
 * host the hooks: a transport, a virtual clock, a retry policy, counters). What they set
 * wins over the settings from the environment; what they leave out comes from the settings.
 */
export function setClientOptions(options: ClientOptions): void {
  clientOptions = options;
  sessions.clear();
}

/**
 * The connection the provider uses now: credentials, region and endpoint from the stored
 * stack config and the environment, as the settings allow.
 *
 * @throws MissingCredentialsError when no pair is found; InvalidSettingError for a malformed setting.
 */
export function currentConnection(settings: ProviderSettings = currentSettings()): LiveConnection {
  return resolveConnection({ config: stackConfig(), settings });
}

/** The session of the client for the current connection and settings. */
export function clientSession(): ClientSession {
  const settings = currentSettings();
  const connection = currentConnection(settings);
  const key = sessionKey(settings, connection);
  let session = sessions.get(key);
  if (!session) {
    session = new ClientSession(
      (hooks) =>
        new LiveClient({
          retryPolicy: settings.retryPolicy,
          timeouts: settings.timeouts,
          pacing: settings.pacing,
          ...clientOptions,
          connection,
          ...hooks,
          ...statisticsHooks(settings.diagnostics.statsFile, clientOptions),
        }),
      { readCacheMs: settings.readCacheMs, batchFreshReads: settings.diagnostics.batchFreshReads },
    );
    sessions.set(key, session);
  }
  return session;
}

/** The client for the current connection and settings (its session's). */
export function liveClient(): LiveClient {
  return clientSession().client;
}

/** Everything that built a client, hashed: the secrets never sit in the map's keys as text. */
function sessionKey(settings: ProviderSettings, connection: LiveConnection): string {
  const { credentials, endpoint, region } = connection;
  const { retryPolicy, timeouts, pacing, readCacheMs, diagnostics } = settings;
  return createHash("sha256")
    .update([endpoint, region ?? "", credentials.secretId, credentials.secretKey, credentials.securityToken ?? ""].join("\0"))
    .update(JSON.stringify({ retryPolicy, timeouts, pacing, readCacheMs, diagnostics }))
    .digest("hex");
}
