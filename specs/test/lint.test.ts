// The Spectral ruleset passes the spec and catches each house rule being broken.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { deref, listOperations, loadSpec, specPath } from "../index.mjs";

const specsDir = fileURLToPath(new URL("..", import.meta.url));
const original = readFileSync(specPath, "utf8");

function lint(text: string): { code: number; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), "spec-lint-")), "openapi.yaml");
  writeFileSync(file, text);
  try {
    const output = execFileSync("spectral", ["lint", file, "--ruleset", join(specsDir, ".spectral.yaml"), "--fail-severity", "warn"], {
      cwd: specsDir,
      encoding: "utf8",
      stdio: "pipe",
    });
    return { code: 0, output };
  } catch (e: any) {
    return { code: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

function edit(change: (spec: any) => void) {
  const spec = loadSpec();
  change(spec);
  return stringify(spec, { aliasDuplicateObjects: false });
}

function mutate(from: string, to: string) {
  expect(original).toContain(from);
  return original.replace(from, to);
}

/** The first inline field of the first form body the operations send. */
function firstFormField(spec: any): Record<string, unknown> {
  const body = listOperations(spec).map(({ operation }) => deref(spec, operation.requestBody)).find(Boolean);
  return Object.values(deref(spec, body.content["application/x-www-form-urlencoded"].schema).properties as Record<string, any>).find((f) => !f.$ref);
}
/** The first inline query parameter of an operation. */
function firstQueryFilter(spec: any): Record<string, unknown> {
  return listOperations(spec).flatMap(({ operation }) => operation.parameters ?? []).find((p: any) => p.in === "query" && !p.$ref);
}

describe("spectral ruleset", () => {
  it("passes the spec clean", () => {
    const { code, output } = lint(original);
    expect(output).toMatch(/No results/);
    expect(code).toBe(0);
  });

  it("passes an x-trusthub-property that names a property of the records the operation answers with", () => {
    const { code, output } = lint(
      edit((s) => {
        const { operation } = listOperations(s).find(({ operation }) => operation.requestBody)!;
        const record = deref(s, Object.values(operation.responses as Record<string, any>)[0].content["application/json"].schema);
        firstFormField(s)["x-trusthub-property"] = Object.keys(record.properties)[0];
      }),
    );
    expect(output).toMatch(/No results/);
    expect(code).toBe(0);
  });

  const broken: Array<[string, () => string, RegExp]> = [
    ["a SID without a pattern", () => mutate("      pattern: ^RN[0-9a-fA-F]{32}$\n", ""), /trusthub-sid-pattern/],
    ["a JSON request body", () => mutate("        application/x-www-form-urlencoded:\n          schema:\n            type: object\n            additionalProperties: false\n            required: [ObjectSid]", "        application/json:\n          schema:\n            type: object\n            additionalProperties: false\n            required: [ObjectSid]"), /trusthub-form-bodies/],
    ["a body with a required field that is not itself required", () => mutate("    CreateCustomerProfile:\n      required: true\n", "    CreateCustomerProfile:\n      required: false\n"), /trusthub-form-bodies/],
    ["a required body whose fields are all optional", () => edit((s) => (s.components.requestBodies.UpdateCustomerProfile.required = true)), /trusthub-form-bodies/],
    ["an operation without 429", () => edit((s) => delete s.paths["/v1/CustomerProfiles/{Sid}"].get.responses["429"]), /trusthub-error-responses/],
    ["a 429 without Retry-After", () => edit((s) => delete s.components.responses.TooManyRequests.headers), /trusthub-429-retry-after/],
    ["an operation without operationId", () => mutate("      operationId: FetchCustomerProfile\n", ""), /operation-operationId/],
    ["an operation without tags", () => mutate("      operationId: FetchCustomerProfile\n      tags: [CustomerProfiles]\n", "      operationId: FetchCustomerProfile\n"), /operation-tags/],
    ["an x-trusthub-property on a form field naming no property", () => edit((s) => (firstFormField(s)["x-trusthub-property"] = "no_such_property")), /trusthub-paired-property/],
    ["an x-trusthub-property on a list filter naming no property", () => edit((s) => (firstQueryFilter(s)["x-trusthub-property"] = "no_such_property")), /trusthub-paired-property/],
    ["a response without examples", () => mutate("              examples:\n                document:\n", "              x-examples:\n                document:\n"), /trusthub-response-examples/],
  ];

  it.each(broken)("fails on %s", (_, make, rule) => {
    const { code, output } = lint(make());
    expect(output).toMatch(rule);
    expect(code).not.toBe(0);
  });
});
