import { createTrustHubClient, paginate, SPEC_VERSION } from "@trusthub/client";
import type { CustomerProfile, CustomerProfileStatus, ListItem, TrustHubClient } from "@trusthub/client";

const active: ReadonlySet<CustomerProfileStatus> = new Set(["pending-review", "in-review", "twilio-approved"]);

function label(profile: CustomerProfile): string {
  return `${profile.friendly_name ?? "(unnamed)"} [${profile.status}]`;
}

async function activeProfiles(client: TrustHubClient): Promise<Array<ListItem<"/v1/CustomerProfiles">>> {
  const found: Array<ListItem<"/v1/CustomerProfiles">> = [];
  for await (const profile of paginate(client, "/v1/CustomerProfiles")) {
    if (profile.status && active.has(profile.status)) found.push(profile);
  }
  return found;
}

console.log(`TrustHub spec ${SPEC_VERSION}`);
for (const profile of await activeProfiles(createTrustHubClient())) console.log(label(profile));
