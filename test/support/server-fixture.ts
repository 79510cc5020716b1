/**
 * HTTP servers a test needs (callback receivers), on 127.0.0.1 with an ephemeral port,
 * closed after the test like the emulators of emulator-fixture.ts.
 */
import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

const running = new Set<Server>();

afterEach(async () => {
  await Promise.all([...running].map(closeServer));
});

/** A started server and its base URL (`http://127.0.0.1:PORT`, no trailing slash). */
export interface TestServer {
  readonly server: Server;
  readonly url: string;
}

/** Starts `handler` on 127.0.0.1 with an ephemeral port; it is closed after the current test. */
export async function serverForTest(handler: RequestListener): Promise<TestServer> {
  const server = createServer(handler);
  running.add(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Closes a server now, dropping its open connections (keep-alive included). */
export function closeServer(server: Server): Promise<void> {
  running.delete(server);
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
