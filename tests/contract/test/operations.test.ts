// Every operation of the spec the client was built from, called through @trusthub/client with valid input
// derived from the spec (its named examples, else values made from the schemas): once with every parameter
// and form field, so Prism's silence about unknown ones cannot hide drift, and once with only what is
// required, so a field or parameter the API starts to require is missing. Each call must get the status
// the client expects, a body that matches the spec strictly, no violation reported by Prism, and no
// request outside the served spec.
import { describe, expect, it } from "vitest";
import { built, contractClient, expectSuccess, listOperations, served } from "../src/harness.js";
import { call, operationsUnderTest } from "../src/requests.js";

const operations = operationsUnderTest(built);
const { client, violations, operations: called } = contractClient();

const runs = operations.flatMap((op) => [
  [`${op.id}, every field`, op, op.full] as const,
  ...op.minimal.map(({ label, init }) => [`${op.id}, ${label}`, op, init] as const),
]);

describe("every operation, valid input", () => {
  it.each(runs)("%s", async (_, op, init) => {
    const before = violations.length;
    const result = await call(client, op, init);
    expectSuccess(result, op.method, op.template, violations.slice(before));
  });

  it("leaves no operation of the served spec uncovered", () => {
    const inSpec = listOperations(served);
    expect(new Set(called)).toEqual(new Set(inSpec.map(({ method, path }) => `${method.toUpperCase()} ${path}`)));
    expect(operations.map((op) => op.id).sort()).toEqual(inSpec.map(({ operation }) => operation.operationId).sort());
  });
});
