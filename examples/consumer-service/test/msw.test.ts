// The service's unit tests with MSW: the same in-process mock behind `setupServer(...trusthubHandlers(mock))`,
// so the client uses the global fetch as in production (made after server.listen(), since a client takes the
// global fetch when it is made), and the readiness probe's plain fetch is covered too.
import { createTrustHubClient } from "@trusthub/client";
import { createMock } from "@trusthub/mock/in-process";
import { trusthubHandlers } from "@trusthub/mock/msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { trusthubReadiness } from "../src/readiness.js";
import { clientSettings, credentials, onboardingScenarios } from "./scenarios.js";

const mock = await createMock({ stateful: true });
const server = setupServer(...trusthubHandlers(mock));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(async () => {
  server.close();
  await mock.close();
});

describe("the onboarding service, through MSW", () => {
  onboardingScenarios({ mock, client: (options) => createTrustHubClient({ ...clientSettings, ...options }) });
});

describe("the readiness probe (a plain fetch), through MSW", () => {
  beforeEach(() => mock.reset());

  it("is ready when TrustHub answers", async () => {
    expect(await trusthubReadiness(credentials)).toEqual({ ready: true, status: 200 });
    expect(await mock.requests()).toMatchObject([{ operationId: "ListCustomerProfile", query: { PageSize: "1" }, status: 200 }]);
  });

  it("is not ready when TrustHub refuses the credentials", async () => {
    await mock.override("ListCustomerProfile", { status: 401, times: 1 });
    expect(await trusthubReadiness(credentials)).toEqual({ ready: false, status: 401, reason: "credentials refused" });
  });

  it("is not ready when TrustHub does not answer in time", async () => {
    await mock.override("ListCustomerProfile", { error: "timeout", times: 1 });
    expect(await trusthubReadiness(credentials, 50)).toEqual({ ready: false, reason: "TrustHub unreachable: TimeoutError" });
  });
});
