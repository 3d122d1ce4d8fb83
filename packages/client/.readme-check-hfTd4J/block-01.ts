import { createTrustHubClient, unwrap } from "@trusthub/client";

// Credentials come from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.
const client = createTrustHubClient();

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

if (profile.sid) {
  const submitted = await unwrap(
    client.POST("/v1/CustomerProfiles/{Sid}", {
      params: { path: { Sid: profile.sid } },
      body: { Status: "pending-review" },
    }),
  );
  console.log(submitted.status); // pending-review
}
