// The mock's one engine: it turns a `Request` into a `Response`, and it is the only place a request is
// judged. Every door goes through `handle()`: createMock()'s fetch, the MSW handlers (which call that fetch)
// and the HTTP server of startMock() and the CLI (./server.ts).
//
// In order, for one request: the HTTP door's checks (Host against DNS rebinding, Origin against the one CORS
// origin allowed), the body (at most BODY_LIMIT bytes, UTF-8), the route, the request log, the operation's
// next override (latency, a fault, a forced answer), the credentials and malformed JSON (./twilio-errors.ts),
// then Prism's engine (@stoplight/prism-http through its public API: request validation, the examples or the
// store as Prism's upstream, response validation), and last the Twilio shape of what Prism refused.
//
// What a test changes (the store's records, the overrides, the log) lives in one `World`; reset() starts a
// new one. A request keeps the world it arrived in, so one in flight across reset() cannot reach the next
// test's store, log or overrides.
import type { IHttpConfig, IHttpRequest, IHttpResponse } from "@stoplight/prism-http";
import type { IPrismDiagnostic } from "@stoplight/prism-core";
import { responseExamples } from "./examples.js";
import type { OpenApiDocument } from "./resources.js";
import { loadPrism } from "./prism-loader.js";
import { matchRoute, operationsById, pathExists, type Route } from "./routes.js";
import { loadSpec } from "./spec.js";
import { createStore, type Store, type StoreData } from "./store.js";
import { answerAfterPrism, answerBeforePrism, isJsonMedia, jsonAnswer, parseJson, refusedBy, twilioError, type Answer, type RequestFacts, type Violation } from "./twilio-errors.js";

/** The most of a request body the mock reads (TrustHub's forms are a few hundred bytes); more gets 413. */
export const BODY_LIMIT = 1024 * 1024;
/** How many requests `requests` keeps (the latest). */
export const REQUEST_LOG_LIMIT = 1000;
/** The longest `delayMs` an override may ask for (what a timer can wait). */
export const MAX_DELAY_MS = 2 ** 31 - 1;

export interface EngineOptions {
  /** The OpenAPI document to serve. */
  spec: string;
  stateful?: boolean | undefined;
  data?: string | StoreData | undefined;
  dynamic?: boolean | undefined;
  seed?: number | undefined;
  /**
   * Set by the HTTP door: requests must name a loopback host, an IP address or `host` in their Host header,
   * and may come from a web page only of the `cors` origin (no other Origin, no preflight otherwise).
   */
  network?: { host: string; cors?: string | undefined } | undefined;
}

interface Repeat {
  /** How many of the operation's next calls this answers (default: every call until reset()). */
  times?: number;
  /** Wait this long before answering, in ms (the request's AbortSignal still ends the wait). */
  delayMs?: number;
}

/** Answer with this status: the body given (checked against the spec's schema unless it is a string), or the spec's example for the status. */
export interface StatusOverride extends Repeat {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Answer with one of the spec's named examples of the operation (`status` when the name is used by several of its responses). */
export interface ExampleOverride<Name extends string = string> extends Repeat {
  example: Name;
  status?: number;
}

/** A network fault: the connection is reset (fetch rejects), or no answer comes until the request's AbortSignal ends it. */
export interface FaultOverride extends Repeat {
  error: "reset" | "timeout";
}

/** Only latency: the usual answer, after `delayMs`. */
export interface DelayOverride extends Repeat {
  delayMs: number;
}

/** `Name`: the example names `{ example }` accepts (for a TrustHub operation, its own: `ExampleName<Id>`). */
export type Override<Name extends string = string> = StatusOverride | ExampleOverride<Name> | FaultOverride | DelayOverride;

/** One request the mock received. */
export interface LoggedRequest<Id extends string = string> {
  method: string;
  url: string;
  path: string;
  /** Query parameters: one value as a string, a repeated one as an array. */
  query: Record<string, string | string[]>;
  /** The form body's fields (undefined when the body is not form-encoded or there is none). */
  form: Record<string, string | string[]> | undefined;
  /** The operation of the spec it addressed (undefined for a path or method the spec does not have). */
  operationId: Id | undefined;
  /** The status answered; undefined while it waits, and after a fault. */
  status: number | undefined;
  /** The fault it met, if an override gave one. */
  error?: "reset" | "timeout";
}

/**
 * What the door acts out instead of answering: a reset connection, or the end of a request held by a
 * timeout override (reset() or close() released it).
 */
export class MockFault extends Error {
  override name = "MockFault";
  constructor(readonly kind: "reset" | "released") {
    super(kind === "reset" ? "read ECONNRESET" : "the request was held by a timeout override when the mock was reset or closed");
  }
}

export interface Engine {
  document: OpenApiDocument;
  /** The answer to one request; rejects with a MockFault (or the request's abort reason) where no answer comes. */
  handle(request: Request): Promise<Response>;
  /** Forces the answer of the operation's next calls; throws a TypeError for one the spec cannot give. */
  override(operationId: string, response: Override): void;
  /** A copy of the log, oldest first. */
  requests(): LoggedRequest[];
  /** A new world: the store back at its data, no overrides, an empty log; held requests are released. */
  reset(): void;
  /** Releases held requests; later requests are refused. */
  close(): void;
}

/** One response of the spec that Prism's mocker is asked for. */
interface Forced {
  code?: number | undefined;
  exampleKey?: string | undefined;
}

interface Queued {
  override: Override;
  left: number;
  forced?: Forced;
}

/** Everything a test changes; replaced as a whole by reset(). */
interface World {
  store: Store | undefined;
  prism: ReturnType<typeof import("./prism.js").createInstance>;
  queues: Map<string, Queued[]>;
  log: LoggedRequest[];
}

/** @stoplight/types' DiagnosticSeverity, by value. */
const SEVERITY = ["Error", "Warning", "Information", "Hint"];
const FORM = /^application\/x-www-form-urlencoded\b/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Prism refused the request before the store was called (stateful mode). */
class Refused extends Error {
  constructor(readonly validations: IPrismDiagnostic[]) {
    super("refused");
  }
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  // Loaded here, not at import, so that importing the package costs nothing until a mock is made.
  const prism = await loadPrism();
  const { createInstance, ProblemJsonError, VIOLATIONS, createLogger, validateOutput } = prism;
  const { document, operations } = await loadSpec(options.spec, prism);
  const firstStore = options.stateful ? createStore({ document, data: options.data, ajv: prism }) : undefined;
  const known = operationsById(document);
  const logger = createLogger("TrustHubMock", { enabled: false });

  const base: IHttpConfig = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: true,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic: options.dynamic ?? false, ignoreExamples: false, ...(options.seed !== undefined && { seed: String(options.seed) }) },
  };
  const newWorld = (store: Store | undefined): World => ({
    store,
    prism: createInstance(base, { logger, ...(store && { forward: storeForward(store) }) }),
    queues: new Map(),
    log: [],
  });
  let world = newWorld(firstStore);
  const held = new Set<(error: Error) => void>();
  let closed = false;

  const problem = (error: Error & { status?: number; additional?: Record<string, unknown> }, headers: Record<string, string> = {}): Answer => {
    const extra = (error.additional?.headers ?? {}) as Record<string, string>;
    return { status: error.status || 500, headers: { ...headers, ...lowerCased(extra), "content-type": "application/problem+json" }, body: ProblemJsonError.toProblemJson(error) };
  };

  /** Prism's answer, in the Twilio shape; `refused` when the request broke the spec or lacked credentials. */
  async function answerWithPrism(at: World, request: Request, url: URL, body: string, route: Route | undefined, forced?: Forced): Promise<Answer & { refused: boolean }> {
    const facts: RequestFacts = { authorization: request.headers.get("authorization") ?? undefined, contentType: request.headers.get("content-type") ?? undefined, body, path: url.pathname };
    if (!route && !pathExists(document, url.pathname)) return { ...jsonAnswer(404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`)), refused: true };
    const early = answerBeforePrism(document, route, facts);
    if (early) return { ...early, refused: true };
    const preferred = preferences(request.headers.get("prefer"), url.searchParams);
    if (typeof preferred === "string") return { ...jsonAnswer(400, twilioError(400, 20001, preferred)), refused: true };
    const headers = Object.fromEntries(request.headers);
    const input: IHttpRequest = {
      method: request.method.toLowerCase() as IHttpRequest["method"],
      url: { path: url.pathname, query: nameValues(url.searchParams) },
      // As they arrive over HTTP: Prism checks a body's media type only when Content-Length says there is one.
      headers: { ...(body !== "" && { "content-length": String(Buffer.byteLength(body)) }), ...headers },
      // As Prism's server reads a body: none when empty, parsed when JSON, else its text.
      body: body === "" ? null : isJsonMedia(facts.contentType) ? parseJson(body, body) : body,
    };
    const mock = { ...base.mock, ...defined(preferred), ...defined(forced ?? {}) };
    const config: IHttpConfig = at.store && !forced ? { ...base, isProxy: true, upstream: new URL(url.origin), mock } : { ...base, mock };

    const result = await at.prism.request(input, operations, config)();
    if (result._tag === "Left") {
      const error = result.left;
      if (!(error instanceof Refused)) return { ...problem(error), refused: false };
      const violations = error.validations.map((v) => violation("request", v));
      return { ...answerAfterPrism(route, facts, { status: 422, headers: {}, body: undefined }, violations, false), refused: true };
    }
    const { output, validations } = result.right;
    const violations = [...validations.input.map((v) => violation("request", v)), ...validations.output.map((v) => violation("response", v))];
    const outHeaders = { ...lowerCased(output.headers ?? {}), ...(violations.length > 0 && { "sl-violations": JSON.stringify(violations) }) };
    const refused = refusedBy(violations);
    const responseErrors = violations.filter((v) => v.location[0] === "response" && v.severity === "Error");
    if (!refused && responseErrors.length > 0) {
      // What Prism's server answers with --errors to a response that breaks the spec.
      const detail = "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.";
      return { ...problem(ProblemJsonError.fromTemplate(VIOLATIONS, detail, { validation: responseErrors }), outHeaders), refused };
    }
    return { ...answerAfterPrism(route, facts, { status: output.statusCode, headers: outHeaders, body: output.body }, violations, !config.isProxy), refused };
  }

  async function handle(request: Request): Promise<Response> {
    const at = world; // the world this request belongs to, whatever reset() does while it is in flight
    if (closed) throw new TypeError("@trusthub/mock: request after close()");
    const url = new URL(request.url);
    const turnedAway = options.network && networkRefusal(request, options.network);
    if (turnedAway) return turnedAway;
    const body = await readBody(request);
    if (body === undefined) return toResponse(jsonAnswer(413, twilioError(413, 20413, `The request body is larger than ${BODY_LIMIT} bytes`), { connection: "close" }), request, options.network);
    const route = matchRoute(document, request.method, url.pathname);
    const contentType = request.headers.get("content-type") ?? "";
    const entry: LoggedRequest = {
      method: request.method,
      url: url.href,
      path: url.pathname,
      query: nameValues(url.searchParams),
      form: typeof body === "string" && body !== "" && FORM.test(contentType) ? nameValues(new URLSearchParams(body)) : undefined,
      operationId: route?.operationId,
      status: undefined,
    };
    at.log.push(entry);
    if (at.log.length > REQUEST_LOG_LIMIT) at.log.splice(0, at.log.length - REQUEST_LOG_LIMIT);
    if (body === null) {
      entry.status = 400;
      return toResponse(jsonAnswer(400, twilioError(400, 20001, "Invalid post body: not UTF-8 text")), request, options.network);
    }
    const queued = take(at, route?.operationId);
    const forcedAnswer = queued?.override;
    if (forcedAnswer?.delayMs) await sleep(forcedAnswer.delayMs, request.signal);
    if (forcedAnswer && "error" in forcedAnswer) {
      entry.error = forcedAnswer.error;
      if (forcedAnswer.error === "timeout") await hold(request.signal);
      throw new MockFault("reset");
    }
    const answered = await answerWithPrism(at, request, url, body, route, queued?.forced);
    let answer: Answer = answered;
    // A refused request keeps its 400 (or 401): an override never hides a request the spec turns away.
    if (forcedAnswer && "status" in forcedAnswer && !("example" in forcedAnswer) && !answered.refused) {
      const headers = { ...(forcedAnswer.body === undefined ? answered.headers : { "content-type": "application/json" }), ...lowerCased(forcedAnswer.headers ?? {}) };
      answer = { status: forcedAnswer.status, headers, body: forcedAnswer.body === undefined ? answered.body : forcedAnswer.body };
    }
    request.signal.throwIfAborted();
    entry.status = answer.status;
    return toResponse(answer, request, options.network);
  }

  /** The override that answers this call of the operation, if any (counting the call). */
  function take(at: World, operationId: string | undefined): Queued | undefined {
    const queue = operationId ? at.queues.get(operationId) : undefined;
    const next = queue?.[0];
    if (!next) return undefined;
    if (--next.left <= 0) queue.shift();
    return next;
  }

  function override(operationId: string, response: Override): void {
    if (!known.has(operationId)) throw new TypeError(`mock.override: no operation ${operationId} in the spec (it has ${[...known.keys()].join(", ")})`);
    const forced = checkOverride(operationId, response);
    const queue = world.queues.get(operationId) ?? [];
    queue.push({ override: response, left: response.times ?? Infinity, ...(forced && { forced }) });
    world.queues.set(operationId, queue);
  }

  /** Validates an override against the spec; returns what to ask Prism's mocker for, if anything. */
  function checkOverride(operationId: string, response: Override): Forced | undefined {
    const fail = (why: string): never => {
      throw new TypeError(`mock.override(${operationId}): ${why}`);
    };
    if (!response || typeof response !== "object") fail("give status, example, error or delayMs");
    const { times, delayMs } = response;
    if (times !== undefined && !(Number.isInteger(times) && times > 0)) fail(`times must be a positive integer, got ${times}`);
    if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0 && delayMs <= MAX_DELAY_MS)) fail(`delayMs must be a number from 0 to ${MAX_DELAY_MS}, got ${delayMs}`);
    if ("error" in response && ("status" in response || "example" in response)) fail("a fault has no status or example");
    if ("example" in response && ("body" in response || "headers" in response)) fail("an example brings the spec's body and headers: give status and body instead");
    const operation = known.get(operationId)!.operation;
    const responses = Object.keys(operation.responses ?? {});
    const declares = (status: number) => responses.includes(String(status)) || responses.includes(`${String(status)[0]}XX`) || responses.includes("default");

    if ("error" in response) {
      if (response.error !== "reset" && response.error !== "timeout") fail(`error must be "reset" or "timeout", got ${String(response.error)}`);
      return undefined;
    }
    if ("example" in response) {
      const found = responseExamples(operation).filter((e) => e.name === response.example && (response.status === undefined || e.status === String(response.status) || e.status === "default"));
      if (found.length === 0) {
        const names = responseExamples(operation).map((e) => `${e.name} (${e.status})`);
        fail(`no example named ${response.example}${response.status ? ` for status ${response.status}` : ""} (the operation has ${names.join(", ") || "none"})`);
      }
      const statuses = [...new Set(found.map((e) => e.status))];
      if (response.status === undefined && statuses.length > 1) fail(`example ${response.example} is used by the responses ${statuses.join(", ")}: give status`);
      const status = response.status ?? Number(statuses[0]);
      if (!Number.isInteger(status)) fail(`example ${response.example} is the "default" response's: give status`);
      return { code: status, exampleKey: response.example };
    }
    if ("status" in response) {
      const { status, body, headers } = response;
      if (!(Number.isInteger(status) && status >= 200 && status <= 599)) fail(`status must be an integer from 200 to 599, got ${status}`);
      if (headers !== undefined) {
        if (!headers || typeof headers !== "object") fail("headers must map names to strings");
        for (const [name, value] of Object.entries(headers)) {
          if (!HEADER_NAME.test(name)) fail(`header name ${JSON.stringify(name)} is not an HTTP token`);
          if (typeof value !== "string" || !HEADER_VALUE.test(value)) fail(`header ${name}: the value must be a string without control characters (CR, LF, NUL), got ${JSON.stringify(value)}`);
        }
      }
      if (body === undefined) {
        if (!declares(status)) fail(`the spec declares no response ${status} for it (nor a default): give a body`);
        return { code: status };
      }
      if (typeof body !== "string") {
        if (!declares(status)) fail(`the spec declares no response ${status} for it (nor a default) to check the body against: give the body as a string to send it unchecked`);
        const problems = responseViolations(operationId, { status, headers: { "content-type": "application/json", ...headers }, body });
        if (problems.length) fail(`the body breaks the spec (${problems.join("; ")}); give it as a string to send it unchecked`);
      }
      return {};
    }
    if (!("delayMs" in response)) fail("give status, example, error or delayMs");
    return undefined;
  }

  /** Prism's verdict on a response to an operation: the messages of what breaks the spec. */
  function responseViolations(operationId: string, response: { status: number; headers: Record<string, string>; body: unknown }): string[] {
    const resource = operations.find((o) => o.iid === operationId)!;
    const verdict = validateOutput({ resource, element: { statusCode: response.status, headers: response.headers, body: response.body } });
    if (verdict._tag === "Right") return [];
    return verdict.left.filter((d) => d.severity === 0).map((d) => d.message);
  }

  /** Waits for the request's abort (or reset()/close()), then rejects. */
  function hold(signal: AbortSignal): Promise<never> {
    return new Promise((_, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const release = (error: Error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      };
      const onAbort = () => {
        held.delete(release);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      held.add(release);
    });
  }

  const releaseHeld = () => {
    for (const release of held) release(new MockFault("released"));
    held.clear();
  };

  return {
    document,
    handle,
    override,
    requests: () => world.log.map((entry) => ({ ...entry })),
    reset() {
      world = newWorld(world.store?.renewed());
      releaseHeld();
    },
    close() {
      closed = true;
      world.queues.clear();
      releaseHeld();
    },
  };
}

/**
 * The request's body as text; undefined when it is over BODY_LIMIT (the rest is not read), null when it is
 * not UTF-8 (a raw byte would be stored as U+FFFD, while its percent-encoded form is refused).
 */
async function readBody(request: Request): Promise<string | undefined | null> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > BODY_LIMIT) {
    await request.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!request.body) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > BODY_LIMIT) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    return null;
  }
}

/** The HTTP door's refusals: a Host that is not ours (DNS rebinding), a web page's Origin that is not allowed, a preflight. */
function networkRefusal(request: Request, network: { host: string; cors?: string | undefined }): Response | undefined {
  const host = hostnameOf(request.headers.get("host"));
  const ours = host !== undefined && (host === "localhost" || host.endsWith(".localhost") || isIpLiteral(host) || host === network.host.toLowerCase());
  if (!ours) return toResponse(jsonAnswer(403, twilioError(403, 20403, "The mock answers requests to a loopback name or IP address only (the Host header names another host)")));
  const origin = request.headers.get("origin");
  const allowed = origin !== null && network.cors !== undefined && origin === network.cors;
  if (origin !== null && !allowed) return toResponse(jsonAnswer(403, twilioError(403, 20403, `Requests from web pages are refused (Origin ${origin}); start the mock with --cors <origin> to allow one`)));
  if (request.method === "OPTIONS" && allowed && request.headers.has("access-control-request-method")) {
    return new Response(null, {
      status: 204,
      headers: {
        "access-control-allow-origin": origin,
        "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE",
        "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? "authorization, content-type",
        "access-control-max-age": "600",
        vary: "Origin",
      },
    });
  }
  return undefined;
}

function hostnameOf(host: string | null): string | undefined {
  if (!host) return undefined;
  try {
    return new URL(`http://${host}/`).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return undefined;
  }
}

const isIpLiteral = (host: string) => /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(":");

/** Prism's preferences as its server reads them (the Prefer header, or else __code/__example/__dynamic); a string says why they are refused. */
function preferences(header: string | null, query: URLSearchParams): { code?: number; exampleKey?: string; dynamic?: boolean; seed?: string } | string {
  const given = new Map<string, string>();
  if (header !== null) {
    for (const part of header.split(/[,;]/)) {
      const at = part.indexOf("=");
      if (at > 0) given.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim().replace(/^"(.*)"$/, "$1"));
    }
  } else {
    for (const name of ["code", "example", "dynamic", "seed"]) {
      const value = query.get(`__${name}`);
      if (value !== null) given.set(name, value);
    }
  }
  const out: { code?: number; exampleKey?: string; dynamic?: boolean; seed?: string } = {};
  const code = given.get("code");
  if (code !== undefined) {
    if (!/^\d{3}$/.test(code) || Number(code) < 200 || Number(code) > 599) return `Invalid Prefer header: code must be a status from 200 to 599, got ${JSON.stringify(code.slice(0, 20))}`;
    out.code = Number(code);
  }
  const dynamic = given.get("dynamic");
  if (dynamic !== undefined) {
    if (dynamic !== "true" && dynamic !== "false") return `Invalid Prefer header: dynamic must be true or false, got ${JSON.stringify(dynamic.slice(0, 20))}`;
    out.dynamic = dynamic === "true";
  }
  if (given.has("example")) out.exampleKey = given.get("example")!;
  if (given.has("seed")) out.seed = given.get("seed")!;
  return out;
}

/** Prism's proxy mode with the store as its upstream, called in-process. */
function storeForward(store: Store) {
  return (input: { data: IHttpRequest; validations: IPrismDiagnostic[] }, baseUrl: string) => () => async () => {
    if (input.validations.some((v) => v.severity === 0)) return { _tag: "Left" as const, left: new Refused(input.validations) as Error };
    const url = new URL(input.data.url.path, baseUrl);
    for (const [name, value] of Object.entries(input.data.url.query ?? {})) for (const item of [value].flat()) url.searchParams.append(name, item);
    try {
      const reply = store.handle({
        method: input.data.method.toUpperCase(),
        url,
        body: typeof input.data.body === "string" ? input.data.body : "",
        authorization: input.data.headers?.authorization,
      });
      const response: IHttpResponse = {
        statusCode: reply.status,
        headers: reply.body === undefined ? {} : { "content-type": "application/json" },
        body: reply.body,
      };
      return { _tag: "Right" as const, right: response };
    } catch (error) {
      return { _tag: "Left" as const, left: error as Error };
    }
  };
}

function toResponse(answer: Answer, request?: Request, network?: { cors?: string | undefined }): Response {
  const { status, body } = answer;
  const empty = body === undefined || body === null || status === 204 || status === 304;
  const { "content-type": contentType, ...rest } = answer.headers;
  // A response without a body has no media type (Prism's server sends none either).
  const headers: Record<string, string> = empty || contentType === undefined ? rest : { ...rest, "content-type": contentType };
  const origin = request?.headers.get("origin");
  if (origin && origin === network?.cors) Object.assign(headers, { "access-control-allow-origin": origin, vary: "Origin" });
  const text = empty ? null : typeof body === "string" ? body : isJsonMedia(contentType) || !contentType ? JSON.stringify(body) : String(body);
  return new Response(text, { status, headers });
}

function violation(side: "request" | "response", d: IPrismDiagnostic): Violation {
  return { location: [side, ...(d.path ?? []).map(String)], severity: SEVERITY[d.severity] ?? String(d.severity), code: d.code ?? "", message: d.message };
}

/** Query parameters as Prism's server hands them over: one value as a string, repeated ones as an array. */
export function nameValues(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

/** Headers by lower-case name, without the empty ones Prism may produce. */
function lowerCased(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== null && value !== undefined) out[name.toLowerCase()] = String(value);
  return out;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
