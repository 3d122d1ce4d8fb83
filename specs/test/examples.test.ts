// Every named example in the spec is valid against the schema it illustrates, and every operation
// has examples where it has a body: Prism serves these, and the contract tests select each one.
import { describe, expect, it } from "vitest";
import { deref, listMedia, listOperations, loadSpec, schemaValidator } from "../index.mjs";

const spec = loadSpec();
const validator = schemaValidator(spec);

const cases = listMedia(spec);

describe("spec examples", () => {
  it("has bodies to check for every operation of the spec", () => {
    const operations = listOperations(spec).map(({ method, path }) => `${method.toUpperCase()} ${path} `);
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((op) => !cases.some((c) => c.where.startsWith(op)))).toEqual([]);
  });

  it.each(cases.map((c) => [c.where, c.media] as const))("%s has named examples that match its schema", (_, media) => {
    const examples = Object.entries(media.examples ?? {});
    expect(examples.length).toBeGreaterThan(0);
    for (const [name, example] of examples) {
      const value = deref(spec, example).value;
      expect(value, name).toBeDefined();
      expect(validator.errors(media.schema, value), name).toEqual([]);
    }
  });

  it("each list operation has a populated page with a next page or more items, and an empty page", () => {
    // A list is a GET of a collection path (one not ending in a template), named List… as Twilio names them.
    const lists = listOperations(spec).filter(({ method, path }) => method === "get" && !path.endsWith("}"));
    expect(lists.length).toBeGreaterThan(0);
    for (const { operation } of lists) expect(operation.operationId).toMatch(/^List/);
    for (const { operation } of lists) {
      const examples = Object.values<any>(operation.responses["200"].content["application/json"].examples);
      const values = examples.map((e) => deref(spec, e).value);
      expect(values.some((v) => v.results.length > 0)).toBe(true);
      expect(values.some((v) => v.results.length === 0 && v.meta.next_page_url === null)).toBe(true);
    }
  });

  it("rejects a value that breaks the schema (the validator is not a pass-through)", () => {
    const profile = { status: "approved", sid: "BU123" };
    const errors = validator.errors({ $ref: "#/components/schemas/CustomerProfile" }, profile);
    expect(errors.join("\n")).toMatch(/status/);
    expect(errors.join("\n")).toMatch(/sid/);
  });
});
