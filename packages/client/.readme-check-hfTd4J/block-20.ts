import { createTrustHubClient, paginate } from "@trusthub/client";

// Use the URL exactly as the mock prints it: paginate() only follows next_page_url on the same origin,
// and http://localhost:4010 is not the same origin as http://127.0.0.1:4010.
const client = createTrustHubClient({
  baseUrl: "http://127.0.0.1:4010",
  accountSid: "AC00000000000000000000000000000000",
  authToken: "any",
});

for await (const profile of paginate(client, "/v1/CustomerProfiles")) console.log(profile.sid);
