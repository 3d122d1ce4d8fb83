// Credentials never leak: not into errors (however they are rendered), not into the client object, not onto
// the console; and plain http: is refused unless the host is a loopback one.
import { inspect } from "node:util";
import { freePort, rejectionOf, twilioErrorBody } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createTrustHubClient,
  paginate,
  TrustHubApiError,
  TrustHubError,
  TrustHubNetworkError,
  TrustHubResponseError,
  TrustHubValidationError,
  unwrap,
  type TrustHubClient,
  type TrustHubClientOptions,
} from "../src/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";
import { listPage, SIDS } from "./helpers/resources.js";

const TOKEN = "Zq9-SECRET-auth-token-d41d8cd98f00b204";
const API_SECRET = "Wv7-SECRET-api-secret-e3b0c44298fc1c14";
const AUTH = `Basic ${Buffer.from(`${SIDS.account}:${TOKEN}`).toString("base64")}`;
const KEY_AUTH = `Basic ${Buffer.from(`${SIDS.apiKey}:${API_SECRET}`).toString("base64")}`;
/** Everything that must never show up: the secrets, the header values and their base64 parts. */
const NEEDLES = [TOKEN, API_SECRET, AUTH, KEY_AUTH, AUTH.slice(6), KEY_AUTH.slice(6)];

function renderings(value: unknown): string[] {
  const out: string[] = [];
  const safe = (f: () => unknown) => {
    try {
      out.push(String(f()));
    } catch (error) {
      out.push(`<render failed: ${String(error)}>`);
    }
  };
  safe(() => String(value));
  safe(() => JSON.stringify(value));
  safe(() => inspect(value, { depth: 10, showHidden: true }));
  safe(() => inspect(value, { depth: 10, showHidden: true, getters: true }));
  if (value instanceof Error) {
    safe(() => value.message);
    safe(() => value.stack);
    // Walk the cause chain explicitly, too.
    let cause: unknown = value.cause;
    for (let i = 0; i < 10 && cause !== undefined && cause !== null; i++) {
      safe(() => String(cause));
      safe(() => inspect(cause, { depth: 10, showHidden: true }));
      if (cause instanceof Error) safe(() => (cause as Error).stack);
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return out;
}

function expectNoSecrets(value: unknown, label: string) {
  const all = renderings(value).join("\n----\n");
  for (const needle of NEEDLES) {
    if (all.includes(needle)) throw new Error(`${label}: a credential (${needle.slice(0, 12)}…) appears in its rendering:\n${all}`);
  }
  // Also the needle in a percent-encoded form (as in a URL).
  for (const needle of [TOKEN, API_SECRET]) expect(all, label).not.toContain(encodeURIComponent(needle));
}

// Everything written to the console or to stdout/stderr while a test runs.
let written: string[] = [];
beforeEach(() => {
  written = [];
  for (const method of ["log", "info", "warn", "error", "debug", "trace", "dir"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      written.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10, showHidden: true }))).join(" "));
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8"));
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});
function expectNothingWritten() {
  const all = written.join("\n");
  for (const needle of NEEDLES) expect(all.includes(needle), `console/stdout/stderr output contains ${needle.slice(0, 12)}…`).toBe(false);
}

describe("credentials never leak", () => {
  let server: RecordingServer;
  let other: RecordingServer | undefined;
  beforeEach(async () => {
    server = await startRecordingServer();
  });
  afterEach(async () => {
    await server.close();
    await other?.close();
    other = undefined;
  });

  const tokenClient = (extra: TrustHubClientOptions = {}) =>
    createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: server.url, maxRetries: 0, env: {}, ...extra });
  const keyClient = (extra: TrustHubClientOptions = {}) =>
    createTrustHubClient({ apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET, baseUrl: server.url, maxRetries: 0, env: {}, ...extra });

  it("the client really sends the credentials (so the checks below look for the right strings)", async () => {
    await unwrap(tokenClient().GET("/v1/CustomerProfiles"));
    await unwrap(keyClient().GET("/v1/CustomerProfiles"));
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([AUTH, KEY_AUTH]);
  });

  it.each([
    { name: "auth token", make: () => tokenClient() },
    { name: "API key", make: () => keyClient() },
    { name: "env auth token", make: () => createTrustHubClient({ env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: TOKEN } }) },
    {
      name: "env API key",
      make: () => createTrustHubClient({ env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_API_KEY: SIDS.apiKey, TWILIO_API_SECRET: API_SECRET } }),
    },
  ])("not in util.inspect / JSON.stringify / String of a client ($name)", async ({ make }) => {
    const client: TrustHubClient = make();
    expectNoSecrets(client, "client");
    for (const value of Object.values(client)) expectNoSecrets(value, "client member");
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain("SECRET");
    expectNothingWritten();
  });

  it("not in request validation errors, even when the secret is the offending value", async () => {
    const c = tokenClient();
    const errors = [
      await rejectionOf(() => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: TOKEN as never } } })),
      await rejectionOf(() => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "x", Email: "e", PolicySid: TOKEN as never } })),
      await rejectionOf(() => c.GET("/v1/CustomerProfiles", { params: { query: { Status: TOKEN } as never } })),
      await rejectionOf(() => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, body: { StatusCallback: TOKEN } })),
      await rejectionOf(() => tokenClient({ validate: false }).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: ".." as never } } })),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(TrustHubValidationError);
      expectNoSecrets(error, "request validation error");
    }
    expect(server.requests).toHaveLength(0);
    expectNothingWritten();
  });

  it("not in option validation errors", async () => {
    const attempts: Array<() => unknown> = [
      () => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: "http://example.com", env: {} }),
      () => createTrustHubClient({ accountSid: "AC" + TOKEN, authToken: TOKEN, env: {} }),
      () => createTrustHubClient({ accountSid: TOKEN, authToken: TOKEN, env: {} }),
      () => createTrustHubClient({ apiKeySid: API_SECRET, apiKeySecret: API_SECRET, env: {} }),
      () => createTrustHubClient({ apiKeySid: SIDS.apiKey, env: { TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_SECRET: API_SECRET } }),
      () => createTrustHubClient({ env: { TWILIO_ACCOUNT_SID: TOKEN, TWILIO_AUTH_TOKEN: TOKEN } }),
      () => createTrustHubClient({ env: { TWILIO_AUTH_TOKEN: TOKEN } }),
      () => createTrustHubClient({ env: { TWILIO_API_SECRET: API_SECRET } }),
      () => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: `https://${SIDS.account}:${TOKEN}@trusthub.twilio.com`, env: {} }),
      () => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: `https://trusthub.twilio.com/?token=${TOKEN}`, env: {} }),
      () => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: `https://trusthub.twilio.com/#${TOKEN}`, env: {} }),
      () => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, region: `x.${TOKEN}`.toLowerCase(), env: {} }),
      () => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, userAgent: `a\r\nAuthorization: ${AUTH}`, env: {} }),
      () => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, maxRetries: -1, env: {} }),
    ];
    for (const [i, attempt] of attempts.entries()) {
      const error = await rejectionOf(attempt);
      expect(error, `attempt ${i}`).toBeInstanceOf(TrustHubValidationError);
      expectNoSecrets(error, `option validation error ${i}`);
    }
    expectNothingWritten();
  });

  it("not in API errors thrown by unwrap (401, 404, 500)", async () => {
    let n = 0;
    server.setHandler(() => {
      const replies = [
        { status: 401, body: twilioErrorBody(401, 20003, "Authenticate") },
        { status: 404, body: twilioErrorBody(404, 20404, "The requested resource was not found") },
        { status: 500, body: twilioErrorBody(500, 20500, "Internal Server Error") },
      ];
      return replies[n++ % replies.length]!;
    });
    for (const c of [tokenClient(), keyClient()]) {
      for (let i = 0; i < 3; i++) {
        const error = await rejectionOf(() => unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } })));
        expect(error).toBeInstanceOf(TrustHubApiError);
        expect((error as TrustHubApiError).status).toBe([401, 404, 500][i]);
        expectNoSecrets(error, "API error");
      }
    }
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([AUTH, AUTH, AUTH, KEY_AUTH, KEY_AUTH, KEY_AUTH]);
    expectNothingWritten();
  });

  it("not in response errors (HTML, truncated JSON, wrong shape, empty error body)", async () => {
    const replies = [
      { status: 200, headers: { "Content-Type": "text/html" }, body: "<html>hello</html>" },
      { status: 200, headers: { "Content-Type": "application/json" }, body: '{"status":"dra' },
      { status: 200, body: [1, 2, 3] },
      { status: 200, headers: { "Content-Type": "application/json" }, body: '"draft"' },
      { status: 502, headers: { "Content-Type": "text/html" }, body: "<h1>Bad Gateway</h1>" },
      { status: 503 },
    ];
    let n = 0;
    server.setHandler(() => replies[n++]!);
    const c = tokenClient();
    for (let i = 0; i < replies.length; i++) {
      const error = await rejectionOf(() => unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } })));
      expect(error, `reply ${i}`).toBeInstanceOf(TrustHubResponseError);
      expectNoSecrets(error, "response error");
    }
    expect(server.requests).toHaveLength(replies.length);
    expectNothingWritten();
  });

  it("not in network errors (connection refused, no retries)", async () => {
    const port = await freePort(); // nothing listens there: connection refused
    for (const c of [
      createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0, env: {} }),
      createTrustHubClient({ apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 0, env: {} }),
    ]) {
      const error = await rejectionOf(() => c.GET("/v1/CustomerProfiles"));
      expect(error).toBeInstanceOf(TrustHubNetworkError);
      expect((error as TrustHubNetworkError).attempts).toBe(1);
      expectNoSecrets(error, "network error");
      const post = await rejectionOf(() => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "x", Email: "e", PolicySid: SIDS.policy } }));
      expect(post).toBeInstanceOf(TrustHubNetworkError);
      expectNoSecrets(post, "network error (POST)");
    }
    expectNothingWritten();
  });

  it("not in network errors after retries", async () => {
    const port = await freePort(); // nothing listens there: connection refused
    const c = createTrustHubClient({
      accountSid: SIDS.account,
      authToken: TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 2,
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      env: {},
    });
    const error = await rejectionOf(() => c.GET("/v1/CustomerProfiles"));
    expect(error).toBeInstanceOf(TrustHubNetworkError);
    expect((error as TrustHubNetworkError).attempts).toBe(3);
    expectNoSecrets(error, "network error after retries");
    expectNothingWritten();
  });

  it("not in timeout errors", async () => {
    server.setHandler(() => "hang");
    const error = await rejectionOf(() => tokenClient({ timeoutMs: 1_000 }).GET("/v1/CustomerProfiles"));
    expect(error).toBeInstanceOf(TrustHubNetworkError);
    expect((error as TrustHubNetworkError).timedOut).toBe(true);
    expectNoSecrets(error, "timeout error");
    expect(server.requests).toHaveLength(1);
    expectNothingWritten();
  });

  it("not in the error of a next_page_url on another origin, which gets no request", async () => {
    other = await startRecordingServer();
    const foreign = other.url;
    server.setHandler((req, { origin }) => ({
      body: listPage(origin, req.path, [{ status: "draft" }], { nextPageUrl: `${foreign}/v1/CustomerProfiles?PageToken=PT1` }),
    }));
    const error = await rejectionOf(async () => {
      for await (const item of paginate(tokenClient(), "/v1/CustomerProfiles")) void item;
    });
    expect(error).toBeInstanceOf(TrustHubError);
    expectNoSecrets(error, "pagination error");
    expect(other.requests).toHaveLength(0);
    expectNothingWritten();
  });

  it("a redirect to another origin does not carry the Authorization header there", async () => {
    other = await startRecordingServer();
    const target = `${other.url}/v1/CustomerProfiles/${SIDS.profile}`;
    server.setHandler(() => ({ status: 302, headers: { Location: target } }));
    // Following the redirect or refusing it are both fine; carrying the credentials along is not.
    await unwrap(tokenClient().GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } })).catch(() => undefined);
    expect(server.requests).toHaveLength(1);
    for (const r of other.requests) {
      expect(r.headers.authorization).toBeUndefined();
      expect(JSON.stringify(r.headers)).not.toContain(AUTH.slice(6));
    }
    expectNothingWritten();
  });

  it("nothing is written to the console during successful calls either", async () => {
    const c = tokenClient();
    await unwrap(c.GET("/v1/CustomerProfiles"));
    await unwrap(c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "x", Email: "e@example.com", PolicySid: SIDS.policy } }));
    await unwrap(c.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }));
    expect(server.requests).toHaveLength(3);
    expectNothingWritten();
  });
});

describe("plain http: only for loopback", () => {
  const opts = { accountSid: SIDS.account, authToken: TOKEN, env: {} } as const;

  it.each([
    "http://example.com",
    "http://example.com:80",
    "http://10.0.0.1",
    "http://192.168.1.10:8080",
    "http://169.254.169.254",
    "http://0.0.0.0:4010",
    "http://128.0.0.1",
    "http://126.255.255.255",
    "http://127.0.0.1.evil.com",
    "http://localhost.evil.com",
    "http://evil-localhost",
    "http://[::2]:4010",
    "http://[::]:4010",
    "ftp://127.0.0.1",
    "ws://127.0.0.1:4010",
    "file:///etc/passwd",
    "trusthub.twilio.com",
    "//trusthub.twilio.com",
  ])("refuses %s", (baseUrl) => {
    const seen: Request[] = [];
    const fetch = async (r: Request) => {
      seen.push(r);
      return new Response("{}");
    };
    expect(() => createTrustHubClient({ ...opts, baseUrl, fetch })).toThrow(TrustHubValidationError);
    expect(seen).toHaveLength(0);
  });

  it.each([
    "http://127.0.0.1:4010",
    "http://127.0.0.1",
    "http://127.1.2.3:9",
    "http://127.255.255.254",
    "http://localhost",
    "http://localhost:4010",
    "http://LOCALHOST:4010",
    "http://[::1]:4010",
    "http://[::1]",
    "https://example.com",
    "https://10.0.0.1:8443",
  ])("accepts %s and sends there", async (baseUrl) => {
    const seen: Request[] = [];
    const fetch = async (r: Request) => {
      seen.push(r);
      return new Response(JSON.stringify({ sid: SIDS.profile, status: "draft" }), { headers: { "Content-Type": "application/json" } });
    };
    const c = createTrustHubClient({ ...opts, baseUrl, fetch });
    await unwrap(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }));
    expect(seen).toHaveLength(1);
    expect(new URL(seen[0]!.url).origin).toBe(new URL(baseUrl).origin);
    expect(new URL(seen[0]!.url).pathname).toBe(`/v1/CustomerProfiles/${SIDS.profile}`);
  });
});
