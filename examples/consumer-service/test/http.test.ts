// The service's unit tests against the server mock over HTTP: one stateful startMock() per file, driven by
// its handle's controls (override, requests, reset), which reach the mock's process over HTTP.
import { createTrustHubClient } from "@trusthub/client";
import { startMock } from "@trusthub/mock";
import { afterAll, describe } from "vitest";
import { clientSettings, onboardingScenarios } from "./scenarios.js";

const mock = await startMock({ stateful: true });
afterAll(() => mock.stop());

describe("the onboarding service, against the server mock over HTTP", () => {
  onboardingScenarios({ mock, client: (options) => createTrustHubClient({ ...clientSettings, baseUrl: mock.url, ...options }) });
});
