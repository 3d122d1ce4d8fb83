import { createTrustHubClient } from "@trusthub/client";

const client = createTrustHubClient({
  timeoutMs: 10_000,
  maxRetries: 5,
  retry: { baseDelayMs: 250, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 },
  userAgent: ["acme-onboarding/2.1.0"],
  // Called for every attempt, retries included.
  fetch: (request) => globalThis.fetch(request),
  // Also called for every attempt: a retried call passes through middleware again.
  middleware: [
    {
      onResponse({ request, response }) {
        console.log(request.method, new URL(request.url).pathname, response.status);
      },
    },
  ],
  validate: true,
});

// More middleware can be added (and removed with client.eject) later.
client.use({
  onRequest({ request }) {
    request.headers.set("X-Request-Source", "onboarding");
    return request;
  },
});
