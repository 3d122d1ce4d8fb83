// @trusthub/mock/undici: with `setGlobalDispatcher(trusthubDispatcher(mock))`, undici's request and fetch and
// Node's global fetch (the client on its default fetch included) are answered by the in-process mock on every
// TrustHub host; a URL on any other host is refused and never reaches its server; faults and aborts reach the
// caller as undici reports them.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetch as undiciFetch, getGlobalDispatcher, request, setGlobalDispatcher, type Dispatcher } from "undici";
import { createTrustHubClient, TrustHubNetworkError, unwrap } from "@trusthub/client";
import { rejectionOf, rejectionOfType } from "@trusthub/test-support";
import { createMock, type InProcessMock } from "../src/in-process.js";
import { trusthubDispatcher } from "../src/undici.js";
import { ACCOUNT_SID, assertBuilt, AUTH, POLICY_SID } from "./helpers.js";

const client = createTrustHubClient({ accountSid: ACCOUNT_SID, authToken: "test-token", maxRetries: 0 });
const FORM = { "content-type": "application/x-www-form-urlencoded", authorization: AUTH };
let mock: InProcessMock;
let before: Dispatcher;
let local: Server;
let localUrl: string;
let localHits = 0;

beforeAll(async () => {
  assertBuilt();
  mock = await createMock({ stateful: true });
  before = getGlobalDispatcher();
  setGlobalDispatcher(trusthubDispatcher(mock));
  local = createServer((_, res) => {
    localHits++;
    res.end("not TrustHub");
  });
  await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
  localUrl = `http://127.0.0.1:${(local.address() as { port: number }).port}/v1/CustomerProfiles`;
});
beforeEach(() => mock.reset());
afterAll(async () => {
  setGlobalDispatcher(before);
  await mock?.close();
  await new Promise((resolve) => local?.close(resolve));
});

describe("trusthubDispatcher(mock) as the global dispatcher", () => {
  it("answers undici.request (form body, regional host), undici.fetch and the global fetch from one store", async () => {
    const created = await request("https://trusthub.dublin.ie1.twilio.com/v1/CustomerProfiles", {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ FriendlyName: "Acme via undici", Email: "u@acme.example", PolicySid: POLICY_SID }).toString(),
    });
    expect(created.statusCode).toBe(201);
    const { sid } = (await created.body.json()) as { sid: string };

    const viaUndiciFetch = await undiciFetch(`https://trusthub.twilio.com/v1/CustomerProfiles/${sid}`, { headers: { authorization: AUTH } });
    expect(await viaUndiciFetch.json()).toMatchObject({ sid, friendly_name: "Acme via undici" });
    const viaGlobalFetch = await fetch(`https://trusthub.twilio.com/v1/CustomerProfiles/${sid}`, { headers: { authorization: AUTH } });
    expect(await viaGlobalFetch.json()).toMatchObject({ sid });
    expect((await mock.requests()).map((r) => [new URL(r.url).host, r.operationId, r.status])).toEqual([
      ["trusthub.dublin.ie1.twilio.com", "CreateCustomerProfile", 201],
      ["trusthub.twilio.com", "FetchCustomerProfile", 200],
      ["trusthub.twilio.com", "FetchCustomerProfile", 200],
    ]);
  });

  it("answers @trusthub/client on its default fetch, Twilio errors included", async () => {
    const profile = await unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme", Email: "c@acme.example", PolicySid: POLICY_SID } }));
    expect(await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profile.sid! } } }))).toEqual(profile);
    const refused = await request("https://trusthub.twilio.com/v1/CustomerProfiles?PageSize=0", { headers: { authorization: AUTH } });
    expect([refused.statusCode, await refused.body.json()]).toEqual([400, expect.objectContaining({ code: 20001, message: expect.stringContaining("PageSize") })]);
  });

  it("refuses every other host, through each API, without sending anything", async () => {
    for (const call of [() => request(localUrl), () => undiciFetch(localUrl), () => fetch(localUrl), () => request("https://api.twilio.com/2010-04-01/Accounts.json")]) {
      const error = await rejectionOf(call());
      expect(String((error as Error).cause ?? error)).toMatch(/is not a TrustHub URL/);
    }
    expect(localHits).toBe(0);
    expect(await mock.requests()).toEqual([]);
  });

  it("a reset fault is a connection reset for undici (ECONNRESET) and a network error for the client", async () => {
    await mock.override("ListCustomerProfile", { error: "reset", times: 2 });
    expect(await rejectionOf(request("https://trusthub.twilio.com/v1/CustomerProfiles", { headers: { authorization: AUTH } }))).toMatchObject({ code: "ECONNRESET" });
    const error = await rejectionOfType(client.GET("/v1/CustomerProfiles"), TrustHubNetworkError);
    expect(error.timedOut).toBe(false);
  });

  it("an aborted request ends a held (timeout) request, and the mock keeps answering", async () => {
    await mock.override("ListCustomerProfile", { error: "timeout", times: 1 });
    const aborted = new AbortController();
    const pending = request("https://trusthub.twilio.com/v1/CustomerProfiles", { headers: { authorization: AUTH }, signal: aborted.signal });
    aborted.abort();
    expect(await rejectionOf(pending)).toMatchObject({ name: "AbortError" });
    expect((await request("https://trusthub.twilio.com/v1/CustomerProfiles", { headers: { authorization: AUTH } })).statusCode).toBe(200);
  });

  it("closing the dispatcher refuses later requests and leaves the mock open", async () => {
    const dispatcher = trusthubDispatcher(mock);
    await dispatcher.close();
    expect(await rejectionOf(request("https://trusthub.twilio.com/v1/CustomerProfiles", { dispatcher }))).toMatchObject({ message: expect.stringContaining("after close()") });
    expect((await mock.fetch("https://trusthub.twilio.com/v1/CustomerProfiles", { headers: { authorization: AUTH } })).status).toBe(200);
  });

});
