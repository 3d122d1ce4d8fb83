// The HTTP door: a node:http server on one port that hands every request to the engine (./engine.ts) as a
// `Request` and writes back its `Response`. It judges nothing itself (Host, CORS, body limits are the
// engine's); it only acts out the engine's faults on the socket, stops reading a body the engine refused,
// and serves the control route.
//
// The control route (`/__trusthub-mock/<control>`) gives the handle of startMock() the controls of
// createMock() (override, requests, reset). It answers only a request that carries the run's secret in the
// `x-trusthub-mock-secret` header (compared in constant time); any other request to it goes to the engine
// like any path the spec does not have. The secret reaches the server through its process's stdin, never a
// command line or the environment, and a web page cannot send that header without a preflight, which the
// engine refuses unless --cors allows the page's origin.
import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { CONTROL_PREFIX, SECRET_HEADER } from "./control.js";
import { BODY_LIMIT, MockFault, type Engine } from "./engine.js";

export interface ServeOptions {
  host: string;
  port: number;
  /** The secret of the control route; without one the route does not exist. */
  secret?: string | undefined;
}

export interface Served {
  /** Base URL; a wildcard `host` is named as loopback. */
  url: string;
  close(): Promise<void>;
}

export async function serve(engine: Engine, options: ServeOptions): Promise<Served> {
  const sockets = new Set<Socket>();
  let origin = "";

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url?.startsWith("/") ? req.url : "/";
    if (options.secret && target.startsWith(CONTROL_PREFIX) && carriesSecret(req, options.secret)) return control(req, res, target.slice(CONTROL_PREFIX.length));
    const aborted = new AbortController();
    res.once("close", () => {
      if (!res.writableFinished) aborted.abort(new Error("the client went away"));
    });
    const headers = new Headers();
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const hasBody = req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"] ?? 0) > 0;
    const request = new Request(origin + target, {
      method: req.method ?? "GET",
      headers,
      signal: aborted.signal,
      ...(hasBody && { body: bodyStream(req), duplex: "half" }),
    } as RequestInit);
    let response: Response;
    try {
      response = await engine.handle(request);
    } catch (error) {
      if (error instanceof MockFault || aborted.signal.aborted) return void req.socket.destroy();
      throw error;
    }
    const body = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string | number> = { ...Object.fromEntries(response.headers), "content-length": body.length };
    // A body the engine stopped reading is not read on: the connection ends after the answer.
    const unread = !req.complete;
    if (unread) out.connection = "close";
    res.writeHead(response.status, out).end(body);
    if (unread) {
      req.pause();
      res.once("finish", () => {
        req.socket.end();
        setTimeout(() => req.socket.destroy(), 2_000).unref();
      });
    }
  }

  async function control(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const reply = (status: number, body: unknown) => {
      const text = JSON.stringify(body ?? null);
      res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
    };
    const text = await readText(req);
    if (text === undefined) return reply(413, { error: `control request over ${BODY_LIMIT} bytes` });
    if (name === "requests" && req.method === "GET") return reply(200, engine.requests());
    if (name === "reset" && req.method === "POST") {
      engine.reset();
      return reply(200, null);
    }
    if (name === "override" && req.method === "POST") {
      try {
        const { operationId, response } = JSON.parse(text) as { operationId: string; response: Parameters<Engine["override"]>[1] };
        engine.override(operationId, response);
        return reply(200, null);
      } catch (error) {
        return reply(400, { error: (error as Error).message });
      }
    }
    reply(404, { error: `no control ${req.method} ${name}` });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      const text = JSON.stringify({ code: 20500, message: `The mock failed: ${(error as Error).message}`, more_info: "https://www.twilio.com/docs/errors/20500", status: 500 });
      res.writeHead(500, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${hostForUrl(urlHost(options.host))}:${port}`;
  return {
    url: origin,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function carriesSecret(req: IncomingMessage, secret: string): boolean {
  const given = Buffer.from(String(req.headers[SECRET_HEADER] ?? ""));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The request body as a web stream that reads the socket only as fast as the engine asks, and stops when it cancels. */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on("data", (chunk: Buffer) => {
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 0) <= 0) req.pause();
      });
      req.once("end", () => controller.close());
      req.once("error", (error) => controller.error(error));
      req.pause();
    },
    pull() {
      req.resume();
    },
    cancel() {
      req.pause();
      req.removeAllListeners("data");
    },
  });
}

async function readText(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The host to put in the URL: a wildcard address is reached, and accepted by the client, as loopback. */
export function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::" || host === "::0" || /^[0:]+$/.test(host)) return "::1";
  return host;
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}
