// @trusthub/mock/msw: with `setupServer(...trusthubHandlers(mock))`, what calls the API through the global fetch
// or node:http/https (the client on its default fetch, axios, got) is answered by the in-process mock, on every TrustHub host;
// faults reach the caller as network errors; other URLs are left alone. (MSW patches node:https at listen(), so
// the test calls https.get at call time, not a binding imported before.)
import { createServer, type Server } from "node:http";
import https from "node:https";
import axios from "axios";
import got from "got";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTrustHubClient, TrustHubNetworkError, unwrap } from "@trusthub/client";
import { rejectionOfType } from "@trusthub/test-support";
import { createMock, type InProcessMock } from "../src/in-process.js";
import { trusthubHandlers } from "../src/msw.js";
import { ACCOUNT_SID, assertBuilt, AUTH, POLICY_SID } from "./helpers.js";

// Made before server.listen(): the client reads the global fetch at each request, so MSW still answers it.
const client = createTrustHubClient({ accountSid: ACCOUNT_SID, authToken: "test-token", maxRetries: 0 });
let mock: InProcessMock;
let server: ReturnType<typeof setupServer>;
let local: Server;
let localUrl: string;

beforeAll(async () => {
  assertBuilt();
  mock = await createMock({ stateful: true });
  server = setupServer(...trusthubHandlers(mock));
  // Anything MSW does not handle, apart from this suite's own loopback server, fails the test.
  server.listen({ onUnhandledRequest: (request, print) => (new URL(request.url).hostname === "127.0.0.1" ? undefined : print.error()) });
  local = createServer((_, res) => res.writeHead(200, { "content-type": "text/plain" }).end("not TrustHub"));
  await new Promise<void>((resolve) => local.listen(0, "127.0.0.1", resolve));
  localUrl = `http://127.0.0.1:${(local.address() as { port: number }).port}/v1/CustomerProfiles`;
});
beforeEach(() => mock.reset());
afterAll(async () => {
  server?.close();
  await mock?.close();
  await new Promise((resolve) => local?.close(resolve));
});

describe("trusthubHandlers(mock)", () => {
  it("answers @trusthub/client on its default fetch (made before server.listen()), from the store", async () => {
    const profile = await unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "Acme via MSW", Email: "m@acme.example", PolicySid: POLICY_SID } }));
    const fetched = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profile.sid! } } }));
    expect(fetched).toEqual(profile);
    expect((await mock.requests()).map((r) => [r.operationId, r.status])).toEqual([
      ["CreateCustomerProfile", 201],
      ["FetchCustomerProfile", 200],
    ]);
  });

  it("answers the global fetch on a regional host, and node:https", async () => {
    const response = await fetch("https://trusthub.dublin.ie1.twilio.com/v1/CustomerProfiles?PageSize=0", { headers: { authorization: AUTH } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 20001, message: expect.stringContaining("PageSize") });

    const viaHttps = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      https.get("https://trusthub.twilio.com/v1/CustomerProfiles", { headers: { authorization: AUTH } }, (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      }).on("error", reject);
    });
    expect(viaHttps.status).toBe(200);
    expect(JSON.parse(viaHttps.body)).toMatchObject({ results: [], meta: { key: "results" } });
    expect((await mock.requests()).map((r) => new URL(r.url).host)).toEqual(["trusthub.dublin.ie1.twilio.com", "trusthub.twilio.com"]);
  });

  it("answers axios and got (clients on node:http/https), form bodies included", async () => {
    const form = new URLSearchParams({ FriendlyName: "Acme via axios", Email: "a@acme.example", PolicySid: POLICY_SID });
    const created = await axios.post("https://trusthub.twilio.com/v1/CustomerProfiles", form, { headers: { authorization: AUTH } });
    expect(created.status).toBe(201);
    const fetched = await got(`https://trusthub.twilio.com/v1/CustomerProfiles/${created.data.sid}`, { headers: { authorization: AUTH } }).json();
    expect(fetched).toEqual(created.data);
    expect((await mock.requests()).map((r) => [r.operationId, r.status])).toEqual([
      ["CreateCustomerProfile", 201],
      ["FetchCustomerProfile", 200],
    ]);
  });

  it("turns a reset fault into a network error for the caller", async () => {
    await mock.override("ListCustomerProfile", { error: "reset", times: 1 });
    await expect(fetch("https://trusthub.twilio.com/v1/CustomerProfiles", { headers: { authorization: AUTH } })).rejects.toThrow(TypeError);
    await mock.override("ListCustomerProfile", { error: "reset", times: 1 });
    const error = await rejectionOfType(client.GET("/v1/CustomerProfiles"), TrustHubNetworkError);
    expect(error.timedOut).toBe(false);
  });

  it("leaves URLs that are not TrustHub's alone", async () => {
    const response = await fetch(localUrl);
    expect(await response.text()).toBe("not TrustHub");
    expect(await mock.requests()).toEqual([]);
  });
});
