import { createTrustHubClient, paginate } from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";

// At most 200 approved profiles, fetched 100 per page.
for await (const profile of paginate(client, "/v1/CustomerProfiles", {
  params: { query: { Status: "twilio-approved" } },
  limit: 200,
  pageSize: 100,
})) {
  console.log(profile.sid, profile.friendly_name);
}

// Every end user assigned to one profile.
for await (const assignment of paginate(client, "/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", {
  params: { path: { CustomerProfileSid: profileSid }, query: { ObjectType: "end_user" } },
})) {
  console.log(assignment.object_sid);
}

// `break` stops cleanly: no further page is requested.
for await (const profile of paginate(client, "/v1/CustomerProfiles", { signal: AbortSignal.timeout(60_000) })) {
  if (profile.status === "twilio-rejected") {
    console.log("first rejected profile:", profile.sid, profile.errors);
    break;
  }
}
