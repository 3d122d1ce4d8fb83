// What the client makes of an answer (src/client.ts, src/errors.ts, src/server-issues.ts): a body the spec
// describes is data; a Twilio error body is `error`, and unwrap() throws it as a TrustHubApiError (with the
// violations a server lists as issues); anything else (an HTML page, truncated or empty JSON, a wrong shape)
// is a TrustHubResponseError that names the call, never a SyntaxError. On a fake fetch.
import { rejectionOfType, twilioErrorBody } from "@trusthub/test-support";
import { describe, expect, it } from "vitest";
import { TrustHubApiError, TrustHubResponseError, unwrap, type TrustHubClient } from "../src/index.js";
import { operations } from "../src/generated/spec.js";
import { fakeClient, json, type Answer } from "./helpers/fake-fetch.js";
import { listPage, profile, SIDS } from "./helpers/resources.js";

const PROFILE_PATH = `/v1/CustomerProfiles/${SIDS.profile}`;
const LIST = operations["/v1/CustomerProfiles"].GET;
const html = (status: number, page: string) => new Response(page, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
const text = (status: number, body: BodyInit | null, contentType = "application/json") => new Response(body, { status, headers: { "Content-Type": contentType } });

const calls = {
  fetch: (c: TrustHubClient) => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }),
  list: (c: TrustHubClient) => c.GET("/v1/CustomerProfiles"),
  create: (c: TrustHubClient) => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "ops@example.com", PolicySid: SIDS.policy } }),
  delete: (c: TrustHubClient) =>
    c.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { CustomerProfileSid: SIDS.profile, Sid: SIDS.assignment } } }),
};
const answering = (answer: Answer) => fakeClient([answer], { maxRetries: 0 }).client;

describe("data", () => {
  it("is the parsed body of a success; a profile may lack any property (the spec requires none)", async () => {
    expect(await unwrap(calls.fetch(answering(json(200, profile()))))).toEqual(profile());
    expect(await unwrap(calls.fetch(answering(json(200, { sid: SIDS.profile }))))).toEqual({ sid: SIDS.profile });
    const page = listPage("https://trusthub.twilio.com", "/v1/CustomerProfiles", [profile()]);
    expect(await unwrap(calls.list(answering(json(200, page))))).toEqual(page);
  });

  it("is undefined for a 204, with no error", async () => {
    const { data, error, response } = await calls.delete(answering(new Response(null, { status: 204 })));
    expect([data, error, response.status]).toEqual([undefined, undefined, 204]);
  });

  it("is a body read whole from a stream", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(profile()));
    const stream = new ReadableStream({ start: (c) => (c.enqueue(bytes.slice(0, 7)), c.enqueue(bytes.slice(7)), c.close()) });
    expect(await unwrap(calls.fetch(answering(text(200, stream))))).toEqual(profile());
  });
});

describe("Twilio error bodies", () => {
  const notFound = twilioErrorBody(404, 20404, `The requested resource ${PROFILE_PATH} was not found`);

  it("are the call's `error`, with no data", async () => {
    const { data, error, response } = await calls.fetch(answering(json(404, notFound)));
    expect([data, error, response.status]).toEqual([undefined, notFound, 404]);
  });

  it("unwrap() throws as a TrustHubApiError naming the call", async () => {
    const error = await rejectionOfType(unwrap(calls.delete(answering(json(404, notFound)))), TrustHubApiError);
    expect(error).toMatchObject({ status: 404, code: 20404, moreInfo: notFound.more_info, method: "DELETE", path: `${PROFILE_PATH}/EntityAssignments/${SIDS.assignment}` });
    expect(error.issues).toEqual([]);
  });

  // As Prism 5.14.2 answers a request that breaks the spec: the violations in `sl-violations`, names lowercased.
  const violations = [
    { location: ["request", "path", "sid"], severity: "Error", code: "pattern", message: 'Request path parameter sid must match pattern "^BU[0-9a-fA-F]{32}$"' },
    { location: ["request", "query", "pagesize"], severity: "Error", code: "minimum", message: "Request query parameter pagesize must be >= 1" },
    { location: ["request", "body"], severity: "Error", code: "required", message: "Request body must have required property 'PolicySid'" },
    { location: ["request", "header", "content-type"], severity: "Error", code: "enum", message: "an unrelated header" },
    { location: ["response", "body"], severity: "Error", code: "type", message: "a response violation" },
  ];
  const prism = (header?: string) => json(422, twilioErrorBody(500, 20500), header === undefined ? {} : { "sl-violations": header });

  it("unwrap()'s error lists the request's violations a server names, with the spec's names where the operation has them", async () => {
    const fetched = await rejectionOfType(unwrap(calls.fetch(answering(prism(JSON.stringify(violations))))), TrustHubApiError);
    expect(fetched.issues).toEqual([
      { in: "path", name: "Sid", rule: "pattern" },
      { in: "query", name: "pagesize", rule: "minimum" },
      { in: "body", name: "PolicySid", rule: "required" },
    ]);
    const listed = await rejectionOfType(unwrap(calls.list(answering(prism(JSON.stringify(violations))))), TrustHubApiError);
    expect(listed.issues).toContainEqual({ in: "query", name: LIST.list.pageSizeParam, rule: "minimum" });
    for (const header of [undefined, "not json", "{}"]) {
      expect((await rejectionOfType(unwrap(calls.fetch(answering(prism(header)))), TrustHubApiError)).issues).toEqual([]);
    }
  });
});

describe("anything else is a TrustHubResponseError naming the call, its status and content type", () => {
  const PAGE = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
  it.each<[string, keyof typeof calls, Answer, number, string | null]>([
    ["an HTML error page", "create", html(502, PAGE), 502, "text/html; charset=utf-8"],
    ["an HTML page with a 200 (a proxy's login page)", "fetch", html(200, "<!doctype html><title>Sign in</title>"), 200, "text/html; charset=utf-8"],
    ["a JSON error that is no Twilio error (no code)", "fetch", json(404, { error: "not here" }), 404, "application/json"],
    ["a JSON error with a string code", "fetch", json(404, { code: "20404", message: "Not found" }), 404, "application/json"],
    ["a JSON string or number as the error", "fetch", json(404, 404), 404, "application/json"],
    ["an empty error body", "create", new Response(null, { status: 500 }), 500, null],
    ["truncated JSON", "fetch", text(200, '{"sid": "BU'), 200, "application/json"],
    ["an empty body", "fetch", text(200, ""), 200, "application/json"],
    ["an empty stream", "list", text(200, new ReadableStream({ start: (c) => c.close() })), 200, "application/json"],
    ["an empty 201", "create", text(201, ""), 201, "application/json"],
    ["an array instead of an object", "fetch", json(200, [profile()]), 200, "application/json"],
    ["null instead of an object", "fetch", json(200, null), 200, "application/json"],
    ["a number instead of an object", "fetch", json(200, 42), 200, "application/json"],
    ["a string instead of an object", "fetch", json(200, "draft"), 200, "application/json"],
    ["an array instead of a list page", "list", json(200, []), 200, "application/json"],
    ["a list page without its keys", "list", json(200, { profiles: [] }), 200, "application/json"],
    ["a redirect (never followed)", "fetch", new Response(null, { status: 307, headers: { Location: "https://elsewhere.example/" } }), 307, null],
  ])("%s", async (_, call, answer, status, contentType) => {
    const error = await rejectionOfType(calls[call](answering(answer)), TrustHubResponseError);
    const path = { fetch: PROFILE_PATH, list: "/v1/CustomerProfiles", create: "/v1/CustomerProfiles", delete: "" }[call];
    expect(error).toMatchObject({ status, contentType, method: call === "create" ? "POST" : "GET", path });
    // The page itself is not copied into the message.
    expect(error.message).not.toContain("<");
  });

  it("names the keys a list page lacks", async () => {
    const error = await rejectionOfType(calls.list(answering(json(200, { [LIST.list.itemsKey]: [] }))), TrustHubResponseError);
    const missing = LIST.list.nextPageUrl[0]!;
    expect(error.message).toContain(missing);
    expect(error.message).not.toContain(LIST.list.itemsKey);
  });

  it("a redirect whose body is a Twilio error object is still a redirect, not an API error", async () => {
    const moved = json(307, twilioErrorBody(307, 20001), { Location: "https://elsewhere.example/" });
    await rejectionOfType(calls.fetch(answering(moved)), TrustHubResponseError);
  });
});
