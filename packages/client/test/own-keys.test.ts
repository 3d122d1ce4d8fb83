// Only a value's own properties count: a key named like an Object.prototype member (constructor, valueOf,
// toString, __proto__) is an unknown field like any other, and an inherited key is neither validated nor
// sent, in the body, the query or the path. Real node:http server on loopback.
import { rejectionOfType } from "@trusthub/test-support";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTrustHubClient, TrustHubValidationError, type TrustHubClientOptions } from "../src/index.js";
import { startRecordingServer, type RecordingServer } from "./helpers/recording-server.js";
import { SIDS } from "./helpers/resources.js";

const PROTOTYPE_NAMES = ["constructor", "valueOf", "toString", "hasOwnProperty", "__proto__"];
let server: RecordingServer;
beforeEach(async () => {
  server = await startRecordingServer();
});
afterEach(() => server.close());

const client = (options: TrustHubClientOptions = {}) =>
  createTrustHubClient({ accountSid: SIDS.account, authToken: "own-keys-test-token", baseUrl: server.url, maxRetries: 0, env: {}, ...options });
/** `base` plus an own property `key` (JSON.parse makes `__proto__` an own property, as a literal would not). */
const withOwn = <T extends object>(base: T, key: string, value: unknown): T => ({ ...base, ...JSON.parse(JSON.stringify({ [key]: value })) });

describe.each(PROTOTYPE_NAMES)("an own key named %j", (key) => {
  it("in a body is refused as not defined by the spec, and nothing is sent", async () => {
    const body = withOwn({ FriendlyName: "Acme", Email: "ops@example.com", PolicySid: SIDS.policy }, key, "x");
    const error = await rejectionOfType(client().POST("/v1/CustomerProfiles", { body }), TrustHubValidationError);
    expect(error.message).toContain(`body field "${key}" is not defined by the spec`);
    expect(server.requests).toHaveLength(0);
  });

  it("in a query is refused", async () => {
    const query = withOwn({ PageSize: 5 }, key, "x");
    const error = await rejectionOfType(client().GET("/v1/CustomerProfiles", { params: { query } }), TrustHubValidationError);
    expect(error.message).toContain(`query parameter "${key}"`);
    expect(server.requests).toHaveLength(0);
  });

  it("in the path parameters is refused", async () => {
    const path = withOwn({ Sid: SIDS.profile }, key, "x");
    const error = await rejectionOfType(client().GET("/v1/CustomerProfiles/{Sid}", { params: { path } }), TrustHubValidationError);
    expect(error.message).toContain(`path parameter "${key}"`);
    expect(server.requests).toHaveLength(0);
  });
});

describe("inherited keys", () => {
  it.each([true, false])("an inherited query key is not sent (validate: %s)", async (validate) => {
    const query = Object.assign(Object.create({ FriendlyName: "inherited" }), { PageSize: 5 });
    await client({ validate }).GET("/v1/CustomerProfiles", { params: { query } });
    expect(server.requests).toHaveLength(1);
    expect([...server.requests[0]!.query.keys()]).toEqual(["PageSize"]);
  });

  it("an inherited enumerable query key that breaks the spec is not sent either", async () => {
    const query = Object.create({ Status: "not-a-status", Foo: "bar" });
    await client().GET("/v1/CustomerProfiles", { params: { query } });
    expect(server.requests[0]!.url).toBe("/v1/CustomerProfiles");
  });

  it.each([true, false])("an inherited path parameter counts as missing (validate: %s): nothing is sent", async (validate) => {
    const path = Object.create({ Sid: SIDS.profile });
    await rejectionOfType(client({ validate }).GET("/v1/CustomerProfiles/{Sid}", { params: { path } }), TrustHubValidationError);
    expect(server.requests).toHaveLength(0);
  });

  it("an inherited body field counts as missing", async () => {
    const body = Object.assign(Object.create({ PolicySid: SIDS.policy }), { FriendlyName: "Acme", Email: "ops@example.com" });
    const error = await rejectionOfType(client().POST("/v1/CustomerProfiles", { body }), TrustHubValidationError);
    expect(error.message).toContain('body field "PolicySid" is required');
    expect(server.requests).toHaveLength(0);
  });
});
