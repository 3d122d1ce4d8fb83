import { createTrustHubClient, isCustomerProfileSid, unwrap } from "@trusthub/client";

const client = createTrustHubClient();
const fromRequest: string = process.argv[2] ?? "";

if (!isCustomerProfileSid(fromRequest)) throw new Error("not a Customer Profile SID");
const profile = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: fromRequest } } }));
// An assignment SID (BV…) here would not compile:
// client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: "BV5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b" } } });
console.log(profile.sid, profile.status);
