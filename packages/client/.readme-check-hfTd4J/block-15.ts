import { createTrustHubClient, paginatePages } from "@trusthub/client";

const client = createTrustHubClient();

for await (const page of paginatePages(client, "/v1/CustomerProfiles", { pageSize: 500 })) {
  console.log(`page ${page.meta.page}: ${page.results.length} profiles`);
  // e.g. write page.results to a database here
}
