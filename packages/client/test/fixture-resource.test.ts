// A resource the TrustHub spec does not have (the shared EndUsers fixture of @trusthub/test-support), driven through the unchanged
// client runtime with metadata generated from the fixture: its object-valued form field (`Attributes`,
// encoded as application/json) goes out as one field holding JSON and is checked to be a plain object first,
// and its list is paged by what the metadata says (items key, next-page link, page size and its maximum).
import { loadSpec, type OpenApiDocument } from "@trusthub/spec";
import { collect, exampleSid, rejectionOfType } from "@trusthub/test-support";
import { fixtureDocument } from "@trusthub/test-support/fixture";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clientFromSpec, type FixtureClientModule, type LooseClient } from "./helpers/fixture-client.js";
import { startRecordingServer, type Handler, type RecordingServer } from "./helpers/recording-server.js";

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

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(async () => {
  await server.close();
});

describe("an object-valued form field", () => {
  let generated: { module: FixtureClientModule; remove(): void };
  beforeAll(async () => {
    generated = await clientFromSpec(fixture());
  });
  afterAll(() => generated.remove());

  const client = (validate = true): LooseClient =>
    generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "fixture-token", baseUrl: server.url, maxRetries: 0, validate, env: {} });
  const created: Handler = () => ({ status: 201, body: endUser() });
  const createEndUser = (c: LooseClient, body: Record<string, unknown>) =>
    generated.module.unwrap(c.POST("/v1/EndUsers", { body: { FriendlyName: "Ada Lovelace", Type: "individual", ...body } }));

  it("is sent as one form field holding its JSON, beside the plain fields", async () => {
    server.setHandler(created);
    const attributes = { first_name: "Ada", address: { city: "Zürich & Co", lines: ["1 = one", "2 + two"] }, age: 36, verified: true, note: null };
    await createEndUser(client(), { Attributes: attributes });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.headers["content-type"]).toBe(FORM);
    const form = new URLSearchParams(request!.body);
    expect([...form.keys()]).toEqual(["FriendlyName", "Type", "Attributes"]);
    expect(form.get("FriendlyName")).toBe("Ada Lovelace");
    expect(form.get("Attributes")).toBe(JSON.stringify(attributes));
    expect(JSON.parse(form.get("Attributes")!)).toEqual(attributes);
    expect(request!.body).not.toContain("object+Object");
  });

  it("an empty object is sent as {}, an object without a prototype too; undefined and null leave the field out", async () => {
    server.setHandler(created);
    const c = client();
    await createEndUser(c, { Attributes: {} });
    await createEndUser(c, { Attributes: Object.assign(Object.create(null), { a: 1 }) });
    await createEndUser(c, { Attributes: undefined });
    await createEndUser(c, { Attributes: null });
    expect(server.requests.map((r) => new URLSearchParams(r.body).get("Attributes"))).toEqual(["{}", '{"a":1}', null, null]);
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
    expect(server.requests).toHaveLength(0);
  });

  it("a refusal never shows the value", async () => {
    const error = await rejectionOfType(createEndUser(client(), { Attributes: "ada-private-value-9f2" }), generated.module.TrustHubValidationError);
    expect(error.message).not.toContain("ada-private-value-9f2");
  });

  it("with validate:false a plain object is still sent as JSON (never as [object Object])", async () => {
    server.setHandler(created);
    await createEndUser(client(false), { Attributes: { first_name: "Ada" }, Extra: { x: [1] } });
    const form = new URLSearchParams(server.requests[0]!.body);
    expect(form.get("Attributes")).toBe('{"first_name":"Ada"}');
    expect(form.get("Extra")).toBe('{"x":[1]}');
  });

  it("the resource's other operations work as generated: fetch, delete, and its SID pattern is checked", async () => {
    const c = client();
    server.setHandler((req) => (req.method === "DELETE" ? { status: 204 } : { body: endUser() }));
    expect(await generated.module.unwrap(c.GET("/v1/EndUsers/{Sid}", { params: { path: { Sid: END_USER } } }))).toEqual(endUser());
    expect(await generated.module.unwrap(c.DELETE("/v1/EndUsers/{Sid}", { params: { path: { Sid: END_USER } } }))).toBeUndefined();
    const wrongPrefix = exampleSid("BU");
    const error = await rejectionOfType(c.GET("/v1/EndUsers/{Sid}", { params: { path: { Sid: wrongPrefix } } }), generated.module.TrustHubValidationError);
    expect(error.message).toContain('path parameter "Sid" must match ^IT[0-9a-fA-F]{32}$');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/EndUsers/${END_USER}`, `DELETE /v1/EndUsers/${END_USER}`]);
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

  /** `total` end users, numbered, `PageSize` per page, each page linking the next on the server's origin. */
  const pager =
    (total: number): Handler =>
    (req, { origin }) => {
      const size = Number(req.query.get("PageSize") ?? "50");
      const page = Number(req.query.get("Page") ?? "0");
      const end_users = [];
      for (let n = page * size; n < Math.min((page + 1) * size, total); n++) end_users.push(endUser({ friendly_name: `user-${n}` }));
      const more = (page + 1) * size < total;
      const next_page_url = more ? `${origin}${req.path}?PageSize=${size}&Page=${page + 1}&PageToken=PT${page + 1}` : null;
      return { body: { end_users, paging: { key: "end_users", page, page_size: size, url: `${origin}${req.url}`, next_page_url } } };
    };

  it("reads the items under the spec's key and follows the link where the spec puts it", async () => {
    server.setHandler(pager(5));
    const c = generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "t", baseUrl: server.url, maxRetries: 0, env: {} });
    const names = (await collect(generated.module.paginate(c, "/v1/EndUsers", { pageSize: 2 }), 100)).map((u) => u.friendly_name);
    expect(names).toEqual(["user-0", "user-1", "user-2", "user-3", "user-4"]);
    expect(server.requests.map((r) => r.query.get("PageToken"))).toEqual([null, "PT1", "PT2"]);
  });

  it("asks for the spec's maximum page size when the limit is larger, and refuses a larger pageSize", async () => {
    server.setHandler(pager(3 * MAX));
    const c = generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "t", baseUrl: server.url, maxRetries: 0, env: {} });
    const users = await collect(generated.module.paginate(c, "/v1/EndUsers", { limit: 2 * MAX + 1 }), 1000);
    expect(users).toHaveLength(2 * MAX + 1);
    expect(server.requests.map((r) => r.query.get("PageSize"))).toEqual([String(MAX), String(MAX), String(MAX)]);
    const before = server.requests.length;
    const error = await rejectionOfType(generated.module.paginate(c, "/v1/EndUsers", { pageSize: MAX + 1 }).next(), generated.module.TrustHubValidationError);
    expect(error.message).toContain(`"PageSize" must be <= ${MAX}`);
    expect(server.requests).toHaveLength(before);
  });

  it("names the spec's link in its error for a foreign next page", async () => {
    server.setHandler(() => ({ body: { end_users: [endUser()], paging: { next_page_url: "https://elsewhere.example/v1/EndUsers?PageToken=PT1" } } }));
    const c = generated.module.createTrustHubClient({ accountSid: ACCOUNT, authToken: "t", baseUrl: server.url, maxRetries: 0, env: {} });
    const error = await rejectionOfType(collect(generated.module.paginate(c, "/v1/EndUsers"), 100), generated.module.TrustHubResponseError);
    expect(error.message).toMatch(/paging\.next_page_url points to https:\/\/elsewhere\.example/);
    expect(server.requests).toHaveLength(1);
  });
});
