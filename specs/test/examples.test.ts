// Every named example in the spec is valid against the schema it illustrates, and every operation
// has examples where it has a body: Prism serves these, and the contract tests select each one.
import { describe, expect, it } from "vitest";
import { deref, listMedia, listOperations, loadSpec, schemaValidator } from "../index.mjs";

const spec = loadSpec();
const validator = schemaValidator(spec);

const cases = listMedia(spec);

describe("spec examples", () => {
  it("covers all 9 operations", () => {
    expect(listOperations(spec)).toHaveLength(9);
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
    const lists = listOperations(spec).filter(({ operation }) => operation.operationId.startsWith("List"));
    expect(lists).toHaveLength(2);
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
