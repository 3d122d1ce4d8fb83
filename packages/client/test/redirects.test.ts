// Redirects are never followed: a 3xx fails the call with a TrustHubResponseError, so the credentials and a
// POST's form body never reach another URL, and a POST is never turned into a GET whose answer looks like
// success. Two real node:http servers on loopback: the API and the place it redirects to.
import { rejectionOfType } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTrustHubClient, TrustHubResponseError, type TrustHubClient } from "../src/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";
import { SIDS } from "./helpers/resources.js";

let api: RecordingServer;
let elsewhere: RecordingServer;
beforeEach(async () => {
  [api, elsewhere] = await Promise.all([startRecordingServer(), startRecordingServer()]);
});
afterEach(() => Promise.all([api.close(), elsewhere.close()]));

const client = (): TrustHubClient =>
  createTrustHubClient({ accountSid: SIDS.account, authToken: "redirect-test-token", baseUrl: api.url, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
const PROFILE = `/v1/CustomerProfiles/${SIDS.profile}`;
const update = (c: TrustHubClient) =>
  c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, body: { FriendlyName: "Acme", Status: "pending-review" } });
const fetchProfile = (c: TrustHubClient) => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } });

describe.each([301, 302, 303, 307, 308])("a %i answer", (status) => {
  it("to another origin fails a POST with a TrustHubResponseError; nothing reaches the other origin", async () => {
    api.setHandler(() => ({ status, headers: { Location: `${elsewhere.url}${PROFILE}` } }));
    const error = await rejectionOfType(update(client()), TrustHubResponseError);
    expect(error).toMatchObject({ status, method: "POST", path: PROFILE });
    expect(error.message).toContain("redirect not followed");
    expect(api.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("on the same origin fails a GET too, without a retry", async () => {
    api.setHandler((req) => (req.path === PROFILE ? { status, headers: { Location: "/v1/CustomerProfiles/elsewhere" } } : { status: 200, body: {} }));
    const error = await rejectionOfType(fetchProfile(client()), TrustHubResponseError);
    expect(error).toMatchObject({ status, method: "GET" });
    expect(api.requests.map((r) => r.path)).toEqual([PROFILE]);
  });
});

it("a redirect whose body is a Twilio error object is still a redirect, not an API error", async () => {
  api.setHandler(() => ({
    status: 307,
    headers: { Location: `${elsewhere.url}${PROFILE}` },
    body: { code: 20001, message: "moved", more_info: "https://www.twilio.com/docs/errors/20001", status: 307 },
  }));
  await rejectionOfType(fetchProfile(client()), TrustHubResponseError);
  expect(elsewhere.requests).toHaveLength(0);
});

it("a middleware that replaces the request (a new Request defaults to redirect: \"follow\") does not make the client follow", async () => {
  api.setHandler(() => ({ status: 308, headers: { Location: `${elsewhere.url}${PROFILE}` } }));
  const c = createTrustHubClient({
    accountSid: SIDS.account,
    authToken: "redirect-test-token",
    baseUrl: api.url,
    env: {},
    middleware: [{ onRequest: ({ request }) => new Request(request.url, { method: request.method, headers: request.headers, body: null }) }],
  });
  await rejectionOfType(fetchProfile(c), TrustHubResponseError);
  expect(elsewhere.requests).toHaveLength(0);
});

it("a custom fetch gets a Request that says redirect: \"manual\"", async () => {
  const seen: Request[] = [];
  const c = createTrustHubClient({
    accountSid: SIDS.account,
    authToken: "redirect-test-token",
    baseUrl: api.url,
    env: {},
    fetch: (request) => (seen.push(request), fetch(request)),
  });
  await fetchProfile(c);
  expect(seen.map((r) => r.redirect)).toEqual(["manual"]);
});
