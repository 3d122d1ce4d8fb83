import { createTrustHubClient, unwrap } from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";

const page = await unwrap(
  client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
    params: { path: { CustomerProfileSid: profileSid }, query: { ObjectType: "end_user", PageSize: 50 } },
  }),
);
for (const assignment of page.results) console.log(assignment.sid, assignment.object_sid);
