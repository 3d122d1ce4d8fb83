// Where a request goes is the client's choice alone: a per-call baseUrl (openapi-fetch would honour it and
// send the credentials there) and the other per-call transport options are refused, with validation off
// too, and a baseUrl with an empty query or fragment ("…/?", "…/#") is refused like a non-empty one.
import { rejectionOfType } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTrustHubClient, TrustHubValidationError, type TrustHubClientOptions } from "../src/index.js";
import { SIDS, startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";

let api: RecordingServer;
let elsewhere: RecordingServer;
beforeEach(async () => {
  [api, elsewhere] = await Promise.all([startRecordingServer(), startRecordingServer()]);
});
afterEach(() => Promise.all([api.close(), elsewhere.close()]));

const client = (options: TrustHubClientOptions = {}) =>
  createTrustHubClient({ accountSid: SIDS.account, authToken: "target-test-token", baseUrl: api.url, maxRetries: 0, env: {}, ...options });

describe("per-call transport options", () => {
  const others = () => ({
    fetch: (request: Request) => globalThis.fetch(request),
    Request: class extends Request {},
    redirect: "follow",
    querySerializer: () => "",
    bodySerializer: () => "",
    pathSerializer: (path: string) => path,
  });

  it.each([true, false])("a per-call baseUrl is refused before anything is sent (validate: %s)", async (validate) => {
    const c = client({ validate });
    const init = { params: { path: { Sid: SIDS.profile } }, baseUrl: elsewhere.url };
    // @ts-expect-error baseUrl is not a per-call option
    const error = await rejectionOfType(c.GET("/v1/CustomerProfiles/{Sid}", init), TrustHubValidationError);
    expect(error.message).toContain("baseUrl");
    expect(elsewhere.requests).toHaveLength(0);
    expect(api.requests).toHaveLength(0);
  });

  it.each(Object.keys(others()))("%s is refused per call", async (key) => {
    const init = { params: { path: { Sid: SIDS.profile } }, [key]: others()[key as keyof ReturnType<typeof others>] };
    const error = await rejectionOfType(client().GET("/v1/CustomerProfiles/{Sid}", init as never), TrustHubValidationError);
    expect(error.message).toContain(key);
    expect(api.requests).toHaveLength(0);
  });

  it("an option given as undefined is no option: the call goes to the client's baseUrl", async () => {
    const { response } = await client().GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SIDS.profile } }, baseUrl: undefined });
    expect(response.status).toBe(200);
    expect(api.requests).toHaveLength(1);
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
