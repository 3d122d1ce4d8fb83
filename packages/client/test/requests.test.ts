// What the client sends (src/client.ts, src/validate.ts): each operation's method and path, path parameters
// that cannot move the request, the query, form bodies, headers and middleware, and validation against the
// spec before anything is sent. On a fake fetch: what it records is what fetch would put on the wire.
import { readFileSync } from "node:fs";
import type { Middleware } from "openapi-fetch";
import { rejectionOfType, settle } from "@trusthub/test-support";
import { describe, expect, it } from "vitest";
import { TrustHubValidationError, unwrap, type TrustHubClient, type TrustHubClientOptions } from "../src/index.js";
import { operations } from "../src/generated/spec.js";
import { fakeClient, type Sent } from "./helpers/fake-fetch.js";
import { SIDS } from "./helpers/resources.js";

const P = SIDS.profile;
const A = SIDS.assignment;
const FORM = "application/x-www-form-urlencoded";
const LONE = "\uD800";
const NESTED = "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments";
const create = operations["/v1/CustomerProfiles"].POST;
const list = operations["/v1/CustomerProfiles"].GET;
const MAX_PAGE_SIZE = list.list.maxPageSize;
const SIZE = list.list.pageSizeParam as "PageSize";
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const CREATE_BODY = { FriendlyName: "Acme", Email: "ops@example.com", PolicySid: SIDS.policy };

const line = (s: Sent) => `${s.request.method} ${s.url.pathname}${s.url.search}`;
const client = (options: TrustHubClientOptions = {}) => fakeClient([], { maxRetries: 0, ...options });
/** `base` plus an own property `key` (JSON.parse makes `__proto__` an own property, as a literal would not). */
const withOwn = <T extends object>(base: T, key: string, value: unknown): T => ({ ...base, ...JSON.parse(JSON.stringify({ [key]: value })) });

describe("operations: method and path", () => {
  const cases: Array<[string, (c: TrustHubClient) => Promise<unknown>]> = [
    ["POST /v1/CustomerProfiles", (c) => c.POST("/v1/CustomerProfiles", { body: CREATE_BODY })],
    ["GET /v1/CustomerProfiles", (c) => c.GET("/v1/CustomerProfiles")],
    [`GET /v1/CustomerProfiles/${P}`, (c) => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } })],
    [`POST /v1/CustomerProfiles/${P}`, (c) => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { Status: "pending-review" } })],
    [`DELETE /v1/CustomerProfiles/${P}`, (c) => c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } })],
    [
      `POST /v1/CustomerProfiles/${P}/EntityAssignments`,
      (c) => c.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: P } }, body: { ObjectSid: SIDS.object } }),
    ],
    [
      `GET /v1/CustomerProfiles/${P}/EntityAssignments`,
      (c) => c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: P } } }),
    ],
    [
      `GET /v1/CustomerProfiles/${P}/EntityAssignments/${A}`,
      (c) => c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { CustomerProfileSid: P, Sid: A } } }),
    ],
    [
      `DELETE /v1/CustomerProfiles/${P}/EntityAssignments/${A}`,
      (c) => c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { CustomerProfileSid: P, Sid: A } } }),
    ],
  ];

  it("covers every operation of the spec", () => {
    const all = Object.entries(operations).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(cases).toHaveLength(all.length);
  });

  it.each(cases)("sends %s", async (expected, call) => {
    const { client: c, sent } = client();
    await unwrap(call(c) as Promise<{ data?: unknown; response: Response }>);
    expect(sent.map(line)).toEqual([expected]);
  });
});

describe("path parameters cannot move the request (validate: false)", () => {
  const values = ["../", "..", ".", "", "/", "?", "#", "%2F", "%2e%2e", ".%2E", "../..", "a/../b", "..\\", "x?PageSize=1", "x#frag", "..;/", " ", `BU${LONE}`];
  const methods = ["GET", "POST", "DELETE"] as const;
  const send = (c: TrustHubClient, method: (typeof methods)[number], Sid: string) => {
    const params = { params: { path: { Sid: Sid as never } } };
    if (method === "POST") return c.POST("/v1/CustomerProfiles/{Sid}", { ...params, body: { FriendlyName: "x" } });
    return method === "GET" ? c.GET("/v1/CustomerProfiles/{Sid}", params) : c.DELETE("/v1/CustomerProfiles/{Sid}", params);
  };

  it.each(methods.flatMap((method) => values.map((value) => ({ method, value, shown: JSON.stringify(value) }))))(
    "$method /v1/CustomerProfiles/{Sid} with Sid $shown: one encoded segment, or refused",
    async ({ method, value }) => {
      const { client: c, sent } = client({ validate: false });
      const error = await settle(() => send(c, method, value));
      if (sent.length === 0) return expect(error).toBeInstanceOf(TrustHubValidationError);
      const { url } = sent[0]!;
      expect(url.pathname.split("/").slice(0, 3)).toEqual(["", "v1", "CustomerProfiles"]);
      expect(url.pathname.split("/").slice(3).map(decodeURIComponent)).toEqual([value]);
      expect(url.search + url.hash).toBe("");
    },
  );

  it.each(["..", ".", "", "%2e%2e", ".%2e", "%2E.", `BU${LONE}`])("refuses %j outright, naming the parameter", async (value) => {
    const { client: c, sent } = client({ validate: false });
    for (const method of methods) {
      const error = await rejectionOfType(() => send(c, method, value), TrustHubValidationError);
      expect(error.issues).toEqual([{ in: "path", name: "Sid", rule: "segment" }]);
    }
    expect(sent).toHaveLength(0);
  });

  it.each(["..", "../..", "/", "%2F..", "?"])("keeps CustomerProfileSid %j in its own segment of a two-parameter path", async (value) => {
    const { client: c, sent } = client({ validate: false });
    await settle(() => c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { CustomerProfileSid: value as never, Sid: A } } }));
    for (const { url } of sent) expect(url.pathname).toBe(`/v1/CustomerProfiles/${encodeURIComponent(value)}/EntityAssignments/${A}`);
  });
});

describe("query", () => {
  it("is sent in the URL, encoded; only the query's own keys are read (validate on or off)", async () => {
    for (const validate of [true, false]) {
      const { client: c, sent } = client({ validate });
      const query = Object.assign(Object.create({ Status: "not-a-status", Foo: "bar" }), { FriendlyName: "A&B =C", PageSize: 20 });
      await unwrap(c.GET("/v1/CustomerProfiles", { params: { query } }));
      expect([...sent[0]!.url.searchParams]).toEqual([
        ["FriendlyName", "A&B =C"],
        ["PageSize", "20"],
      ]);
    }
  });

  it.each([true, false])("with a lone surrogate is refused (validate: %s), nothing sent", async (validate) => {
    const { client: c, sent } = client({ validate });
    const error = await rejectionOfType(c.GET("/v1/CustomerProfiles", { params: { query: { FriendlyName: `a${LONE}` } } }), TrustHubValidationError);
    expect(error.method).toBe("GET");
    expect(sent).toHaveLength(0);
  });
});

describe("form bodies", () => {
  const bodyOf = async (body: object, options: TrustHubClientOptions = {}) => {
    const { client: c, sent } = client(options);
    await settle(() => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: body as never }));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.request.headers.get("content-type")).toBe(FORM);
    return sent[0]!.body;
  };

  it("are application/x-www-form-urlencoded, every character encoded", async () => {
    const name = "Acme & Sons = A+B 100% ünïcødé 日本 🚀";
    const raw = await bodyOf({ FriendlyName: name, Email: "a+b@example.com", StatusCallback: "https://example.com/cb?x=1&y=2" });
    expect(raw).toBe(new URLSearchParams({ FriendlyName: name, Email: "a+b@example.com", StatusCallback: "https://example.com/cb?x=1&y=2" }).toString());
    expect(raw).not.toMatch(/[ ü日🚀]/u);
  });

  it("leave undefined and null fields out", async () => {
    expect(await bodyOf({ Status: undefined, FriendlyName: "Only", Email: null, StatusCallback: undefined })).toBe("FriendlyName=Only");
  });

  it("repeat the key for each item of an array, and write booleans and numbers as text (validate: false)", async () => {
    // No body of this spec has array, boolean or number fields: the serializer is reached with validation off.
    const raw = await bodyOf({ Tag: ["a b", "c&d", null, undefined, 3], Flag: true, Off: false, Count: 0, Ratio: 1.5 }, { validate: false });
    expect(raw).toBe("Tag=a+b&Tag=c%26d&Tag=3&Flag=true&Off=false&Count=0&Ratio=1.5");
  });

  it.each([true, false])("refuse a lone surrogate (validate: %s) instead of sending U+FFFD", async (validate) => {
    const { client: c, sent } = client({ validate });
    await rejectionOfType(c.POST("/v1/CustomerProfiles", { body: { ...CREATE_BODY, FriendlyName: `Acme ${LONE}` } }), TrustHubValidationError);
    expect(sent).toHaveLength(0);
  });

  it("are absent from GET and DELETE, and from an update of no field", async () => {
    const { client: c, sent } = client();
    await unwrap(c.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 5 } } }));
    await unwrap(c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    await unwrap(c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    expect(sent.map((s) => [s.request.method, s.body, s.request.headers.get("content-type")])).toEqual([
      ["GET", "", null],
      ["DELETE", "", null],
      ["POST", "", null],
    ]);
  });
});

describe("headers and middleware", () => {
  it("User-Agent is trusthub-client/<version> node/<version>, Accept is application/json", async () => {
    const { client: c, sent } = client();
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(sent[0]!.request.headers.get("user-agent")).toBe(`trusthub-client/${version} node/${process.versions.node}`);
    expect(sent[0]!.request.headers.get("accept")).toBe("application/json");
  });

  it.each<[string, HeadersInit]>([
    ["an object", { "X-Request-Id": "r-1" }],
    ["an array of pairs", [["X-Request-Id", "r-1"]]],
    ["a Headers", new Headers({ "X-Request-Id": "r-1" })],
  ])("sends per-call headers given as %s, with a body or without", async (_, headers) => {
    const { client: c, sent } = client();
    await unwrap(c.GET("/v1/CustomerProfiles", { headers }));
    await unwrap(c.POST("/v1/CustomerProfiles", { body: CREATE_BODY, headers }));
    expect(sent.map((s) => s.request.headers.get("x-request-id"))).toEqual(["r-1", "r-1"]);
    expect(sent[1]!.request.headers.get("content-type")).toBe(FORM);
  });

  it("runs the middleware option's in order, then use()'s until eject()", async () => {
    const order: string[] = [];
    const first: Middleware = { onRequest: ({ request }) => (order.push("first"), request.headers.set("X-Trace", "1"), request) };
    const second: Middleware = {
      onRequest: ({ request }) => (order.push("second"), request.headers.set("X-Trace-2", `${request.headers.get("X-Trace")}-2`), request),
      onResponse: ({ response }) => void order.push(`response ${response.status}`),
    };
    const used: Middleware = { onRequest: ({ request }) => (request.headers.set("X-Used", "yes"), request) };
    const { client: c, sent } = client({ middleware: [first, second] });
    c.use(used);
    await unwrap(c.GET("/v1/CustomerProfiles"));
    c.eject(used);
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(order).toEqual(["first", "second", "response 200", "first", "second", "response 200"]);
    expect(sent.map((s) => [s.request.headers.get("x-trace-2"), s.request.headers.get("x-used")])).toEqual([
      ["1-2", "yes"],
      ["1-2", null],
    ]);
  });

  it.each<[string, NonNullable<Middleware["onRequest"]>]>([
    ["returns neither a Request nor a Response", () => "not a request" as never],
    ["sets a header value fetch refuses", ({ request }) => new Request(request, { headers: { "X-Trace": "a\u0000b" } })],
  ])("a middleware that %s: TrustHubValidationError, nothing sent", async (_, onRequest) => {
    const { client: c, sent } = client({ middleware: [{ onRequest }] });
    await rejectionOfType(c.GET("/v1/CustomerProfiles"), TrustHubValidationError);
    expect(sent).toHaveLength(0);
  });
});

describe("per-call transport options", () => {
  it.each([true, false])("a per-call baseUrl is refused, nothing sent (validate: %s); one given as undefined is none", async (validate) => {
    const { client: c, sent } = client({ validate });
    const init = { params: { path: { Sid: P } }, baseUrl: "https://elsewhere.example" };
    // @ts-expect-error baseUrl is not a per-call option
    await rejectionOfType(c.GET("/v1/CustomerProfiles/{Sid}", init), TrustHubValidationError);
    expect(sent).toHaveLength(0);
    await unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, baseUrl: undefined }));
    expect(sent.map((s) => s.url.origin)).toEqual(["https://trusthub.twilio.com"]);
  });

  it("a per-call fetch is not used: every attempt goes through the client's", async () => {
    const other: Request[] = [];
    const { client: c, sent } = client();
    const init = { params: { path: { Sid: P } }, fetch: async (request: Request) => (other.push(request), new Response("{}")) };
    // @ts-expect-error fetch is not a per-call option
    await unwrap(c.GET("/v1/CustomerProfiles/{Sid}", init));
    expect([other.length, sent.length]).toEqual([0, 1]);
  });
});

describe("validation against the spec, before anything is sent", () => {
  // Values the types reject too are cast (`as never`) to reach the run-time check.
  const badSid = "XX0123456789abcdef0123456789abcdef" as never;
  const cases: Array<{ name: string; issues: object[]; run: (c: TrustHubClient) => Promise<unknown>; reachable?: false }> = [
    {
      name: "a Sid of the wrong kind",
      issues: [{ in: "path", name: "Sid", rule: "pattern", expected: operations["/v1/CustomerProfiles/{Sid}"].GET.path.Sid.pattern }],
      run: (c) => c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: badSid } } }),
    },
    {
      name: "a query value out of range and one not in the enum",
      issues: [
        { in: "query", name: "Status", rule: "enum", expected: list.query.Status.enum },
        { in: "query", name: "PageSize", rule: "maximum", expected: MAX_PAGE_SIZE },
      ],
      run: (c) => c.GET("/v1/CustomerProfiles", { params: { query: { Status: "approved" as never, PageSize: MAX_PAGE_SIZE + 1 } } }),
    },
    {
      name: "a path parameter too short",
      issues: [{ in: "path", name: "CustomerProfileSid", rule: "pattern", expected: operations[NESTED].GET.path.CustomerProfileSid.pattern }],
      run: (c) => c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: "BU123" as never } } }),
    },
    {
      name: "a query value below its minimum and one of the wrong pattern",
      issues: [
        { in: "query", name: SIZE, rule: "minimum", expected: list.query[SIZE].minimum },
        { in: "query", name: "PolicySid", rule: "pattern", expected: list.query.PolicySid.pattern },
      ],
      run: (c) => c.GET("/v1/CustomerProfiles", { params: { query: { [SIZE]: 0, PolicySid: "ZZ0123456789abcdef0123456789abcdef" as never } } }),
    },
    {
      name: "a body field not in its enum",
      issues: [{ in: "body", name: "Status", rule: "enum", expected: operations["/v1/CustomerProfiles/{Sid}"].POST.body.properties.Status.enum }],
      run: (c) => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { Status: "approved" as never } }),
    },
    {
      name: "a missing, a malformed and an unknown body field",
      issues: [
        { in: "body", name: "Email", rule: "required" },
        { in: "body", name: "PolicySid", rule: "pattern", expected: create.body.properties.PolicySid.pattern },
        { in: "body", name: "Colour", rule: "additionalProperties", expected: Object.keys(create.body.properties) },
      ],
      run: (c) => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", PolicySid: "nope", Colour: "red" } as never }),
    },
    {
      name: "a create with no body (an empty form)",
      issues: create.body.required.map((name) => ({ in: "body", name, rule: "required" })),
      run: (c) => c.POST("/v1/CustomerProfiles", {} as never),
    },
    {
      name: "a body that is not an object",
      issues: [{ in: "body", name: "", rule: "type", expected: "object" }],
      run: (c) => c.POST("/v1/CustomerProfiles", { body: "x" as never }),
    },
    {
      name: "a body on a GET",
      issues: [{ in: "body", name: "", rule: "additionalProperties", expected: [] }],
      run: (c) => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { FriendlyName: "x" } } as never),
      reachable: false,
    },
    { name: "a path that is no operation", issues: [{ in: "path", name: "", rule: "operation" }], run: (c) => c.GET("/v1/Nothing" as never), reachable: false },
  ];

  it.each(cases)("refuses $name with one issue per problem, and says so in words", async ({ run, issues }) => {
    const { client: c, sent } = client();
    const error = await rejectionOfType(() => run(c), TrustHubValidationError);
    expect(error.issues).toEqual(issues);
    for (const { name } of error.issues) if (name) expect(error.message).toContain(`"${name}"`);
    expect(sent).toHaveLength(0);
  });

  it.each(cases.filter((c) => c.reachable !== false))("with validate: false, $name is sent as given", async ({ run }) => {
    const { client: c, sent } = client({ validate: false });
    await settle(() => run(c));
    expect(sent).toHaveLength(1);
  });

  it("with validate: false a body on a GET is still never sent (fetch refuses it)", async () => {
    const { client: c, sent } = client({ validate: false });
    await rejectionOfType(() => cases.find((c) => c.reachable === false)!.run(c), Error);
    expect(sent).toHaveLength(0);
  });

  describe.each(["constructor", "valueOf", "toString", "hasOwnProperty", "__proto__"])("an own key named %j (an Object.prototype member)", (key) => {
    it("is an unknown body field, query or path parameter like any other", async () => {
      const { client: c, sent } = client();
      const refused = [
        await rejectionOfType(c.POST("/v1/CustomerProfiles", { body: withOwn(CREATE_BODY, key, "x") }), TrustHubValidationError),
        await rejectionOfType(c.GET("/v1/CustomerProfiles", { params: { query: withOwn({ PageSize: 5 }, key, "x") } }), TrustHubValidationError),
        await rejectionOfType(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: withOwn({ Sid: P }, key, "x") } }), TrustHubValidationError),
      ];
      expect(refused.map((e) => e.issues)).toEqual(["body", "query", "path"].map((where) => [expect.objectContaining({ in: where, name: key, rule: "additionalProperties" })]));
      expect(sent).toHaveLength(0);
    });
  });

  it.each([true, false])("an inherited path parameter or body field counts as missing (validate: %s)", async (validate) => {
    const { client: c, sent } = client({ validate });
    await rejectionOfType(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: Object.create({ Sid: P }) } }), TrustHubValidationError);
    if (validate) {
      const body = Object.assign(Object.create({ PolicySid: SIDS.policy }), { FriendlyName: "Acme", Email: "ops@example.com" });
      const error = await rejectionOfType(c.POST("/v1/CustomerProfiles", { body }), TrustHubValidationError);
      expect(error.issues).toEqual([{ in: "body", name: "PolicySid", rule: "required" }]);
    }
    expect(sent).toHaveLength(0);
  });
});
