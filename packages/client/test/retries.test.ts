// Retries and timeouts (src/transport.ts): which answers are retried for which method and how often, the
// waits before a retry (backoff, Retry-After), how long an attempt may take, and the caller's AbortSignal.
// On a fake fetch and fake timers, so the gaps between requests are exactly the delays the client asked for;
// over a real socket only what fetch itself does there (a reset, a body cut off, a body that stalls).
import { getEventListeners } from "node:events";
import { rejectionOf, rejectionOfType } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTrustHubClient, TrustHubNetworkError, TrustHubValidationError, type TrustHubClient, type TwilioError } from "../src/index.js";
import { fakeClient, json, networkFailure, twilioError, type Answer, type Sent } from "./helpers/fake-fetch.js";
import { partial, reset, useSocketServer } from "./helpers/socket-server.js";
import { profile, SIDS } from "./helpers/resources.js";

const PROFILE_PATH = `/v1/CustomerProfiles/${SIDS.profile}`;
const CREATE_BODY = { FriendlyName: "Acme Inc", Email: "ops@acme.example", PolicySid: SIDS.policy };
// A whole second: HTTP dates have no milliseconds.
const NOW = Date.UTC(2026, 0, 1);

const ok = () => json(200, profile());
const created = () => json(201, profile());
const noContent = () => new Response(null, { status: 204 });
const rateLimited = (retryAfter?: string) => twilioError(429, 20429, retryAfter === undefined ? {} : { "Retry-After": retryAfter });

type Call = (c: TrustHubClient, signal?: AbortSignal) => Promise<{ error?: TwilioError; response: Response }>;
const calls: Record<"GET" | "DELETE" | "POST", Call> = {
  GET: (c: TrustHubClient, signal?: AbortSignal) => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, signal }),
  DELETE: (c: TrustHubClient, signal?: AbortSignal) => c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, signal }),
  POST: (c: TrustHubClient, signal?: AbortSignal) => c.POST("/v1/CustomerProfiles", { body: CREATE_BODY, signal }),
};
const success = { GET: ok, DELETE: noContent, POST: created };
const IDEMPOTENT = ["GET", "DELETE"] as const;

/** The promise of `call`, run to its end on the fake clock: each timer it sets fires when it is due. */
async function run<T>(call: Promise<T>): Promise<T> {
  call.catch(() => {});
  await vi.runAllTimersAsync();
  return call;
}
/** The waits between consecutive requests, in ms. */
const gaps = (sent: Sent[]) => sent.slice(1).map((s, i) => s.at - sent[i]!.at);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: NOW });
  // Full jitter draws in [0, 1): half of each cap.
  vi.spyOn(Math, "random").mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("which answers are retried", () => {
  it.each(["GET", "DELETE", "POST"] as const)("429 for %s (the request was not processed)", async (method) => {
    const { client, sent } = fakeClient([rateLimited(), rateLimited(), success[method]()]);
    const { error, response } = await run(calls[method](client));
    expect([response.status, error]).toEqual([success[method]().status, undefined]);
    expect(sent.map((s) => s.request.method)).toEqual([method, method, method]);
    // A retried POST sends the same form again.
    expect(new Set(sent.map((s) => s.body)).size).toBe(1);
  });

  it.each(IDEMPOTENT)("500, 502 and 503 for %s", async (method) => {
    const { client, sent } = fakeClient([twilioError(500, 20500), twilioError(502, 20502), twilioError(503, 20503), success[method]()]);
    const { error } = await run(calls[method](client));
    expect(error).toBeUndefined();
    expect(sent).toHaveLength(4);
  });

  it.each([500, 502, 503])("not a %i for POST: one request, the error is returned", async (status) => {
    const { client, sent } = fakeClient([twilioError(status, 20000 + status)], {}, created());
    const { error, response } = await run(calls.POST(client));
    expect([response.status, error?.code]).toEqual([status, 20000 + status]);
    expect(sent).toHaveLength(1);
  });

  it("not a 404", async () => {
    const { client, sent } = fakeClient([twilioError(404, 20404)], {}, ok());
    expect((await run(calls.GET(client))).response.status).toBe(404);
    expect(sent).toHaveLength(1);
  });

  it.each(IDEMPOTENT)("a network failure for %s", async (method) => {
    const { client, sent } = fakeClient([networkFailure(), networkFailure(), success[method]()]);
    expect((await run(calls[method](client))).error).toBeUndefined();
    expect(sent).toHaveLength(3);
  });

  it("not a network failure for POST: TrustHubNetworkError after one attempt, with its cause", async () => {
    const failure = networkFailure();
    const { client, sent } = fakeClient([failure], {}, created());
    const error = await rejectionOfType(run(calls.POST(client)), TrustHubNetworkError);
    expect(error).toMatchObject({ attempts: 1, timedOut: false, method: "POST", path: "/v1/CustomerProfiles", cause: failure });
    expect(sent).toHaveLength(1);
  });

  it("not a request that was never sent (a middleware that throws): TrustHubValidationError, one attempt", async () => {
    const thrown = new Error("middleware bug");
    let built = 0;
    const { client, sent } = fakeClient([], {
      middleware: [{ onRequest: () => void built++ }, { onRequest: () => { throw thrown; } }],
    });
    const error = await rejectionOfType(run(calls.GET(client)), TrustHubValidationError);
    expect(error).toMatchObject({ cause: thrown, method: "GET", path: PROFILE_PATH });
    expect([built, sent.length]).toEqual([1, 0]);
  });
});

describe("maxRetries", () => {
  it("defaults to 3: four attempts, then the last answer is returned", async () => {
    const { client, sent } = fakeClient([], {}, twilioError(503, 20503));
    const { error, response } = await run(calls.GET(client));
    expect([response.status, error?.code]).toEqual([503, 20503]);
    expect(sent).toHaveLength(4);
  });

  it("bounds the 429 retries of a POST too", async () => {
    const { client, sent } = fakeClient([], {}, rateLimited("0"));
    expect((await run(calls.POST(client))).response.status).toBe(429);
    expect(sent).toHaveLength(4);
  });

  it.each([0, 1, 2])("%i: network failures on every attempt end in a TrustHubNetworkError after maxRetries + 1", async (maxRetries) => {
    const { client, sent } = fakeClient([], { maxRetries }, networkFailure());
    const error = await rejectionOfType(run(calls.GET(client)), TrustHubNetworkError);
    expect(error).toMatchObject({ attempts: maxRetries + 1, timedOut: false, method: "GET", path: PROFILE_PATH });
    expect(sent).toHaveLength(maxRetries + 1);
  });

  it("0: one request for a 503", async () => {
    const { client, sent } = fakeClient([twilioError(503, 20503)], { maxRetries: 0 }, ok());
    expect((await run(calls.GET(client))).response.status).toBe(503);
    expect(sent).toHaveLength(1);
  });
});

describe("backoff", () => {
  it("waits a random share of baseDelayMs · 2^n (default 500 ms) before retry n", async () => {
    const { client, sent } = fakeClient([twilioError(503, 20503), twilioError(503, 20503), twilioError(503, 20503), ok()]);
    await run(calls.GET(client));
    expect(gaps(sent)).toEqual([250, 500, 1_000]);
  });

  it("caps each wait at maxDelayMs, however large baseDelayMs is", async () => {
    const { client, sent } = fakeClient([networkFailure(), networkFailure(), ok()], { retry: { baseDelayMs: 600_000, maxDelayMs: 300 } });
    await run(calls.GET(client));
    expect(gaps(sent)).toEqual([150, 150]);
  });
});

describe("Retry-After", () => {
  const after = async (retryAfter: string, first = rateLimited(retryAfter)) => {
    const { client, sent } = fakeClient([first, ok()]);
    expect((await run(calls.GET(client))).error).toBeUndefined();
    return gaps(sent);
  };

  it("in seconds: waits that long instead of the backoff, on a 429 and on a 503", async () => {
    expect(await after("2")).toEqual([2_000]);
    expect(await after("1", twilioError(503, 20503, { "Retry-After": "1" }))).toEqual([1_000]);
  });

  it('"0": retries at once', async () => {
    expect(await after("0")).toEqual([0]);
  });

  it("an HTTP date: waits until then; one in the past retries at once", async () => {
    expect(await after(new Date(NOW + 2_000).toUTCString())).toEqual([2_000]);
    expect(await after("Sun, 06 Nov 1994 08:49:37 GMT")).toEqual([0]);
  });

  // Date.parse reads each of these as a date (in 2000-2001, or 1994), which would mean "retry now".
  it.each(["soon", "-1", "1.5", "+2", "1 2", "tomorrow 3", "0x1", "1e1", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Mon, 06 Nov 1994 08:49:37 GMT"])(
    "%j (neither digits nor an IMF-fixdate) counts as absent: the backoff applies",
    async (value) => {
      expect(await after(value)).toEqual([250]);
    },
  );

  it("longer than retry.maxRetryAfterMs (default 60 s): the 429 is returned at once", async () => {
    for (const [retryAfter, options] of [["3", { retry: { maxRetryAfterMs: 2_000 } }], [new Date(NOW + 120_000).toUTCString(), {}]] as const) {
      const { client, sent } = fakeClient([rateLimited(retryAfter)], options, ok());
      expect((await run(calls.POST(client))).response.status).toBe(429);
      expect(sent).toHaveLength(1);
    }
  });
});

describe("timeouts (timeoutMs, per attempt)", () => {
  it("ends an attempt after 30 s by default; a TrustHubNetworkError says it timed out", async () => {
    const { client } = fakeClient(["hang"], { maxRetries: 0 });
    const error = await rejectionOfType(run(calls.GET(client)), TrustHubNetworkError);
    expect(error).toMatchObject({ timedOut: true, attempts: 1, method: "GET", path: PROFILE_PATH });
    expect(Date.now() - NOW).toBe(30_000);
  });

  it("a timed-out GET is retried after the backoff; a later attempt in time succeeds", async () => {
    const { client, sent } = fakeClient(["hang", "hang", ok()], { timeoutMs: 1_000 });
    expect((await run(calls.GET(client))).error).toBeUndefined();
    expect(gaps(sent)).toEqual([1_000 + 250, 1_000 + 500]);
  });

  it("a timed-out POST is not retried", async () => {
    const { client, sent } = fakeClient(["hang"], { timeoutMs: 1_000 }, created());
    expect(await rejectionOfType(run(calls.POST(client)), TrustHubNetworkError)).toMatchObject({ timedOut: true, attempts: 1 });
    expect(sent).toHaveLength(1);
  });

  it("the longest timer (2^31−1 ms) really waits: no overflow to 1 ms, no TimeoutOverflowWarning", async () => {
    vi.useRealTimers();
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      // An overflowing timer (1 ms) is due before this answer (20 ms): the attempt would time out.
      const late = () => new Promise<Response>((resolve) => setTimeout(() => resolve(ok()), 20));
      const { client } = fakeClient([late], { timeoutMs: 2 ** 31 - 1, retry: { maxDelayMs: 2 ** 31 - 1, maxRetryAfterMs: 2 ** 31 - 1 } });
      expect((await calls.GET(client)).error).toBeUndefined();
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("TimeoutOverflowWarning");
  });
});

describe("the caller's AbortSignal", () => {
  /** Starts `call`, lets it reach `requests` requests (on the fake clock), aborts with `reason`, and returns the rejection. */
  async function abortAfter(script: Answer[], method: keyof typeof calls, requests: number, reason?: unknown) {
    const { client, sent } = fakeClient(script, {}, "hang");
    const controller = new AbortController();
    const pending = rejectionOf(calls[method](client, controller.signal));
    // 10 ms steps: far below the 30 s attempt timeout, and reaching the first backoff (250 ms) in time.
    for (let step = 0; sent.length < requests && step < 100; step++) await vi.advanceTimersByTimeAsync(10);
    const at = Date.now();
    controller.abort(reason);
    const error = await pending;
    await vi.runAllTimersAsync();
    return { error, sent, waited: Date.now() - at };
  }

  it("ends an attempt in flight: rejects with the abort reason, and makes no further attempt", async () => {
    const { error, sent } = await abortAfter([], "GET", 1);
    expect((error as Error).name).toBe("AbortError");
    expect(error).not.toBeInstanceOf(TrustHubNetworkError);
    expect(sent).toHaveLength(1);
  });

  it("ends a later attempt (after a 503) the same way", async () => {
    const { error, sent } = await abortAfter([twilioError(503, 20503)], "GET", 2);
    expect((error as Error).name).toBe("AbortError");
    expect(sent).toHaveLength(2);
  });

  it("ends the wait before a retry at once (a 20 s Retry-After is not sat out)", async () => {
    const { client, sent } = fakeClient([rateLimited("20")], {}, ok());
    const controller = new AbortController();
    const pending = rejectionOf(calls.GET(client, controller.signal));
    await vi.advanceTimersByTimeAsync(1_000);
    controller.abort();
    const error = await pending;
    expect((error as Error).name).toBe("AbortError");
    expect(Date.now() - NOW).toBe(1_000);
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(1);
  });

  it("a POST rejects with the caller's own reason, not a network error", async () => {
    const reason = new Error("cancelled by the caller");
    const { error } = await abortAfter([], "POST", 1, reason);
    expect(error).toBe(reason);
  });

  it("a signal aborted before the call sends nothing", async () => {
    const { client, sent } = fakeClient();
    const error = await rejectionOf(run(calls.GET(client, AbortSignal.abort())));
    expect((error as Error).name).toBe("AbortError");
    expect(sent).toHaveLength(0);
  });

  it("shared by many calls: one listener on it in all (no MaxListenersExceededWarning), and aborting ends every call, waiting or in flight", async () => {
    const CALLS = 24;
    // Every other call gets a 503 and waits a minute before its retry; the others hang in their first attempt.
    const { client, sent } = fakeClient(Array.from({ length: CALLS }, (_, i) => (i % 2 ? twilioError(503, 20503) : "hang")), {
      retry: { baseDelayMs: 120_000, maxDelayMs: 120_000 },
    });
    const controller = new AbortController();
    const pending = Array.from({ length: CALLS }, () => rejectionOf(calls.GET(client, controller.signal)));
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(CALLS);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    const reason = new Error("shutting down");
    controller.abort(reason);
    for (const error of await Promise.all(pending)) expect(error).toBe(reason);
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(CALLS);
  });
});

describe("over a real socket", () => {
  const start = useSocketServer();
  beforeEach(() => {
    vi.useRealTimers();
  });
  const client = (url: string, options = {}) =>
    createTrustHubClient({ accountSid: SIDS.account, authToken: "socket-token", baseUrl: url, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 1 }, ...options });
  const BODY = JSON.stringify(profile());

  it.each([
    ["a reset connection", reset],
    ["a body cut off by a closed connection", partial(BODY, 10, "close")],
  ])("%s fails the attempt: GET retries it, POST does not", async (_, fault) => {
    const server = await start((_req, res, index) => (index === 0 || index === 2 ? fault(_req, res, index) : { status: 200, body: profile() }));
    expect((await calls.GET(client(server.url))).error).toBeUndefined();
    const error = await rejectionOfType(calls.POST(client(server.url)), TrustHubNetworkError);
    expect(error).toMatchObject({ attempts: 1, timedOut: false });
    expect(server.requests.map((r) => r.method)).toEqual(["GET", "GET", "POST"]);
  });

  it("a body that stalls mid-stream times out (timeoutMs covers the body)", async () => {
    const server = await start(partial(BODY, 12, "stall"));
    // Long enough for the request to reach the server on a busy machine; the stall itself never ends.
    const error = await rejectionOfType(calls.GET(client(server.url, { timeoutMs: 5_000, maxRetries: 0 })), TrustHubNetworkError);
    expect(error).toMatchObject({ timedOut: true, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});
