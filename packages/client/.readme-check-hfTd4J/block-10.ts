import { createTrustHubClient, unwrap } from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const endUserSid = "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c";

const assignment = await unwrap(
  client.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
    params: { path: { CustomerProfileSid: profileSid } },
    body: { ObjectSid: endUserSid },
  }),
);
console.log(assignment.sid, assignment.object_sid); // BV…  IT2f3e…
