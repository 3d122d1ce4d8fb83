// The service's unit tests on the in-process mock: Prism's engine and the stateful store in this process,
// the client on its default base URL with the mock's fetch. Overrides force the errors, reset() gives each
// test a clean store, and mock.requests() is what the service sent.
import { createTrustHubClient } from "@trusthub/client";
import { createMock } from "@trusthub/mock/in-process";
import { afterAll, describe } from "vitest";
import { clientSettings, onboardingScenarios } from "./scenarios.js";

const mock = await createMock({ stateful: true });
afterAll(() => mock.close());

describe("the onboarding service, on the in-process mock", () => {
  onboardingScenarios({ mock, client: (options) => createTrustHubClient({ ...clientSettings, fetch: mock.fetch, ...options }) });
});
