import { createTrustHubClient, paginate, unwrap } from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const path = { CustomerProfileSid: profileSid } as const;

const assignments = [];
for await (const assignment of paginate(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path } })) {
  assignments.push(assignment);
}
for (const { sid } of assignments) {
  if (sid) await unwrap(client.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { ...path, Sid: sid } } }));
}
