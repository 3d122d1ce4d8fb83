import { createTrustHubClient, unwrap } from "@trusthub/client";

const client = createTrustHubClient();

const profile = await unwrap(
  client.POST("/v1/CustomerProfiles", {
    body: {
      FriendlyName: "Acme Logistics Ltd",
      Email: "compliance@acme-logistics.example",
      PolicySid: "RN806dd6cd175f314e1f96a9727ee271f4",
      StatusCallback: "https://acme-logistics.example/trusthub/status",
    },
  }),
);
console.log(profile.sid, profile.status, profile.date_created);
