// The two clients the benchmark compares, doing the same calls as their users would write them.
// @trusthub/client: every default on (validation, retries with per-attempt timeouts, the body cap,
// response checks), unwrap() and paginate(). Bare openapi-fetch: createClient() over the same types with
// the auth header, a form serializer for POST bodies (the API takes forms), default JSON parsing, and the
// error check a user writes. Each client's library is imported when it is made, so a process that makes
// one (cold start, streaming) loads only that one.
export const ACCOUNT_SID = "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7";
export const AUTH_TOKEN = "bench-auth-token-0123456789abcdef";
export const LIST_PAGE_SIZE = 50;
export const sidOf = (index) => `BU${index.toString(16).padStart(32, "0")}`;
const SID = sidOf(0);
const FORM = { FriendlyName: "Acme Logistics Ltd", Email: "compliance@acme-logistics.example", PolicySid: "RN806dd6cd175f314e1f96a9727ee271f4" };

async function bare(baseUrl) {
  const { default: createClient } = await import("openapi-fetch");
  const client = createClient({
    baseUrl,
    headers: { Authorization: `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`, Accept: "application/json" },
    bodySerializer: (body) => new URLSearchParams(body).toString(),
  });
  const ok = ({ data, error, response }) => {
    if (error !== undefined || !response.ok) throw new Error(`${response.status} ${JSON.stringify(error)}`);
    return data;
  };
  const form = { headers: { "Content-Type": "application/x-www-form-urlencoded" } };
  return {
    list: async () => ok(await client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: LIST_PAGE_SIZE } } })),
    one: async () => ok(await client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SID } } })),
    create: async () => ok(await client.POST("/v1/CustomerProfiles", { body: FORM, ...form })),
    // The loop a user writes: the next request's query is the one next_page_url carries.
    async stream(pageSize, onItem) {
      let query = { PageSize: pageSize };
      for (;;) {
        const page = ok(await client.GET("/v1/CustomerProfiles", { params: { query } }));
        page.results.forEach(onItem);
        if (!page.meta.next_page_url) return;
        query = Object.fromEntries(new URL(page.meta.next_page_url).searchParams);
      }
    },
  };
}

async function trusthub(baseUrl) {
  const { createTrustHubClient, paginate, unwrap } = await import("@trusthub/client");
  const client = createTrustHubClient({ baseUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, env: {} });
  return {
    list: () => unwrap(client.GET("/v1/CustomerProfiles", { params: { query: { PageSize: LIST_PAGE_SIZE } } })),
    one: () => unwrap(client.GET("/v1/CustomerProfiles/{Sid}", { params: { path: { Sid: SID } } })),
    create: () => unwrap(client.POST("/v1/CustomerProfiles", { body: FORM })),
    async stream(pageSize, onItem) {
      for await (const item of paginate(client, "/v1/CustomerProfiles", { pageSize })) onItem(item);
    },
  };
}

/** Each client by name: baseUrl → a promise of { list, one, create, stream }. */
export const CLIENTS = { trusthub, "openapi-fetch": bare };

/** Whether `result` of call `op` is what the server sent. */
export function checked(op, result) {
  const good = op === "list" ? result.results.length === LIST_PAGE_SIZE : result.sid === SID;
  if (!good) throw new Error(`${op}: unexpected result`);
  return result;
}
