import { createTrustHubClient, unwrap } from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
const assignmentSid = "BV5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";

const assignment = await unwrap(
  client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", {
    params: { path: { CustomerProfileSid: profileSid, Sid: assignmentSid } },
  }),
);
console.log(assignment.object_sid, assignment.date_created);
