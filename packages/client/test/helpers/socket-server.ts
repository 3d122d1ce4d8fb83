// A real HTTP server, for the tests where the socket is the point (a body that stalls, is cut off or reset,
// is compressed or streamed past the size cap; a redirect as fetch sees it). It binds 127.0.0.1 on a free
// port, records every request, and answers each with the test's handler; useSocketServer() closes it after
// each test, destroying every open socket so a hanging connection never outlives its test.
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { trackSockets } from "@trusthub/test-support";
import { afterEach } from "vitest";

export interface Received {
  readonly method: string;
  /** The request target as sent (path and query, still percent-encoded). */
  readonly url: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface Reply {
  status?: number;
  headers?: OutgoingHttpHeaders;
  /** An object is sent as JSON. */
  body?: unknown;
}

/** Answers a request: a Reply, or nothing when the handler wrote to (or left hanging, or destroyed) `res` itself. */
export type Handler = (req: Received, res: ServerResponse, index: number) => Reply | void | Promise<Reply | void>;

export interface SocketServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly requests: Received[];
  handle(handler: Handler): SocketServer;
}

/** Sends the headers (Content-Length of the whole `body`) and its first `bytes` bytes; then `then`: the connection closes, or nothing more comes. */
export const partial = (body: string, bytes: number, then: "close" | "stall", headers: OutgoingHttpHeaders = {}): Handler => (_req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...headers });
  res.write(body.slice(0, bytes), () => then === "close" && res.socket?.destroy());
};
/** Resets the connection (TCP RST) without answering. */
export const reset: Handler = (_req, res) => void res.socket?.resetAndDestroy();

/** For a test file: `start(handler)` starts a server that is closed after the test. */
export function useSocketServer(): (handler?: Handler) => Promise<SocketServer> {
  const open: Array<() => Promise<void>> = [];
  afterEach(() => Promise.all(open.splice(0).map((close) => close())));
  return async (first = () => ({ status: 404 })) => {
    let handler = first;
    const requests: Received[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const url = req.url ?? "/";
        const received = { method: req.method ?? "", url, path: url.split("?")[0]!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
        const reply = await handler(received, res, requests.push(received) - 1);
        if (!reply || res.headersSent) return;
        const json = reply.body !== undefined && typeof reply.body !== "string";
        res.writeHead(reply.status ?? 200, { ...(json && { "Content-Type": "application/json" }), ...reply.headers });
        res.end(json ? JSON.stringify(reply.body) : (reply.body as string | undefined));
      });
    });
    const sockets = trackSockets(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    open.push(() => new Promise<void>((resolve) => (server.close(() => resolve()), sockets.destroyAll())));
    const self: SocketServer = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      requests,
      handle: (next) => ((handler = next), self),
    };
    return self;
  };
}
