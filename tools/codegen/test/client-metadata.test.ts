// The client metadata generator on a fixture resource (EndUsers, with an object-valued form field): what
// it accepts and renders, and every spec it refuses, each with a message naming the operation and the part.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSpec, type OpenApiDocument } from "@trusthub/spec";
import { scratchRepo } from "@trusthub/test-support";
import { addFixture, fixtureDocument, loadFixture } from "@trusthub/test-support/fixture";
import { describe, expect, it } from "vitest";
import { clientMetadata, operationTable } from "../client-metadata.mjs";

const script = fileURLToPath(new URL("../generate.mjs", import.meta.url));
const FORM = "application/x-www-form-urlencoded";

/** The fixture resource as a document of its own (with the TrustHub components it uses), changed by `edit`. */
function fixture(edit: (spec: OpenApiDocument) => void = () => {}): OpenApiDocument {
  const spec = fixtureDocument(loadSpec());
  edit(spec);
  return spec;
}
const create = (spec: OpenApiDocument) => spec.paths["/v1/EndUsers"].post;
const createForm = (spec: OpenApiDocument) => create(spec).requestBody.content[FORM];
const list = (spec: OpenApiDocument) => spec.paths["/v1/EndUsers"].get;

describe("object-valued form fields", () => {
  const table = operationTable(fixture());

  it("accepts a type: object field with encoding contentType application/json, as a constraint of type object", () => {
    expect(table["/v1/EndUsers"]!.POST.body.properties.Attributes).toEqual({ type: "object" });
    expect(table["/v1/EndUsers"]!.POST.body).toMatchObject({ required: ["FriendlyName", "Type"], closed: true });
  });

  it("accepts an object that admits any property (additionalProperties: true)", () => {
    const spec = fixture((s) => (s.components.schemas.EndUserAttributes.additionalProperties = true));
    expect(operationTable(spec)["/v1/EndUsers"]!.POST.body.properties.Attributes).toEqual({ type: "object" });
  });

  it("takes a vendor extension on a field (x-trusthub-property, which the mock reads) as nothing to check", () => {
    const spec = fixture((s) => (createForm(s).schema.properties.FriendlyName["x-trusthub-property"] = "friendly_name"));
    expect(operationTable(spec)["/v1/EndUsers"]!.POST.body.properties.FriendlyName).toEqual(table["/v1/EndUsers"]!.POST.body.properties.FriendlyName);
  });

  it("renders a module whose table and constraints are checked with satisfies", () => {
    const source = clientMetadata(fixture(), { specVersion: "0.0.0-fixture" });
    expect(source).toContain('import type { Constraint, ListMeta, OperationTable } from "../metadata.js";');
    expect(source).toMatch(/^export const operations = \{[\s\S]*\} as const satisfies OperationTable;$/m);
    expect(source).toMatch(/^const c0 = .* as const satisfies Constraint;$/m);
    expect(source).toContain('"Attributes": {\n            "type": "object"\n          }');
  });

  it("writes a shape used more than once (a constraint, a list's paging) once, checked against its type", () => {
    const twoLists = fixture((s) => (s.paths["/v1/Other"] = { get: list(s) }));
    const source = clientMetadata(twoLists, { specVersion: "0.0.0-fixture" });
    const paging = /^const (c\d+) = \{"itemsKey":"results",.*\} as const satisfies ListMeta;$/m.exec(source);
    expect(paging).not.toBeNull();
    expect(source.match(new RegExp(`"list": ${paging![1]}\\b`, "g"))).toHaveLength(2);
  });
});

describe("list paging", () => {
  it("reads the items key, the next-page link, the page-size parameter and its maximum from the spec", () => {
    const spec = fixture();
    const maximum = spec.components.parameters.PageSize.schema.maximum;
    expect(operationTable(spec)["/v1/EndUsers"]!.GET.list).toEqual({
      itemsKey: "results",
      nextPageUrl: ["meta", "next_page_url"],
      pageSizeParam: "PageSize",
      maxPageSize: maximum,
    });
  });

  it("follows the spec when it renames the items or the meta object, or moves the link to the top level", () => {
    const spec = fixture((s) => {
      const page = s.components.schemas.EndUserListPage;
      page.properties = { end_users: page.properties.results, paging: page.properties.meta };
      page.required = ["end_users", "paging"];
    });
    expect(operationTable(spec)["/v1/EndUsers"]!.GET.list).toMatchObject({ itemsKey: "end_users", nextPageUrl: ["paging", "next_page_url"] });
    const flat = fixture((s) => {
      const page = s.components.schemas.EndUserListPage;
      page.properties = { results: page.properties.results, next_page_url: { type: ["string", "null"] } };
    });
    expect(operationTable(flat)["/v1/EndUsers"]!.GET.list).toMatchObject({ nextPageUrl: ["next_page_url"] });
  });

  it("a GET whose body links no next page is not a list, and other operations never are", () => {
    const table = operationTable(fixture());
    expect(table["/v1/EndUsers/{Sid}"]!.GET.list).toBeUndefined();
    expect(table["/v1/EndUsers"]!.POST.list).toBeUndefined();
    expect(Object.keys(table).filter((path) => table[path]!.GET?.list)).toEqual(["/v1/EndUsers"]);
  });
});

describe("refuses what the client cannot validate or page", () => {
  const cases: Array<{ name: string; edit: (spec: OpenApiDocument) => void; error: RegExp }> = [
    {
      name: "an unsupported keyword on a query parameter",
      edit: (s) => (s.components.parameters.PageSize.schema.multipleOf = 10),
      error: /GET \/v1\/EndUsers query PageSize: keyword "multipleOf" is not supported by the client validator/,
    },
    {
      name: "an unsupported keyword inside an array's items",
      edit: (s) => (createForm(s).schema.properties.Tags = { type: "array", items: { type: "string", const: "x" } }),
      error: /POST \/v1\/EndUsers body Tags\.items: keyword "const" is not supported/,
    },
    {
      name: "properties on an object-valued field (the client would not check them)",
      edit: (s) => (s.components.schemas.EndUserAttributes.properties = { business_name: { type: "string" } }),
      error: /POST \/v1\/EndUsers body Attributes: keyword "properties" is not supported/,
    },
    {
      name: "additionalProperties with a schema on an object-valued field",
      edit: (s) => (s.components.schemas.EndUserAttributes.additionalProperties = { type: "string" }),
      error: /body Attributes: keyword "additionalProperties" is not supported/,
    },
    {
      name: "a JSON request body",
      edit: (s) => (create(s).requestBody.content = { "application/json": createForm(s) }),
      error: /POST \/v1\/EndUsers: request bodies must be application\/x-www-form-urlencoded only/,
    },
    {
      name: "a second media type beside the form",
      edit: (s) => (create(s).requestBody.content["multipart/form-data"] = createForm(s)),
      error: /POST \/v1\/EndUsers: request bodies must be application\/x-www-form-urlencoded only/,
    },
    {
      name: "an unresolved $ref",
      edit: (s) => (createForm(s).schema.properties.Attributes = { $ref: "#/components/schemas/Nowhere" }),
      error: /unresolved \$ref #\/components\/schemas\/Nowhere/,
    },
    {
      name: "a header parameter",
      edit: (s) => list(s).parameters.push({ name: "X-Trace", in: "header", schema: { type: "string" } }),
      error: /GET \/v1\/EndUsers: parameters in "header" are not supported by the client/,
    },
    {
      name: "an object-valued form field without an encoding",
      edit: (s) => delete createForm(s).encoding,
      error: /POST \/v1\/EndUsers body Attributes: an object-valued form field needs encoding \{ contentType: application\/json \}/,
    },
    {
      name: "an array of objects as a form field",
      edit: (s) => (createForm(s).schema.properties.Contacts = { type: "array", items: { type: "object" } }),
      error: /POST \/v1\/EndUsers body Contacts: an object-valued form field needs encoding/,
    },
    {
      name: "an encoding with another content type",
      edit: (s) => (createForm(s).encoding.Attributes.contentType = "text/plain"),
      error: /POST \/v1\/EndUsers body Attributes: the only encoding supported is \{ contentType: application\/json \}/,
    },
    {
      name: "an encoding with a style (form serialization the client does not do)",
      edit: (s) => Object.assign(createForm(s).encoding.Attributes, { style: "deepObject", explode: true }),
      error: /body Attributes: the only encoding supported is \{ contentType: application\/json \}/,
    },
    {
      name: "an encoding of a field the form does not have",
      edit: (s) => (createForm(s).encoding.Metadata = { contentType: "application/json" }),
      error: /POST \/v1\/EndUsers body: encoding names "Metadata", which is not a form field/,
    },
    {
      name: "a JSON encoding of a field that is not an object",
      edit: (s) => (createForm(s).encoding.FriendlyName = { contentType: "application/json" }),
      error: /POST \/v1\/EndUsers body FriendlyName: encoding application\/json is supported only for a field of type object/,
    },
    {
      name: "an object-valued query parameter",
      edit: (s) => list(s).parameters.push({ name: "Filter", in: "query", schema: { type: "object" } }),
      error: /GET \/v1\/EndUsers query Filter: object values are supported only as form fields encoded as application\/json/,
    },
    {
      name: "a list page without an array",
      edit: (s) => delete s.components.schemas.EndUserListPage.properties.results,
      error: /GET \/v1\/EndUsers: a list page needs exactly one array property, found 0/,
    },
    {
      name: "a list page with two arrays",
      edit: (s) => (s.components.schemas.EndUserListPage.properties.also = { type: "array", items: { type: "string" } }),
      error: /GET \/v1\/EndUsers: a list page needs exactly one array property, found 2/,
    },
    {
      name: "a list operation without a PageSize parameter",
      edit: (s) => (list(s).parameters = list(s).parameters.filter((p: { $ref?: string }) => !p.$ref?.endsWith("/PageSize"))),
      error: /GET \/v1\/EndUsers: a list operation needs an integer PageSize query parameter with a maximum/,
    },
    {
      name: "a PageSize without a maximum",
      edit: (s) => delete s.components.parameters.PageSize.schema.maximum,
      error: /GET \/v1\/EndUsers: a list operation needs an integer PageSize query parameter with a maximum/,
    },
    {
      name: "a PageSize that is not an integer",
      edit: (s) => (s.components.parameters.PageSize.schema.type = "string"),
      error: /GET \/v1\/EndUsers: a list operation needs an integer PageSize/,
    },
  ];

  it.each(cases)("$name", ({ edit, error }) => {
    expect(() => operationTable(fixture())).not.toThrow();
    expect(() => operationTable(fixture(edit))).toThrow(error);
  });
});

describe("pnpm generate with the fixture resource added to the TrustHub spec", () => {
  const SPEC = "specs/trusthub/v1/openapi.yaml";

  /** A scratch repo whose spec also has the fixture's paths and components; `edit` changes the fixture first. */
  function scratchWithFixture(edit: (fixture: OpenApiDocument) => void = () => {}) {
    const scratch = scratchRepo({ prefix: "codegen-fixture-" });
    const extra = loadFixture();
    edit(extra as OpenApiDocument);
    writeFileSync(join(scratch.dir, SPEC), addFixture(readFileSync(join(scratch.dir, SPEC), "utf8"), extra));
    return scratch;
  }
  const run = (root: string, ...args: string[]) => {
    try {
      return { code: 0, output: execFileSync("node", [script, ...args, "--root", root], { encoding: "utf8", stdio: "pipe" }) };
    } catch (e: any) {
      return { code: e.status as number, output: `${e.stdout}${e.stderr}` };
    }
  };

  /** tsc's complaints about the project in `dir` ("" when it compiles). */
  const typeErrors = (dir: string) => {
    try {
      execFileSync("node", [join(dir, "../../node_modules/typescript/bin/tsc"), "--noEmit", "-p", "tsconfig.json"], { cwd: dir, encoding: "utf8", stdio: "pipe" });
      return "";
    } catch (e: any) {
      return `${e.stdout}${e.stderr}`;
    }
  };

  it("generates types and metadata for it, and the client still type-checks (the table satisfies its types)", () => {
    const scratch = scratchWithFixture();
    try {
      const { code, output } = run(scratch.dir);
      expect(output).toContain("generated packages/client/src/generated/spec.ts");
      expect(code).toBe(0);
      const metadata = readFileSync(join(scratch.dir, "packages/client/src/generated/spec.ts"), "utf8");
      expect(metadata).toContain('"/v1/EndUsers": {');
      expect(metadata).toContain('"Attributes": {\n            "type": "object"\n          }');
      const types = readFileSync(join(scratch.dir, "packages/types/src/generated/openapi.d.ts"), "utf8");
      // Any property, as OpenAPI reads an object schema without properties (not Record<string, never>).
      expect(types).toMatch(/^export type EndUserAttributes = Record<string, unknown>;$/m);
      expect(types).toMatch(/Attributes\?: components\["schemas"\]\["EndUserAttributes"\];/);
      expect(run(scratch.dir, "--check").code).toBe(0);
      // The client's sources and its tests compile: its list paths and operations are derived, not restated.
      expect(typeErrors(join(scratch.dir, "packages/client"))).toBe("");
    } finally {
      scratch.remove();
    }
  });

  it("refuses it without the encoding: exit 1, the reason named, nothing written", () => {
    const scratch = scratchWithFixture((s) => delete createForm(s).encoding);
    try {
      const before = readFileSync(join(scratch.dir, "packages/client/src/generated/spec.ts"), "utf8");
      const { code, output } = run(scratch.dir);
      expect(code).toBe(1);
      expect(output).toContain(`codegen: ${SPEC}: POST /v1/EndUsers body Attributes: an object-valued form field needs encoding`);
      expect(output).not.toMatch(/^\s+at /m); // a message, not a stack trace
      expect(readFileSync(join(scratch.dir, "packages/client/src/generated/spec.ts"), "utf8")).toBe(before);
    } finally {
      scratch.remove();
    }
  });
});
