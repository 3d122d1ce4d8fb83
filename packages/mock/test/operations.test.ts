// The stateful mock serves every operation of the spec it is given, whatever the spec holds: each operation
// is called through Prism (validating) in an order where it has what it needs (parents created before their
// children, deletes last, children first), with the request body of the spec's first named example, and must
// answer the success status the spec declares. A 404 from a collection the spec has counts as "not
// implemented". The spec is the bundled one, then the bundled one plus an EndUsers-like resource the store
// was never told about (tools/test-support/fixtures/end-users.yaml); a store that lags behind its spec is caught.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deref, listOperations, loadSpec, type OpenApiDocument } from "@trusthub/spec";
import { collect, freePort } from "@trusthub/test-support";
import { startMock, type RunningMock } from "../src/index.js";
import { loadServedSpec } from "../src/spec.js";
import { startStore, type StoreServer } from "../src/store.js";
import { assertBuilt, bundledSpec, raw, writeFixtureSpec } from "./helpers.js";

interface Outcome {
  operation: string;
  expected: number;
  got: number | string;
}

const FORM = "application/x-www-form-urlencoded";
const isTemplate = (segment: string) => /^\{[^}]+\}$/.test(segment);
const shapeOf = (segments: string[]) => segments.map((s) => (isTemplate(s) ? "{}" : s)).join("/");

/** The spec's first named example of an operation's form body, as form fields (objects and arrays as JSON). */
function exampleForm(spec: OpenApiDocument, operation: any): Record<string, string> | undefined {
  const media = deref(spec, operation.requestBody)?.content?.[FORM];
  if (!media) return {};
  const first = Object.values(media.examples ?? {})[0];
  const value = first ? deref(spec, first).value : media.example;
  if (!value) return undefined;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]));
}

function successStatus(operation: any): number {
  return Number(Object.keys(operation.responses).find((code) => /^2\d\d$/.test(code)));
}

/** Calls every operation of `spec` on `baseUrl`; one outcome per operation, in the spec's order. */
async function exerciseEveryOperation(baseUrl: string, spec: OpenApiDocument): Promise<Outcome[]> {
  const operations = listOperations(spec).map((o) => ({ ...o, id: `${o.operation.operationId} (${o.method.toUpperCase()} ${o.path})`, segments: o.path.split("/").filter(Boolean) }));
  const outcomes = new Map<string, number | string>();
  /** The record created in each collection (by the collection's shape): its SID and the concrete path it lives at. */
  const created = new Map<string, { sid: string; path: string }>();
  /** A concrete path for a spec path: each {…} is the SID created in the collection before it. */
  const concrete = (segments: string[]): string | undefined => {
    const out: string[] = [];
    for (const [i, segment] of segments.entries()) {
      if (!isTemplate(segment)) out.push(segment);
      else {
        const record = created.get(shapeOf(segments.slice(0, i)));
        if (!record) return undefined;
        out.push(record.sid);
      }
    }
    return `/${out.join("/")}`;
  };
  const call = async (method: string, path: string, form?: Record<string, string>) => raw(baseUrl, method, path, form ? { form } : {});

  // Creates, parents first.
  const creates = operations.filter((o) => o.method === "post" && !isTemplate(o.segments.at(-1)!)).sort((a, b) => a.segments.length - b.segments.length);
  for (const op of creates) {
    const path = concrete(op.segments);
    const form = exampleForm(spec, op.operation);
    if (!path || !form) {
      outcomes.set(op.id, !path ? "no parent record" : "no request example");
      continue;
    }
    const response = await call("POST", path, form);
    outcomes.set(op.id, response.status);
    const sid = (response.body as { sid?: unknown } | undefined)?.sid;
    if (typeof sid === "string") created.set(shapeOf(op.segments), { sid, path: `${path}/${sid}` });
  }

  // Lists (the created record must be on one of the pages), fetches and updates.
  for (const op of operations) {
    if (outcomes.has(op.id) || op.method === "delete") continue;
    const collection = !isTemplate(op.segments.at(-1)!);
    const record = created.get(shapeOf(collection ? op.segments : op.segments.slice(0, -1)));
    const path = concrete(op.segments);
    if (!path || !record) {
      outcomes.set(op.id, "nothing created to call it on");
      continue;
    }
    if (op.method === "get" && collection) {
      const response = await call("GET", path);
      const listed = await collect(pages(baseUrl, response), 100);
      outcomes.set(op.id, listed.flat().includes(record.sid) ? response.status : `${response.status}, without the created record`);
    } else if (op.method === "get") {
      const response = await call("GET", path);
      outcomes.set(op.id, (response.body as { sid?: unknown })?.sid === record.sid ? response.status : `${response.status}, another record`);
    } else {
      const form = exampleForm(spec, op.operation);
      outcomes.set(op.id, form ? (await call(op.method.toUpperCase(), path, form)).status : "no request example");
    }
  }

  // Deletes, children first.
  const deletes = operations.filter((o) => o.method === "delete").sort((a, b) => b.segments.length - a.segments.length);
  for (const op of deletes) {
    const path = concrete(op.segments);
    outcomes.set(op.id, path ? (await call("DELETE", path)).status : "nothing created to call it on");
  }
  return operations.map((o) => ({ operation: o.id, expected: successStatus(o.operation), got: outcomes.get(o.id)! }));
}

/** The SIDs of every page of a list, following next_page_url from the first response. */
async function* pages(baseUrl: string, first: { body: unknown }): AsyncGenerator<string[]> {
  let body = first.body as { meta?: { next_page_url?: string | null } } & Record<string, unknown>;
  for (;;) {
    const items = Object.values(body).find(Array.isArray) as Array<{ sid: string }> | undefined;
    yield (items ?? []).map((item) => item.sid);
    const next = body.meta?.next_page_url;
    if (!next) return;
    body = (await raw(baseUrl, "GET", next.slice(new URL(next).origin.length))).body as typeof body;
  }
}

function report(label: string, outcomes: Outcome[]) {
  console.info(`${label}:\n${outcomes.map((o) => `  ${o.got === o.expected ? "ok  " : "FAIL"} ${o.operation}: expected ${o.expected}, got ${o.got}`).join("\n")}`);
}

let dir: string;
let fixtureSpec: string;
beforeAll(() => {
  assertBuilt();
  dir = mkdtempSync(join(tmpdir(), "trusthub-mock-operations-"));
  fixtureSpec = writeFixtureSpec(dir);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  ["the bundled spec", () => bundledSpec],
  ["the bundled spec plus the EndUsers fixture", () => fixtureSpec],
])("every operation of %s", (label, specFile) => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ stateful: true, spec: specFile() });
  });
  afterAll(async () => {
    await mock?.stop();
  });

  it("is served by the stateful mock with the success status the spec declares", async () => {
    const spec = loadSpec(specFile());
    const outcomes = await exerciseEveryOperation(mock.url, spec);
    report(label, outcomes);
    expect(outcomes).toHaveLength(listOperations(spec).length);
    expect(outcomes.filter((o) => o.got !== o.expected)).toEqual([]);
  });
});

describe("a store that lags behind the spec Prism serves", () => {
  let store: StoreServer;
  let mock: RunningMock;
  beforeAll(async () => {
    // Prism serves the fixture; the store behind it only knows the bundled spec.
    const port = await freePort();
    const served = await loadServedSpec(bundledSpec);
    store = await startStore({ host: "127.0.0.1", publicOrigin: `http://127.0.0.1:${port}`, document: served.document });
    mock = await startMock({ port, spec: fixtureSpec, upstream: store.url });
  });
  afterAll(async () => {
    await mock?.stop();
    await store?.close();
  });

  it("is caught: exactly the operations it does not know fail", async () => {
    const outcomes = await exerciseEveryOperation(mock.url, loadSpec(fixtureSpec));
    report("fixture spec, store from the bundled spec", outcomes);
    const known = new Set(listOperations(loadSpec(bundledSpec)).map((o) => o.operation.operationId));
    const unknown = listOperations(loadSpec(fixtureSpec)).filter((o) => !known.has(o.operation.operationId));
    expect(unknown.length).toBeGreaterThan(0);
    const failed = outcomes.filter((o) => o.got !== o.expected).map((o) => o.operation);
    expect(failed).toEqual(unknown.map((o) => `${o.operation.operationId} (${o.method.toUpperCase()} ${o.path})`));
    // The create the store does not know answers 404: a status the spec allows, which must not pass.
    const create = outcomes.find((o) => o.operation.startsWith(unknown.find((u) => u.method === "post")!.operation.operationId));
    expect(create?.got).toBe(404);
  });
});
