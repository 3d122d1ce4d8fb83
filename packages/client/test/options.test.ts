// createTrustHubClient()'s options (src/client.ts): where credentials come from and which are refused, the
// base URL (https, or http for loopback only; region and edge), the numeric limits, the User-Agent. A wrong
// option throws a TrustHubValidationError at once, with one issue naming it, and nothing is ever sent.
import { afterEach, describe, expect, it, vi } from "vitest";
import { createTrustHubClient, TrustHubValidationError, unwrap, type TrustHubClientOptions, type ValidationIssue } from "../src/index.js";
import { fakeClient } from "./helpers/fake-fetch.js";
import { SIDS } from "./helpers/resources.js";

const TOKEN = "options-test-auth-token";
const API_SECRET = "options-test-api-secret";
const MAX_TIMER_MS = 2 ** 31 - 1;
const basic = (user: string, secret: string) => `Basic ${btoa(`${user}:${secret}`)}`;
const NO_CREDENTIALS = { accountSid: undefined, authToken: undefined };

/** The Authorization header of a GET sent by a client made with `options`. */
async function authorization(options: TrustHubClientOptions) {
  const { client, sent } = fakeClient([], { ...NO_CREDENTIALS, ...options });
  await unwrap(client.GET("/v1/CustomerProfiles"));
  return sent[0]!.request.headers.get("authorization");
}

/** The one issue of the TrustHubValidationError that `options` make createTrustHubClient throw. */
function refusal(options: TrustHubClientOptions): ValidationIssue {
  let thrown: unknown;
  try {
    createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, env: {}, ...options });
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(TrustHubValidationError);
  const { issues } = thrown as TrustHubValidationError;
  expect(issues).toHaveLength(1);
  return issues[0]!;
}

afterEach(() => vi.unstubAllEnvs());

describe("credentials", () => {
  it("accountSid + authToken, or an API key (with or without accountSid), as Basic auth", async () => {
    expect(await authorization({ accountSid: SIDS.account, authToken: TOKEN })).toBe(basic(SIDS.account, TOKEN));
    expect(await authorization({ accountSid: SIDS.account, apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET })).toBe(basic(SIDS.apiKey, API_SECRET));
    expect(await authorization({ apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET })).toBe(basic(SIDS.apiKey, API_SECRET));
  });

  it("fall back to the TWILIO_* variables of env, and to process.env without env", async () => {
    expect(await authorization({ env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: "env-token" } })).toBe(basic(SIDS.account, "env-token"));
    expect(await authorization({ env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_API_KEY: SIDS.apiKey, TWILIO_API_SECRET: "env-secret" } })).toBe(
      basic(SIDS.apiKey, "env-secret"),
    );
    vi.stubEnv("TWILIO_ACCOUNT_SID", SIDS.account);
    vi.stubEnv("TWILIO_AUTH_TOKEN", "process-env-token");
    vi.stubEnv("TWILIO_API_KEY", undefined);
    vi.stubEnv("TWILIO_API_SECRET", undefined);
    expect(await authorization({ env: undefined })).toBe(basic(SIDS.account, "process-env-token"));
  });

  it("given ones win over env, which never completes them", async () => {
    const env = { TWILIO_ACCOUNT_SID: "AC" + "f".repeat(32), TWILIO_AUTH_TOKEN: "env-token", TWILIO_API_KEY: "SK" + "0".repeat(32), TWILIO_API_SECRET: "env-secret" };
    expect(await authorization({ accountSid: SIDS.account, authToken: TOKEN, env })).toBe(basic(SIDS.account, TOKEN));
    expect(await authorization({ apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET, env })).toBe(basic(SIDS.apiKey, API_SECRET));
    expect(refusal({ ...NO_CREDENTIALS, accountSid: SIDS.account, env })).toEqual({ in: "option", name: "authToken", rule: "required" });
  });

  it("none at all: each missing one is named", () => {
    let issues: readonly ValidationIssue[] = [];
    try {
      createTrustHubClient({ env: {} });
    } catch (error) {
      issues = (error as TrustHubValidationError).issues;
    }
    expect(issues.map(({ name, rule }) => `${name} ${rule}`)).toEqual(["accountSid required", "authToken required"]);
  });

  it.each<[string, TrustHubClientOptions, Partial<ValidationIssue>]>([
    ["a malformed accountSid", { accountSid: "AC123" }, { name: "accountSid", rule: "pattern" }],
    ["an accountSid of another kind", { accountSid: "BU0123456789abcdef0123456789abcdef" }, { name: "accountSid", rule: "pattern" }],
    ["a malformed TWILIO_ACCOUNT_SID", { ...NO_CREDENTIALS, env: { TWILIO_ACCOUNT_SID: "nope", TWILIO_AUTH_TOKEN: TOKEN } }, { name: "accountSid", rule: "pattern" }],
    ["apiKeySid without apiKeySecret", { apiKeySid: SIDS.apiKey }, { name: "apiKeySecret", rule: "required" }],
    ["an empty apiKeySecret", { ...NO_CREDENTIALS, apiKeySid: SIDS.apiKey, apiKeySecret: "" }, { name: "apiKeySecret", rule: "required" }],
    ["TWILIO_API_KEY without TWILIO_API_SECRET", { ...NO_CREDENTIALS, env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_API_KEY: SIDS.apiKey } }, { name: "apiKeySecret" }],
    ["apiKeySecret without apiKeySid", { ...NO_CREDENTIALS, apiKeySecret: API_SECRET }, { name: "apiKeySid", rule: "pattern" }],
    ["a malformed apiKeySid", { ...NO_CREDENTIALS, apiKeySid: "SK123", apiKeySecret: API_SECRET }, { name: "apiKeySid", rule: "pattern" }],
    // btoa would throw a DOMException for a character above U+00FF.
    ["an authToken above Latin-1", { authToken: "tok€n" }, { name: "authToken", rule: "pattern" }],
    ["an apiKeySecret above Latin-1", { ...NO_CREDENTIALS, apiKeySid: SIDS.apiKey, apiKeySecret: "secret-\u0100" }, { name: "apiKeySecret", rule: "pattern" }],
    ["a TWILIO_AUTH_TOKEN above Latin-1", { ...NO_CREDENTIALS, env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: "tok\u{1F680}en" } }, { name: "authToken" }],
  ])("refuses %s", (_, options, expected) => {
    expect(refusal(options)).toMatchObject({ in: "option", ...expected });
  });
});

describe("baseUrl, region and edge", () => {
  /** The URL of a GET of one profile sent by a client made with `options`. */
  async function target(options: TrustHubClientOptions) {
    const { client, sent } = fakeClient([], { baseUrl: undefined, ...options });
    await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }));
    return sent[0]!.request.url.replace(`/v1/CustomerProfiles/${SIDS.profile}`, "");
  }

  it.each([
    [{}, "https://trusthub.twilio.com"],
    [{ baseUrl: "https://proxy.internal:8443" }, "https://proxy.internal:8443"],
    [{ baseUrl: "https://api.example.org/prefix/" }, "https://api.example.org/prefix"],
    [{ baseUrl: "https://10.0.0.1:8443" }, "https://10.0.0.1:8443"],
    ...["http://127.0.0.1:4010", "http://127.1.2.3:9", "http://127.255.255.254", "http://localhost", "http://[::1]:4010"].map((url) => [{ baseUrl: url }, url] as const),
    [{ baseUrl: "http://LOCALHOST:4010/" }, "http://localhost:4010"],
    [{ edge: "sydney", region: "au1" }, "https://trusthub.sydney.au1.twilio.com"],
    [{ edge: "dublin" }, "https://trusthub.dublin.us1.twilio.com"],
    [{ region: "ie1" }, "https://trusthub.ie1.twilio.com"],
  ] as const)("%o sends to %s", async (options, expected) => {
    expect(await target(options)).toBe(expected);
  });

  it.each([
    // http: for loopback hosts only
    ...["http://example.com", "http://10.0.0.1", "http://169.254.169.254", "http://0.0.0.0:4010", "http://128.0.0.1", "http://126.255.255.255"],
    ...["http://127.0.0.1.evil.com", "http://localhost.evil.com", "http://evil-localhost", "http://[::2]:4010", "http://[::]:4010"],
    ...["ftp://127.0.0.1", "ws://127.0.0.1:4010", "file:///etc/passwd"],
  ])("refuses %s (protocol)", (baseUrl) => {
    expect(refusal({ baseUrl })).toMatchObject({ name: "baseUrl", rule: "protocol" });
  });

  it.each(["trusthub.twilio.com", "//trusthub.twilio.com", "/v1"])("refuses %s (not an absolute URL)", (baseUrl) => {
    expect(refusal({ baseUrl })).toMatchObject({ name: "baseUrl", rule: "format" });
  });

  // An empty "?" or "#" leaves URL's search and hash empty, but would still end up in every request's URL.
  it.each([
    ...["https://u:p@trusthub.twilio.com", "https://trusthub.twilio.com/?x=1", "https://trusthub.twilio.com/?", "https://trusthub.twilio.com#"],
    ...["http://127.0.0.1:4010/v1prefix?", "http://127.0.0.1/?#"],
  ])(
    "refuses %s (credentials, query or fragment)",
    (baseUrl) => {
      expect(refusal({ baseUrl })).toMatchObject({ name: "baseUrl", rule: "format" });
    },
  );

  it.each([{ region: "au1" }, { edge: "sydney" }])("refuses baseUrl with %o", (options) => {
    expect(refusal({ baseUrl: "https://example.com", ...options })).toMatchObject({ name: "baseUrl", rule: "conflict" });
  });

  it.each([{ region: "evil.com/" }, { region: "au1.evil.com" }, { region: "" }, { region: "IE 1" }, { edge: "sydney.evil" }, { edge: "a@b" }, { edge: "x:1" }])(
    "refuses %o",
    (options) => {
      expect(refusal(options)).toMatchObject({ name: Object.keys(options)[0], rule: "pattern" });
    },
  );
});

describe("limits", () => {
  it.each<[TrustHubClientOptions, Partial<ValidationIssue>]>([
    [{ maxRetries: -1 }, { name: "maxRetries", rule: "minimum", expected: 0 }],
    [{ maxRetries: Number.POSITIVE_INFINITY }, { name: "maxRetries", rule: "minimum" }],
    [{ timeoutMs: 0 }, { name: "timeoutMs", rule: "exclusiveMinimum", expected: 0 }],
    [{ timeoutMs: Number.NaN }, { name: "timeoutMs", rule: "exclusiveMinimum" }],
    [{ retry: { maxDelayMs: -1 } }, { name: "retry.maxDelayMs", rule: "minimum", expected: 0 }],
    // A timer longer than 2^31−1 ms fires at once in Node.
    [{ timeoutMs: MAX_TIMER_MS + 1 }, { name: "timeoutMs", rule: "maximum", expected: MAX_TIMER_MS }],
    [{ timeoutMs: Number.MAX_SAFE_INTEGER }, { name: "timeoutMs", rule: "maximum" }],
    [{ retry: { baseDelayMs: MAX_TIMER_MS + 1 } }, { name: "retry.baseDelayMs", rule: "maximum" }],
    [{ retry: { maxDelayMs: 2 ** 32 } }, { name: "retry.maxDelayMs", rule: "maximum" }],
    [{ retry: { maxRetryAfterMs: MAX_TIMER_MS + 0.5 } }, { name: "retry.maxRetryAfterMs", rule: "maximum" }],
  ])("refuses %o", (options, expected) => {
    expect(refusal(options)).toMatchObject({ in: "option", ...expected });
  });

  it("accepts 0 retries and delays, and the longest timer", () => {
    const limits = { maxRetries: 0, timeoutMs: MAX_TIMER_MS, retry: { baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0 } };
    expect(() => createTrustHubClient({ accountSid: SIDS.account, authToken: TOKEN, env: {}, ...limits })).not.toThrow();
  });
});

describe("userAgent", () => {
  const userAgentOf = async (userAgent: TrustHubClientOptions["userAgent"]) => {
    const { client, sent } = fakeClient([], { userAgent });
    await unwrap(client.GET("/v1/CustomerProfiles"));
    return sent[0]!.request.headers.get("user-agent");
  };

  it("is appended to the client's own, a string or an array in order, Latin-1 letters kept", async () => {
    const own = await userAgentOf(undefined);
    expect(await userAgentOf("my-app/2.1")).toBe(`${own} my-app/2.1`);
    expect(await userAgentOf(["my-app/2.1", "ci/7"])).toBe(`${own} my-app/2.1 ci/7`);
    expect(await userAgentOf("café/1.0")).toBe(`${own} café/1.0`);
  });

  it.each(["app\u0000", "app/1 \u20ac", "app\u007f", "app\u001b[31m", "a\r\nX-Injected: 1", "\ud83d\ude80"])("refuses %j", (userAgent) => {
    expect(refusal({ userAgent })).toMatchObject({ name: "userAgent", rule: "pattern" });
  });
});
