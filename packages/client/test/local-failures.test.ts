// Failures that happen before a byte is sent are the caller's, not the network's: they are never retried
// and come out as a TrustHubValidationError (with the original error as its cause), with validation on or
// off. Options that could only fail later (a User-Agent or a secret fetch or btoa refuses) are refused when
// the client is created. Real node:http server on loopback: it must see no request at all.
import { rejectionOfType } from "@trusthub/test-support";
import type { Middleware } from "openapi-fetch";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTrustHubClient, TrustHubValidationError, type TrustHubClientOptions } from "../src/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";
import { SIDS } from "./helpers/resources.js";

const LONE = "\uD800";
let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(() => server.close());

// Retries enabled with a noticeable backoff: a retried local failure would show as extra attempts.
const client = (options: TrustHubClientOptions = {}) =>
  createTrustHubClient({ accountSid: SIDS.account, authToken: "local-test-token", baseUrl: server.url, env: {}, retry: { baseDelayMs: 5, maxDelayMs: 5 }, ...options });

/** A middleware that counts the attempts that got as far as building a request. */
function attempts() {
  const counter = { count: 0, middleware: { onRequest: () => void counter.count++ } as Middleware };
  return counter;
}

describe("a request that cannot be built", () => {
  it.each([true, false])("a lone surrogate in a query value (validate: %s): TrustHubValidationError, nothing sent", async (validate) => {
    const error = await rejectionOfType(client({ validate }).GET("/v1/CustomerProfiles", { params: { query: { FriendlyName: `a${LONE}` } } }), TrustHubValidationError);
    expect(error.method).toBe("GET");
    expect(server.requests).toHaveLength(0);
  });

  it("a lone surrogate in a path parameter (validate: false): TrustHubValidationError, nothing sent", async () => {
    await rejectionOfType(client({ validate: false }).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: `BU${LONE}` } } }), TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it.each([true, false])("a lone surrogate in a body field (validate: %s) is refused, not sent as U+FFFD", async (validate) => {
    const body = { FriendlyName: `Acme ${LONE}`, Email: "ops@example.com", PolicySid: SIDS.policy };
    await rejectionOfType(client({ validate }).POST("/v1/CustomerProfiles", { body }), TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("a middleware that throws: one attempt, TrustHubValidationError with the middleware's error as cause", async () => {
    const thrown = new Error("middleware bug");
    const counter = attempts();
    const c = client({ middleware: [counter.middleware, { onRequest: () => { throw thrown; } }] });
    const error = await rejectionOfType(c.GET("/v1/CustomerProfiles"), TrustHubValidationError);
    expect(error.cause).toBe(thrown);
    expect(error).toMatchObject({ method: "GET", path: "/v1/CustomerProfiles" });
    expect(counter.count).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it("a middleware that returns something other than a Request or Response: the same", async () => {
    const counter = attempts();
    const c = client({ middleware: [counter.middleware, { onRequest: () => "not a request" as never }] });
    await rejectionOfType(c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }), TrustHubValidationError);
    expect(counter.count).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it("a header value fetch refuses, set by a middleware: the same", async () => {
    const counter = attempts();
    const c = client({
      middleware: [counter.middleware, { onRequest: ({ request }) => new Request(request, { headers: { "X-Trace": "a\u0000b" } }) }],
    });
    await rejectionOfType(c.GET("/v1/CustomerProfiles"), TrustHubValidationError);
    expect(counter.count).toBe(1);
    expect(server.requests).toHaveLength(0);
  });
});

describe("options refused when the client is created", () => {
  it.each(["app\u0000", "app/1 \u20ac", "app\u007f", "app\u001b[31m", "a\r\nX-Injected: 1", "\ud83d\ude80"])("userAgent %j", (userAgent) => {
    expect(() => client({ userAgent })).toThrow(TrustHubValidationError);
  });

  it("a userAgent with Latin-1 letters is accepted and sent", async () => {
    await client({ userAgent: "café/1.0" }).GET("/v1/CustomerProfiles");
    expect(Buffer.from(server.requests[0]!.headers["user-agent"]!, "latin1").toString("latin1")).toContain("café/1.0");
  });

  it.each([
    ["authToken", { accountSid: SIDS.account, authToken: "tok€n-with-a-euro" }],
    ["apiKeySecret", { apiKeySid: "SKfedcba9876543210fedcba9876543210", apiKeySecret: "secret-\u0100" }],
    ["authToken", { env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: "tok\u{1F680}en" } }],
  ] as const)("%s with a character above U+00FF: TrustHubValidationError naming it, not a DOMException", (name, credentials) => {
    const error = (() => {
      try {
        createTrustHubClient({ baseUrl: server.url, env: {}, ...credentials });
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected createTrustHubClient to throw");
    })();
    expect(error).toBeInstanceOf(TrustHubValidationError);
    expect(error.message).toContain(name);
    const secret = "authToken" in credentials ? credentials.authToken : "apiKeySecret" in credentials ? credentials.apiKeySecret : credentials.env.TWILIO_AUTH_TOKEN;
    expect(error.message).not.toContain(secret);
  });
});
