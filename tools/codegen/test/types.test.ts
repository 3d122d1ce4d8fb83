// What codegen adds to openapi-typescript's output for @trusthub/types, and the client's SID guards,
// checked on the generated files (against the spec they come from) and on fixture patterns.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { deref, loadSpec, specPath } from "@trusthub/spec";
import { describe, expect, it } from "vitest";
import { clientGuards } from "../client-metadata.mjs";
import { literalPrefix, responseExamplesType } from "../types.mjs";

const spec = loadSpec(specPath);
const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), "utf8");
const types = read("packages/types/src/generated/openapi.d.ts");
const patterned = Object.entries<any>(spec.components.schemas)
  .map(([name, schema]) => [name, deref(spec, schema)] as const)
  .filter(([, schema]) => schema.type === "string" && schema.pattern !== undefined);

describe("literalPrefix", () => {
  it.each([
    ["^BU[0-9a-fA-F]{32}$", "BU"],
    ["^AC[0-9a-fA-F]{32}$", "AC"],
    ["^[a-zA-Z]{2}[0-9a-fA-F]{32}$", ""],
    ["BU[0-9a-f]{32}", ""], // not anchored
    ["^BU|^BV", ""], // an alternation
    ["^ABC?D", "AB"], // the last literal is optional
    ["^AB*", "A"],
    ["^AB{2}", "A"],
    ["^AB+C", "AB"],
    ["^(BU)[0-9]", ""],
  ])("%s → %j", (pattern, prefix) => {
    expect(literalPrefix(pattern)).toBe(prefix);
  });
});

describe("the generated types", () => {
  it("type each patterned string schema as a template literal of its prefix, or string without one", () => {
    expect(patterned.length).toBeGreaterThan(0);
    for (const [name, schema] of patterned) {
      const prefix = literalPrefix(schema.pattern);
      expect(types).toContain(`export type ${name} = ${prefix ? `\`${prefix}\${string}\`` : "string"};`);
    }
  });

  it("declare every component schema as its own named type that components.schemas refers to", () => {
    for (const name of Object.keys(spec.components.schemas)) {
      expect(types).toMatch(new RegExp(`^export type ${name} = `, "m"));
      expect(types).toContain(`        ${name}: ${name};`);
    }
  });

  it("document a property that only refers to a schema with that schema's description", () => {
    const refs = Object.values<any>(spec.components.requestBodies)
      .flatMap((body) => Object.entries<any>(deref(spec, body.content["application/x-www-form-urlencoded"].schema).properties))
      .filter(([, property]) => property.$ref && !property.description);
    expect(refs.length).toBeGreaterThan(0);
    for (const [name, property] of refs) {
      expect(types).toContain(`/** @description ${deref(spec, property).description.trim()} */\n                    ${name}`);
    }
  });
});

describe("responseExamples (the example names a mock's override takes)", () => {
  it("name, per operation, its responses' named examples as string literals, and never without any", () => {
    const fixture = {
      components: { responses: { Gone: { content: { "application/json": { examples: { 'say "gone"': { value: {} } } } } } } },
      paths: {
        "/a": {
          get: { operationId: "GetA", responses: { "200": { content: { "application/json": { examples: { one: { value: 1 }, two: { value: 2 } } } } }, "410": { $ref: "#/components/responses/Gone" } } },
          delete: { operationId: "DeleteA", responses: { "204": { description: "none" } } },
        },
      },
    };
    const text = responseExamplesType(fixture);
    expect(text).toContain(`"GetA": "one" | "two" | ${JSON.stringify('say "gone"')};`);
    expect(text).toContain(`"DeleteA": never;`);
    expect(types).toContain(responseExamplesType(spec));
  });
});

describe("the client's guards", () => {
  const guards = read("packages/client/src/generated/guards.ts");

  it("has one guard per patterned string schema, named after it and narrowing to it", () => {
    for (const [name, schema] of patterned) {
      expect(guards).toContain(`export const is${name} = (value: unknown): value is ${name} => conforms(value, schemas.${name});`);
      expect(guards).toContain(schema.pattern);
    }
    expect(guards.match(/^export const is/gm)).toHaveLength(patterned.length);
  });

  it("refuses a patterned schema whose name is not an identifier", () => {
    const bad = structuredClone(spec);
    bad.components.schemas["Bad-Sid"] = { type: "string", pattern: "^XX[0-9]{2}$" };
    expect(() => clientGuards(bad)).toThrow(/components\.schemas\["Bad-Sid"\]: .*not an identifier/);
  });
});
