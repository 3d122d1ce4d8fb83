// Timers: timeouts and waits longer than a timer can hold (2^31−1 ms; Node fires a longer one after 1 ms)
// are refused when the client is created; Retry-After is read strictly (digits, or an IMF-fixdate), anything
// else counting as absent; and many calls sharing one AbortSignal add one listener to it, not one each.
import { getEventListeners } from "node:events";
import { exampleSid, rejectionOf } from "@trusthub/test-support";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTrustHubClient, TrustHubValidationError, type TrustHubClient, type TrustHubClientOptions } from "../src/index.js";
import { delayed, json, twilioError, useFaultServer, type Behaviour } from "./helpers/fault-server.js";

const MAX_TIMER_MS = 2 ** 31 - 1;
const ACCOUNT_SID = exampleSid("AC");
const BU = exampleSid("BU");
const profile = { sid: BU, account_sid: ACCOUNT_SID, status: "draft" };
const ok = (): Behaviour => json(200, profile);
const setup = useFaultServer(ACCOUNT_SID);
const fetchProfile = (client: TrustHubClient, signal?: AbortSignal) =>
  client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: BU } }, ...(signal && { signal }) });
const options = (o: TrustHubClientOptions): TrustHubClientOptions => ({ accountSid: ACCOUNT_SID, authToken: "timer-test-token", env: {}, ...o });

/** Every process warning emitted while `run` runs (and one turn after it, when warnings are delivered). */
async function warningsDuring(run: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (warning: Error) => seen.push(warning.name);
  process.on("warning", listener);
  try {
    await run();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off("warning", listener);
  }
  return seen;
}

describe("timer range", () => {
  it.each([
    { timeoutMs: MAX_TIMER_MS + 1 },
    { timeoutMs: Number.MAX_SAFE_INTEGER },
    { retry: { baseDelayMs: MAX_TIMER_MS + 1 } },
    { retry: { maxDelayMs: 2 ** 32 } },
    { retry: { maxRetryAfterMs: MAX_TIMER_MS + 0.5 } },
  ])("refuses %o when the client is created", (o) => {
    expect(() => createTrustHubClient(options(o))).toThrow(TrustHubValidationError);
    expect(() => createTrustHubClient(options(o))).toThrow(/2147483647/);
  });

  it("accepts the longest timeout a timer holds, and it really waits (no overflow to 1 ms)", async () => {
    const { server, client } = await setup([delayed(150, ok())], { timeoutMs: MAX_TIMER_MS, retry: { maxRetryAfterMs: MAX_TIMER_MS, maxDelayMs: MAX_TIMER_MS } });
    const warnings = await warningsDuring(async () => {
      const { data } = await fetchProfile(client);
      expect(data).toMatchObject({ sid: BU });
    });
    expect(server.requests).toHaveLength(1);
    expect(warnings).not.toContain("TimeoutOverflowWarning");
  });
});

describe("Retry-After", () => {
  afterEach(() => vi.restoreAllMocks());
  const BASE_DELAY = 400;

  /** The gap between a 429 carrying `retryAfter` and the retry, with the backoff made deterministic (just under BASE_DELAY). */
  async function gapAfter(retryAfter: string): Promise<number> {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const { server, client } = await setup([twilioError(429, 20429, { "Retry-After": retryAfter }), ok()], {
      retry: { baseDelayMs: BASE_DELAY, maxDelayMs: BASE_DELAY },
    });
    const { data } = await fetchProfile(client);
    expect(data).toMatchObject({ sid: BU });
    expect(server.requests).toHaveLength(2);
    return server.requests[1]!.at - server.requests[0]!.at;
  }

  // Each of these is read by Date.parse as a date in 2000–2001, which would mean "retry now".
  it.each(["-1", "1.5", "+2", "1 2", "tomorrow 3", "0x1", "1e1"])("%j counts as absent: the backoff applies", async (value) => {
    expect(await gapAfter(value)).toBeGreaterThanOrEqual(BASE_DELAY * 0.9);
  });

  // RFC 9110's obsolete date forms, and an IMF-fixdate with the wrong weekday.
  it.each(["Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Mon, 06 Nov 1994 08:49:37 GMT"])(
    "%j (not an IMF-fixdate) counts as absent",
    async (value) => {
      expect(await gapAfter(value)).toBeGreaterThanOrEqual(BASE_DELAY * 0.9);
    },
  );

  it("an IMF-fixdate in the past means retry at once", async () => {
    expect(await gapAfter("Sun, 06 Nov 1994 08:49:37 GMT")).toBeLessThan(BASE_DELAY * 0.9);
  });

  it("delta-seconds are honoured: 0 means retry at once", async () => {
    expect(await gapAfter("0")).toBeLessThan(BASE_DELAY * 0.9);
  });
});

describe("many calls sharing one AbortSignal", () => {
  const CALLS = 24;

  it("add one abort listener to it in all, and print no MaxListenersExceededWarning", async () => {
    const { server, client } = await setup([], {}, delayed(100, ok()));
    const controller = new AbortController();
    const listeners: number[] = [];
    const warnings = await warningsDuring(async () => {
      const calls = Array.from({ length: CALLS }, () => fetchProfile(client, controller.signal));
      await server.waitForRequests(CALLS);
      listeners.push(getEventListeners(controller.signal, "abort").length);
      await Promise.all(calls);
    });
    expect(warnings).not.toContain("MaxListenersExceededWarning");
    expect(listeners[0]).toBeLessThanOrEqual(1);
    expect(server.requests).toHaveLength(CALLS);
  });

  it("aborting it ends every call, during the requests and during the waits between retries", async () => {
    const { server, client } = await setup([], { retry: { baseDelayMs: 60_000, maxDelayMs: 60_000 } }, twilioError(503, 20503));
    const controller = new AbortController();
    const warnings = await warningsDuring(async () => {
      const calls = Array.from({ length: CALLS }, () => rejectionOf(fetchProfile(client, controller.signal)));
      await server.waitForRequests(CALLS); // every call got its 503 and now waits up to a minute
      controller.abort(new Error("shutting down"));
      const errors = await Promise.all(calls);
      for (const error of errors) expect(error).toBe(controller.signal.reason);
    });
    expect(warnings).not.toContain("MaxListenersExceededWarning");
    expect(server.requests).toHaveLength(CALLS); // no call retried after the abort
  });
});
