// The in-process mock (@trusthub/mock/in-process): Prism's engine and the store in the test's process behind
// a fetch function. Examples mode and stateful mode through @trusthub/client on its default base URL;
// overrides, faults, the request log, reset() and close().
import { join } from "node:path";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  createTrustHubClient,
  paginate,
  TrustHubApiError,
  TrustHubNetworkError,
  TrustHubResponseError,
  unwrap,
  type TrustHubClient,
  type TrustHubClientOptions,
} from "@trusthub/client";
import { listOperations, loadSpec } from "@trusthub/spec";
import { collect, rejectionOf, rejectionOfType, waitFor } from "@trusthub/test-support";
import { createMock, MockOptionError, type CreateMockOptions, type ExampleName, type InProcessMock, type OperationId, type StoreData } from "../src/in-process.js";
import * as prism from "../src/prism.js";
import { deriveResources, typesOf, type OpenApiDocument } from "../src/resources.js";
import type { responseExamples } from "@trusthub/types";
import { ACCOUNT_SID, assertBuilt, AUTH, bundledSpec, exerciseEveryOperation, expectRefusal, POLICY_SID, raw } from "./helpers.js";

const TRUSTHUB = "https://trusthub.twilio.com";
const PROFILE = "BU00000000000000000000000000000abc";
const spec = loadSpec(bundledSpec);

/** The spec's named example `name` of one response of the operation at `path`/`method`. */
function example(path: string, method: string, status: string, name: string): Record<string, unknown> {
  const resolve = (node: any): any => (typeof node?.$ref === "string" ? resolve(node.$ref.slice(2).split("/").reduce((at: any, key: string) => at[key], spec)) : node);
  const response = resolve(spec.paths[path][method].responses[status]);
  return resolve(response.content["application/json"].examples[name]).value;
}

/** `value` with every occurrence of the SID `from` replaced by `to`. */
const renamed = (value: unknown, from: string, to: string) => JSON.parse(JSON.stringify(value).replaceAll(from, to));

function clientOf(mock: InProcessMock, options: TrustHubClientOptions = {}): TrustHubClient {
  return createTrustHubClient({ fetch: mock.fetch, accountSid: ACCOUNT_SID, authToken: "test-token", maxRetries: 0, ...options });
}

beforeAll(() => {
  assertBuilt();
});

describe("examples mode", () => {
  let mock: InProcessMock;
  let client: TrustHubClient;
  beforeAll(async () => {
    mock = await createMock();
    client = clientOf(mock);
  });
  beforeEach(() => mock.reset());
  afterAll(async () => {
    await mock?.close();
  });

  it("answers the client on its default base URL and on regional hosts, naming the fetched SID in the example", async () => {
    const expected = renamed(example("/v1/CustomerProfiles/{Sid}", "get", "200", "approved"), "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f", PROFILE);
    expect(expected.sid).toBe(PROFILE);
    for (const options of [{}, { region: "ie1" }, { edge: "dublin", region: "ie1" }]) {
      const profile = await unwrap(clientOf(mock, options).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } }));
      expect(profile).toEqual(expected);
    }
    expect((await mock.requests()).map((r) => new URL(r.url).host)).toEqual(["trusthub.twilio.com", "trusthub.ie1.twilio.com", "trusthub.dublin.ie1.twilio.com"]);
  });

  it("names both SIDs of a nested path, and the requested resource in a 404 example", async () => {
    const assignment = "BV0000000000000000000000000000beef";
    const fetched = await raw(TRUSTHUB, "GET", `/v1/CustomerProfiles/${PROFILE}/EntityAssignments/${assignment}`, { fetch: mock.fetch });
    const original = example("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", "get", "200", "document") as { sid: string; customer_profile_sid: string };
    expect(fetched.body).toEqual(renamed(renamed(original, original.sid, assignment), original.customer_profile_sid, PROFILE));
    const missing = await raw(TRUSTHUB, "GET", `/v1/CustomerProfiles/${PROFILE}`, { fetch: mock.fetch, headers: { prefer: "code=404" } });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ code: 20404, message: `The requested resource /v1/CustomerProfiles/${PROFILE} was not found` });
  });

  it("reads Prefer as the Prism CLI does", async () => {
    const rejected = await raw(TRUSTHUB, "GET", `/v1/CustomerProfiles/${PROFILE}`, { fetch: mock.fetch, headers: { prefer: "code=200, example=rejected" } });
    expect(rejected.body).toEqual(renamed(example("/v1/CustomerProfiles/{Sid}", "get", "200", "rejected"), "BU1a2b3c4d5e6f708192a3b4c5d6e7f809", PROFILE));
    const limited = await raw(TRUSTHUB, "GET", "/v1/CustomerProfiles", { fetch: mock.fetch, headers: { prefer: "code=429" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("rejects a URL that is not TrustHub's, before anything is logged", async () => {
    const error = await rejectionOfType(mock.fetch("https://api.twilio.com/2010-04-01/Accounts.json"), TypeError);
    expect(error.message).toMatch(/api\.twilio\.com is not a TrustHub URL/);
    await expect(mock.fetch("https://trusthub.twilio.com.example/v1/CustomerProfiles")).rejects.toThrow(/not a TrustHub URL/);
    expect(await mock.requests()).toEqual([]);
  });

  it("answers a request the spec refuses with a Twilio 400, which the client throws as TrustHubApiError", async () => {
    expectRefusal(await raw(TRUSTHUB, "GET", "/v1/CustomerProfiles?PageSize=0", { fetch: mock.fetch }), "PageSize", ">= 1");
    const unchecked = clientOf(mock, { validate: false });
    const error = await rejectionOfType(
      unwrap(unchecked.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "a@acme.example" } as never })),
      TrustHubApiError,
    );
    expect(error).toMatchObject({ status: 400, code: 20001, message: expect.stringContaining("Missing required parameter PolicySid in the post body") });
  });

  it("answers the spec's 401 to missing or malformed credentials", async () => {
    const authenticate = example("/v1/CustomerProfiles", "get", "401", "authenticate");
    for (const auth of [null, "Bearer x", `Basic ${btoa("not-a-sid:secret")}`]) {
      const response = await raw(TRUSTHUB, "GET", "/v1/CustomerProfiles", { fetch: mock.fetch, auth });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(authenticate);
    }
  });

  describe("override()", () => {
    it("{ status, times: 1 }: the spec's example for that status (with its Retry-After) once, then the usual answer", async () => {
      await mock.override("ListCustomerProfile", { status: 429, times: 1 });
      const limited = await client.GET("/v1/CustomerProfiles");
      expect(limited.response.status).toBe(429);
      expect(limited.error).toEqual(example("/v1/CustomerProfiles", "get", "429", "tooManyRequests"));
      expect(limited.response.headers.get("retry-after")).toMatch(/^\d+$/);
      expect((await client.GET("/v1/CustomerProfiles")).response.status).toBe(200);
      expect((await mock.requests()).map((r) => r.status)).toEqual([429, 200]);
    });

    it("a client that retries gets through a forced 429", async () => {
      await mock.override("CreateCustomerProfile", { status: 429, headers: { "Retry-After": "0" }, times: 1 });
      const retrying = clientOf(mock, { maxRetries: 2 });
      const profile = await unwrap(retrying.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "a@acme.example", PolicySid: POLICY_SID } }));
      expect(profile.status).toBe("draft");
      expect((await mock.requests()).map((r) => [r.operationId, r.status])).toEqual([
        ["CreateCustomerProfile", 429],
        ["CreateCustomerProfile", 201],
      ]);
    });

    it("{ status, body }: that body, on every call until reset()", async () => {
      const body = { code: 20500, message: "Upstream fault", more_info: "https://www.twilio.com/docs/errors/20500", status: 503 };
      await mock.override("FetchCustomerProfile", { status: 503, body });
      for (let i = 0; i < 2; i++) {
        const error = await rejectionOfType(unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } })), TrustHubApiError);
        expect(error).toMatchObject({ status: 503, code: 20500, message: expect.stringContaining("Upstream fault") });
      }
      await mock.reset();
      expect((await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } })).response.status).toBe(200);
    });

    it("{ example }: a named example of the spec, found in whichever response has it", async () => {
      await mock.override("FetchCustomerProfile", { example: "notFound" });
      const error = await rejectionOfType(unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } })), TrustHubApiError);
      expect(error).toMatchObject({ status: 404, code: 20404, message: expect.stringContaining(`/v1/CustomerProfiles/${PROFILE}`) });
    });

    it("overrides of one operation queue up; other operations are untouched", async () => {
      await mock.override("ListCustomerProfile", { status: 429, times: 1 });
      await mock.override("ListCustomerProfile", { status: 500, times: 2 });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await client.GET("/v1/CustomerProfiles")).response.status);
      expect(statuses).toEqual([429, 500, 500, 200]);
      expect((await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } })).response.status).toBe(200);
    });

    it("a string body goes out unchecked, for testing what the client does with a broken response", async () => {
      await mock.override("FetchCustomerProfile", { status: 200, body: '{"sid": "BU', times: 1 });
      const error = await rejectionOfType(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: PROFILE } } }), TrustHubResponseError);
      expect(error.message).toMatch(/not valid JSON/);
    });

    it("never hides a request the spec refuses", async () => {
      await mock.override("ListCustomerProfile", { status: 429 });
      expectRefusal(await raw(TRUSTHUB, "GET", "/v1/CustomerProfiles?PageSize=0", { fetch: mock.fetch }), "PageSize");
      expect((await raw(TRUSTHUB, "GET", "/v1/CustomerProfiles", { fetch: mock.fetch, auth: null })).status).toBe(401);
      expect((await raw(TRUSTHUB, "GET", "/v1/CustomerProfiles", { fetch: mock.fetch })).status).toBe(429);
    });

    it("{ error: \"reset\" }: fetch fails as on a reset connection; the client reports a network error", async () => {
      await mock.override("ListCustomerProfile", { error: "reset", times: 1 });
      const error = await rejectionOfType(client.GET("/v1/CustomerProfiles"), TrustHubNetworkError);
      expect(error).toMatchObject({ timedOut: false, attempts: 1, message: expect.stringContaining("ECONNRESET") });
      expect(await mock.requests()).toMatchObject([{ operationId: "ListCustomerProfile", status: undefined, error: "reset" }]);
    });

    it("{ error: \"timeout\" }: no answer until the caller gives up", async () => {
      await mock.override("ListCustomerProfile", { error: "timeout" });
      const error = await rejectionOfType(clientOf(mock, { timeoutMs: 50 }).GET("/v1/CustomerProfiles"), TrustHubNetworkError);
      expect(error).toMatchObject({ timedOut: true });
      expect(await mock.requests()).toMatchObject([{ status: undefined, error: "timeout" }]);
    });

    it("{ delayMs }: the usual answer, later; the caller's signal still ends the wait", async () => {
      await mock.override("ListCustomerProfile", { delayMs: 100, times: 1 });
      const started = performance.now();
      expect((await client.GET("/v1/CustomerProfiles")).response.status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(95);
      await mock.override("ListCustomerProfile", { delayMs: 60_000 });
      const aborted = await rejectionOf(mock.fetch(`${TRUSTHUB}/v1/CustomerProfiles`, { headers: { authorization: AUTH }, signal: AbortSignal.timeout(20) }));
      expect((aborted as Error).name).toBe("TimeoutError");
    });

    it("takes the spec's operationIds, and each operation's own example names, as types", async () => {
      expectTypeOf(mock.override).parameter(0).toEqualTypeOf<OperationId>();
      expectTypeOf<"FetchCustomerProfile">().toExtend<OperationId>();
      // @ts-expect-error not an operation of the spec
      await expect(mock.override("FetchCustomerProfiles", { status: 200 })).rejects.toThrow(TypeError);
      expectTypeOf<ExampleName<"FetchCustomerProfile">>().toEqualTypeOf<responseExamples["FetchCustomerProfile"]>();
      // @ts-expect-error not an example name of the operation
      await expect(mock.override("FetchCustomerProfile", { example: "nope" })).rejects.toThrow(TypeError);
      // Another spec's operations (createMock<string>) take any name, checked when set.
      expectTypeOf<ExampleName<string>>().toEqualTypeOf<string>();
    });

    it("turns away overrides the spec cannot give, naming why", async () => {
      const refused = (operationId: string, response: object) =>
        mock.override(operationId as "ListCustomerProfile", response as never).then(
          () => "accepted",
          (error: Error) => error.message,
        );
      expect(await refused("ListCustomerProfiles", { status: 429 })).toMatch(/no operation ListCustomerProfiles in the spec \(it has .*ListCustomerProfile/);
      expect(await refused("FetchCustomerProfile", { example: "nope" })).toMatch(/no example named nope \(the operation has approved \(200\), rejected \(200\), authenticate \(401\)/);
      const broken = await refused("FetchCustomerProfile", { status: 200, body: { sid: 42 } });
      expect(broken).toMatch(/the body breaks the spec \(.*property sid must be string/);
      expect(broken).toMatch(/give it as a string to send it unchecked/);
      expect(await refused("ListCustomerProfile", { status: 429, times: 0 })).toMatch(/times must be a positive integer/);
      expect(await refused("ListCustomerProfile", { status: 99 })).toMatch(/status must be an integer from 200 to 599/);
      expect(await refused("ListCustomerProfile", { error: "reset", status: 500 })).toMatch(/a fault has no status/);
      expect(await refused("ListCustomerProfile", { error: "closed" })).toMatch(/error must be "reset" or "timeout"/);
      expect(await refused("ListCustomerProfile", {})).toMatch(/give status, example, error or delayMs/);
      // Nothing was queued by the refused ones.
      expect((await client.GET("/v1/CustomerProfiles")).response.status).toBe(200);
    });
  });

  it("logs every request: method, URL, path, query, form, operation and status", async () => {
    await client.GET("/v1/CustomerProfiles", { params: { query: { Status: "draft", PageSize: 2 } } });
    await client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "a@acme.example", PolicySid: POLICY_SID } });
    await raw(TRUSTHUB, "GET", "/v1/Nowhere", { fetch: mock.fetch });
    expect(await mock.requests()).toEqual([
      {
        method: "GET",
        url: `${TRUSTHUB}/v1/CustomerProfiles?Status=draft&PageSize=2`,
        path: "/v1/CustomerProfiles",
        query: { Status: "draft", PageSize: "2" },
        form: undefined,
        operationId: "ListCustomerProfile",
        status: 200,
      },
      {
        method: "POST",
        url: `${TRUSTHUB}/v1/CustomerProfiles`,
        path: "/v1/CustomerProfiles",
        query: {},
        form: { FriendlyName: "Acme", Email: "a@acme.example", PolicySid: POLICY_SID },
        operationId: "CreateCustomerProfile",
        status: 201,
      },
      { method: "GET", url: `${TRUSTHUB}/v1/Nowhere`, path: "/v1/Nowhere", query: {}, form: undefined, operationId: undefined, status: 404 },
    ]);
    await mock.reset();
    expect(await mock.requests()).toEqual([]);
  });
});

describe("stateful mode", () => {
  const DATA_PROFILE = "BU1a2b3c4d5e6f708192a3b4c5d6e7f809";
  const data = {
    customerProfiles: [
      {
        sid: DATA_PROFILE,
        account_sid: ACCOUNT_SID,
        policy_sid: POLICY_SID,
        friendly_name: "Acme Retail",
        status: "twilio-approved",
        valid_until: null,
        email: "compliance@acme-retail.example",
        status_callback: null,
        date_created: "2026-02-11T12:00:03Z",
        date_updated: "2026-02-13T08:30:51Z",
        url: `${TRUSTHUB}/v1/CustomerProfiles/${DATA_PROFILE}`,
        links: {},
        errors: null,
      },
    ],
  } satisfies StoreData;
  let mock: InProcessMock;
  let client: TrustHubClient;
  beforeAll(async () => {
    mock = await createMock({ stateful: true, data });
    client = clientOf(mock);
  });
  beforeEach(() => mock.reset());
  afterAll(async () => {
    await mock?.close();
  });

  it("stores what the client creates and changes, with URLs on the host it called; reset() goes back to the data", async () => {
    const created = await unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme Logistics", Email: "a@acme.example", PolicySid: POLICY_SID } }));
    expect(created).toMatchObject({ status: "draft", url: `${TRUSTHUB}/v1/CustomerProfiles/${created.sid}` });
    await unwrap(client.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: DATA_PROFILE } }, body: { Status: "in-review" } }));
    const page = await unwrap(client.GET("/v1/CustomerProfiles"));
    expect(page.results.map((p) => [p.sid, p.status])).toEqual([
      [DATA_PROFILE, "in-review"],
      [created.sid, "draft"],
    ]);

    await mock.reset();
    expect((await unwrap(client.GET("/v1/CustomerProfiles"))).results).toEqual(data.customerProfiles);
    const gone = await rejectionOfType(unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: created.sid! } } })), TrustHubApiError);
    expect(gone).toMatchObject({ status: 404, code: 20404, message: expect.stringContaining(`/v1/CustomerProfiles/${created.sid}`) });
  });

  it("pages on the host the client called, so paginate() follows next_page_url", async () => {
    const regional = clientOf(mock, { region: "au1" });
    for (let i = 0; i < 4; i++) {
      await unwrap(regional.POST("/v1/CustomerProfiles", { body: { FriendlyName: `Paged ${i}`, Email: "p@acme.example", PolicySid: POLICY_SID } }));
    }
    const first = await unwrap(regional.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 2 } } }));
    expect(first.meta.next_page_url).toMatch(/^https:\/\/trusthub\.au1\.twilio\.com\/v1\/CustomerProfiles\?/);
    const names = (await collect(paginate(regional, "/v1/CustomerProfiles", { params: { query: { PageSize: 2 } } }), 20)).map((p) => p.friendly_name);
    expect(names).toEqual(["Acme Retail", "Paged 0", "Paged 1", "Paged 2", "Paged 3"]);
    expect((await mock.requests()).filter((r) => r.operationId === "ListCustomerProfile").length).toBe(1 + 3);
  });

  it("a forced answer leaves the store alone", async () => {
    await mock.override("CreateCustomerProfile", { status: 429, times: 1 });
    const limited = await client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Never stored", Email: "n@acme.example", PolicySid: POLICY_SID } });
    expect(limited.response.status).toBe(429);
    expect((await unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { FriendlyName: "Never stored" } } }))).results).toEqual([]);
  });

  it("serves every operation of the spec with the success status it declares", async () => {
    const { outcomes } = await exerciseEveryOperation(TRUSTHUB, spec, mock.fetch);
    expect(outcomes).toHaveLength(listOperations(spec).length);
    expect(outcomes.filter((o) => o.got !== o.expected)).toEqual([]);
  });

  it("starts from a data file too", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trusthub-in-process-"));
    try {
      const file = join(dir, "data.json");
      writeFileSync(file, JSON.stringify(data));
      const fromFile = await createMock({ stateful: true, data: file });
      const profile = await unwrap(clientOf(fromFile).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: DATA_PROFILE } } }));
      expect(profile).toEqual(data.customerProfiles[0]);
      await fromFile.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("createMock()", () => {
  it("turns away wrong options and data with a MockOptionError", async () => {
    const refusals: Array<[CreateMockOptions, RegExp]> = [
      [{ stateful: true, dynamic: true }, /stateful and dynamic exclude each other/],
      [{ data: { customerProfiles: [] } }, /data needs stateful/],
      [{ dynamic: true, seed: 1.5 }, /seed must be an integer, got 1.5/],
      // As a data file gives it (the type of `data` has no such key).
      [{ stateful: true, data: JSON.parse('{ "customerProfile": [] }') }, /unknown collection "customerProfile"/],
    ];
    for (const [options, message] of refusals) {
      const error = await rejectionOfType(createMock(options), MockOptionError);
      expect(error.message).toMatch(message);
    }
  });

  it("refuses a data file written before an upgrade that renamed a property in the responses, naming the collection, the record and the property", async () => {
    // The upgrade, on a scratch copy of the spec: a property a create's form field sets is renamed in the
    // responses only, and the form field (and a list filter of its name) says so (x-trusthub-property).
    const upgraded = (await new prism.$RefParser().dereference(structuredClone(spec))) as OpenApiDocument;
    const resource = deriveResources(upgraded).find((r) => r.create?.fields.some((f) => f.name !== "Sid" && typesOf(r.properties[f.property]).has("string")))!;
    const field = resource.create!.fields.find((f) => typesOf(resource.properties[f.property]).has("string"))!;
    const [from, to] = [field.property, `renamed_${field.property}`];
    const visit = (node: any): void => {
      if (!node || typeof node !== "object") return;
      if (node.properties && from in node.properties) node.properties = Object.fromEntries(Object.entries(node.properties).map(([name, schema]) => [name === from ? to : name, schema]));
      if (node.properties && field.name in node.properties) node.properties[field.name] = { ...node.properties[field.name], "x-trusthub-property": to };
      if (node.in === "query" && node.name === field.name) node["x-trusthub-property"] = to;
      Object.values(node).forEach(visit);
    };
    visit(upgraded);
    const dir = mkdtempSync(join(tmpdir(), "trusthub-in-process-upgrade-"));
    try {
      const [before, after, file] = [join(dir, "before.json"), join(dir, "after.json"), join(dir, "data.json")];
      writeFileSync(before, JSON.stringify(spec));
      writeFileSync(after, JSON.stringify(upgraded));
      const sid = `${resource.sidPrefix}${"0".repeat(32)}`;
      writeFileSync(file, JSON.stringify({ [resource.dataKey]: [{ sid, [from]: "written before the upgrade" }] }));
      await (await createMock({ stateful: true, spec: before, data: file })).close();
      const error = await rejectionOfType(createMock({ stateful: true, spec: after, data: file }), MockOptionError);
      expect(error.message).toMatch(new RegExp(`^data file .*data\\.json: ${resource.dataKey}\\[0\\] \\(sid ${sid}\\): unknown property "${from}" \\(a record of ${resource.dataKey} has [^)]*\\b${to}\\b`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("close() ends held requests and later calls", async () => {
    const mock = await createMock();
    await mock.override("ListCustomerProfile", { error: "timeout" });
    const held = mock.fetch(`${TRUSTHUB}/v1/CustomerProfiles`, { headers: { authorization: AUTH } });
    held.catch(() => undefined); // asserted below
    await waitFor(async () => (await mock.requests()).length === 1, 60_000);
    await mock.close();
    await expect(held).rejects.toThrow(/close\(\) while a request was held/);
    await expect(mock.fetch(`${TRUSTHUB}/v1/CustomerProfiles`)).rejects.toThrow(/after close\(\)/);
  });
});
