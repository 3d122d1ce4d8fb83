// The service's unit tests, written once against the mock's controls (alike on every kind of mock) and run
// by each test file on its own kind: the in-process mock (in-process.test.ts), the same mock behind MSW
// (msw.test.ts), and the server mock over HTTP (http.test.ts). Each test makes its own service under a
// policy SID of its own, so that a store shared by the tests (as over HTTP) changes nothing it asserts.
import { randomUUID } from "node:crypto";
import type { TrustHubClient, TrustHubClientOptions } from "@trusthub/client";
import type { MockControls } from "@trusthub/mock/in-process";
import { beforeEach, expect, it } from "vitest";
import { createOnboardingService, OnboardingError, type Business, type OnboardingService } from "../src/onboarding.js";

export interface MockEnv {
  mock: MockControls;
  /** A client on the mock, with `options` over `clientSettings`. */
  client(options?: Partial<TrustHubClientOptions>): TrustHubClient;
}

export const credentials = { accountSid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7", authToken: "test-token" };
/** The service's client settings: two retries, and short backoffs so that tests do not wait. */
export const clientSettings: Partial<TrustHubClientOptions> = { ...credentials, maxRetries: 2, retry: { baseDelayMs: 1, maxDelayMs: 5 } };

const REPRESENTATIVE = "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c";
const DOCUMENT = "RD4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e";
const sidOf = <Prefix extends string>(prefix: Prefix): `${Prefix}${string}` => `${prefix}${randomUUID().replaceAll("-", "")}`;
const business = (): Business => ({ name: `Acme ${randomUUID().slice(0, 8)}`, email: "compliance@acme.example", representativeSid: REPRESENTATIVE, documentSids: [DOCUMENT] });
const failureOf = async (promise: Promise<unknown>): Promise<OnboardingError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OnboardingError);
  return error as OnboardingError;
};

export function onboardingScenarios({ mock, client }: MockEnv): void {
  const service = (options?: Partial<TrustHubClientOptions>): OnboardingService =>
    createOnboardingService({ client: client(options), policySid: sidOf("RN"), pageSize: 2 });
  /** The calls the current test made: operation and status (undefined after a fault). */
  const calls = async () => (await mock.requests()).map((r) => [r.operationId, r.status]);

  beforeEach(() => mock.reset());

  it("onboards a business: profile created, representative and document assigned, submitted for review", async () => {
    const onboarding = service();
    const result = await onboarding.onboard(business());
    expect(result.status).toBe("pending-review");
    expect(await onboarding.status(result.profileSid)).toBe("pending-review");
    expect(await calls()).toEqual([
      ["CreateCustomerProfile", 201],
      ["CreateCustomerProfileEntityAssignment", 201],
      ["CreateCustomerProfileEntityAssignment", 201],
      ["UpdateCustomerProfile", 200],
      ["FetchCustomerProfile", 200],
    ]);
  });

  it("gets through a rate limit", async () => {
    await mock.override("CreateCustomerProfile", { status: 429, headers: { "Retry-After": "0" }, times: 1 });
    const result = await service().onboard(business());
    expect(result.status).toBe("pending-review");
    expect((await calls()).slice(0, 2)).toEqual([
      ["CreateCustomerProfile", 429],
      ["CreateCustomerProfile", 201],
    ]);
  });

  it("gives up when the rate limit lasts, as unavailable", async () => {
    await mock.override("CreateCustomerProfile", { status: 429, headers: { "Retry-After": "0" } });
    const failure = await failureOf(service().onboard(business()));
    expect(failure.kind).toBe("unavailable");
    expect(failure.message).toMatch(/Twilio error 20429/);
    expect(await calls()).toEqual(Array(3).fill(["CreateCustomerProfile", 429]));
  });

  it("reports a profile TrustHub does not have as unknown", async () => {
    expect(await service().status(sidOf("BU"))).toBeUndefined();
    expect(await calls()).toEqual([["FetchCustomerProfile", 404]]);
  });

  it("withdraws a profile, and counts one already gone as withdrawn", async () => {
    const onboarding = service();
    const { profileSid } = await onboarding.onboard(business());
    await onboarding.withdraw(profileSid);
    await onboarding.withdraw(profileSid);
    expect(await onboarding.status(profileSid)).toBeUndefined();
    expect((await calls()).slice(-3)).toEqual([
      ["DeleteCustomerProfile", 204],
      ["DeleteCustomerProfile", 404],
      ["FetchCustomerProfile", 404],
    ]);
  });

  it("reports refused credentials as unauthorized", async () => {
    await mock.override("ListCustomerProfile", { status: 401 });
    const failure = await failureOf(service().pendingReviews());
    expect(failure.kind).toBe("unauthorized");
    expect(failure.message).toMatch(/Twilio error 20003/);
  });

  it("reports what TrustHub refused as invalid, naming it, and withdraws the half-made profile", async () => {
    // The client checks requests itself; without that check the mock answers as TrustHub does.
    const failure = await failureOf(service({ validate: false }).onboard({ ...business(), representativeSid: "IT123" }));
    expect(failure.kind).toBe("invalid");
    expect(failure.message).toMatch(/400 \(Twilio error 20001\): Invalid parameter ObjectSid/);
    expect(await calls()).toEqual([
      ["CreateCustomerProfile", 201],
      ["CreateCustomerProfileEntityAssignment", 400],
      ["DeleteCustomerProfile", 204],
    ]);
  });

  it("lists the policy's profiles awaiting review, across pages", async () => {
    const onboarding = service();
    const names = [business(), business(), business()].map((b) => b.name);
    for (const name of names) await onboarding.onboard({ ...business(), name });
    expect((await onboarding.pendingReviews()).sort()).toEqual([...names].sort());
    const lists = (await calls()).filter(([operationId]) => operationId === "ListCustomerProfile");
    expect(lists).toEqual(Array(3).fill(["ListCustomerProfile", 200])); // two pages in review, one empty page in-review
  });

  it("reports a TrustHub it cannot reach as unavailable", async () => {
    await mock.override("CreateCustomerProfile", { error: "reset" });
    const failure = await failureOf(service().onboard(business()));
    expect(failure.kind).toBe("unavailable");
    expect(failure.message).toMatch(/POST \/v1\/CustomerProfiles failed \(.+\) after 1 attempt/); // a create is not retried after a network error
    expect(await calls()).toEqual([["CreateCustomerProfile", undefined]]);
  });
}
