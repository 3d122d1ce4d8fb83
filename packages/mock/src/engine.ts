// Prism's request engine in the calling process: the spec read by the operations loader the Prism CLI uses
// (@stoplight/prism-cli/dist/operations) and answered by @stoplight/prism-http at the version the CLI's
// server runs (5.16.0, through prism-http-server), with the CLI's settings: requests and responses
// validated, violations turned into errors, `Prefer` read as its server reads it. In stateful mode the
// store (./store.ts) stands where the CLI's proxy mode calls it over HTTP, so nothing listens on a port.
// Refused requests and examples get the same Twilio treatment as the CLI's (./twilio-errors.ts).
import { createRequire } from "node:module";
import type { IHttpConfig, IHttpRequest, IHttpResponse } from "@stoplight/prism-http";
import type { IPrismDiagnostic } from "@stoplight/prism-core";
import { loadServedSpec } from "./spec.js";
import type { OpenApiDocument } from "./resources.js";
import { matchRoute, type Route } from "./routes.js";
import { createStore, type Store, type StoreData } from "./store.js";
import { answerAfterPrism, answerBeforePrism, isJsonMedia, parseJson, refusedBy, type Answer, type RequestFacts, type Violation } from "./twilio-errors.js";

export interface EngineOptions {
  /** The OpenAPI document to serve. */
  spec: string;
  stateful?: boolean | undefined;
  data?: string | StoreData | undefined;
  dynamic?: boolean | undefined;
  seed?: number | undefined;
}

export interface EngineRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The body as sent ("" without one). */
  body: string;
}

/** One response of the spec that Prism's mocker is asked for, whatever the mode (what `Prefer` asks for). */
export interface Forced {
  code?: number | undefined;
  exampleKey?: string | undefined;
}

export interface EngineAnswer extends Answer {
  /** Whether the request was refused (credentials, or a breach of the spec). */
  refused: boolean;
}

export interface Engine {
  document: OpenApiDocument;
  route(method: string, url: URL): Route | undefined;
  /** The answer to one request, as the CLI mock gives it; `forced` asks Prism's mocker for one response of the spec. */
  answer(request: EngineRequest, route: Route | undefined, forced?: Forced): Promise<EngineAnswer>;
  /** Prism's verdict on a response to an operation: the messages of what breaks the spec. */
  responseViolations(operationId: string, response: { status: number; headers: Record<string, string>; body: unknown }): string[];
  /** The store back to its data (stateful mode). */
  reset(): void;
}

/** @stoplight/types' DiagnosticSeverity, by value. */
const SEVERITY = ["Error", "Warning", "Information", "Hint"];

/** Prism refused the request before the store was called (stateful mode). */
class Refused extends Error {
  constructor(readonly validations: IPrismDiagnostic[]) {
    super("refused");
  }
}

const require = createRequire(import.meta.url);

/**
 * Where the Prism CLI's operations loader lives: @stoplight/prism-cli/dist/operations re-exports
 * getHttpOperationsFromSpec of its own prism-http (5.12.0), defined in that package's utils/operations. The
 * engine loads that very module, without the rest of that older prism-http (a second engine it never uses,
 * about a second to load).
 */
export function operationsLoaderPath(): string {
  return createRequire(require.resolve("@stoplight/prism-cli/dist/operations.js")).resolve("@stoplight/prism-http/dist/utils/operations.js");
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  // Loaded here, not at import, so that importing the package costs nothing until a mock is made.
  const { createInstance, ProblemJsonError, VIOLATIONS } = require("@stoplight/prism-http") as typeof import("@stoplight/prism-http");
  const { createLogger } = require("@stoplight/prism-core") as typeof import("@stoplight/prism-core");
  const { validateOutput } = require("@stoplight/prism-http/dist/validator/index.js") as typeof import("@stoplight/prism-http/dist/validator/index.js");
  const { getHttpConfigFromRequest } = require("@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js") as typeof import("@stoplight/prism-http-server/dist/getHttpConfigFromRequest.js");
  const { getHttpOperationsFromSpec } = require(operationsLoaderPath()) as typeof import("@stoplight/prism-cli/dist/operations.js");
  const served = await loadServedSpec(options.spec);
  let operations: Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;
  try {
    operations = await getHttpOperationsFromSpec(served.prismPath);
  } finally {
    served.dispose(); // the restated copy is read; nothing needs it after this
  }
  const document = served.document;
  const store: Store | undefined = options.stateful ? createStore({ document, data: options.data }) : undefined;

  const base: IHttpConfig = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: true,
    upstreamProxy: undefined,
    isProxy: false,
    mock: { dynamic: options.dynamic ?? false, ignoreExamples: false, ...(options.seed !== undefined && { seed: String(options.seed) }) },
  };
  const prism = createInstance(base, {
    logger: createLogger("TrustHubMock", { enabled: false }),
    ...(store && { forward: storeForward(store) }),
  });

  const problem = (error: Error & { status?: number; additional?: Record<string, unknown> }, headers: Record<string, string> = {}): Answer => {
    const extra = (error.additional?.headers ?? {}) as Record<string, string>;
    return { status: error.status || 500, headers: { ...headers, ...lowerCased(extra), "content-type": "application/problem+json" }, body: ProblemJsonError.toProblemJson(error) };
  };

  async function answer(request: EngineRequest, route: Route | undefined, forced?: Forced): Promise<EngineAnswer> {
    const facts: RequestFacts = {
      authorization: request.headers.get("authorization") ?? undefined,
      contentType: request.headers.get("content-type") ?? undefined,
      body: request.body,
    };
    const early = answerBeforePrism(document, route, facts);
    if (early) return { ...early, refused: true };
    const input: IHttpRequest = {
      method: request.method.toLowerCase() as IHttpRequest["method"],
      url: { path: request.url.pathname, query: nameValues(request.url.searchParams) },
      // As they arrive over HTTP: Prism checks a body's media type only when Content-Length says there is one.
      headers: { ...(request.body !== "" && { "content-length": String(Buffer.byteLength(request.body)) }), ...Object.fromEntries(request.headers) },
      // As Prism's server reads a body: none when empty, parsed when JSON, else its text.
      body: request.body === "" ? null : isJsonMedia(facts.contentType) ? parseJson(request.body, request.body) : request.body,
    };
    const preferred = getHttpConfigFromRequest(input);
    if (preferred._tag === "Left") return { ...problem(preferred.left), refused: false };
    const mock = { ...base.mock, ...defined(preferred.right), ...defined(forced ?? {}) };
    const config: IHttpConfig = store && !forced ? { ...base, isProxy: true, upstream: new URL(request.url.origin), mock } : { ...base, mock };

    const result = await prism.request(input, operations, config)();
    if (result._tag === "Left") {
      const error = result.left;
      if (!(error instanceof Refused)) return { ...problem(error), refused: false };
      const violations = error.validations.map((v) => violation("request", v));
      return { ...answerAfterPrism(route, facts, { status: 422, headers: {}, body: undefined }, violations, false), refused: true };
    }
    const { output, validations } = result.right;
    const violations = [...validations.input.map((v) => violation("request", v)), ...validations.output.map((v) => violation("response", v))];
    const headers = { ...lowerCased(output.headers ?? {}), ...(violations.length > 0 && { "sl-violations": JSON.stringify(violations) }) };
    const refused = refusedBy(violations);
    const responseErrors = violations.filter((v) => v.location[0] === "response" && v.severity === "Error");
    if (!refused && responseErrors.length > 0) {
      // What Prism's server answers with --errors to a response that breaks the spec.
      const detail = "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.";
      return { ...problem(ProblemJsonError.fromTemplate(VIOLATIONS, detail, { validation: responseErrors }), headers), refused };
    }
    const fromExamples = !config.isProxy;
    return { ...answerAfterPrism(route, facts, { status: output.statusCode, headers, body: output.body }, violations, fromExamples), refused };
  }

  function responseViolations(operationId: string, response: { status: number; headers: Record<string, string>; body: unknown }): string[] {
    const resource = operations.find((o) => o.iid === operationId);
    if (!resource) return [`no operation ${operationId}`];
    const verdict = validateOutput({ resource, element: { statusCode: response.status, headers: response.headers, body: response.body } });
    if (verdict._tag === "Right") return [];
    return verdict.left.filter((d) => d.severity === 0).map((d) => d.message);
  }

  return {
    document,
    route: (method, url) => matchRoute(document, method, url.pathname),
    answer,
    responseViolations,
    reset: () => store?.reset(),
  };
}

/** Prism's proxy mode with the store as its upstream, called in-process: what the CLI's stateful mode does over HTTP. */
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
export function lowerCased(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== null && value !== undefined) out[name.toLowerCase()] = String(value);
  return out;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
