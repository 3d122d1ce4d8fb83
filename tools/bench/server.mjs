// The stand-in TrustHub API the benchmark clients talk to. It runs in its own process (started by run.mjs
// through fork(), so it dies with its parent) and binds 127.0.0.1 on a free port. Every response body is
// serialized once, before the first request, so the server spends as little CPU as possible per request
// and the clients are what is being measured.
//
//   GET /v1/CustomerProfiles?PageSize=50             one page of 50 profiles (~47 KiB), the "list" request
//   GET /v1/CustomerProfiles?PageSize=1000[&Page=n&PageToken=…]
//                                                    page n of `pages` pages of 1000, linked by an absolute
//                                                    meta.next_page_url on this server's own origin
//   GET /v1/CustomerProfiles/{Sid}                   one profile (~1 KiB)
//
// Requests without the expected Basic credentials get a 401 Twilio error: every client must send them.
//
// Usage: node server.mjs [--pages 100] [--page-size 1000]; prints {"port": n} on stdout once listening.
import { createServer } from "node:http";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export const ACCOUNT_SID = "AC7f3e9a2b1c4d5e6f708192a3b4c5d6e7";
export const AUTH_TOKEN = "bench-auth-token-0123456789abcdef";
export const AUTHORIZATION = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
export const LIST_PAGE_SIZE = 50;
/** The SID every client fetches in the single-instance scenario. */
export const FETCH_SID = sidOf(42);

/** Profile SIDs encode their index, so any of them can be served without a lookup table. */
export function sidOf(index) {
  return `BU${index.toString(16).padStart(32, "0")}`;
}

// Every field of the spec's CustomerProfileApproved example filled in (components.examples in
// specs/trusthub/v1/openapi.yaml), plus `errors` as in its CustomerProfileRejected example, so that no
// nullable field is null: a profile as large and as nested as the API returns. Each profile gets its own
// SID and URLs on this server's origin, as the real API answers with its own host.
function profile(origin, index) {
  const sid = sidOf(index);
  const url = `${origin}/v1/CustomerProfiles/${sid}`;
  return {
    sid,
    account_sid: ACCOUNT_SID,
    policy_sid: "RN806dd6cd175f314e1f96a9727ee271f4",
    friendly_name: "Acme Logistics Ltd",
    status: "twilio-approved",
    valid_until: "2027-03-04T00:00:00Z",
    email: "compliance@acme-logistics.example",
    status_callback: "https://acme-logistics.example/trusthub/status",
    date_created: "2026-03-02T09:15:27Z",
    date_updated: "2026-03-04T16:41:09Z",
    url,
    links: {
      customer_profiles_entity_assignments: `${url}/EntityAssignments`,
      customer_profiles_evaluations: `${url}/Evaluations`,
      customer_profiles_channel_endpoint_assignment: `${url}/ChannelEndpointAssignments`,
    },
    errors: [{ code: 18601 }],
  };
}

const pageUrl = (origin, pageSize, page) =>
  `${origin}/v1/CustomerProfiles?PageSize=${pageSize}&Page=${page}${page > 0 ? `&PageToken=${pageToken(page)}` : ""}`;
// Twilio's tokens are opaque ("PA…"); ours name the page so the server can check it.
const pageToken = (page) => `PABU${page.toString(16).padStart(32, "0")}`;

function listPage(origin, pageSize, page, pages) {
  const results = [];
  for (let i = 0; i < pageSize; i++) results.push(profile(origin, page * pageSize + i));
  return {
    results,
    meta: {
      page,
      page_size: pageSize,
      first_page_url: pageUrl(origin, pageSize, 0),
      previous_page_url: page > 0 ? pageUrl(origin, pageSize, page - 1) : null,
      url: pageUrl(origin, pageSize, page),
      next_page_url: page + 1 < pages ? pageUrl(origin, pageSize, page + 1) : null,
      key: "results",
    },
  };
}

function twilioError(status, code, message) {
  return Buffer.from(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

/** Starts the server; resolves with { server, port, origin, sizes }. */
export async function startServer({ pages = 100, pageSize = 1000 } = {}) {
  const server = createServer();
  // Idle keep-alive connections must survive the pauses between phases of a client process.
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;

  // Pre-serialized bodies: the 50-item list page, the paging pages, and the single instance.
  const json = (value) => Buffer.from(JSON.stringify(value));
  const listBody = json(listPage(origin, LIST_PAGE_SIZE, 0, 1));
  const pagingBodies = Array.from({ length: pages }, (_, n) => json(listPage(origin, pageSize, n, pages)));
  const instanceBody = json(profile(origin, parseInt(FETCH_SID.slice(2), 16)));
  const instances = new Map(); // other SIDs, built on demand (not used by the timed scenarios)

  const send = (res, status, body) => {
    res.writeHead(status, {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": body.length,
      "Twilio-Request-Id": "RQ00000000000000000000000000000000",
    });
    res.end(body);
  };

  server.on("request", (req, res) => {
    if (req.headers.authorization !== AUTHORIZATION) {
      return send(res, 401, twilioError(401, 20003, "Authentication Error - invalid username"));
    }
    const url = new URL(req.url, origin);
    if (req.method !== "GET") return send(res, 405, twilioError(405, 20004, "Method not allowed"));
    if (url.pathname === "/v1/CustomerProfiles") {
      const size = Number(url.searchParams.get("PageSize") ?? LIST_PAGE_SIZE);
      const page = Number(url.searchParams.get("Page") ?? 0);
      if (size === LIST_PAGE_SIZE && page === 0) return send(res, 200, listBody);
      if (size === pageSize && Number.isInteger(page) && page >= 0 && page < pages) {
        if (page > 0 && url.searchParams.get("PageToken") !== pageToken(page)) {
          return send(res, 400, twilioError(400, 20001, "Invalid PageToken"));
        }
        return send(res, 200, pagingBodies[page]);
      }
      return send(res, 400, twilioError(400, 20001, `This server serves PageSize=${LIST_PAGE_SIZE} or PageSize=${pageSize}`));
    }
    const match = /^\/v1\/CustomerProfiles\/(BU[0-9a-f]{32})$/.exec(url.pathname);
    if (match) {
      if (match[1] === FETCH_SID) return send(res, 200, instanceBody);
      const index = parseInt(match[1].slice(2), 16);
      if (index >= pages * pageSize) return send(res, 404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
      if (!instances.has(index) && instances.size < 1000) instances.set(index, json(profile(origin, index)));
      return send(res, 200, instances.get(index) ?? json(profile(origin, index)));
    }
    return send(res, 404, twilioError(404, 20404, `The requested resource ${url.pathname} was not found`));
  });

  return { server, port, origin, sizes: { listPage: listBody.length, pagingPage: pagingBodies[0]?.length ?? 0, instance: instanceBody.length } };
}

// Run as a process: print the port, exit when the parent goes away (IPC disconnect) or on SIGTERM.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { pages: { type: "string" }, "page-size": { type: "string" } } });
  const { port, origin, sizes } = await startServer({ pages: Number(values.pages ?? 100), pageSize: Number(values["page-size"] ?? 1000) });
  process.on("disconnect", () => process.exit(0));
  process.on("SIGTERM", () => process.exit(0));
  const ready = { port, origin, sizes };
  if (process.send) process.send(ready);
  else console.log(JSON.stringify(ready));
}
