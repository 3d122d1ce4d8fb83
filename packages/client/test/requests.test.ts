// What the client puts on the wire, checked against a real node:http server: methods and paths, form
// bodies, headers and credentials, validation before any I/O, path safety, client options and middleware.
import { readFileSync } from "node:fs";
import type { Middleware } from "openapi-fetch";
import { rejectionOfType, settle } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createTrustHubClient,
  TrustHubValidationError,
  unwrap,
  type TrustHubClient,
  type TrustHubClientOptions,
} from "../src/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";
import { listPage, maxPageSize, SIDS } from "./helpers/resources.js";

const TOKEN = "requests-test-auth-token-5f1e";
const API_SECRET = "requests-test-api-secret-77aa";
const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
const BASE_UA = `trusthub-client/${version} node/${process.versions.node}`;

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
const P = SIDS.profile;
const A = SIDS.assignment;
const FORM = "application/x-www-form-urlencoded";
const MAX_PAGE_SIZE = maxPageSize("/v1/CustomerProfiles");

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await server.close();
});

function client(extra: TrustHubClientOptions = {}): TrustHubClient {
  return createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: server.url, maxRetries: 0, env: {}, ...extra });
}

/** A fetch that records the Request and answers without any network. */
function capturingFetch() {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    const origin = new URL(request.url).origin;
    // Both a list page and a profile, so any GET of the spec accepts it.
    return new Response(JSON.stringify({ ...listPage(origin, "/v1/CustomerProfiles", []), status: "draft" }), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    });
  };
  return { seen, fetch };
}

describe("operations: method and path", () => {
  const cases: Array<{ name: string; method: string; url: string; run: (c: TrustHubClient) => Promise<unknown> }> = [
    {
      name: "CreateCustomerProfile",
      method: "POST",
      url: "/v1/CustomerProfiles",
      run: (c) => unwrap(c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "ops@example.com", PolicySid: SIDS.policy } })),
    },
    { name: "ListCustomerProfile", method: "GET", url: "/v1/CustomerProfiles", run: (c) => unwrap(c.GET("/v1/CustomerProfiles")) },
    {
      name: "FetchCustomerProfile",
      method: "GET",
      url: `/v1/CustomerProfiles/${P}`,
      run: (c) => unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } })),
    },
    {
      name: "UpdateCustomerProfile",
      method: "POST",
      url: `/v1/CustomerProfiles/${P}`,
      run: (c) => unwrap(c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { Status: "pending-review" } })),
    },
    {
      name: "DeleteCustomerProfile",
      method: "DELETE",
      url: `/v1/CustomerProfiles/${P}`,
      run: (c) => unwrap(c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } })),
    },
    {
      name: "CreateCustomerProfileEntityAssignment",
      method: "POST",
      url: `/v1/CustomerProfiles/${P}/EntityAssignments`,
      run: (c) =>
        unwrap(
          c.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
            params: { path: { CustomerProfileSid: P } },
            body: { ObjectSid: SIDS.object },
          }),
        ),
    },
    {
      name: "ListCustomerProfileEntityAssignment",
      method: "GET",
      url: `/v1/CustomerProfiles/${P}/EntityAssignments`,
      run: (c) =>
        unwrap(c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: P } } })),
    },
    {
      name: "FetchCustomerProfileEntityAssignment",
      method: "GET",
      url: `/v1/CustomerProfiles/${P}/EntityAssignments/${A}`,
      run: (c) =>
        unwrap(
          c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
            params: { path: { CustomerProfileSid: P, Sid: A } },
          }),
        ),
    },
    {
      name: "DeleteCustomerProfileEntityAssignment",
      method: "DELETE",
      url: `/v1/CustomerProfiles/${P}/EntityAssignments/${A}`,
      run: (c) =>
        unwrap(
          c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
            params: { path: { CustomerProfileSid: P, Sid: A } },
          }),
        ),
    },
  ];

  it.each(cases)("$name sends $method $url", async ({ method, url, run }) => {
    await run(client());
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`${method} ${url}`]);
  });

  it("returns the parsed body, and undefined for a 204", async () => {
    const c = client();
    const fetched = await unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    expect(fetched.sid).toBe(P);
    expect(fetched.status).toBe("draft");
    const list = await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(list.results).toHaveLength(1);
    expect(list.meta.key).toBe("results");
    const deleted = await unwrap(c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    expect(deleted).toBeUndefined();
  });
});

describe("form bodies", () => {
  it("POST sends Content-Type exactly application/x-www-form-urlencoded", async () => {
    const c = client();
    await unwrap(c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "ops@example.com", PolicySid: SIDS.policy } }));
    await unwrap(c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { FriendlyName: "B" } }));
    await unwrap(
      c.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
        params: { path: { CustomerProfileSid: P } },
        body: { ObjectSid: SIDS.object },
      }),
    );
    expect(server.requests).toHaveLength(3);
    for (const r of server.requests) expect(r.headers["content-type"]).toBe(FORM);
    expect(server.requests[0]!.body).toBe(`FriendlyName=Acme&Email=ops%40example.com&PolicySid=${SIDS.policy}`);
    expect(server.requests[1]!.body).toBe("FriendlyName=B");
    expect(server.requests[2]!.body).toBe(`ObjectSid=${SIDS.object}`);
  });

  it("leaves undefined fields out (never the text 'undefined')", async () => {
    const c = client();
    await unwrap(
      c.POST("/v1/CustomerProfiles", {
        body: { FriendlyName: "Acme", Email: "ops@example.com", PolicySid: SIDS.policy, StatusCallback: undefined },
      }),
    );
    await unwrap(
      c.POST("/v1/CustomerProfiles/{Sid}", {
        params: { path: { Sid: P } },
        body: { Status: undefined, FriendlyName: "Only", Email: undefined, StatusCallback: undefined },
      }),
    );
    const [create, update] = server.requests;
    expect([...new URLSearchParams(create!.body).keys()]).toEqual(["FriendlyName", "Email", "PolicySid"]);
    expect(update!.body).toBe("FriendlyName=Only");
    for (const r of server.requests) {
      expect(r.body).not.toContain("undefined");
      expect(r.body).not.toContain("StatusCallback");
    }
  });

  it("leaves null fields out (never the text 'null')", async () => {
    const c = client();
    await unwrap(
      c.POST("/v1/CustomerProfiles/{Sid}", {
        params: { path: { Sid: P } },
        body: { FriendlyName: "Kept", Email: null, StatusCallback: null } as never,
      }),
    );
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.body).toBe("FriendlyName=Kept");
    expect(server.requests[0]!.body).not.toContain("null");
  });

  it("URL-encodes values: spaces, &, =, +, %, unicode", async () => {
    const name = "Acme & Sons = A+B 100% ünïcødé 日本 🚀";
    const email = "a+b@example.com";
    const callback = "https://example.com/cb?x=1&y=2";
    await unwrap(
      client().POST("/v1/CustomerProfiles", { body: { FriendlyName: name, Email: email, PolicySid: SIDS.policy, StatusCallback: callback } }),
    );
    const raw = server.requests[0]!.body;
    // Exactly four fields: none of the special characters split or joined fields.
    expect(raw.split("&")).toHaveLength(4);
    expect(raw).not.toMatch(/[ ü日🚀]/u);
    expect(raw).toContain("%26");
    expect(raw).toContain("%3D");
    expect(raw).toContain("%2B");
    expect(raw).toContain("%25");
    const parsed = new URLSearchParams(raw);
    expect(parsed.get("FriendlyName")).toBe(name);
    expect(parsed.get("Email")).toBe(email);
    expect(parsed.get("StatusCallback")).toBe(callback);
    expect(parsed.get("PolicySid")).toBe(SIDS.policy);
  });

  it("repeats the key for arrays and stringifies booleans and numbers (serializer reached through a cast)", async () => {
    // No body of this spec has array, boolean or number fields, so the typed API cannot reach these branches;
    // with validate:false and a cast the form serializer can be exercised directly.
    const c = client({ validate: false });
    await settle(() =>
      c.POST("/v1/CustomerProfiles/{Sid}", {
        params: { path: { Sid: P } },
        body: { Tag: ["a b", "c&d", null, undefined, 3], Flag: true, Off: false, Count: 0, Ratio: 1.5 } as never,
      }),
    );
    expect(server.requests).toHaveLength(1);
    const raw = server.requests[0]!.body;
    expect(raw).toBe("Tag=a+b&Tag=c%26d&Tag=3&Flag=true&Off=false&Count=0&Ratio=1.5");
    expect(new URLSearchParams(raw).getAll("Tag")).toEqual(["a b", "c&d", "3"]);
  });

  it("GET and DELETE send no body and no Content-Type", async () => {
    const c = client();
    await unwrap(c.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 5 } } }));
    await unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    await unwrap(c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    await unwrap(
      c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { CustomerProfileSid: P, Sid: A } },
      }),
    );
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET", "DELETE", "DELETE"]);
    for (const r of server.requests) {
      expect(r.body).toBe("");
      expect(r.headers["content-type"]).toBeUndefined();
      expect(r.headers["transfer-encoding"]).toBeUndefined();
      expect(["0", undefined]).toContain(r.headers["content-length"]);
    }
  });

  it("an update of no field sends a POST with no body and no Content-Type (the spec's update body is optional)", async () => {
    await unwrap(client().POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`POST /v1/CustomerProfiles/${P}`]);
    expect(server.requests[0]!.body).toBe("");
    expect(server.requests[0]!.headers["content-type"]).toBeUndefined();
  });

  it("sends query parameters in the URL, encoded", async () => {
    await unwrap(client().GET("/v1/CustomerProfiles", { params: { query: { FriendlyName: "A&B =C", PageSize: 20, Status: "draft" } } }));
    const q = server.requests[0]!.query;
    expect(q.get("FriendlyName")).toBe("A&B =C");
    expect(q.get("PageSize")).toBe("20");
    expect(q.get("Status")).toBe("draft");
    expect([...q.keys()].sort()).toEqual(["FriendlyName", "PageSize", "Status"]);
  });
});

describe("headers and credentials", () => {
  it("User-Agent is trusthub-client/<version> node/<version>, Accept is application/json", async () => {
    await unwrap(client().GET("/v1/CustomerProfiles"));
    const h = server.requests[0]!.headers;
    expect(h["user-agent"]).toBe(BASE_UA);
    expect(h["user-agent"]).toMatch(/^trusthub-client\/\d+\.\d+\.\d+\S* node\/\d+\.\d+\.\d+$/);
    expect(h.accept).toBe("application/json");
  });

  it("sends per-call headers given as an object, an array of pairs or a Headers instance, with a body or without", async () => {
    const forms: Array<[string, HeadersInit]> = [
      ["object", { "X-Request-Id": "r-1" }],
      ["pairs", [["X-Request-Id", "r-1"]]],
      ["Headers", new Headers({ "X-Request-Id": "r-1" })],
    ];
    const body = { FriendlyName: "Acme", Email: "ops@example.com", PolicySid: SIDS.policy };
    for (const [form, headers] of forms) {
      await unwrap(client().GET("/v1/CustomerProfiles", { headers }));
      await unwrap(client().POST("/v1/CustomerProfiles", { body, headers }));
      const [get, post] = server.requests.splice(0);
      expect(get!.headers["x-request-id"], form).toBe("r-1");
      expect(post!.headers["x-request-id"], form).toBe("r-1");
      expect(post!.headers["content-type"], form).toBe(FORM);
    }
  });

  it("appends a userAgent string", async () => {
    await unwrap(client({ userAgent: "my-app/2.1" }).GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers["user-agent"]).toBe(`${BASE_UA} my-app/2.1`);
  });

  it("appends a userAgent array in order", async () => {
    await unwrap(client({ userAgent: ["my-app/2.1", "ci/7"] }).GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers["user-agent"]).toBe(`${BASE_UA} my-app/2.1 ci/7`);
  });

  it("refuses a userAgent with a line break", () => {
    expect(() => client({ userAgent: "x\r\nX-Injected: 1" })).toThrow(TrustHubValidationError);
  });

  it("Authorization is Basic base64(accountSid:authToken)", async () => {
    await unwrap(client().GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.account, TOKEN));
  });

  it("Authorization is Basic base64(apiKeySid:apiKeySecret) with an API key", async () => {
    const c = createTrustHubClient({ accountSid: SIDS.account, apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET, baseUrl: server.url, env: {} });
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.apiKey, API_SECRET));
  });

  it("API key without accountSid works", async () => {
    const c = createTrustHubClient({ apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET, baseUrl: server.url, env: {} });
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.apiKey, API_SECRET));
  });

  it("falls back to TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN from env", async () => {
    const c = createTrustHubClient({ baseUrl: server.url, env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: "env-token" } });
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.account, "env-token"));
  });

  it("falls back to TWILIO_API_KEY / TWILIO_API_SECRET from env", async () => {
    const c = createTrustHubClient({
      baseUrl: server.url,
      env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_API_KEY: SIDS.apiKey, TWILIO_API_SECRET: "env-secret" },
    });
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.apiKey, "env-secret"));
  });

  it("reads process.env when no env option is given", async () => {
    vi.stubEnv("TWILIO_ACCOUNT_SID", SIDS.account);
    vi.stubEnv("TWILIO_AUTH_TOKEN", "process-env-token");
    vi.stubEnv("TWILIO_API_KEY", undefined);
    vi.stubEnv("TWILIO_API_SECRET", undefined);
    await unwrap(createTrustHubClient({ baseUrl: server.url }).GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.account, "process-env-token"));
  });

  it("explicit accountSid/authToken win over env (including env API keys)", async () => {
    const other = "AC" + "f".repeat(32);
    const c = createTrustHubClient({
      accountSid: SIDS.account,
      authToken: TOKEN,
      baseUrl: server.url,
      env: { TWILIO_ACCOUNT_SID: other, TWILIO_AUTH_TOKEN: "env-token", TWILIO_API_KEY: SIDS.apiKey, TWILIO_API_SECRET: "env-secret" },
    });
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.account, TOKEN));
  });

  it("explicit API key wins over env credentials", async () => {
    const c = createTrustHubClient({
      apiKeySid: SIDS.apiKey,
      apiKeySecret: API_SECRET,
      baseUrl: server.url,
      env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: "env-token", TWILIO_API_KEY: "SK" + "0".repeat(32), TWILIO_API_SECRET: "x" },
    });
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(server.requests[0]!.headers.authorization).toBe(basic(SIDS.apiKey, API_SECRET));
  });
});

describe("validation before any I/O", () => {
  type Case = { name: string; match: RegExp; run: (c: TrustHubClient) => Promise<unknown>; reachable?: boolean };
  // Right length, wrong prefix. Values the types reject too are cast (`as never`) to reach the runtime check.
  const badSid = "XX0123456789abcdef0123456789abcdef" as never;
  const cases: Case[] = [
    {
      name: "Sid with the wrong prefix (FetchCustomerProfile)",
      match: /"Sid".*\^BU\[0-9a-fA-F\]\{32\}\$/,
      run: (c) => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: badSid } } }),
    },
    {
      name: "Sid with the wrong prefix (DeleteCustomerProfile)",
      match: /"Sid".*\^BU\[0-9a-fA-F\]\{32\}\$/,
      run: (c) => c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: badSid } } }),
    },
    {
      name: "assignment Sid with a BU prefix",
      match: /"Sid".*\^BV\[0-9a-fA-F\]\{32\}\$/,
      run: (c) =>
        c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { CustomerProfileSid: P, Sid: P as never } } }),
    },
    {
      name: "CustomerProfileSid too short",
      match: /"CustomerProfileSid"/,
      run: (c) => c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: "BU123" } } }),
    },
    {
      name: "missing required body field PolicySid",
      match: /"PolicySid" is required/,
      run: (c) => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "ops@example.com" } as never }),
    },
    {
      name: "a create with no body",
      match: /"FriendlyName" is required; body field "Email" is required; body field "PolicySid" is required/,
      run: (c) => c.POST("/v1/CustomerProfiles", {} as never),
    },
    {
      name: "unknown body field",
      match: /"Color" is not defined/,
      run: (c) => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { FriendlyName: "x", Color: "red" } as never }),
    },
    {
      name: "PageSize 0",
      match: /"PageSize" must be >= 1/,
      run: (c) => c.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 0 } } }),
    },
    {
      name: "PageSize above the spec's maximum",
      match: new RegExp(`"PageSize" must be <= ${MAX_PAGE_SIZE}`),
      run: (c) => c.GET("/v1/CustomerProfiles", { params: { query: { PageSize: MAX_PAGE_SIZE + 1 } } }),
    },
    {
      name: "Status 'approved' in an update body",
      match: /"Status" must be one of/,
      run: (c) => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { Status: "approved" } as never }),
    },
    {
      name: "Status 'approved' in the list query",
      match: /"Status" must be one of/,
      run: (c) => c.GET("/v1/CustomerProfiles", { params: { query: { Status: "approved" } as never } }),
    },
    {
      name: "bad PolicySid in the list query",
      match: /"PolicySid" must match \^RN\[0-9a-fA-F\]\{32\}\$/,
      run: (c) => c.GET("/v1/CustomerProfiles", { params: { query: { PolicySid: "ZZ0123456789abcdef0123456789abcdef" as never } } }),
    },
    {
      name: "a body on GET",
      match: /takes no request body/,
      run: (c) => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { FriendlyName: "x" } } as never),
      reachable: false,
    },
  ];

  it.each(cases)("refuses $name with TrustHubValidationError, sending nothing", async ({ run, match }) => {
    const error = await rejectionOfType(() => run(client()), TrustHubValidationError);
    expect(error.message).toMatch(match);
    expect(server.requests).toHaveLength(0);
  });

  it("names every problem of a request at once", async () => {
    const error = await rejectionOfType(
      () => client().POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Extra: 1, PolicySid: "nope" } as never }),
      TrustHubValidationError,
    );
    const message = error.message;
    expect(message).toContain('"Email" is required');
    expect(message).toContain('"Extra" is not defined');
    expect(message).toContain('"PolicySid"');
    expect(server.requests).toHaveLength(0);
  });

  it.each(cases.filter((c) => c.reachable !== false))("with validate:false, $name reaches the server", async ({ run }) => {
    await settle(() => run(client({ validate: false })));
    expect(server.requests).toHaveLength(1);
  });

  it("with validate:false the bad values are sent as given", async () => {
    const c = client({ validate: false });
    await settle(() => c.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 5 * MAX_PAGE_SIZE, Status: "approved" } as never } }));
    await settle(() => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Color: "red" } as never }));
    await settle(() => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: badSid } } }));
    expect(server.requests).toHaveLength(3);
    expect(server.requests[0]!.query.get("PageSize")).toBe(String(5 * MAX_PAGE_SIZE));
    expect(server.requests[0]!.query.get("Status")).toBe("approved");
    expect(server.requests[1]!.body).toBe("FriendlyName=Acme&Color=red");
    expect(server.requests[2]!.path).toBe(`/v1/CustomerProfiles/${badSid}`);
  });

  it("with validate:false a body on GET still never reaches the server", async () => {
    // fetch itself refuses a GET with a body; whatever the error, nothing may be sent.
    await rejectionOfType(
      () => client({ validate: false }).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } }, body: { FriendlyName: "x" } } as never),
      Error,
    );
    expect(server.requests).toHaveLength(0);
  });
});

describe("path values cannot change the path (validate:false)", () => {
  const values = ["../", "..", ".", "", "/", "?", "#", "%2F", "%2e%2e", ".%2E", "../..", "a/../b", "..\\", "x?PageSize=1", "x#frag", "..;/", " "];
  const methods = ["GET", "POST", "DELETE"] as const;
  const combos = methods.flatMap((method) => values.map((value) => ({ method, value, shown: JSON.stringify(value) })));

  function send(c: TrustHubClient, method: (typeof methods)[number], Sid: string) {
    const params = { params: { path: { Sid: Sid as never } } };
    if (method === "GET") return c.GET("/v1/CustomerProfiles/{Sid}", params);
    if (method === "DELETE") return c.DELETE("/v1/CustomerProfiles/{Sid}", params);
    return c.POST("/v1/CustomerProfiles/{Sid}", { ...params, body: { FriendlyName: "x" } });
  }

  it.each(combos)("$method /v1/CustomerProfiles/{Sid} with Sid $shown", async ({ method, value }) => {
    const error = await settle(() => send(client({ validate: false }), method, value));
    if (server.requests.length === 0) {
      expect(error).toBeInstanceOf(TrustHubValidationError);
      return;
    }
    expect(server.requests).toHaveLength(1);
    const { path, url } = server.requests[0]!;
    const segments = path.split("/");
    expect(segments).toHaveLength(4);
    expect(segments.slice(0, 3)).toEqual(["", "v1", "CustomerProfiles"]);
    expect(decodeURIComponent(segments[3]!)).toBe(value);
    expect(url).toBe(path); // nothing leaked into a query string
    expect(server.requests[0]!.method).toBe(method);
  });

  it.each(["..", ".", "", "%2e%2e", ".%2e", "%2E."])("refuses the dot segment / empty value %j outright", async (value) => {
    const c = client({ validate: false });
    for (const method of methods) {
      const error = await settle(() => send(c, method, value));
      expect(error).toBeInstanceOf(TrustHubValidationError);
    }
    expect(server.requests).toHaveLength(0);
  });

  it.each(["..", "../..", ".", "", "/", "%2F..", "?"])("two-parameter path: CustomerProfileSid %j and Sid '..' stay in place", async (value) => {
    const c = client({ validate: false });
    await settle(() =>
      c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { CustomerProfileSid: value as never, Sid: A } },
      }),
    );
    await settle(() =>
      c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
        params: { path: { CustomerProfileSid: P, Sid: ".." as never } },
      }),
    );
    await settle(() =>
      c.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path: { CustomerProfileSid: value as never } } }),
    );
    for (const r of server.requests) {
      const segments = r.path.split("/");
      expect(segments[1]).toBe("v1");
      expect(segments[2]).toBe("CustomerProfiles");
      expect(segments[4]).toBe("EntityAssignments");
      expect(segments.length === 5 || segments.length === 6).toBe(true);
      expect(decodeURIComponent(segments[3]!)).toBe(value);
      expect(r.url).toBe(r.path);
    }
  });

  it("never reaches /v1/CustomerProfiles, /v1 or / through a path value", async () => {
    const c = client({ validate: false });
    for (const value of values) {
      for (const method of methods) await settle(() => send(c, method, value));
    }
    const paths = server.requests.map((r) => r.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p).not.toBe("/v1/CustomerProfiles");
      expect(p).not.toBe("/v1/CustomerProfiles/");
      expect(p).not.toBe("/v1");
      expect(p).not.toBe("/v1/");
      expect(p).not.toBe("/");
      expect(p.startsWith("/v1/CustomerProfiles/")).toBe(true);
    }
  });
});

describe("client options", () => {
  it("no credentials at all (empty env) -> TrustHubValidationError", () => {
    expect(() => createTrustHubClient({ env: {} })).toThrow(TrustHubValidationError);
    expect(() => createTrustHubClient({ baseUrl: server.url, env: {} })).toThrow(/credentials/i);
  });

  it("accountSid without authToken (and nothing in env) is refused", () => {
    expect(() => createTrustHubClient({ accountSid: SIDS.account, env: {} })).toThrow(TrustHubValidationError);
  });

  it("malformed accountSid is refused", () => {
    expect(() => createTrustHubClient({ accountSid: "AC123", authToken: TOKEN, env: {} })).toThrow(TrustHubValidationError);
    expect(() => createTrustHubClient({ accountSid: "BU0123456789abcdef0123456789abcdef", authToken: TOKEN, env: {} })).toThrow(
      /accountSid/,
    );
    expect(() => createTrustHubClient({ env: { TWILIO_ACCOUNT_SID: "nope", TWILIO_AUTH_TOKEN: TOKEN } })).toThrow(TrustHubValidationError);
  });

  it("apiKeySid without apiKeySecret is refused", () => {
    expect(() => createTrustHubClient({ accountSid: SIDS.account, apiKeySid: SIDS.apiKey, env: {} })).toThrow(TrustHubValidationError);
    expect(() => createTrustHubClient({ apiKeySid: SIDS.apiKey, apiKeySecret: "", env: {} })).toThrow(TrustHubValidationError);
    expect(() => createTrustHubClient({ env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_API_KEY: SIDS.apiKey } })).toThrow(
      TrustHubValidationError,
    );
  });

  it("apiKeySecret without (or with a malformed) apiKeySid is refused", () => {
    expect(() => createTrustHubClient({ apiKeySecret: API_SECRET, env: {} })).toThrow(TrustHubValidationError);
    expect(() => createTrustHubClient({ apiKeySid: "SK123", apiKeySecret: API_SECRET, env: {} })).toThrow(/apiKeySid/);
  });

  it("refuses baseUrl http://example.com", () => {
    expect(() => client({ baseUrl: "http://example.com" })).toThrow(TrustHubValidationError);
  });

  it("accepts http://127.0.0.1:<port> (real request)", async () => {
    await unwrap(client({ baseUrl: server.url }).GET("/v1/CustomerProfiles"));
    expect(server.requests).toHaveLength(1);
  });

  it("accepts http://localhost:<port>", async () => {
    const { seen, fetch } = capturingFetch();
    await unwrap(client({ baseUrl: "http://localhost:4010", fetch }).GET("/v1/CustomerProfiles"));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe("http://localhost:4010/v1/CustomerProfiles");
  });

  it.each(["https://example.com", "https://proxy.internal:8443", "https://api.example.org/prefix/"])("accepts https base URL %s", async (baseUrl) => {
    const { seen, fetch } = capturingFetch();
    await unwrap(client({ baseUrl, fetch }).GET("/v1/CustomerProfiles"));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${baseUrl.replace(/\/$/, "")}/v1/CustomerProfiles`);
  });

  it("uses https://trusthub.twilio.com by default", async () => {
    const { seen, fetch } = capturingFetch();
    await unwrap(createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, env: {}, fetch }).GET("/v1/CustomerProfiles"));
    expect(seen[0]!.url).toBe("https://trusthub.twilio.com/v1/CustomerProfiles");
  });

  it("refuses baseUrl together with region or edge", () => {
    expect(() => client({ baseUrl: server.url, region: "au1" })).toThrow(TrustHubValidationError);
    expect(() => client({ baseUrl: server.url, edge: "sydney" })).toThrow(TrustHubValidationError);
  });

  it.each([
    { edge: "sydney", region: "au1", host: "https://trusthub.sydney.au1.twilio.com" },
    { edge: "dublin", region: undefined, host: "https://trusthub.dublin.us1.twilio.com" },
    { edge: undefined, region: "ie1", host: "https://trusthub.ie1.twilio.com" },
  ])("edge $edge + region $region -> $host", async ({ edge, region, host }) => {
    const { seen, fetch } = capturingFetch();
    const c = createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, env: {}, fetch, edge, region });
    await unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe(`${host}/v1/CustomerProfiles/${P}`);
    expect(seen[0]!.headers.get("authorization")).toBe(basic(SIDS.account, TOKEN));
  });

  it.each([
    { region: "evil.com/" },
    { region: "au1.evil.com" },
    { region: "au1/" },
    { region: "" },
    { edge: "sydney.evil" },
    { edge: "a@b" },
    { edge: "x:1" },
  ])("refuses bad region/edge text %j", (opts) => {
    const { seen, fetch } = capturingFetch();
    expect(() => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, env: {}, fetch, ...opts })).toThrow(
      TrustHubValidationError,
    );
    expect(seen).toHaveLength(0);
  });

  it.each([
    { name: "maxRetries -1", opts: { maxRetries: -1 } },
    { name: "timeoutMs NaN", opts: { timeoutMs: Number.NaN } },
  ])("refuses $name", ({ opts }) => {
    expect(() => client(opts)).toThrow(TrustHubValidationError);
  });
});

describe("middleware", () => {
  it("runs extra openapi-fetch middleware, in order, and the server sees its changes", async () => {
    const order: string[] = [];
    const first: Middleware = {
      onRequest({ request }) {
        order.push("first");
        request.headers.set("X-Trace", "1");
        return request;
      },
    };
    const second: Middleware = {
      onRequest({ request }) {
        order.push("second");
        request.headers.set("X-Trace-2", `${request.headers.get("X-Trace")}-2`);
        return request;
      },
      onResponse({ response }) {
        order.push(`response ${response.status}`);
        return undefined;
      },
    };
    const c = client({ middleware: [first, second] });
    await unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: P } } }));
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers["x-trace"]).toBe("1");
    expect(server.requests[0]!.headers["x-trace-2"]).toBe("1-2");
    expect(order).toEqual(["first", "second", "response 200"]);
  });

  it("middleware added with use() runs too, and eject() removes it", async () => {
    const mw: Middleware = {
      onRequest({ request }) {
        request.headers.set("X-Used", "yes");
        return request;
      },
    };
    const c = client();
    c.use(mw);
    await unwrap(c.GET("/v1/CustomerProfiles"));
    c.eject(mw);
    await unwrap(c.GET("/v1/CustomerProfiles"));
    expect(server.requests.map((r) => r.headers["x-used"])).toEqual(["yes", undefined]);
  });
});
