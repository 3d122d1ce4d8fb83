// @trusthub/client as a user would use it, every default on: request validation against the spec, retries
// (3) with per-attempt timeouts (30 s), body buffering, response checks, unwrap() and paginate().
import { createTrustHubClient, paginate, unwrap } from "@trusthub/client";

/** @param {{ origin: string, accountSid: string, authToken: string }} o */
export function create({ origin, accountSid, authToken }) {
  return createTrustHubClient({ baseUrl: origin, accountSid, authToken });
}

export function listPage(client, pageSize) {
  return unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: pageSize } } }));
}

export function fetchOne(client, sid) {
  return unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: sid } } }));
}

export async function stream(client, pageSize, onItem) {
  for await (const item of paginate(client, "/v1/CustomerProfiles", { pageSize })) onItem(item);
}

export async function collect(client, pageSize) {
  const items = [];
  for await (const item of paginate(client, "/v1/CustomerProfiles", { pageSize })) items.push(item);
  return items;
}
