// The code generated from a spec and the runtime that reads it. The generated metadata (src/generated/spec.ts)
// is checked against the runtime's types with `satisfies`: the sources compile as generated, and stop
// compiling when the table drifts from what the runtime reads (each case edits the generated text in memory
// and runs the TypeScript compiler over src/). And the unchanged runtime drives a resource the TrustHub spec
// does not have (the EndUsers fixture of @trusthub/test-support), with metadata generated from it: its
// object-valued form field (`Attributes`, encoded as application/json) goes out as one field holding JSON,
// checked to be a plain object first, and its list is paged by what the metadata says (items key, next-page
// link, page size and its maximum). On a fake fetch.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { loadSpec, type OpenApiDocument } from "@trusthub/spec";
import { collect, exampleSid, rejectionOfType } from "@trusthub/test-support";
import { fixtureDocument } from "@trusthub/test-support/fixture";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeFetch, json, type Sent } from "./helpers/fake-fetch.js";
import { clientFromSpec, type FixtureClientModule, type LooseClient } from "./helpers/fixture-client.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const GENERATED = join(packageDir, "src/generated/spec.ts");
const generated = readFileSync(GENERATED, "utf8");

const config = ts.getParsedCommandLineOfConfigFile(join(packageDir, "tsconfig.json"), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  },
})!;
const sources = config.fileNames.filter((file) => file.startsWith(join(packageDir, "src")));
// One host for every compile: the files other than the generated one are parsed once.
const host = ts.createCompilerHost(config.options);
const parsed = new Map<string, ts.SourceFile | undefined>();
const getSourceFile = host.getSourceFile;
let current = generated;
host.getSourceFile = (file, language, ...rest) => {
  if (file === GENERATED) return ts.createSourceFile(file, current, language);
  if (!parsed.has(file)) parsed.set(file, getSourceFile(file, language, ...rest));
  return parsed.get(file);
};

/**
 * The compiler's errors when the generated module reads `text`, each as "file: message": in all of src/, or
 * (`generatedOnly`, much faster: the rest is checked only as far as it needs) in the generated module.
 */
function errorsWith(text: string, generatedOnly = false): string[] {
  current = text;
  const program = ts.createProgram(sources, config.options, host);
  const file = program.getSourceFile(GENERATED)!;
  return (generatedOnly ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)] : ts.getPreEmitDiagnostics(program))
    .map((d) => `${d.file ? d.file.fileName.slice(packageDir.length) : "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
}

/** `generated` with `from` replaced by `to`; `from` must occur. */
function edited(from: string | RegExp, to: string): string {
  expect(generated).toMatch(from);
  return generated.replace(from, to);
}

describe("the generated table satisfies the runtime's types", () => {
  it("compiles as generated", () => {
    expect(errorsWith(generated)).toEqual([]);
  });

  it.each([
    { name: "a list's items key renamed", text: () => edited(/"itemsKey":/g, '"itemKey":') },
    { name: "the page-size maximum as a string", text: () => edited(/"maxPageSize": ?(\d+)/, '"maxPageSize": "$1"') },
    { name: "the next-page link as one string", text: () => edited(/"nextPageUrl": ?\[[^\]]*\]/, '"nextPageUrl": "meta.next_page_url"') },
    { name: "an operation without its success statuses", text: () => edited(/"success": \{[^}]*\},?/, "") },
    { name: "a method the runtime does not have", text: () => edited('"DELETE": {', '"PUT": {') },
    { name: "a constraint keyword the validator does not read", text: () => edited(/^const c0 = \{/m, 'const c0 = {"multipleOf":2,') },
    { name: "a body without its properties", text: () => edited('"properties": {', '"fields": {') },
  ])("does not compile with $name", ({ text }) => {
    const errors = errorsWith(text(), true);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.startsWith("src/generated/spec.ts:"))).toBe(true);
  });
});

const FORM = "application/x-www-form-urlencoded";
const ACCOUNT = exampleSid("AC");
const END_USER = exampleSid("IT");

const endUser = (extra: Record<string, unknown> = {}) => ({
  sid: END_USER,
  account_sid: ACCOUNT,
  friendly_name: "Ada Lovelace",
  type: "individual",
  attributes: null,
  date_created: "2026-01-01T00:00:00Z",
  date_updated: "2026-01-01T00:00:00Z",
  url: `https://trusthub.twilio.com/v1/EndUsers/${END_USER}`,
  ...extra,
});

/** The EndUsers fixture as a document of its own, changed by `edit`. */
function fixture(edit: (spec: OpenApiDocument) => void = () => {}): OpenApiDocument {
  const spec = fixtureDocument(loadSpec());
  edit(spec);
  return spec;
}

// The fake fetch the current test's clients send through, and what it was sent; `answer` sets its answer.
let fetch: (request: Request) => Promise<Response>;
let sent: Sent[];
let answer: (request: Request) => Response | Promise<Response>;
beforeEach(() => {
  answer = () => json(404, {});
  ({ fetch, sent } = fakeFetch([], (request) => answer(request)));
});
const BASE = "https://trusthub.twilio.com";

describe("an object-valued form field", () => {
  let generated: { module: FixtureClientModule; remove(): void };
  beforeAll(async () => {
    generated = await clientFromSpec(fixture());
  });
  afterAll(() => generated.remove());

  const client = (validate = true): LooseClient =>
    generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "fixture-token", baseUrl: BASE, fetch, maxRetries: 0, validate, env: {} });
  const created = () => json(201, endUser());
  const createEndUser = (c: LooseClient, body: Record<string, unknown>) =>
    generated.module.unwrap(c.POST("/v1/EndUsers", { body: { FriendlyName: "Ada Lovelace", Type: "individual", ...body } }));

  it("is sent as one form field holding its JSON, beside the plain fields", async () => {
    answer = created;
    const attributes = { first_name: "Ada", address: { city: "Zürich & Co", lines: ["1 = one", "2 + two"] }, age: 36, verified: true, note: null };
    await createEndUser(client(), { Attributes: attributes });
    expect(sent).toHaveLength(1);
    const [request] = sent;
    expect(request!.request.headers.get("content-type")).toBe(FORM);
    const form = new URLSearchParams(request!.body);
    expect([...form.keys()]).toEqual(["FriendlyName", "Type", "Attributes"]);
    expect(form.get("FriendlyName")).toBe("Ada Lovelace");
    expect(form.get("Attributes")).toBe(JSON.stringify(attributes));
    expect(JSON.parse(form.get("Attributes")!)).toEqual(attributes);
    expect(request!.body).not.toContain("object+Object");
  });

  it("an empty object is sent as {}, an object without a prototype too; undefined and null leave the field out", async () => {
    answer = created;
    const c = client();
    await createEndUser(c, { Attributes: {} });
    await createEndUser(c, { Attributes: Object.assign(Object.create(null), { a: 1 }) });
    await createEndUser(c, { Attributes: undefined });
    await createEndUser(c, { Attributes: null });
    expect(sent.map((r) => new URLSearchParams(r.body).get("Attributes"))).toEqual(["{}", '{"a":1}', null, null]);
  });

  class Person {
    name = "Ada";
  }
  const circular: Record<string, unknown> = { name: "loop" };
  circular.self = circular;

  it.each([
    { name: "a string (already JSON)", value: '{"first_name":"Ada"}', why: "must be a plain object" },
    { name: "an array", value: [{ first_name: "Ada" }], why: "must be a plain object" },
    { name: "a number", value: 42, why: "must be a plain object" },
    { name: "a boolean", value: true, why: "must be a plain object" },
    { name: "a Date", value: new Date(0), why: "must be a plain object" },
    { name: "a Map", value: new Map([["first_name", "Ada"]]), why: "must be a plain object" },
    { name: "a class instance", value: new Person(), why: "must be a plain object" },
    { name: "an object with a cycle", value: circular, why: "must be encodable as JSON" },
    { name: "an object holding a BigInt", value: { id: 10n }, why: "must be encodable as JSON" },
  ])("is refused before any request when it is $name", async ({ value, why }) => {
    const error = await rejectionOfType(createEndUser(client(), { Attributes: value }), generated.module.TrustHubValidationError);
    expect(error.message).toContain(`body field "Attributes" ${why}`);
    expect(sent).toHaveLength(0);
  });

  it("a refusal never shows the value", async () => {
    const error = await rejectionOfType(createEndUser(client(), { Attributes: "ada-private-value-9f2" }), generated.module.TrustHubValidationError);
    expect(error.message).not.toContain("ada-private-value-9f2");
  });

  it("with validate:false a plain object is still sent as JSON (never as [object Object])", async () => {
    answer = created;
    await createEndUser(client(false), { Attributes: { first_name: "Ada" }, Extra: { x: [1] } });
    const form = new URLSearchParams(sent[0]!.body);
    expect(form.get("Attributes")).toBe('{"first_name":"Ada"}');
    expect(form.get("Extra")).toBe('{"x":[1]}');
  });

  it("the resource's other operations work as generated: fetch, delete, and its SID pattern is checked", async () => {
    const c = client();
    answer = (request) => (request.method === "DELETE" ? new Response(null, { status: 204 }) : json(200, endUser()));
    expect(await generated.module.unwrap(c.GET("/v1/EndUsers/{Sid}", { params: { path: { Sid: END_USER } } }))).toEqual(endUser());
    expect(await generated.module.unwrap(c.DELETE("/v1/EndUsers/{Sid}", { params: { path: { Sid: END_USER } } }))).toBeUndefined();
    const wrongPrefix = exampleSid("BU");
    const error = await rejectionOfType(c.GET("/v1/EndUsers/{Sid}", { params: { path: { Sid: wrongPrefix } } }), generated.module.TrustHubValidationError);
    expect(error.message).toContain('path parameter "Sid" must match ^IT[0-9a-fA-F]{32}$');
    expect(sent.map((r) => `${r.request.method} ${r.url.pathname}`)).toEqual([`GET /v1/EndUsers/${END_USER}`, `DELETE /v1/EndUsers/${END_USER}`]);
  });
});

describe("paging a list the spec shapes differently", () => {
  // The fixture's list page renamed (`end_users`, `paging`) and its PageSize capped lower: the paginator must
  // follow the spec, since nothing in the runtime names these.
  const MAX = 20;
  const renamed = fixture((spec) => {
    const page = spec.components.schemas.EndUserListPage;
    page.properties = { end_users: page.properties.results, paging: page.properties.meta };
    page.required = ["end_users", "paging"];
    spec.components.parameters.PageSize.schema.maximum = MAX;
  });
  let generated: { module: FixtureClientModule; remove(): void };
  beforeAll(async () => {
    generated = await clientFromSpec(renamed);
  });
  afterAll(() => generated.remove());

  /** `total` end users, numbered, `PageSize` per page, each page linking the next on the request's origin. */
  const pager =
    (total: number) =>
    (request: Request) => {
      const { origin, pathname, searchParams } = new URL(request.url);
      const size = Number(searchParams.get("PageSize") ?? "50");
      const page = Number(searchParams.get("Page") ?? "0");
      const end_users = [];
      for (let n = page * size; n < Math.min((page + 1) * size, total); n++) end_users.push(endUser({ friendly_name: `user-${n}` }));
      const more = (page + 1) * size < total;
      const next_page_url = more ? `${origin}${pathname}?PageSize=${size}&Page=${page + 1}&PageToken=PT${page + 1}` : null;
      return json(200, { end_users, paging: { key: "end_users", page, page_size: size, url: request.url, next_page_url } });
    };

  it("reads the items under the spec's key and follows the link where the spec puts it", async () => {
    answer = pager(5);
    const c = generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "t", baseUrl: BASE, fetch, maxRetries: 0, env: {} });
    const names = (await collect(generated.module.paginate(c, "/v1/EndUsers", { pageSize: 2 }), 100)).map((u) => u.friendly_name);
    expect(names).toEqual(["user-0", "user-1", "user-2", "user-3", "user-4"]);
    expect(sent.map((r) => r.url.searchParams.get("PageToken"))).toEqual([null, "PT1", "PT2"]);
  });

  it("asks for the spec's maximum page size when the limit is larger, and refuses a larger pageSize", async () => {
    answer = pager(3 * MAX);
    const c = generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "t", baseUrl: BASE, fetch, maxRetries: 0, env: {} });
    const users = await collect(generated.module.paginate(c, "/v1/EndUsers", { limit: 2 * MAX + 1 }), 1000);
    expect(users).toHaveLength(2 * MAX + 1);
    expect(sent.map((r) => r.url.searchParams.get("PageSize"))).toEqual([String(MAX), String(MAX), String(MAX)]);
    const before = sent.length;
    const error = await rejectionOfType(generated.module.paginate(c, "/v1/EndUsers", { pageSize: MAX + 1 }).next(), generated.module.TrustHubValidationError);
    expect(error.message).toContain(`"PageSize" must be <= ${MAX}`);
    expect(sent).toHaveLength(before);
  });

  it("names the spec's link in its error for a foreign next page", async () => {
    answer = () => json(200, { end_users: [endUser()], paging: { next_page_url: "https://elsewhere.example/v1/EndUsers?PageToken=PT1" } });
    const c = generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "t", baseUrl: BASE, fetch, maxRetries: 0, env: {} });
    const error = await rejectionOfType(collect(generated.module.paginate(c, "/v1/EndUsers"), 100), generated.module.TrustHubResponseError);
    expect(error.message).toMatch(/paging\.next_page_url points to https:\/\/elsewhere\.example/);
    expect(sent).toHaveLength(1);
  });
});
