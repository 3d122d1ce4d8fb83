import { createTrustHubClient, unwrap } from "@trusthub/client";

const client = createTrustHubClient();

const page = await unwrap(
  client.GET("/v1/CustomerProfiles", {
    params: { query: { Status: "twilio-approved", PolicySid: "RN806dd6cd175f314e1f96a9727ee271f4", PageSize: 20 } },
  }),
);
for (const profile of page.results) console.log(profile.sid, profile.friendly_name, profile.status);
console.log(page.meta.next_page_url); // null on the last page
