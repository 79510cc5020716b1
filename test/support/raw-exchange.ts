/**
 * One signed request written to a TCP socket, and the answer's bytes as they came: for
 * answers an HTTP client would refuse or hide (a body shorter than its Content-Length, a
 * body still trickling in), where the test needs to see the wire itself.
 */
import { connect } from "node:net";
import { signedRequest, type SignedRequest } from "./signed-request";

/** What came back on the socket. */
export interface RawExchange {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body bytes received, as sent (a chunked body is not decoded). */
  readonly body: Buffer;
  /** True when the server closed the connection; false when the test hung up. */
  readonly closedByServer: boolean;
}

/**
 * Sends `call` with `Connection: close` and reads until the server closes the connection,
 * or until `hangUpAfterBodyBytes` body bytes have arrived (then hangs up itself).
 */
export function exchange(call: SignedRequest, options: { hangUpAfterBodyBytes?: number } = {}): Promise<RawExchange> {
  const { headers, body } = signedRequest({ ...call, headers: { ...call.headers, Connection: "close" } });
  const target = new URL(call.url);
  const lines = Object.entries({ ...headers, "Content-Length": String(Buffer.byteLength(body)) })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${value}`);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname);
    let received = Buffer.alloc(0);
    let head: { status: number; headers: Record<string, string>; bodyStart: number } | undefined;
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      if (!head) {
        reject(new Error(`the connection ended before any answer (${received.length} bytes)`));
        return;
      }
      resolve({ status: head.status, headers: head.headers, body: received.subarray(head.bodyStart), closedByServer });
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!head) {
        const end = received.indexOf("\r\n\r\n");
        if (end < 0) return;
        const [statusLine, ...headerLines] = received.subarray(0, end).toString("latin1").split("\r\n");
        const fields: Record<string, string> = {};
        for (const line of headerLines) {
          const colon = line.indexOf(":");
          fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        head = { status: Number(statusLine!.split(" ")[1]), headers: fields, bodyStart: end + 4 };
      }
      if (options.hangUpAfterBodyBytes !== undefined && received.length - head.bodyStart >= options.hangUpAfterBodyBytes) {
        finish(false);
        socket.destroy();
      }
    });
    socket.on("close", () => finish(true));
    socket.on("error", (error) => {
      if (!settled && !head) reject(error);
    });
    socket.write(`POST / HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`);
    socket.write(body);
  });
}
