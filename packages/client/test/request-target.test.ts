// Where a request goes is the client's choice alone: a per-call baseUrl (openapi-fetch would honour it and
// send the credentials there) is refused, with validation off too; a per-call fetch or redirect mode has no
// effect (the client's own apply to every attempt); and a baseUrl with an empty query or fragment ("…/?",
// "…/#") is refused like a non-empty one.
import { rejectionOfType } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTrustHubClient, TrustHubResponseError, TrustHubValidationError, type TrustHubClientOptions } from "../src/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";
import { SIDS } from "./helpers/resources.js";

let api: RecordingServer;
let elsewhere: RecordingServer;
beforeEach(async () => {
  [api, elsewhere] = await Promise.all([startRecordingServer(), startRecordingServer()]);
});
afterEach(() => Promise.all([api.close(), elsewhere.close()]));

const client = (options: TrustHubClientOptions = {}) =>
  createTrustHubClient({ accountSid: SIDS.account, authToken: "target-test-token", baseUrl: api.url, maxRetries: 0, env: {}, ...options });

describe("per-call transport options", () => {
  it.each([true, false])("a per-call baseUrl is refused before anything is sent (validate: %s)", async (validate) => {
    const c = client({ validate });
    const init = { params: { path: { Sid: SIDS.profile } }, baseUrl: elsewhere.url };
    // @ts-expect-error baseUrl is not a per-call option
    const error = await rejectionOfType(c.GET("/v1/CustomerProfiles/{Sid}", init), TrustHubValidationError);
    expect(error.message).toContain("baseUrl");
    expect(elsewhere.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(0);
  });

  it("a baseUrl given as undefined is no baseUrl: the call goes to the client's", async () => {
    const { response } = await client().GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, baseUrl: undefined });
    expect(response.status).toBe(200);
    expect(api.requests).toHaveLength(1);
  });

  it("a per-call fetch is not used: every attempt goes through the client's own", async () => {
    const seen: Request[] = [];
    const init = { params: { path: { Sid: SIDS.profile } }, fetch: (request: Request) => (seen.push(request), fetch(`${elsewhere.url}/`)) };
    // @ts-expect-error fetch is not a per-call option
    const { response } = await client().GET("/v1/CustomerProfiles/{Sid}", init);
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(0);
    expect(api.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("a per-call redirect: \"follow\" does not make the client follow one", async () => {
    api.setHandler(() => ({ status: 307, headers: { Location: `${elsewhere.url}/v1/CustomerProfiles/${SIDS.profile}` } }));
    const init = { params: { path: { Sid: SIDS.profile } }, redirect: "follow" };
    // @ts-expect-error redirect is not a per-call option
    await rejectionOfType(client().GET("/v1/CustomerProfiles/{Sid}", init), TrustHubResponseError);
    expect(elsewhere.requests).toHaveLength(0);
  });

  it("the other transport options of openapi-fetch are type errors per call", () => {
    const c = client();
    const path = { Sid: SIDS.profile };
    // Compile-time only (tsc checks each directive is needed); the calls are never made.
    const never = () => {
      // @ts-expect-error Request is not a per-call option
      void c.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, Request });
      // @ts-expect-error querySerializer is not a per-call option
      void c.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, querySerializer: () => "" });
      // @ts-expect-error bodySerializer is not a per-call option
      void c.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, bodySerializer: () => "" });
      // @ts-expect-error pathSerializer is not a per-call option
      void c.GET("/v1/CustomerProfiles/{Sid}", { params: { path }, pathSerializer: (p: string) => p });
    };
    expect(typeof never).toBe("function");
  });
});

describe("baseUrl with an empty query or fragment", () => {
  it.each(["/?", "/#", "?", "#", "/v1prefix?", "/?#"])("refuses <server>%s", (suffix) => {
    expect(() => client({ baseUrl: `${api.url}${suffix}` })).toThrow(TrustHubValidationError);
  });

  it.each(["https://trusthub.twilio.com/?", "https://trusthub.twilio.com#"])("refuses %s", (baseUrl) => {
    expect(() => client({ baseUrl })).toThrow(TrustHubValidationError);
  });

  it("still accepts the bare origin and a path prefix", async () => {
    await client({ baseUrl: `${api.url}/` }).GET("/v1/CustomerProfiles");
    expect(api.requests[0]!.path).toBe("/v1/CustomerProfiles");
  });
});
