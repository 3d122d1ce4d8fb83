import { createTrustHubClient, unwrap } from "@trusthub/client";
import { startMock } from "@trusthub/mock";

const mock = await startMock({ stateful: true });
try {
  const client = createTrustHubClient({
    baseUrl: mock.url,
    accountSid: "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7",
    authToken: "mock-auth-token",
  });
  const profile = await unwrap(
    client.POST("/v1/CustomerProfiles", {
      body: {
        FriendlyName: "Acme Logistics Ltd",
        Email: "compliance@acme-logistics.example",
        PolicySid: "RN806dd6cd175f314e1f96a9727ee271f4",
      },
    }),
  );
  console.log(profile.sid, profile.status); // BU…  draft
} finally {
  await mock.stop();
}
