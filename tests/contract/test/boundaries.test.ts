// Every constraint the client checks before sending (enum, pattern, length, range), probed at its edges:
// the values the client itself allows, taken from the spec the client was built from, each sent through
// the client in an otherwise complete request. Prism serves the spec under test, so an API that tightened
// a constraint (a lower maximum, a narrower pattern, a dropped enum value) rejects one of them.
import { describe, expect, it } from "vitest";
import { built, contractClient, expectSuccess } from "../src/harness.js";
import { call, operationsUnderTest, withValue } from "../src/requests.js";
import { edgeValues } from "../src/samples.js";

const probes = operationsUnderTest(built).flatMap((op) =>
  op.inputs.flatMap((input) => {
    const edges = edgeValues(built, input);
    return edges.size ? [{ label: `${op.id} ${input.in} ${input.name} (${[...edges.keys()].join(", ")})`, op, input, edges }] : [];
  }),
);

const { client, violations } = contractClient();

describe("the edges of every constraint the client checks", () => {
  it.each(probes.map((p) => [p.label, p] as const))("%s", async (_, { op, input, edges }) => {
    for (const [keyword, values] of edges) expect(values.length, `a value at the edge of ${keyword}`).toBeGreaterThan(0);
    // Values shared by several constraints (a SID's pattern edges are also its exact length) are sent once.
    const values = [...new Map([...edges.values()].flat().map((v) => [JSON.stringify(v), v])).values()];
    for (const value of values) {
      const before = violations.length;
      const result = await call(client, op, withValue(op.full, input, value));
      expectSuccess(result, op.method, op.template, violations.slice(before), `${input.in} ${input.name}=${JSON.stringify(value)}`);
    }
  });
});
