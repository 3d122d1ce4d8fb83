// The floor: the global fetch, JSON.parse, and nothing else a client would add (no validation, no retries,
// no timeout). Follows meta.next_page_url as given.

/** @param {{ origin: string, accountSid: string, authToken: string }} o */
export function create({ origin, accountSid, authToken }) {
  const headers = { Authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`, Accept: "application/json" };
  return { origin, headers };
}

async function getJson(ctx, url) {
  const response = await fetch(url, { headers: ctx.headers });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

/** One list page of `pageSize` profiles; resolves with the page. */
export function listPage(ctx, pageSize) {
  return getJson(ctx, `${ctx.origin}/v1/CustomerProfiles?PageSize=${pageSize}`);
}

/** One profile. */
export function fetchOne(ctx, sid) {
  return getJson(ctx, `${ctx.origin}/v1/CustomerProfiles/${sid}`);
}

/** Every item of every page, one page in memory at a time. */
export async function stream(ctx, pageSize, onItem) {
  let url = `${ctx.origin}/v1/CustomerProfiles?PageSize=${pageSize}`;
  while (url) {
    const page = await getJson(ctx, url);
    for (const item of page.results) onItem(item);
    url = page.meta.next_page_url;
  }
}

/** Every item of every page, in one array. */
export async function collect(ctx, pageSize) {
  const items = [];
  await stream(ctx, pageSize, (item) => items.push(item));
  return items;
}
