// Retries, backoff, Retry-After, timeouts and cancellation, against a real (scripted) HTTP server.
import { describe, expect, it } from "vitest";
import { rejectionOf, rejectionOfType } from "@trusthub/test-support";
import { TrustHubNetworkError, type TrustHubClient } from "../src/index.js";
import {
  delayed,
  hang,
  json,
  reset,
  respond,
  useFaultServer,
  twilioError,
  type Behaviour,
  type FaultServer
} from "./helpers/fault-server.js";
import { profile, SIDS } from "./helpers/resources.js";

const PROFILE_PATH = `/v1/CustomerProfiles/${SIDS.profile}`;
const CREATE_BODY = { FriendlyName: "Acme Inc", Email: "ops@acme.example", PolicySid: SIDS.policy };

const PROFILE = profile(SIDS.profile, {
  friendly_name: "Acme Inc",
  email: "ops@acme.example",
  url: `https://trusthub.twilio.com${PROFILE_PATH}`,
});
const ok = (): Behaviour => json(200, PROFILE);
const created = (): Behaviour => json(201, PROFILE);
const noContent = (): Behaviour => respond(204);
const rateLimited = (retryAfter?: string): Behaviour =>
  twilioError(429, 20429, retryAfter === undefined ? {} : { "Retry-After": retryAfter }, "Too Many Requests");

const setup = useFaultServer(SIDS.account);

const fetchProfile = (client: TrustHubClient, init: { signal?: AbortSignal } = {}) =>
  client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, ...init });
const deleteProfile = (client: TrustHubClient) => client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } });
const createProfile = (client: TrustHubClient) => client.POST("/v1/CustomerProfiles", { body: CREATE_BODY });

/** The rejection of `promise`, which must be a TrustHubNetworkError. */
const networkError = (promise: Promise<unknown>) => rejectionOfType(promise, TrustHubNetworkError);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const methods = (s: FaultServer) => s.requests.map((r) => `${r.method} ${r.url}`);

describe("429 Too Many Requests is retried for every method (the request was not processed)", () => {
  it("GET: 429, 429, 200 ends in data after three requests", async () => {
    const { server, client } = await setup([rateLimited(), rateLimited(), ok()]);
    const { data, error, response } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(response.status).toBe(200);
    expect(data?.sid).toBe(SIDS.profile);
    expect(methods(server)).toEqual(Array(3).fill(`GET ${PROFILE_PATH}`));
  });

  it("POST: 429 then 201, and the retry resends the identical form body", async () => {
    const { server, client } = await setup([rateLimited(), created()]);
    const { data, error, response } = await createProfile(client);
    expect(error).toBeUndefined();
    expect(response.status).toBe(201);
    expect(data?.status).toBe("draft");
    expect(methods(server)).toEqual(["POST /v1/CustomerProfiles", "POST /v1/CustomerProfiles"]);
    const [first, second] = server.requests;
    const expected = new URLSearchParams(CREATE_BODY).toString();
    expect(first?.body).toBe(expected);
    expect(second?.body).toBe(first?.body);
    for (const request of server.requests) {
      expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(request.headers["content-length"]).toBe(String(Buffer.byteLength(expected)));
      expect(request.headers.authorization).toBe(`Basic ${btoa(`${SIDS.account}:test-auth-token`)}`);
    }
  });

  it("DELETE: 429 then 204", async () => {
    const { server, client } = await setup([rateLimited(), noContent()]);
    const { data, error, response } = await deleteProfile(client);
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
    expect(methods(server)).toEqual([`DELETE ${PROFILE_PATH}`, `DELETE ${PROFILE_PATH}`]);
  });
});

describe("5xx is retried for idempotent methods only", () => {
  it("GET: 500, 502, 503, then 200 ends in data after four requests", async () => {
    const { server, client } = await setup([twilioError(500, 20500), twilioError(502, 20502), twilioError(503, 20503), ok()]);
    const { data, error } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(4);
  });

  it("DELETE: 500, 502, 503, then 204 succeeds after four requests", async () => {
    const { server, client } = await setup([twilioError(500, 20500), twilioError(502, 20502), twilioError(503, 20503), noContent()]);
    const { data, error, response } = await deleteProfile(client);
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
    expect(data).toBeUndefined();
    expect(methods(server)).toEqual(Array(4).fill(`DELETE ${PROFILE_PATH}`));
  });

  it.each([500, 502, 503])("POST: %i is not retried; exactly one request, the error is returned", async (status) => {
    const { server, client } = await setup([twilioError(status, 20000 + status)], {}, created());
    const { data, error, response } = await createProfile(client);
    expect(response.status).toBe(status);
    expect(data).toBeUndefined();
    expect(error?.code).toBe(20000 + status);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.method).toBe("POST");
  });

  it("POST update (same path as a GET) is not retried on 503 either", async () => {
    const { server, client } = await setup([twilioError(503, 20503)], {}, ok());
    const { error, response } = await client.POST("/v1/CustomerProfiles/{Sid}", {
      params: { path: { Sid: SIDS.profile } },
      body: { FriendlyName: "Renamed" },
    });
    expect(response.status).toBe(503);
    expect(error?.code).toBe(20503);
    expect(server.requests).toHaveLength(1);
  });
});

describe("network failures", () => {
  it("GET: connection resets are retried, then the answer is returned", async () => {
    const { server, client } = await setup([reset(), reset(), ok()]);
    const { data, error } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(3);
  });

  it("DELETE: a connection reset is retried", async () => {
    const { server, client } = await setup([reset(), noContent()]);
    const { error, response } = await deleteProfile(client);
    expect(response.status).toBe(204);
    expect(error).toBeUndefined();
    expect(server.requests).toHaveLength(2);
  });

  it("POST: a connection reset is not retried; rejects with TrustHubNetworkError after 1 attempt", async () => {
    const { server, client } = await setup([reset()], {}, created());
    const error = await networkError(createProfile(client));
    expect(error.attempts).toBe(1);
    expect(error.timedOut).toBe(false);
    expect(error.method).toBe("POST");
    expect(error.path).toBe("/v1/CustomerProfiles");
    expect(error.message).toContain("after 1 attempt");
    expect(error.cause).toBeDefined();
    expect(server.requests).toHaveLength(1);
  });

  it("GET: resets on every attempt reject with TrustHubNetworkError after maxRetries + 1 attempts", async () => {
    const { server, client } = await setup([], { maxRetries: 2 }, reset());
    const error = await networkError(fetchProfile(client));
    expect(error.attempts).toBe(3);
    expect(error.timedOut).toBe(false);
    expect(error.method).toBe("GET");
    expect(error.path).toBe(PROFILE_PATH);
    expect(server.requests).toHaveLength(3);
  });

  it("GET: a body cut off mid-stream (connection closed) is retried", async () => {
    const body = JSON.stringify(PROFILE);
    const { server, client } = await setup([
      { kind: "truncate", status: 200, headers: { "Content-Type": "application/json" }, body, sendBytes: 10 },
      ok(),
    ]);
    const { data, error } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(2);
  });

  it("POST: a body cut off mid-stream is not retried (the request was processed)", async () => {
    const body = JSON.stringify(PROFILE);
    const { server, client } = await setup(
      [{ kind: "truncate", status: 201, headers: { "Content-Type": "application/json" }, body, sendBytes: 10 }],
      {},
      created(),
    );
    const error = await networkError(createProfile(client));
    expect(error.attempts).toBe(1);
    expect(error.timedOut).toBe(false);
    expect(server.requests).toHaveLength(1);
  });
});

describe("maxRetries", () => {
  it("defaults to 3: four attempts, then the last response is returned", async () => {
    const { server, client } = await setup([], {}, twilioError(503, 20503));
    const { data, error, response } = await fetchProfile(client);
    expect(response.status).toBe(503);
    expect(data).toBeUndefined();
    expect(error?.code).toBe(20503);
    expect(error?.status).toBe(503);
    expect(server.requests).toHaveLength(4);
  });

  it("the default also bounds 429 retries of a POST", async () => {
    const { server, client } = await setup([], {}, rateLimited("0"));
    const { error, response } = await createProfile(client);
    expect(response.status).toBe(429);
    expect(error?.code).toBe(20429);
    expect(server.requests).toHaveLength(4);
  });

  it("0 disables retries (one request for a 503)", async () => {
    const { server, client } = await setup([twilioError(503, 20503)], { maxRetries: 0 }, ok());
    const { error, response } = await fetchProfile(client);
    expect(response.status).toBe(503);
    expect(error?.code).toBe(20503);
    expect(server.requests).toHaveLength(1);
  });

  it("0 disables retries (one attempt for a reset)", async () => {
    const { server, client } = await setup([reset()], { maxRetries: 0 }, ok());
    const error = await networkError(fetchProfile(client));
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("1 gives two attempts", async () => {
    const { server, client } = await setup([], { maxRetries: 1 }, twilioError(502, 20502));
    const { error, response } = await fetchProfile(client);
    expect(response.status).toBe(502);
    expect(error?.code).toBe(20502);
    expect(server.requests).toHaveLength(2);
  });

  it("1 gives two attempts, and the second may succeed", async () => {
    const { server, client } = await setup([twilioError(502, 20502), ok()], { maxRetries: 1 });
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(2);
  });
});

describe("Retry-After", () => {
  it('"1" (seconds): the next attempt comes at least 1 s later', async () => {
    const { server, client } = await setup([rateLimited("1"), ok()]);
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests as [(typeof server.requests)[0], (typeof server.requests)[0]];
    const gap = second.at - first.at;
    expect(gap).toBeGreaterThanOrEqual(1_000 - 5); // 5 ms for timer rounding
    expect(gap).toBeLessThan(10_000);
  });

  it('"0": retried without waiting for backoff, and succeeds', async () => {
    const { server, client } = await setup([rateLimited("0"), ok()]);
    const { data, error } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(2);
  });

  it("an HTTP date a couple of seconds ahead: the next attempt comes no earlier than that date", async () => {
    const target = Math.ceil(Date.now() / 1_000) * 1_000 + 2_000; // whole second: HTTP dates have no ms
    const { server, client } = await setup([rateLimited(new Date(target).toUTCString()), ok()]);
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.time).toBeGreaterThanOrEqual(target - 5);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeLessThan(15_000);
  });

  it("honoured on a 503 of a GET as well", async () => {
    const { server, client } = await setup([twilioError(503, 20503, { "Retry-After": "1" }), ok()]);
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(1_000 - 5);
  });

  it("longer than retry.maxRetryAfterMs: the 429 is returned at once, after one attempt", async () => {
    const { server, client } = await setup([rateLimited("3")], { retry: { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1_000 } }, ok());
    const { data, error, response } = await fetchProfile(client);
    expect(response.status).toBe(429);
    expect(data).toBeUndefined();
    expect(error?.code).toBe(20429);
    expect(server.requests).toHaveLength(1);
  });

  it("an HTTP date further ahead than the default maxRetryAfterMs (60 s): returned at once", async () => {
    const { server, client } = await setup([rateLimited(new Date(Date.now() + 120_000).toUTCString())], {}, ok());
    const { error, response } = await createProfile(client);
    expect(response.status).toBe(429);
    expect(error?.code).toBe(20429);
    expect(server.requests).toHaveLength(1);
  });

  it("an unparseable value falls back to the backoff and is retried", async () => {
    const { server, client } = await setup([rateLimited("soon"), ok()]);
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(2);
  });
});

describe("backoff (full jitter)", () => {
  it("503, 503, 200 for a GET ends in data after 3 requests", async () => {
    const { server, client } = await setup([twilioError(503, 20503), twilioError(503, 20503), ok()]);
    const { data, error } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(3);
  });

  it("maxDelayMs caps the backoff even with a huge baseDelayMs", { timeout: 10_000 }, async () => {
    const { server, client } = await setup([twilioError(503, 20503), twilioError(503, 20503), ok()], {
      retry: { baseDelayMs: 600_000, maxDelayMs: 5 },
    });
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(3);
  });
});

describe("timeouts (timeoutMs per attempt)", () => {
  // Long enough for every attempt to reach the server even when CI runs every suite at once on 2 cores (at
  // 200 ms a retry once timed out before its request was read), and far below the server's delays.
  const ATTEMPT_MS = 1_000;
  it("GET: headers slower than timeoutMs are retried, then reject with timedOut and attempts = maxRetries + 1", async () => {
    const { server, client } = await setup([], { timeoutMs: ATTEMPT_MS, maxRetries: 2 }, delayed(5_000, ok()));
    const error = await networkError(fetchProfile(client));
    expect(error.timedOut).toBe(true);
    expect(error.attempts).toBe(3);
    expect(error.method).toBe("GET");
    expect(error.path).toBe(PROFILE_PATH);
    expect(error.message).toMatch(/timed out after 3 attempts/);
    expect(server.requests).toHaveLength(3);
  });

  it("GET: a server that never answers times out the same way", async () => {
    const { server, client } = await setup([], { timeoutMs: ATTEMPT_MS, maxRetries: 1 }, hang());
    const error = await networkError(fetchProfile(client));
    expect(error.timedOut).toBe(true);
    expect(error.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("GET: a stall in the middle of the body counts as a timeout", async () => {
    const body = JSON.stringify(PROFILE);
    const { server, client } = await setup([], { timeoutMs: ATTEMPT_MS, maxRetries: 1 }, respond(200, body, { "Content-Type": "application/json" }, { midBodyDelayMs: 5_000 }));
    const error = await networkError(fetchProfile(client));
    expect(error.timedOut).toBe(true);
    expect(error.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("GET: a mid-body stall that never ends also counts as a timeout", async () => {
    const body = JSON.stringify(PROFILE);
    const { server, client } = await setup([], { timeoutMs: ATTEMPT_MS, maxRetries: 0 }, {
      kind: "stall",
      status: 200,
      headers: { "Content-Type": "application/json" },
      body,
      sendBytes: 12,
    });
    const error = await networkError(fetchProfile(client));
    expect(error.timedOut).toBe(true);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });

  it("GET: a later attempt that answers in time succeeds", async () => {
    const body = JSON.stringify(PROFILE);
    const { server, client } = await setup(
      [delayed(3_000, ok()), respond(200, body, { "Content-Type": "application/json" }, { midBodyDelayMs: 3_000 }), ok()],
      { timeoutMs: ATTEMPT_MS, maxRetries: 3 },
    );
    const { data, error } = await fetchProfile(client);
    expect(error).toBeUndefined();
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(3);
  });

  it("a slow body within timeoutMs is not a timeout", async () => {
    const body = JSON.stringify(PROFILE);
    const { server, client } = await setup([respond(200, body, { "Content-Type": "application/json" }, { midBodyDelayMs: 50 })], {
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    const { data } = await fetchProfile(client);
    expect(data?.sid).toBe(SIDS.profile);
    expect(server.requests).toHaveLength(1);
  });

  it("POST: a timeout is not retried (rejects after 1 attempt with timedOut)", async () => {
    const { server, client } = await setup([delayed(3_000, created())], { timeoutMs: ATTEMPT_MS }, created());
    const error = await networkError(createProfile(client));
    expect(error.timedOut).toBe(true);
    expect(error.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
  });
});

describe("the caller's AbortSignal", () => {
  it("aborting during a slow attempt rejects with the AbortError and makes no further attempt", async () => {
    const { server, client } = await setup([], {}, hang());
    const controller = new AbortController();
    const pending = rejectionOf(fetchProfile(client, { signal: controller.signal }));
    await server.waitForRequests(1);
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    expect(error).not.toBeInstanceOf(TrustHubNetworkError);
    await sleep(150); // retries would use 1-5 ms delays
    expect(server.requests).toHaveLength(1);
  });

  it("aborting during a later attempt (after a 503) stops there", async () => {
    const { server, client } = await setup([twilioError(503, 20503)], {}, hang());
    const controller = new AbortController();
    const pending = rejectionOf(fetchProfile(client, { signal: controller.signal }));
    await server.waitForRequests(2);
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    await sleep(150);
    expect(server.requests).toHaveLength(2);
  });

  it("aborting during the backoff sleep stops further attempts", async () => {
    const { server, client } = await setup([rateLimited("20")], {}, ok());
    const controller = new AbortController();
    const pending = rejectionOf(fetchProfile(client, { signal: controller.signal }));
    await server.waitForRequests(1);
    await sleep(150); // the 429 has arrived; the client now sleeps 20 s
    const abortedAt = performance.now();
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    expect(performance.now() - abortedAt).toBeLessThan(5_000); // did not sit out the 20 s Retry-After
    await sleep(150);
    expect(server.requests).toHaveLength(1);
  });

  it("POST: aborting during a slow attempt rejects with the caller's own abort reason, not a network error", async () => {
    const { server, client } = await setup([], {}, hang());
    const controller = new AbortController();
    const reason = new Error("cancelled by the caller");
    const pending = rejectionOf(client.POST("/v1/CustomerProfiles", { body: CREATE_BODY, signal: controller.signal }));
    await server.waitForRequests(1);
    controller.abort(reason);
    const error = await pending;
    expect(error).toBe(reason);
    expect(error).not.toBeInstanceOf(TrustHubNetworkError);
    await sleep(150);
    expect(server.requests).toHaveLength(1);
  });

  it("GET with maxRetries: 0: aborting the only attempt rejects with the AbortError", async () => {
    const { server, client } = await setup([], { maxRetries: 0 }, hang());
    const controller = new AbortController();
    const pending = rejectionOf(fetchProfile(client, { signal: controller.signal }));
    await server.waitForRequests(1);
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    expect(error).not.toBeInstanceOf(TrustHubNetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it("a signal aborted before the call sends nothing", async () => {
    const { server, client } = await setup([], {}, ok());
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(fetchProfile(client, { signal: controller.signal }));
    expect((error as Error).name).toBe("AbortError");
    await sleep(50);
    expect(server.requests).toHaveLength(0);
  });
});
