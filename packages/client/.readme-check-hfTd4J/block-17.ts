import { createTrustHubClient, unwrap } from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const path = { CustomerProfileSid: profileSid } as const;

for (let round = 0; round < 1_000; round++) {
  const page = await unwrap(
    client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path, query: { PageSize: 100 } } }),
  );
  if (page.results.length === 0) break;
  for (const { sid } of page.results) {
    if (sid) await unwrap(client.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { ...path, Sid: sid } } }));
  }
}
