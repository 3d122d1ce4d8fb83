// The whole TrustHub flow with @trusthub/client: create a Customer Profile, page through the list, fetch
// and update it, assign an end user to it, list/fetch/remove the assignment, delete the profile, and handle
// the 404 that follows. Run it against the mock with `pnpm start`, or against Twilio with TWILIO_* set.
import { createTrustHubClient, paginatePages, TrustHubApiError, unwrap, type TrustHubClient } from "@trusthub/client";

const POLICY_SID = "RN806dd6cd175f314e1f96a9727ee271f4"; // Twilio's Secondary Customer Profile policy
const END_USER_SID = "IT2f3e4d5c6b7a8f9e0d1c2b3a4f5e6d7c"; // an End User created beforehand

export async function quickstart(client: TrustHubClient, log: (step: string, detail: string) => void = console.log) {
  const profile = await unwrap(
    client.POST("/v1/CustomerProfiles", {
      body: { FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", PolicySid: POLICY_SID },
    }),
  );
  const Sid = profile.sid!;
  log("1. create profile", `${Sid} status=${profile.status}`);

  let pageNo = 0;
  for await (const page of paginatePages(client, "/v1/CustomerProfiles", { pageSize: 2, limit: 6 })) {
    log(`2. list profiles, page ${pageNo++}`, page.results.map((p) => `${p.friendly_name} (${p.status})`).join(", ") || "(empty)");
  }

  const fetched = await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } } }));
  log("3. fetch profile", `${fetched.friendly_name} <${fetched.email}>`);

  const updated = await unwrap(
    client.POST("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } }, body: { Status: "pending-review" } }),
  );
  log("4. submit for review", `status=${updated.status}`);

  const path = { CustomerProfileSid: Sid };
  const assignment = await unwrap(
    client.POST("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path }, body: { ObjectSid: END_USER_SID } }),
  );
  log("5. assign end user", `${assignment.sid} -> ${assignment.object_sid}`);

  const assignments = await unwrap(client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments", { params: { path } }));
  log("6. list assignments", assignments.results.map((a) => a.object_sid).join(", "));

  const one = await unwrap(
    client.GET("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { ...path, Sid: assignment.sid! } } }),
  );
  log("7. fetch assignment", `${one.sid} created ${one.date_created}`);

  await unwrap(
    client.DELETE("/v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments/{Sid}", { params: { path: { ...path, Sid: assignment.sid! } } }),
  );
  log("8. remove assignment", "done");

  await unwrap(client.DELETE("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } } }));
  log("9. delete profile", "done");

  try {
    await unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid } } }));
    throw new Error("the deleted profile can still be fetched");
  } catch (error) {
    if (!(error instanceof TrustHubApiError) || error.status !== 404) throw error;
    log("10. fetch deleted profile", `caught TrustHubApiError ${error.status}, Twilio code ${error.code} (${error.moreInfo})`);
  }
}

// Run directly: `TRUSTHUB_BASE_URL=http://127.0.0.1:4010 node dist/quickstart.js` (credentials from TWILIO_*).
if (import.meta.url === `file://${process.argv[1]}`) {
  const baseUrl = process.env.TRUSTHUB_BASE_URL;
  await quickstart(createTrustHubClient(baseUrl ? { baseUrl } : {}));
}
