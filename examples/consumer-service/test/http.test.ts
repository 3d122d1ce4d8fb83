// The service's unit tests against the server mock, the way there is without per-test control: the stateful
// mock over HTTP (started once per file, shared by the tests), a second mock in examples mode for the
// answers a test forces (asked for with Prefer by a client middleware, which also rewrites headers and
// marks the requests that the client's fetch fails as the network would), and a log kept by that middleware. The operationIds come from the spec the mock serves.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { createTrustHubClient, type Middleware } from "@trusthub/client";
import { startMock } from "@trusthub/mock";
import { afterAll, describe } from "vitest";
import { parse } from "yaml";
import { clientSettings, onboardingScenarios, type Forced } from "./scenarios.js";

const [store, examples] = await Promise.all([startMock({ stateful: true }), startMock()]);
afterAll(() => Promise.all([store.stop(), examples.stop()]));

/** "POST /v1/CustomerProfiles" → CreateCustomerProfile, from the spec the mock serves. */
const spec = parse(readFileSync(createRequire(import.meta.url).resolve("@trusthub/mock/openapi.yaml"), "utf8"), { maxAliasCount: -1 }) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};
const operationIds = new Map(
  Object.entries(spec.paths).flatMap(([path, item]) => Object.entries(item).flatMap(([method, op]) => (op?.operationId ? [[`${method.toUpperCase()} ${path}`, op.operationId] as const] : []))),
);

const forced = new Map<string, Array<Forced & { left: number }>>();
let log: Array<[string | undefined, number | undefined]> = [];
const pending = new Map<string, { entry: [string | undefined, number | undefined]; headers?: Record<string, string> }>();

/** Header by which the middleware asks the fetch below to fail the request. */
const FAULT = "x-test-fault";
/** Fails a marked request the way fetch fails on a reset connection (the client counts it as a network failure). */
const faultyFetch = async (request: Request): Promise<Response> => {
  if (request.headers.has(FAULT)) throw new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
  return fetch(request);
};

const control: Middleware = {
  async onRequest({ request, schemaPath, id }) {
    const operationId = operationIds.get(`${request.method} ${schemaPath}`);
    const entry: [string | undefined, number | undefined] = [operationId, undefined];
    log.push(entry);
    const queue = operationId ? forced.get(operationId) : undefined;
    const next = queue?.[0];
    if (next && --next.left <= 0) queue!.shift();
    pending.set(id, { entry, ...(next && "headers" in next && { headers: next.headers }) });
    if (!next) return undefined;
    if ("error" in next) {
      const marked = new Request(request);
      marked.headers.set(FAULT, next.error);
      return marked;
    }
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    headers.set("prefer", `code=${next.status}`);
    const body = request.body ? await request.clone().text() : undefined;
    return new Request(`${examples.url}${url.pathname}${url.search}`, { method: request.method, headers, body });
  },
  onResponse({ response, id }) {
    const { entry, headers } = pending.get(id) ?? {};
    pending.delete(id);
    if (entry) entry[1] = response.status;
    if (!headers) return undefined;
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(response.body, { status: response.status, headers: merged });
  },
};

describe("the onboarding service, against the server mock over HTTP", () => {
  onboardingScenarios({
    client: (options) => createTrustHubClient({ ...clientSettings, baseUrl: store.url, middleware: [control], fetch: faultyFetch, ...options }),
    force: (operationId, answer) => {
      const queue = forced.get(operationId) ?? [];
      queue.push({ ...answer, left: answer.times ?? Infinity });
      forced.set(operationId, queue);
    },
    calls: () => log,
    reset: () => {
      forced.clear();
      log = [];
    },
  });
});
