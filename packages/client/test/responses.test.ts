// Bad responses (HTML error pages, truncated or empty JSON, wrong shapes) give a clear, typed error, never an
// uncaught SyntaxError/TypeError; a proper Twilio error body gives `{ error }` and unwrap() a TrustHubApiError.
import { rejectionOfType, twilioErrorBody } from "@trusthub/test-support";
import { describe, expect, it } from "vitest";
import {
  TrustHubApiError,
  TrustHubNetworkError,
  TrustHubResponseError,
  unwrap,
  type TrustHubClient,
} from "../src/index.js";
import { html, json, respond, useFaultServer, twilioError } from "./helpers/fault-server.js";
import { profile, SIDS } from "./helpers/resources.js";

const PROFILE_PATH = `/v1/CustomerProfiles/${SIDS.profile}`;
const CREATE_BODY = { FriendlyName: "Acme Inc", Email: "ops@acme.example", PolicySid: SIDS.policy };
const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };

const PROFILE = profile(SIDS.profile, { friendly_name: "Acme Inc", email: "ops@acme.example" });
const BAD_GATEWAY_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";

const setup = useFaultServer(SIDS.account);

const fetchProfile = (client: TrustHubClient) => client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } });
const listProfiles = (client: TrustHubClient) => client.GET("/v1/CustomerProfiles", {});
const createProfile = (client: TrustHubClient) => client.POST("/v1/CustomerProfiles", { body: CREATE_BODY });

describe("HTML error pages", () => {
  it("GET: a text/html 502 on every attempt rejects, after the retries, with TrustHubResponseError", async () => {
    const { server, client } = await setup([], { maxRetries: 2 }, html(502, BAD_GATEWAY_PAGE));
    const error = await rejectionOfType(fetchProfile(client), TrustHubResponseError);
    expect(error.status).toBe(502);
    expect(error.contentType).toMatch(/^text\/html/);
    expect(error.message).toMatch(/not a Twilio error/);
    expect(error.message).not.toContain("<html>"); // the page itself is not dumped into the message
    expect(error.method).toBe("GET");
    expect(error.path).toBe(PROFILE_PATH);
    expect(server.requests).toHaveLength(3);
  });

  it("POST: a text/html 502 rejects at once with TrustHubResponseError (no retry)", async () => {
    const { server, client } = await setup([html(502, BAD_GATEWAY_PAGE)], {}, json(201, PROFILE));
    const error = await rejectionOfType(createProfile(client), TrustHubResponseError);
    expect(error.status).toBe(502);
    expect(error.contentType).toMatch(/^text\/html/);
    expect(error.message).toMatch(/not a Twilio error/);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/v1/CustomerProfiles");
    expect(server.requests).toHaveLength(1);
  });

  it("a 200 with an HTML page (e.g. a proxy's login page) rejects with TrustHubResponseError: invalid JSON", async () => {
    const { client } = await setup([html(200, "<!doctype html><title>Sign in</title>")]);
    const error = await rejectionOfType(fetchProfile(client), TrustHubResponseError);
    expect(error.status).toBe(200);
    expect(error.contentType).toMatch(/^text\/html/);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it.each([
    ["an object without code/message", { error: "not here" }],
    ["an object with a string code", { code: "20404", message: "Not found" }],
    ["a JSON string", "not here"],
    ["a JSON number", 404],
  ])("a 404 whose non-empty JSON body is %s rejects with TrustHubResponseError: not a Twilio error", async (_, value) => {
    const { client } = await setup([json(404, value)]);
    const error = await rejectionOfType(fetchProfile(client), TrustHubResponseError);
    expect(error.status).toBe(404);
    expect(error.contentType).toMatch(/^application\/json/);
    expect(error.message).toMatch(/not a Twilio error/);
    expect(error.message).not.toMatch(/empty/); // the body was not empty
  });

  it("a 500 with an empty body on POST rejects with TrustHubResponseError: empty error body", async () => {
    const { client } = await setup([respond(500, "")]);
    const error = await rejectionOfType(createProfile(client), TrustHubResponseError);
    expect(error.status).toBe(500);
    expect(error.message).toMatch(/empty error body/);
  });
});

describe("truncated and empty bodies", () => {
  it("truncated JSON on a 200 (short Content-Length, connection closed properly) rejects: invalid JSON", async () => {
    const { server, client } = await setup([respond(200, '{"sid": "BU', { "Content-Type": "application/json" })], {}, json(200, PROFILE));
    const error = await rejectionOfType(fetchProfile(client), TrustHubResponseError);
    expect(error.status).toBe(200);
    expect(error.contentType).toBe("application/json");
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.method).toBe("GET");
    expect(error.path).toBe(PROFILE_PATH);
    expect(server.requests).toHaveLength(1); // a complete HTTP response: nothing to retry
  });

  it("truncated JSON on a 201 of a POST rejects: invalid JSON", async () => {
    const { client } = await setup([respond(201, '{"sid": "BU', JSON_TYPE)]);
    const error = await rejectionOfType(createProfile(client), TrustHubResponseError);
    expect(error.status).toBe(201);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it("an empty 200 (Content-Length: 0) rejects: empty body", async () => {
    const { server, client } = await setup([respond(200, "", JSON_TYPE)]);
    const error = await rejectionOfType(fetchProfile(client), TrustHubResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/empty body/);
    expect(server.requests).toHaveLength(1);
  });

  it("an empty chunked 200 (no data chunks) rejects: empty body", async () => {
    const { client } = await setup([respond(200, "", JSON_TYPE, { chunked: true })]);
    const error = await rejectionOfType(fetchProfile(client), TrustHubResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/empty body/);
  });

  it("an empty 200 on a list rejects: empty body", async () => {
    const { client } = await setup([respond(200, "", JSON_TYPE, { chunked: true })]);
    const error = await rejectionOfType(listProfiles(client), TrustHubResponseError);
    expect(error.message).toMatch(/empty body/);
    expect(error.path).toBe("/v1/CustomerProfiles");
  });

  it("an empty 201 on a create rejects: empty body", async () => {
    const { client } = await setup([respond(201, "", JSON_TYPE)]);
    const error = await rejectionOfType(createProfile(client), TrustHubResponseError);
    expect(error.status).toBe(201);
    expect(error.message).toMatch(/empty body/);
  });

  it("a complete chunked JSON body still works", async () => {
    const { client } = await setup([respond(200, JSON.stringify(PROFILE), JSON_TYPE, { chunked: true })]);
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
  });

  it("a body that a broken connection cuts off is a TrustHubNetworkError, never a SyntaxError", async () => {
    const body = JSON.stringify(PROFILE);
    const { client } = await setup([], { maxRetries: 1 }, { kind: "truncate", status: 200, headers: JSON_TYPE, body, sendBytes: 11 });
    const error = await rejectionOfType(fetchProfile(client), TrustHubNetworkError);
    expect(error.attempts).toBe(2);
  });
});

describe("JSON of the wrong shape", () => {
  it("a list page without meta names meta", async () => {
    const { client } = await setup([json(200, { results: [] })]);
    const error = await rejectionOfType(listProfiles(client), TrustHubResponseError);
    expect(error.message).toMatch(/lacks meta/);
    expect(error.message).not.toMatch(/results/);
  });

  it("a list page without results and meta names both", async () => {
    const { client } = await setup([json(200, { profiles: [] })]);
    const error = await rejectionOfType(listProfiles(client), TrustHubResponseError);
    expect(error.message).toMatch(/lacks results, meta/);
  });

  it("a profile without status is returned: the spec requires none of its properties", async () => {
    const { client } = await setup([json(200, { sid: SIDS.profile })]);
    const { data, error } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(data).toEqual({ sid: SIDS.profile });
  });

  it.each([
    ["an array", [PROFILE]],
    ["a number", 42],
    ["a string", "draft"],
    ["null", null],
  ])("%s instead of an object rejects: not a JSON object", async (_, value) => {
    const { client } = await setup([json(200, value)]);
    const error = await rejectionOfType(fetchProfile(client), TrustHubResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/not a JSON object/);
  });

  it("an array instead of a list page rejects: not a JSON object", async () => {
    const { client } = await setup([json(200, [])]);
    const error = await rejectionOfType(listProfiles(client), TrustHubResponseError);
    expect(error.message).toMatch(/not a JSON object/);
  });

  it("a well-formed list page is returned as data", async () => {
    const page = {
      results: [PROFILE],
      meta: { page: 0, page_size: 50, first_page_url: null, previous_page_url: null, next_page_url: null, url: null, key: "results" },
    };
    const { client } = await setup([json(200, page)]);
    const { data, error } = await listProfiles(client);
    expect(error).toBeUndefined();
    expect(data?.results).toHaveLength(1);
    expect(data?.meta.next_page_url).toBeNull();
  });
});

describe("Twilio error bodies", () => {
  const notFound = twilioErrorBody(404, 20404, `The requested resource ${PROFILE_PATH} was not found`);

  it("a 404 with a Twilio error returns { error } with the code, and is not retried", async () => {
    const { server, client } = await setup([json(404, notFound)], {}, json(200, PROFILE));
    const { data, error, response } = await fetchProfile(client);
    expect(response.status).toBe(404);
    expect(data).toBeUndefined();
    expect(error?.code).toBe(20404);
    expect(error?.message).toBe(notFound.message);
    expect(error?.more_info).toBe("https://www.twilio.com/docs/errors/20404");
    expect(server.requests).toHaveLength(1);
  });

  it("unwrap() throws TrustHubApiError with status, code, message, moreInfo, method and path", async () => {
    const { client } = await setup([json(404, notFound)]);
    const error = await rejectionOfType(unwrap(fetchProfile(client)), TrustHubApiError);
    expect(error.status).toBe(404);
    expect(error.code).toBe(20404);
    expect(error.moreInfo).toBe("https://www.twilio.com/docs/errors/20404");
    expect(error.message).toContain(notFound.message);
    expect(error.message).toContain("20404");
    expect(error.method).toBe("GET");
    expect(error.path).toBe(PROFILE_PATH);
    expect(error.name).toBe("TrustHubApiError");
  });

  it("unwrap() of a nested resource names the DELETE and its path", async () => {
    const path = `/v1/CustomerProfiles/${SIDS.profile}/EntityAssignments/${SIDS.assignment}`;
    const { client } = await setup([twilioError(404, 20404)]);
    const error = await rejectionOfType(
      unwrap(
        client.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
          params: { path: { CustomerProfileSid: SIDS.profile, Sid: SIDS.assignment } },
        }),
      ),
      TrustHubApiError,
    );
    expect(error.status).toBe(404);
    expect(error.code).toBe(20404);
    expect(error.method).toBe("DELETE");
    expect(error.path).toBe(path);
  });

  it("unwrap() returns data on success", async () => {
    const { client } = await setup([json(200, PROFILE)]);
    const data = await unwrap(fetchProfile(client));
    expect(data.sid).toBe(SIDS.profile);
  });
});

describe("204 No Content", () => {
  it("DELETE: 204 gives data undefined and no error", async () => {
    const { server, client } = await setup([respond(204)]);
    const { data, error, response } = await client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } });
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
    expect(error).toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([`DELETE ${PROFILE_PATH}`]);
  });

  it("unwrap() of a 204 DELETE resolves to undefined", async () => {
    const { client } = await setup([respond(204)]);
    await expect(unwrap(client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }))).resolves.toBeUndefined();
  });
});
