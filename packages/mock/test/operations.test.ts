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
import { listOperations, loadSpec } from "@trusthub/spec";
import { freePort } from "@trusthub/test-support";
import { startMock, type RunningMock } from "../src/index.js";
import { loadServedSpec } from "../src/spec.js";
import { startStore, type StoreServer } from "../src/store.js";
import { assertBuilt, bundledSpec, exerciseEveryOperation, writeFixtureSpec, type Outcome } from "./helpers.js";

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
    const { outcomes } = await exerciseEveryOperation(mock.url, spec);
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
    const { outcomes } = await exerciseEveryOperation(mock.url, loadSpec(fixtureSpec));
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
