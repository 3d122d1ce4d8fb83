// Bare openapi-fetch over the generated TrustHub types: what a user gets without @trusthub/client. Types are
// compile-time only, so at run time this is createClient() with auth headers and its default JSON parsing.
import createClient from "openapi-fetch";

/** @param {{ origin: string, accountSid: string, authToken: string }} o */
export function create({ origin, accountSid, authToken }) {
  /** @type {import("openapi-fetch").Client<import("@trusthub/types").paths>} */
  const client = createClient({
    baseUrl: origin,
    headers: { Authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`, Accept: "application/json" },
  });
  return client;
}

function ok({ data, error, response }) {
  if (error !== undefined || !response.ok) throw new Error(`${response.status} ${JSON.stringify(error).slice(0, 200)}`);
  return data;
}

export async function listPage(client, pageSize) {
  return ok(await client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: pageSize } } }));
}

export async function fetchOne(client, sid) {
  return ok(await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: sid } } }));
}

// The loop a user writes by hand: the next request's query is the one next_page_url carries.
export async function stream(client, pageSize, onItem) {
  let query = { PageSize: pageSize };
  for (;;) {
    const page = ok(await client.GET("/v1/CustomerProfiles", { params: { query } }));
    for (const item of page.results) onItem(item);
    const next = page.meta.next_page_url;
    if (!next) return;
    query = Object.fromEntries(new URL(next).searchParams);
  }
}

export async function collect(client, pageSize) {
  const items = [];
  await stream(client, pageSize, (item) => items.push(item));
  return items;
}
