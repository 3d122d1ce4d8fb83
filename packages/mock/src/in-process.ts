// @trusthub/mock/in-process: the TrustHub mock in the test's own process, with no port and no child
// process: Prism's engine and the stateful store (./engine.ts) behind a fetch function, plus per-test
// control: forced answers and faults per operation, a log of what it received, and reset().
import type { operations } from "@trusthub/types";
import { createEngine, lowerCased, nameValues, type Engine, type Forced } from "./engine.js";
import { MockOptionError } from "./errors.js";
import { responseExamples } from "./examples.js";
import { specPath } from "./index.js";
import { operationsById, servedUrlPattern } from "./routes.js";
import type { StoreData } from "./store.js";
import { isJsonMedia, type Answer } from "./twilio-errors.js";

/** The operationIds of the TrustHub spec. */
export type OperationId = keyof operations & string;

export type { StoreData };
export { MockOptionError };

export interface CreateMockOptions {
  /** Serve every resource of the spec from an in-memory store (Prism validates in front of it). */
  stateful?: boolean;
  /** With `stateful`: records to start with (and to go back to on reset()), as a data file's path or as the records. */
  data?: string | StoreData;
  /** Generate responses from the schemas instead of the examples. */
  dynamic?: boolean;
  /** Seed for `dynamic`, for repeatable responses. */
  seed?: number;
  /** The OpenAPI document to serve (default: the bundled TrustHub spec). */
  spec?: string;
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
export interface ExampleOverride extends Repeat {
  example: string;
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

export type Override = StatusOverride | ExampleOverride | FaultOverride | DelayOverride;

/** One request the mock received. */
export interface LoggedRequest<Id extends string = OperationId> {
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

export interface InProcessMock<Id extends string = OperationId> {
  /** A fetch for `createTrustHubClient({ fetch: mock.fetch })`: answers TrustHub URLs (any region), rejects others. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Forces the answer of the next calls of one operation (every call until reset(), or `times` calls); overrides of one operation queue up. */
  override(operationId: Id, response: Override): void;
  /** What the mock received, oldest first (since createMock() or the last reset()). */
  readonly requests: ReadonlyArray<LoggedRequest<Id>>;
  /** The URLs the mock answers (https://trusthub.twilio.com and its regional hosts). */
  readonly urlPattern: RegExp;
  /** Back to the start: the store to its `data`, overrides and the request log cleared, held requests rejected. */
  reset(): void;
  /** Ends the mock: held requests are rejected, and later calls of `fetch` too. */
  close(): Promise<void>;
}

interface Queued {
  override: Override;
  left: number;
  forced?: Forced;
}

/** Creates an in-process mock; resolves once the spec is loaded (about a second; reuse one per test file). */
export async function createMock<Id extends string = OperationId>(options: CreateMockOptions = {}): Promise<InProcessMock<Id>> {
  if (options.stateful && options.dynamic) throw new MockOptionError("createMock: stateful and dynamic exclude each other");
  if (options.data !== undefined && !options.stateful) throw new MockOptionError("createMock: data needs stateful");
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new MockOptionError(`createMock: seed must be an integer, got ${options.seed}`);
  const engine: Engine = await createEngine({ ...options, spec: options.spec ?? specPath });
  const known = operationsById(engine.document);
  const urlPattern = servedUrlPattern(engine.document);
  const queues = new Map<string, Queued[]>();
  const log: Array<LoggedRequest<Id>> = [];
  const held = new Set<(error: Error) => void>();
  let closed = false;

  const releaseHeld = (why: string) => {
    for (const release of held) release(new Error(`@trusthub/mock: ${why} while a request was held by a timeout override`));
    held.clear();
  };

  function override(operationId: Id, response: Override): void {
    const operation = known.get(operationId)?.operation;
    if (!operation) throw new TypeError(`mock.override: no operation ${operationId} in the spec (it has ${[...known.keys()].join(", ")})`);
    const forced = checkOverride(operationId, response);
    const queue = queues.get(operationId) ?? [];
    queue.push({ override: response, left: response.times ?? Infinity, ...(forced && { forced }) });
    queues.set(operationId, queue);
  }

  /** Validates an override against the spec; returns what to ask Prism's mocker for, if anything. */
  function checkOverride(operationId: string, response: Override): Forced | undefined {
    const fail = (why: string): never => {
      throw new TypeError(`mock.override(${operationId}): ${why}`);
    };
    const { times, delayMs } = response;
    if (times !== undefined && !(Number.isInteger(times) && times > 0)) fail(`times must be a positive integer, got ${times}`);
    if (delayMs !== undefined && !(Number.isFinite(delayMs) && delayMs >= 0)) fail(`delayMs must be a non-negative number, got ${delayMs}`);
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
      if (headers !== undefined && (typeof headers !== "object" || Object.values(headers).some((v) => typeof v !== "string"))) fail("headers must map names to strings");
      if (body === undefined) {
        if (!declares(status)) fail(`the spec declares no response ${status} for it (nor a default): give a body`);
        return { code: status };
      }
      if (typeof body !== "string") {
        if (!declares(status)) fail(`the spec declares no response ${status} for it (nor a default) to check the body against: give the body as a string to send it unchecked`);
        const problems = engine.responseViolations(operationId, { status, headers: { "content-type": "application/json", ...headers }, body });
        if (problems.length) fail(`the body breaks the spec (${problems.join("; ")}); give it as a string to send it unchecked`);
      }
      return {};
    }
    if (!("delayMs" in response)) fail("give status, example, error or delayMs");
    return undefined;
  }

  /** The override that answers this call of the operation, if any (counting the call). */
  function take(operationId: string | undefined): Queued | undefined {
    const queue = operationId ? queues.get(operationId) : undefined;
    const next = queue?.[0];
    if (!next) return undefined;
    if (--next.left <= 0) queue.shift();
    return next;
  }

  async function fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const request = new Request(input, init);
    if (closed) throw new TypeError("@trusthub/mock: fetch after close()");
    const url = new URL(request.url);
    if (!urlPattern.test(url.href)) throw new TypeError(`@trusthub/mock: ${url.origin} is not a TrustHub URL (the mock answers ${urlPattern})`);
    const signal = request.signal;
    signal.throwIfAborted();
    const body = await request.text();
    if (closed) throw new TypeError("@trusthub/mock: fetch after close()");
    const route = engine.route(request.method, url);
    const contentType = request.headers.get("content-type") ?? undefined;
    const entry: LoggedRequest<Id> = {
      method: request.method,
      url: url.href,
      path: url.pathname,
      query: nameValues(url.searchParams),
      form: body !== "" && /^application\/x-www-form-urlencoded\b/i.test(contentType ?? "") ? nameValues(new URLSearchParams(body)) : undefined,
      operationId: route?.operationId as Id | undefined,
      status: undefined,
    };
    log.push(entry);
    const queued = take(route?.operationId);
    const forcedAnswer = queued?.override;
    if (forcedAnswer?.delayMs) await sleep(forcedAnswer.delayMs, signal);
    if (forcedAnswer && "error" in forcedAnswer) {
      entry.error = forcedAnswer.error;
      if (forcedAnswer.error === "timeout") await hold(signal);
      const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET", errno: -104, syscall: "read" });
      throw new TypeError("fetch failed", { cause: reset });
    }
    const engineRequest = { method: request.method, url, headers: request.headers, body };
    const answered = await engine.answer(engineRequest, route, queued?.forced);
    let answer: Answer = answered;
    // A refused request keeps its 400 (or 401): an override never hides a request the spec turns away.
    if (forcedAnswer && "status" in forcedAnswer && !("example" in forcedAnswer) && !answered.refused) {
      const headers = { ...(forcedAnswer.body === undefined ? answered.headers : { "content-type": "application/json" }), ...lowerCased(forcedAnswer.headers ?? {}) };
      answer = { status: forcedAnswer.status, headers, body: forcedAnswer.body === undefined ? answered.body : forcedAnswer.body };
    }
    signal.throwIfAborted();
    entry.status = answer.status;
    return toResponse(answer);
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

  return {
    fetch,
    override,
    get requests() {
      return log;
    },
    urlPattern,
    reset() {
      engine.reset();
      queues.clear();
      log.length = 0;
      releaseHeld("reset()");
    },
    async close() {
      closed = true;
      queues.clear();
      releaseHeld("close()");
    },
  };
}

function toResponse(answer: Answer): Response {
  const { status, body } = answer;
  const empty = body === undefined || body === null || status === 204 || status === 304;
  const { "content-type": contentType, ...rest } = answer.headers;
  // A response without a body has no media type (Prism's server sends none either).
  const headers = empty || contentType === undefined ? rest : { ...rest, "content-type": contentType };
  const text = empty ? null : typeof body === "string" ? body : isJsonMedia(contentType) || !contentType ? JSON.stringify(body) : String(body);
  return new Response(text, { status, headers });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
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
