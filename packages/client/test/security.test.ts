// Where credentials go and where they never show: no error (however it is rendered, cause chain included), no
// client object and no console output holds a secret, and requests go to the client's origin only: a
// redirect is never followed, whatever a middleware or a per-call option says. Errors on a fake fetch;
// redirects over real sockets, as fetch sees them (the API and the place it redirects to).
import { inspect } from "node:util";
import { collect, rejectionOf, rejectionOfType, twilioErrorBody } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTrustHubClient, paginate, TrustHubError, TrustHubResponseError, unwrap, type TrustHubClient, type TrustHubClientOptions } from "../src/index.js";
import { fakeClient, json, networkFailure, type Answer } from "./helpers/fake-fetch.js";
import { useSocketServer } from "./helpers/socket-server.js";
import { listPage, SIDS } from "./helpers/resources.js";

const TOKEN = "Zq9-SECRET-auth-token-d41d8cd98f00b204";
const API_SECRET = "Wv7-SECRET-api-secret-e3b0c44298fc1c14";
const AUTH = `Basic ${btoa(`${SIDS.account}:${TOKEN}`)}`;
const KEY_AUTH = `Basic ${btoa(`${SIDS.apiKey}:${API_SECRET}`)}`;
/** What must never show up: the secrets, the header values and their base64 parts, and the secrets percent-encoded. */
const NEEDLES = [TOKEN, API_SECRET, AUTH, KEY_AUTH, AUTH.slice(6), KEY_AUTH.slice(6), encodeURIComponent(TOKEN), encodeURIComponent(API_SECRET)];
const TOKEN_OPTIONS = { accountSid: SIDS.account, authToken: TOKEN };
const KEY_OPTIONS = { accountSid: undefined, authToken: undefined, apiKeySid: SIDS.apiKey, apiKeySecret: API_SECRET };

/** Every way a value is commonly printed, an error's stack and cause chain included. */
function renderings(value: unknown): string {
  const out = [String(value), JSON.stringify(value) ?? "", inspect(value, { depth: 10, showHidden: true, getters: true })];
  for (let e = value, i = 0; e instanceof Error && i < 10; e = e.cause, i++) out.push(e.message, e.stack ?? "", inspect(e.cause, { depth: 10, showHidden: true }));
  return out.join("\n");
}
const leaked = (value: unknown) => NEEDLES.filter((needle) => renderings(value).includes(needle));

// Everything written to the console, stdout or stderr while a test runs.
let written: string[] = [];
beforeEach(() => {
  written = [];
  for (const method of ["log", "info", "warn", "error", "debug", "trace", "dir"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void written.push(args.map((a) => inspect(a, { depth: 10 })).join(" ")));
  }
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => (written.push(String(chunk)), write(chunk, ...rest))) as typeof stream.write);
  }
});
afterEach(() => {
  expect(leaked(written.join("\n")), "console, stdout or stderr").toEqual([]);
  vi.restoreAllMocks();
});

describe("credentials never show", () => {
  it("the client sends them (so the checks look for the right strings)", async () => {
    for (const [options, header] of [[TOKEN_OPTIONS, AUTH], [KEY_OPTIONS, KEY_AUTH]] as const) {
      const { client, sent } = fakeClient([], options);
      await unwrap(client.GET("/v1/CustomerProfiles"));
      expect(sent[0]!.request.headers.get("authorization")).toBe(header);
    }
  });

  it.each<[string, TrustHubClientOptions]>([
    ["an auth token", TOKEN_OPTIONS],
    ["an API key", KEY_OPTIONS],
    ["TWILIO_AUTH_TOKEN", { accountSid: undefined, authToken: undefined, env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_AUTH_TOKEN: TOKEN } }],
    ["TWILIO_API_SECRET", { accountSid: undefined, authToken: undefined, env: { TWILIO_ACCOUNT_SID: SIDS.account, TWILIO_API_KEY: SIDS.apiKey, TWILIO_API_SECRET: API_SECRET } }],
  ])("in a client made with %s, or any of its members", (_, options) => {
    const { client } = fakeClient([], options);
    expect([client as object, ...Object.values(client as object)].flatMap(leaked)).toEqual([]);
  });

  it("in a refused option, even when the secret is the offending value", async () => {
    const refused: Array<TrustHubClientOptions> = [
      { baseUrl: "http://example.com" },
      { accountSid: "AC" + TOKEN },
      { accountSid: TOKEN },
      { ...KEY_OPTIONS, apiKeySid: API_SECRET },
      { accountSid: undefined, authToken: undefined, apiKeySid: SIDS.apiKey, env: { TWILIO_AUTH_TOKEN: TOKEN, TWILIO_API_SECRET: API_SECRET } },
      { accountSid: undefined, authToken: undefined, env: { TWILIO_ACCOUNT_SID: TOKEN, TWILIO_AUTH_TOKEN: TOKEN } },
      { accountSid: undefined, authToken: undefined, env: { TWILIO_AUTH_TOKEN: TOKEN } },
      { baseUrl: `https://${SIDS.account}:${TOKEN}@trusthub.twilio.com` },
      { baseUrl: `https://trusthub.twilio.com/?token=${TOKEN}` },
      { baseUrl: `https://trusthub.twilio.com/#${TOKEN}` },
      { region: `x.${TOKEN}`.toLowerCase() },
      { userAgent: `a\r\nAuthorization: ${AUTH}` },
      { authToken: `${TOKEN}€` },
    ];
    for (const options of refused) {
      const error = await rejectionOf(() => createTrustHubClient({ ...TOKEN_OPTIONS, env: {}, ...options }));
      expect(error).toBeInstanceOf(TrustHubError);
      expect(leaked(error)).toEqual([]);
    }
  });

  it("in a refused request, even when the secret is the offending value", async () => {
    const { client: c, sent } = fakeClient([], TOKEN_OPTIONS);
    const { client: loose } = fakeClient([], { ...TOKEN_OPTIONS, validate: false });
    for (const call of [
      () => c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: TOKEN as never } } }),
      () => c.POST("/v1/CustomerProfiles", { body: { FriendlyName: "x", Email: "e", PolicySid: TOKEN as never } }),
      () => c.GET("/v1/CustomerProfiles", { params: { query: { Status: TOKEN } as never } }),
      () => c.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, body: { StatusCallback: TOKEN } }),
      () => loose.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: ".." as never } } }),
    ]) {
      const error = await rejectionOf(call);
      expect(error).toBeInstanceOf(TrustHubError);
      expect(leaked(error)).toEqual([]);
    }
    expect(sent).toHaveLength(0);
  });

  it.each<[string, Answer[], TrustHubClientOptions?]>([
    ["API errors (401, 404, 500)", [json(401, twilioErrorBody(401, 20003)), json(404, twilioErrorBody(404, 20404)), json(500, twilioErrorBody(500, 20500))]],
    ["response errors (HTML, truncated JSON, wrong shape, empty error body)", [
      new Response("<html>hello</html>", { headers: { "Content-Type": "text/html" } }),
      new Response('{"status":"dra', { headers: { "Content-Type": "application/json" } }),
      json(200, [1, 2, 3]),
      new Response(null, { status: 503 }),
    ]],
    ["network errors", [networkFailure(), networkFailure()]],
    ["network errors after retries", [networkFailure()], { maxRetries: 2, retry: { baseDelayMs: 0, maxDelayMs: 0 } }],
    ["timeouts", ["hang"], { timeoutMs: 1 }],
  ])("in %s", async (_, answers, options = {}) => {
    for (const credentials of [TOKEN_OPTIONS, KEY_OPTIONS]) {
      const { client } = fakeClient([...answers], { maxRetries: 0, ...credentials, ...options }, answers.at(-1));
      for (let i = 0; i < answers.length; i++) {
        const error = await rejectionOf(() => unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } })));
        expect(error).toBeInstanceOf(TrustHubError);
        expect(leaked(error)).toEqual([]);
      }
      const post = await rejectionOf(() => unwrap(client.POST("/v1/CustomerProfiles", { body: { FriendlyName: "x", Email: "e@example.com", PolicySid: SIDS.policy } })));
      expect(leaked(post)).toEqual([]);
    }
  });

  it("in the refusal of a next page on another origin, which gets no request", async () => {
    const { client, sent } = fakeClient([], TOKEN_OPTIONS, () =>
      json(200, listPage("https://trusthub.twilio.com", "/v1/CustomerProfiles", [{}], { nextPageUrl: "https://evil.example/v1/CustomerProfiles?PageToken=PT1" })),
    );
    const error = await rejectionOfType(collect(paginate(client, "/v1/CustomerProfiles"), 10), TrustHubResponseError);
    expect(leaked(error)).toEqual([]);
    expect(sent.map((s) => s.url.host)).toEqual(["trusthub.twilio.com"]);
  });
});

describe("redirects are never followed", () => {
  const start = useSocketServer();
  const PROFILE = `/v1/CustomerProfiles/${SIDS.profile}`;
  const client = (api: string, options: TrustHubClientOptions = {}): TrustHubClient =>
    createTrustHubClient({ ...TOKEN_OPTIONS, baseUrl: api, env: {}, retry: { baseDelayMs: 0, maxDelayMs: 0 }, ...options });
  /** The API answering every request with `status` to the same path on another server. */
  async function redirecting(status: number) {
    const elsewhere = await start(() => ({ status: 200, body: {} }));
    const api = await start(() => ({ status, headers: { Location: `${elsewhere.url}${PROFILE}` } }));
    return { api, elsewhere };
  }

  it.each([301, 302, 303, 307, 308])("a %i fails a POST and a GET with a TrustHubResponseError, once; nothing reaches the other origin", async (status) => {
    const { api, elsewhere } = await redirecting(status);
    const update = client(api.url).POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, body: { FriendlyName: "Acme" } });
    expect(await rejectionOfType(update, TrustHubResponseError)).toMatchObject({ status, method: "POST", path: PROFILE });
    await rejectionOfType(client(api.url).GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }), TrustHubResponseError);
    expect(api.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("nor when a middleware makes a new Request (which defaults to redirect: follow), a call asks for redirect: follow, or a custom fetch is given", async () => {
    const { api, elsewhere } = await redirecting(308);
    const seen: Request[] = [];
    const clients = [
      client(api.url, { middleware: [{ onRequest: ({ request }) => new Request(request.url, { method: request.method, headers: request.headers }) }] }),
      client(api.url, { fetch: (request) => (seen.push(request), fetch(request)) }),
    ];
    for (const c of clients) await rejectionOfType(c.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } } }), TrustHubResponseError);
    const init = { params: { path: { Sid: SIDS.profile } }, redirect: "follow" };
    // @ts-expect-error redirect is not a per-call option
    await rejectionOfType(client(api.url).GET("/v1/CustomerProfiles/{Sid}", init), TrustHubResponseError);
    expect(seen.map((r) => r.redirect)).toEqual(["manual"]);
    expect(elsewhere.requests).toHaveLength(0);
  });
});
