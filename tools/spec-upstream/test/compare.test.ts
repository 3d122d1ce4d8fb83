// compare() on one fixture pair per kind of difference, on a pair that says the same API in 3.0 and 3.1
// ways, and on our own spec against itself.
import { describe, expect, it } from "vitest";
import { loadSpec } from "@trusthub/spec";
import { compare, KINDS } from "../compare.mjs";
import { fixture, fixtureNames, line } from "./helpers.js";

// What each fixture pair must yield, in report order ("operation | where | kind | ours | theirs").
const expected: Record<string, string[]> = {
  path: ["GET /v1/Widgets/{Sid}/Parts | path | path | present | absent", "DELETE /v1/Widgets/{Sid}/Parts | path | path | present | absent"],
  operation: ["DELETE /v1/Widgets/{Sid} | operation | operation | present | absent", "POST /v1/Widgets/{Sid} | operation | operation | absent | present"],
  parameter: [
    "GET /v1/Widgets/{Sid} | query parameter Color | parameter | present | absent",
    "GET /v1/Widgets/{Sid} | query parameter Shape | parameter | absent | present",
    "GET /v1/Widgets/{Sid} | header parameter X-Trace | parameter | absent | present",
  ],
  "request-body": ["POST /v1/Widgets | request body | request-body | present | absent", "POST /v1/Widgets/{Sid} | request body | request-body | absent | present"],
  "body-required": ["POST /v1/Widgets | request body | body-required | true | false"],
  "media-type": [
    "POST /v1/Widgets | request body | media-type | application/x-www-form-urlencoded | application/json, application/x-www-form-urlencoded",
    "POST /v1/Widgets | response 200 | media-type | application/json | application/xml",
  ],
  response: [
    "GET /v1/Widgets | response 404 | response | present | absent",
    "GET /v1/Widgets | response default | response | present | absent",
    "GET /v1/Widgets | response 202 | response | absent | present",
  ],
  property: [
    "POST /v1/Widgets | request body field Color | property | present | absent",
    "POST /v1/Widgets | request body field Shape | property | absent | present",
    "POST /v1/Widgets | response 200 field parts[].weight | property | present | absent",
    "POST /v1/Widgets | response 200 field url | property | absent | present",
  ],
  required: [
    "POST /v1/Widgets | query parameter DryRun | required | false | true",
    "POST /v1/Widgets | request body field Name | required | true | false",
    "POST /v1/Widgets | response 200 field status | required | true | false",
  ],
  type: [
    "GET /v1/Widgets | query parameter Page | type | integer | string",
    "GET /v1/Widgets | response 200 field count | type | integer | string | integer",
    "GET /v1/Widgets | response 200 field tags[] | type | string | any",
    "GET /v1/Widgets | response 200 field meta | type | object | string",
  ],
  nullable: [
    "GET /v1/Widgets | query parameter Name | nullable | false | true",
    "GET /v1/Widgets | response 200 field sid | nullable | false | true",
    "GET /v1/Widgets | response 200 field owner_sid | nullable | true | false",
    "GET /v1/Widgets | response 200 field url | nullable | false | true",
  ],
  format: [
    "POST /v1/Widgets | request body field Callback | format | uri | absent",
    "POST /v1/Widgets | response 200 field date_created | format | date-time | date",
    "POST /v1/Widgets | response 200 field links | format | absent | uri-map",
  ],
  enum: [
    "GET /v1/Widgets | query parameter Status | enum | draft, approved, rejected | draft, approved, rejected, suspended",
    "GET /v1/Widgets | response 200 field status | enum | draft, approved, rejected | draft, approved, rejected, suspended",
    "GET /v1/Widgets | response 200 field kind | enum | absent | big, small",
  ],
  pattern: [
    "GET /v1/Widgets/{Sid} | path parameter Sid | pattern | ^WI[0-9a-fA-F]{32}$ | ^WI[0-9a-f]{32}$",
    "GET /v1/Widgets/{Sid} | response 200 field object_sid | pattern | ^[a-zA-Z]{2}[0-9a-fA-F]{32}$ | absent",
  ],
  bounds: [
    "GET /v1/Widgets | query parameter PageSize | minimum | 1 | 0",
    "GET /v1/Widgets | query parameter PageSize | maximum | 1000 | 500",
    "GET /v1/Widgets | query parameter Ratio | exclusiveMinimum | 0 | -1",
    "GET /v1/Widgets | query parameter Ratio | exclusiveMaximum | 1 | 2",
    "GET /v1/Widgets | query parameter Name | minLength | 1 | absent",
    "GET /v1/Widgets | query parameter Name | maxLength | 64 | 34",
    "GET /v1/Widgets | query parameter Tag | minItems | 1 | 2",
    "GET /v1/Widgets | query parameter Tag | maxItems | 10 | absent",
  ],
  "additional-properties": [
    "POST /v1/Widgets | request body | additional-properties | closed | open",
    "POST /v1/Widgets | response 200 field links.* | type | string | any",
    "POST /v1/Widgets | response 200 field links.* | format | uri | absent",
  ],
  equivalent: [],
};

describe("compare", () => {
  it("has exactly the fixture pairs this test expects", () => {
    expect(fixtureNames).toEqual(Object.keys(expected).sort());
  });

  it("has a fixture pair for every kind of difference", () => {
    const kinds = new Set(fixtureNames.flatMap((name) => compare(fixture(name).ours, fixture(name).theirs).differences.map((d: any) => d.kind)));
    expect([...kinds].sort()).toEqual([...KINDS].sort());
  });

  it.each(fixtureNames)("reports the %s pair's differences, and nothing else", (name) => {
    const { ours, theirs } = fixture(name);
    expect(compare(ours, theirs).differences.map(line)).toEqual(expected[name]);
  });

  // Paths only the other side has are out of scope, so the path pair is one-way.
  it.each(fixtureNames.filter((name) => name !== "path"))("reports the %s pair the other way round with the sides swapped", (name) => {
    const { ours, theirs } = fixture(name);
    const swap = ({ where, kind, ours: o, theirs: t }: any) => line({ operation: "", where, kind, ours: t, theirs: o });
    const forward = compare(ours, theirs).differences.map(swap).sort();
    const backward = compare(theirs, ours).differences.map((d: any) => line({ ...d, operation: "" })).sort();
    expect(backward).toEqual(forward);
  });

  it("names every operation of ours it compared", () => {
    const { ours, theirs } = fixture("path");
    expect(compare(ours, theirs).operations).toEqual(["GET /v1/Widgets", "GET /v1/Widgets/{Sid}/Parts", "DELETE /v1/Widgets/{Sid}/Parts"]);
  });

  it("finds nothing between our spec and itself", () => {
    const result = compare(loadSpec(), loadSpec());
    expect(result.operations.length).toBeGreaterThan(0);
    expect(result.differences).toEqual([]);
  });

  it("finds a single edit to our spec, at every operation it reaches", () => {
    const ours = loadSpec();
    const theirs = loadSpec();
    const [schemaName, schema] = Object.entries<any>(theirs.components.schemas).find(([, s]) => s.pattern)!;
    schema.pattern = "^XX$";
    const found = compare(ours, theirs).differences;
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) expect([d.kind, d.theirs], `${schemaName} at ${d.operation} ${d.where}`).toEqual(["pattern", "^XX$"]);
  });

  it("refuses what it cannot read", () => {
    const { ours } = fixture("path");
    expect(() => compare(ours, { swagger: "2.0", paths: {} })).toThrow(/theirs: not an OpenAPI 3\.0 or 3\.1 description \(openapi: missing\)/);
    const remote = { openapi: "3.0.1", paths: { "/v1/Widgets": { get: { responses: { "200": { $ref: "other.yaml#/Widget" } } } } } };
    expect(() => compare(ours, remote)).toThrow(/only local \$refs are supported, found "other\.yaml#\/Widget"/);
    const dangling = { openapi: "3.0.1", paths: { "/v1/Widgets": { get: { responses: { "200": { $ref: "#/components/responses/Nope" } } } } } };
    expect(() => compare(ours, dangling)).toThrow(/unresolved \$ref "#\/components\/responses\/Nope"/);
  });
});
