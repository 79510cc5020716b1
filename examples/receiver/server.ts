/**
 * A callback receiver: verifies each Tencent Live callback with the template's key and
 * prints it. Build yours from this; nothing here needs Pulumi at run time.
 *
 *   CALLBACK_KEY=... PORT=8080 node server.js
 *
 * Point a CallbackTemplate's URLs at http://<this host>:8080/<anything>.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createCallbackHandler, type CallbackEvent } from "pulumi-tencent-css/callbacks";

/** A running receiver. */
export interface Receiver {
  readonly url: string;
  readonly events: CallbackEvent[];
  close(): Promise<void>;
}

/** One line per event, the way an operator wants to read them. */
export function describeEvent(event: CallbackEvent): string {
  switch (event.event_type) {
    case 1:
      return `stream started: ${event.app ?? "?"}/${event.appname ?? "?"}/${event.stream_id}`;
    case 0:
      return `stream ended: ${event.app ?? "?"}/${event.appname ?? "?"}/${event.stream_id} after ${event.push_duration ?? "?"} ms`;
    case 100:
      return `recording file ${event.file_format ?? "?"}: ${event.video_url ?? "?"}`;
    case 200:
      return `screenshot: ${event.pic_full_url ?? event.pic_url ?? "?"}`;
    case 315:
      return `audio moderation on ${event.stream_id}: ${event.suggestion ?? "?"}`;
    case 317:
      return `porn detection on ${event.streamId}: ${event.suggestion ?? "?"}`;
    case 321:
      return `push exception report for ${event.stream_id}: ${event.abnormal_event?.length ?? 0} events`;
    case 332:
      return `recording ${event.record_event} for ${event.stream_id}`;
    case 341:
      return `recording exception (${event.exception_level}) for ${event.stream_id}`;
  }
}

/** Starts a receiver on `port` (0: a free one) of 127.0.0.1. */
export async function startReceiver(options: { callbackKey: string; port?: number; log?: (line: string) => void }): Promise<Receiver> {
  const events: CallbackEvent[] = [];
  const log = options.log ?? ((line: string) => console.log(line));
  const server: Server = createServer(
    createCallbackHandler({
      callbackKey: options.callbackKey,
      allowUnsigned: [321],
      onEvent: (event) => {
        events.push(event);
        log(`receiver: verified ${describeEvent(event)}`);
      },
      onRejected: (status, reason) => log(`receiver: refused (${status}) ${reason}`),
    }),
  );
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (require.main === module) {
  const callbackKey = process.env.CALLBACK_KEY;
  if (!callbackKey) {
    console.error("Set CALLBACK_KEY to the template's callbackKey.");
    process.exit(2);
  }
  startReceiver({ callbackKey, port: Number(process.env.PORT ?? 8080) }).then((r) => console.log(`receiver listening on ${r.url}`));
}
