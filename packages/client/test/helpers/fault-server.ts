// A scripted fault-injection HTTP server for the client's transport tests. It listens on 127.0.0.1 (a free
// port), records every request, and answers each one with the next behaviour from its queue: a normal
// response (optionally delayed before the headers or in the middle of the body), a connection reset, a
// response truncated mid-body, a stall mid-body, or no answer at all. close() destroys every open socket, so
// a test never waits on a hanging connection.
import { createServer, type IncomingHttpHeaders, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { performance } from "node:perf_hooks";
import { trackSockets, twilioErrorBody } from "@trusthub/test-support";
import { afterEach } from "vitest";
import { createTrustHubClient, type TrustHubClientOptions } from "../../src/index.js";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The request body, decoded as UTF-8 ("" when there was none). */
  body: string;
  /** performance.now() when the request's headers arrived (monotonic; for gaps between attempts). */
  at: number;
  /** Date.now() when the request's headers arrived (wall clock; for HTTP-date comparisons). */
  time: number;
}

export type Behaviour =
  /** Answer normally. `delayMs` waits before the headers; `midBodyDelayMs` waits after the first `splitAt` bytes. */
  | {
      kind: "respond";
      status: number;
      headers?: OutgoingHttpHeaders;
      body?: string;
      delayMs?: number;
      /** Send with Transfer-Encoding: chunked instead of a Content-Length. */
      chunked?: boolean;
      midBodyDelayMs?: number;
      splitAt?: number;
    }
  /** Destroy the connection (TCP RST) without answering. */
  | { kind: "reset"; delayMs?: number }
  /** Send the headers (Content-Length of the whole body) and the first `sendBytes` bytes, then close the connection. */
  | { kind: "truncate"; status: number; headers?: OutgoingHttpHeaders; body: string; sendBytes: number }
  /** Send the headers and the first `sendBytes` bytes, then never send more (until the socket closes). */
  | { kind: "stall"; status: number; headers?: OutgoingHttpHeaders; body: string; sendBytes: number }
  /** Never answer (until the socket closes). */
  | { kind: "hang" };

// ---- behaviour builders ------------------------------------------------------------------------------------

export const respond = (status: number, body = "", headers: OutgoingHttpHeaders = {}, extra: Partial<Extract<Behaviour, { kind: "respond" }>> = {}): Behaviour => ({
  kind: "respond",
  status,
  body,
  headers,
  ...extra,
});

/** A JSON response (application/json; charset=utf-8). */
export const json = (status: number, value: unknown, headers: OutgoingHttpHeaders = {}): Behaviour =>
  respond(status, JSON.stringify(value), { "Content-Type": "application/json; charset=utf-8", ...headers });

export const twilioError = (status: number, code: number, headers: OutgoingHttpHeaders = {}, message?: string): Behaviour =>
  json(status, twilioErrorBody(status, code, message), headers);

export const html = (status: number, text: string, headers: OutgoingHttpHeaders = {}): Behaviour =>
  respond(status, text, { "Content-Type": "text/html; charset=utf-8", ...headers });

export const reset = (delayMs?: number): Behaviour => ({ kind: "reset", ...(delayMs !== undefined && { delayMs }) });
export const hang = (): Behaviour => ({ kind: "hang" });

/** Waits `ms` before sending the headers of `behaviour` (a "respond" behaviour). */
export const delayed = (ms: number, behaviour: Behaviour): Behaviour => {
  if (behaviour.kind !== "respond") throw new Error("delayed() takes a respond behaviour");
  return { ...behaviour, delayMs: ms };
};

// ---- the server --------------------------------------------------------------------------------------------

export interface FaultServer {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  readonly url: string;
  /** Every request received so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Appends behaviours to the queue; each request takes the next one. */
  enqueue(...behaviours: Behaviour[]): FaultServer;
  /** What requests get once the queue is empty (default: 418 text/plain "unscripted request"). */
  setFallback(behaviour: Behaviour | undefined): FaultServer;
  /** Resolves once at least `count` requests were received; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  /** Stops listening and destroys every open connection. Safe to call twice. */
  close(): Promise<void>;
}

const UNSCRIPTED: Behaviour = respond(418, "fault-server: unscripted request", { "Content-Type": "text/plain" });

export async function startFaultServer(behaviours: Behaviour[] = []): Promise<FaultServer> {
  const queue: Behaviour[] = [...behaviours];
  let fallback: Behaviour | undefined;
  const requests: RecordedRequest[] = [];
  const waiters = new Set<() => void>();
  let closed = false;

  const server = createServer((req, res) => {
    const at = performance.now();
    const time = Date.now();
    const behaviour = queue.shift() ?? fallback ?? UNSCRIPTED;
    const chunks: Buffer[] = [];
    res.on("error", () => {});
    req.on("error", () => {});
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at,
        time,
      });
      for (const wake of [...waiters]) wake();
      void act(behaviour, req.socket, res);
    });
  });
  const sockets = trackSockets(server);
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const self: FaultServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue(...more) {
      queue.push(...more);
      return self;
    },
    setFallback(behaviour) {
      fallback = behaviour;
      return self;
    },
    waitForRequests(count, timeoutMs = 5_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fault-server: waited ${timeoutMs} ms for ${count} request(s), got ${requests.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      sockets.destroyAll();
      await done;
    },
  };
  return self;
}

const NO_BODY = new Set([204, 304]);

/** `headers`, plus each of `defaults` whose name (any case) `headers` does not already have. */
function withDefaults(headers: OutgoingHttpHeaders | undefined, defaults: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const given = new Set(Object.keys(headers ?? {}).map((name) => name.toLowerCase()));
  const merged: OutgoingHttpHeaders = { ...headers };
  for (const [name, value] of Object.entries(defaults)) if (!given.has(name.toLowerCase())) merged[name] = value;
  return merged;
}

/** Waits `ms`; resolves false (at once) if the connection closes first. */
function pause(ms: number, socket: Socket): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      socket.off("close", onClose);
      resolve(true);
    }, ms);
    socket.once("close", onClose);
  });
}

function write(res: ServerResponse, data: Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || data.length === 0) return resolve();
    res.write(data, () => resolve());
  });
}

async function act(b: Behaviour, socket: Socket, res: ServerResponse): Promise<void> {
  switch (b.kind) {
    case "hang":
      return; // close() or the client destroys the socket
    case "reset":
      if (b.delayMs && !(await pause(b.delayMs, socket))) return;
      socket.resetAndDestroy();
      return;
    case "truncate":
    case "stall": {
      const body = Buffer.from(b.body);
      res.writeHead(b.status, withDefaults(b.headers, { "Content-Length": body.length }));
      res.flushHeaders();
      await write(res, body.subarray(0, b.sendBytes));
      if (b.kind === "truncate") socket.destroy();
      return; // stall: the rest never comes
    }
    case "respond": {
      if (b.delayMs && !(await pause(b.delayMs, socket))) return;
      if (socket.destroyed) return;
      const body = Buffer.from(b.body ?? "");
      const framing: OutgoingHttpHeaders =
        b.chunked ? { "Transfer-Encoding": "chunked" } : NO_BODY.has(b.status) ? {} : { "Content-Length": body.length };
      const headers = withDefaults(b.headers, framing);
      res.writeHead(b.status, headers);
      if (b.midBodyDelayMs !== undefined) {
        res.flushHeaders();
        const split = b.splitAt ?? Math.floor(body.length / 2);
        await write(res, body.subarray(0, split));
        if (!(await pause(b.midBodyDelayMs, socket))) return;
        res.end(body.subarray(split));
        return;
      }
      res.end(body);
      return;
    }
  }
}

/**
 * For a test file: closes the file's fault server after each test, and returns `setup()`, which starts one
 * with the given behaviours and a client pointed at it (tiny retry delays, no credentials from the env).
 */
export function useFaultServer(accountSid: string) {
  let current: FaultServer | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async function setup(behaviours: Behaviour[], options: TrustHubClientOptions = {}, fallback?: Behaviour) {
    const server = (current = await startFaultServer(behaviours));
    if (fallback) server.setFallback(fallback);
    const client = createTrustHubClient({
      accountSid,
      authToken: "test-auth-token",
      baseUrl: server.url,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      env: {},
      ...options,
    });
    return { server, client };
  };
}
