// Validation problems as data: TrustHubValidationError.issues (one per problem, the rule and what it
// expects, never the value) for requests and options, and TrustHubApiError.issues from the violations a
// server lists (Prism's `sl-violations` header, as Prism 5.14 writes it), with the spec's names.
import { rejectionOfType } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTrustHubClient,
  TrustHubApiError,
  TrustHubValidationError,
  unwrap,
  type TrustHubClient,
  type TrustHubClientOptions,
  type ValidationIssue,
} from "../src/index.js";
import { operations } from "../src/generated/spec.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";
import { SIDS } from "./helpers/resources.js";

const TOKEN = "issues-test-auth-token-9c2d";
// Values that must never come back in an issue.
const SECRET_VALUE = "Zq9-private-value-0b7e";

let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(async () => {
  await server.close();
});

function client(extra: TrustHubClientOptions = {}): TrustHubClient {
  return createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: server.url, maxRetries: 0, env: {}, ...extra });
}

const create = operations["/v1/CustomerProfiles"].POST;
const list = operations["/v1/CustomerProfiles"].GET;
const fetchOne = operations["/v1/CustomerProfiles/{Sid}"].GET;

describe("TrustHubValidationError.issues for a request", () => {
  it("has one issue per problem, each with the rule and the spec's expectation, and the message as before", async () => {
    const error = await rejectionOfType(
      client().POST("/v1/CustomerProfiles", {
        body: { FriendlyName: "Acme", PolicySid: SECRET_VALUE, Colour: SECRET_VALUE } as never,
      }),
      TrustHubValidationError,
    );
    const missing = create.body.required.filter((name) => name !== "FriendlyName" && name !== "PolicySid");
    expect(error.issues).toEqual(
      expect.arrayContaining([
        ...missing.map((name) => ({ in: "body", name, rule: "required" })),
        { in: "body", name: "PolicySid", rule: "pattern", expected: create.body.properties.PolicySid.pattern },
        { in: "body", name: "Colour", rule: "additionalProperties", expected: Object.keys(create.body.properties) },
      ]),
    );
    expect(error.issues).toHaveLength(missing.length + 2);
    // The message lists the same problems, in words.
    expect(error.message).toMatch(/^Invalid POST \/v1\/CustomerProfiles request: /);
    for (const { name } of error.issues) expect(error.message).toContain(`"${name}"`);
    expect(JSON.stringify(error.issues)).not.toContain(SECRET_VALUE);
    expect(server.requests).toHaveLength(0);
  });

  it("names path and query parameters with the keyword they break", async () => {
    const pageSize = list.query.PageSize;
    const error = await rejectionOfType(
      client().GET("/v1/CustomerProfiles", { params: { query: { Status: SECRET_VALUE as never, PageSize: pageSize.maximum + 1 } } }),
      TrustHubValidationError,
    );
    expect(error.issues).toEqual([
      { in: "query", name: "Status", rule: "enum", expected: list.query.Status.enum },
      { in: "query", name: "PageSize", rule: "maximum", expected: pageSize.maximum },
    ]);
    const path = await rejectionOfType(
      client().GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: "BU123" as never } } }),
      TrustHubValidationError,
    );
    expect(path.issues).toEqual([{ in: "path", name: "Sid", rule: "pattern", expected: fetchOne.path.Sid.pattern }]);
  });

  it("describes a body that is missing, not an object, or not taken, and a path that is no operation", async () => {
    const c = client();
    const issuesOf = async (call: () => Promise<unknown>) => (await rejectionOfType(call, TrustHubValidationError)).issues;
    // No body is an empty form: each required field is named.
    expect(await issuesOf(() => c.POST("/v1/CustomerProfiles", {} as never))).toEqual(
      operations["/v1/CustomerProfiles"].POST.body.required.map((name) => ({ in: "body", name, rule: "required" })),
    );
    expect(await issuesOf(() => c.POST("/v1/CustomerProfiles", { body: "x" as never }))).toEqual([
      { in: "body", name: "", rule: "type", expected: "object" },
    ]);
    expect(await issuesOf(() => c.GET("/v1/CustomerProfiles", { body: {} } as never))).toEqual([
      { in: "body", name: "", rule: "additionalProperties", expected: [] },
    ]);
    expect(await issuesOf(() => c.GET("/v1/Nothing" as never))).toEqual([{ in: "path", name: "", rule: "operation" }]);
  });

  it("names a path parameter that would move the request, even with validation off", async () => {
    const error = await rejectionOfType(
      client({ validate: false }).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: ".." as never } } }),
      TrustHubValidationError,
    );
    expect(error.issues).toEqual([{ in: "path", name: "Sid", rule: "segment" }]);
  });
});

describe("TrustHubValidationError.issues for options", () => {
  const issuesOf = (options: TrustHubClientOptions): readonly ValidationIssue[] => {
    try {
      createTrustHubClient({ env: {}, ...options });
    } catch (error) {
      expect(error).toBeInstanceOf(TrustHubValidationError);
      return (error as TrustHubValidationError).issues;
    }
    throw new Error("createTrustHubClient accepted the options");
  };
  const creds = { accountSid: SIDS.account, authToken: TOKEN };

  it.each<[string, TrustHubClientOptions, Partial<ValidationIssue>]>([
    ["a negative retry count", { ...creds, maxRetries: -1 }, { name: "maxRetries", rule: "minimum", expected: 0 }],
    ["a zero timeout", { ...creds, timeoutMs: 0 }, { name: "timeoutMs", rule: "exclusiveMinimum", expected: 0 }],
    ["a retry option, named with its prefix", { ...creds, retry: { maxDelayMs: -1 } }, { name: "retry.maxDelayMs", rule: "minimum", expected: 0 }],
    ["a malformed region", { ...creds, region: "IE 1" }, { name: "region", rule: "pattern" }],
    ["baseUrl with a region", { ...creds, region: "ie1", baseUrl: "https://example.com" }, { name: "baseUrl", rule: "conflict" }],
    ["a relative baseUrl", { ...creds, baseUrl: "/v1" }, { name: "baseUrl", rule: "format" }],
    ["an http baseUrl", { ...creds, baseUrl: "http://example.com" }, { name: "baseUrl", rule: "protocol" }],
    ["a malformed Account SID", { accountSid: SECRET_VALUE, authToken: TOKEN }, { name: "accountSid", rule: "pattern" }],
    ["an API key without its secret", { apiKeySid: SIDS.apiKey }, { name: "apiKeySecret", rule: "required" }],
    ["a user agent with a line break", { ...creds, userAgent: "a\r\nb" }, { name: "userAgent", rule: "pattern" }],
  ])("%s", (_, options, expected) => {
    const issues = issuesOf(options);
    expect(issues).toEqual([expect.objectContaining({ in: "option", ...expected })]);
    expect(JSON.stringify(issues)).not.toContain(SECRET_VALUE);
  });

  it("names each missing credential", () => {
    expect(issuesOf({ accountSid: SIDS.account })).toEqual([{ in: "option", name: "authToken", rule: "required" }]);
    expect(issuesOf({}).map(({ name }) => name)).toEqual(["accountSid", "authToken"]);
  });
});

describe("TrustHubApiError.issues", () => {
  // As Prism 5.14.2 answers a request that breaks the spec when the spec has its own error response: that
  // response's example, with the violations in `sl-violations` (parameter names lowercased).
  const violations = [
    { location: ["request", "path", "sid"], severity: "Error", code: "pattern", message: 'Request path parameter sid must match pattern "^BU[0-9a-fA-F]{32}$"' },
    { location: ["request", "query", "pagesize"], severity: "Error", code: "minimum", message: "Request query parameter pagesize must be >= 1" },
    { location: ["request", "body"], severity: "Error", code: "required", message: "Request body must have required property 'PolicySid'" },
    { location: ["request", "header", "content-type"], severity: "Error", code: "enum", message: "an unrelated header" },
    { location: ["response", "body"], severity: "Error", code: "type", message: "a response violation" },
  ];
  const prismAnswer = (header: string) => () => ({
    status: 422,
    headers: { "sl-violations": header },
    body: { code: 20500, message: "An internal server error has occurred", more_info: "https://www.twilio.com/docs/errors/20500", status: 500 },
  });

  it("lists the request's violations the server named, with the spec's names", async () => {
    server.setHandler(prismAnswer(JSON.stringify(violations)));
    const c = client({ validate: false });
    const fetched = await rejectionOfType(unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } })), TrustHubApiError);
    expect(fetched.status).toBe(422);
    expect(fetched.issues).toEqual([
      { in: "path", name: "Sid", rule: "pattern" },
      { in: "query", name: "pagesize", rule: "minimum" },
      { in: "body", name: "PolicySid", rule: "required" },
    ]);
    const listed = await rejectionOfType(unwrap(c.GET("/v1/CustomerProfiles", { params: { query: { PageSize: 1 } } })), TrustHubApiError);
    expect(listed.issues).toContainEqual({ in: "query", name: "PageSize", rule: "minimum" });
  });

  it("is empty when the server lists nothing, or not as JSON", async () => {
    const c = client();
    for (const header of [undefined, "not json", "{}"]) {
      server.setHandler(() => ({ ...prismAnswer("")(), headers: header === undefined ? ({} as Record<string, string>) : { "sl-violations": header } }));
      const error = await rejectionOfType(unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } })), TrustHubApiError);
      expect(error.issues).toEqual([]);
    }
  });
});
