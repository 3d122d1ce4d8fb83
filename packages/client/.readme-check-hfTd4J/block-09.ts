import { createTrustHubClient, unwrap } from "@trusthub/client";

const client = createTrustHubClient();
const profileSid = "BU0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";

await unwrap(client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: profileSid } } }));
