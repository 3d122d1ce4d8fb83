// The CLI mock's front door: a small HTTP server on the mock's public address (in the process of
// ./front-process.ts) that hands every request to Prism (listening on a private loopback port) and gives Prism's answer the Twilio treatment the
// in-process mock gives it too (./twilio-errors.ts): missing or malformed credentials get the spec's 401,
// a request Prism refuses gets a Twilio 400 naming the parameter, and an example names the requested SIDs.
// Everything else passes through byte for byte.
import { Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { OpenApiDocument } from "./resources.js";
import { matchRoute } from "./routes.js";
import { answerAfterPrism, answerBeforePrism, isJsonMedia, parseJson, type Answer, type RequestFacts, type Violation } from "./twilio-errors.js";

export interface FrontOptions {
  host: string;
  port: number;
  /** Where Prism listens. */
  prism: { host: string; port: number };
  /** The served spec (dereferenced), once read; without it, requests and answers pass through untouched. */
  document: Promise<OpenApiDocument | undefined>;
  /** Whether Prism answers from the spec's examples (not from the store or an upstream). */
  fromExamples: boolean;
  /** Prism only reports violations (a proxy with `errors: false`): everything passes through untouched. */
  reportOnly: boolean;
}

export interface FrontServer {
  close(): Promise<void>;
}

/** As much body as Prism's server takes. */
const BODY_LIMIT = 10 * 1024 * 1024;
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "proxy-connection"]);

export async function startFront(options: FrontOptions): Promise<FrontServer> {
  const agent = new Agent({ keepAlive: true });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (body === undefined) return send(res, { status: 413, headers: { "content-type": "text/plain" }, body: `request body over ${BODY_LIMIT} bytes` });
    const document = await options.document;
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://front.invalid");
    const route = document && matchRoute(document, method, url.pathname);
    const facts: RequestFacts = { authorization: req.headers.authorization, contentType: req.headers["content-type"], body: body.toString("utf8") };
    const early = document && !options.reportOnly && answerBeforePrism(document, route, facts);
    if (early) return send(res, early);

    const answer = await forward(req, body);
    const violations = violationsOf(answer);
    if (!document || options.reportOnly || (violations.length === 0 && !(options.fromExamples && route))) return sendRaw(res, answer);
    const text = answer.body.toString("utf8");
    const parsed = isJsonMedia(answer.headers["content-type"]) && text !== "" ? parseJson(text) : undefined;
    const headers = singleValued(answer.headers);
    send(res, answerAfterPrism(route, facts, { status: answer.status, headers, body: parsed ?? (text === "" ? undefined : text) }, violations, options.fromExamples));
  }

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const headers = { ...req.headers, host: `${options.prism.host}:${options.prism.port}`, "content-length": String(body.length) };
    delete headers["transfer-encoding"];
    return new Promise((resolve, reject) => {
      const upstream = httpRequest({ host: options.prism.host, port: options.prism.port, method: req.method, path: req.url, headers, agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      });
      upstream.on("error", reject);
      upstream.end(body);
    });
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      send(res, { status: 502, headers: { "content-type": "text/plain" }, body: `The mock's Prism did not answer: ${(error as Error).message}` });
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
  return {
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Prism's violations of a request: in its `sl-violations` header, or (proxy mode) in its 422's problem body. */
function violationsOf(answer: { status: number; headers: IncomingHttpHeaders; body: Buffer }): Violation[] {
  const out: Violation[] = [];
  const header = answer.headers["sl-violations"];
  if (typeof header === "string") {
    const listed = parseJson(header);
    if (Array.isArray(listed)) out.push(...(listed as Violation[]));
  }
  if (answer.status === 422 && /problem\+json/i.test(String(answer.headers["content-type"]))) {
    const problem = parseJson(answer.body.toString("utf8")) as { type?: string; validation?: Array<Partial<Violation>> } | undefined;
    if (problem?.type?.endsWith("#UNPROCESSABLE_ENTITY") && Array.isArray(problem.validation)) {
      for (const v of problem.validation) out.push({ location: ["request", ...(v.location ?? [])], severity: v.severity ?? "Error", code: v.code ?? "", message: v.message ?? "" });
    }
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > BODY_LIMIT ? undefined : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, answer: Answer): void {
  const { status, headers, body } = answer;
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-length": Buffer.byteLength(text) }).end(text);
}

function sendRaw(res: ServerResponse, answer: { status: number; headers: IncomingHttpHeaders; body: Buffer }): void {
  const headers = Object.fromEntries(Object.entries(answer.headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name)));
  res.writeHead(answer.status, { ...headers, "content-length": answer.body.length }).end(answer.body);
}

function singleValued(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}
