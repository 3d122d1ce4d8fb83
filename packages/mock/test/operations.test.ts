// The stateful mock serves every operation of the spec it is given, whatever the spec holds: each operation
// is called through Prism (validating) in an order where it has what it needs (parents created before their
// children, deletes last, children first), with the request body of the spec's first named example, and must
// answer the success status the spec declares. A 404 from a collection the spec has counts as "not
// implemented". The spec is the bundled one, then the bundled one plus resources the store was never told
// about (tools/test-support/fixtures: an EndUsers-like one, and a TrustProducts-like family nested like the
// spec's own, with the same SID prefixes and collection name).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOperations, loadSpec } from "@trusthub/spec";
import { startMock, type RunningMock } from "../src/index.js";
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
  ["the bundled spec plus the fixtures (EndUsers, TrustProducts)", () => fixtureSpec],
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
