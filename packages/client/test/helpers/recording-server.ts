// A tiny HTTP server for the client's tests: binds 127.0.0.1 on a free port, records every request
// (method, url, headers, raw body) and answers from a handler the test gives. Without a handler it answers
// plausible TrustHub JSON for each path (a one-page list, a profile, an assignment, 204 for DELETE).
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { trackSockets, twilioErrorBody } from "@trusthub/test-support";
import { assignment, listPage, profile, SIDS } from "./resources.js";

export interface RecordedRequest {
  readonly method: string;
  /** The request target exactly as sent (path and query, still percent-encoded). */
  readonly url: string;
  /** The path part of `url` (still percent-encoded). */
  readonly path: string;
  /** The query part of `url`, parsed. */
  readonly query: URLSearchParams;
  /** Header names lower-cased, as node:http gives them. */
  readonly headers: IncomingHttpHeaders;
  /** The raw body as text ("" when there was none). */
  readonly body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** An object or array is sent as JSON; a string as is; null/undefined sends no body. */
  body?: unknown;
}

export interface HandlerContext {
  /** The server's own origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** How many requests this server had received before this one. */
  readonly index: number;
  readonly res: ServerResponse;
}

/** Returns the reply, or `"hang"` to never answer (the socket is destroyed by close()). */
export type Handler = (req: RecordedRequest, ctx: HandlerContext) => Reply | "hang" | Promise<Reply | "hang">;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Replaces the handler. */
  setHandler(handler: Handler): void;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}

const LIST = /^\/v1\/CustomerProfiles(?:\/([^/]+)\/EntityAssignments)?$/;
const PROFILE = /^\/v1\/CustomerProfiles\/([^/]+)$/;
const ASSIGNMENT = /^\/v1\/CustomerProfiles\/([^/]+)\/EntityAssignments\/([^/]+)$/;

/** Plausible answers per path; anything unknown gets a Twilio 404 error body. */
export const defaultHandler: Handler = (req, { origin }) => {
  const list = LIST.exec(req.path);
  if (list) {
    if (req.method === "POST") {
      return { status: 201, body: list[1] ? assignment(SIDS.assignment, decodeURIComponent(list[1])) : profile() };
    }
    const pageSize = Number(req.query.get("PageSize") ?? "50");
    const item = list[1] ? assignment(SIDS.assignment, decodeURIComponent(list[1])) : profile();
    return { body: listPage(origin, req.path, [item], { pageSize }) };
  }
  const one = PROFILE.exec(req.path);
  if (one) {
    if (req.method === "DELETE") return { status: 204 };
    return { body: profile(decodeURIComponent(one[1]!)) };
  }
  const a = ASSIGNMENT.exec(req.path);
  if (a) {
    if (req.method === "DELETE") return { status: 204 };
    return { body: assignment(decodeURIComponent(a[2]!), decodeURIComponent(a[1]!)) };
  }
  return { status: 404, body: twilioErrorBody(404, 20404, "The requested resource was not found") };
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startRecordingServer(handler: Handler = defaultHandler): Promise<RecordingServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  let origin = "";

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const target = req.url ?? "/";
      const q = target.indexOf("?");
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: target,
        path: q === -1 ? target : target.slice(0, q),
        query: new URLSearchParams(q === -1 ? "" : target.slice(q + 1)),
        headers: req.headers,
        body,
      };
      const index = requests.length;
      requests.push(recorded);
      const reply = await current(recorded, { origin, index, res });
      if (reply === "hang") return;
      if (res.headersSent) return; // the handler answered by itself
      const status = reply.status ?? 200;
      const headers: Record<string, string> = { ...reply.headers };
      let payload: string | undefined;
      if (typeof reply.body === "string") payload = reply.body;
      else if (reply.body !== undefined && reply.body !== null) {
        payload = JSON.stringify(reply.body);
        if (!Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
      }
      res.writeHead(status, headers);
      res.end(payload);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`recording server handler failed: ${String(error)}`);
    }
  });
  const sockets = trackSockets(server);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  let closed: Promise<void> | undefined;
  return {
    url: origin,
    port,
    requests,
    setHandler(next) {
      current = next;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.destroyAll();
      });
      return closed;
    },
  };
}
