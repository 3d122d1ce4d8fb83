// The stand-in TrustHub API of `pnpm bench`, in a process of its own (forked by run.mjs, so its CPU is not
// the clients'), on 127.0.0.1 at a free port. The first path segment says how bodies are sent, as real
// servers send them: /length (Content-Length), /chunked (no length), /gzip and /br (compressed, chunked).
// Under it:
//   GET  /v1/CustomerProfiles?PageSize=50        a list page of 50 profiles
//   GET  /v1/CustomerProfiles/{Sid}              one profile
//   POST /v1/CustomerProfiles                    create (form body): 201 and the profile
//   GET  /v1/CustomerProfiles?PageSize=N&Page=p  paging: `pages` pages of N, linked by next_page_url
// Bodies are built and compressed once, before the first request. Profiles are the spec's approved example with the
// rejected one's `errors`, so no nullable field is null.
import { createServer } from "node:http";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { loadSpec } from "@trusthub/spec";
import { ACCOUNT_SID, AUTH_TOKEN, LIST_PAGE_SIZE, sidOf } from "./clients.mjs";

export const FRAMINGS = ["length", "chunked", "gzip", "br"];
/** How the paging pages of the streaming figures are sent: compressed, as the API sends them. */
export const STREAM_FRAMING = "gzip";

const { examples } = loadSpec().components;
const example = { ...examples.CustomerProfileApproved.value, errors: examples.CustomerProfileRejected.value.errors };
const API = new URL(example.url).origin;

function profile(origin, index) {
  const sid = sidOf(index);
  // The example's URLs, on this server's origin and this profile's SID, as the API names its own host.
  return JSON.parse(JSON.stringify(example).replaceAll(example.sid, sid).replaceAll(API, origin));
}

function page(origin, pageSize, number, pages) {
  const url = (n) => `${origin}/v1/CustomerProfiles?PageSize=${pageSize}&Page=${n}`;
  const results = Array.from({ length: pageSize }, (_, i) => profile(origin, number * pageSize + i));
  const next = number + 1 < pages ? url(number + 1) : null;
  return { results, meta: { page: number, page_size: pageSize, first_page_url: url(0), previous_page_url: number > 0 ? url(number - 1) : null, url: url(number), next_page_url: next, key: "results" } };
}

const encoders = { length: (b) => b, chunked: (b) => b, gzip: gzipSync, br: brotliCompressSync };

/** Starts the server; resolves with { server, origin, sizes }. */
export async function startServer({ pages = 100, pageSize = 1000 } = {}) {
  const server = createServer();
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const authorization = `Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`;
  // Each body as JSON, and as each framing sends it. Paging pages link to the framing they were asked on.
  const bodies = new Map();
  const serve = (key, framing, build) => {
    const id = `${framing} ${key}`;
    if (!bodies.has(id)) bodies.set(id, encoders[framing](Buffer.from(JSON.stringify(build()))));
    return bodies.get(id);
  };
  // Built before the first request, so no client's figures include building them.
  for (const framing of FRAMINGS) for (const key of ["list", "one"]) serve(key, framing, () => (key === "list" ? page(`${origin}/${framing}`, LIST_PAGE_SIZE, 0, 1) : profile(`${origin}/${framing}`, 0)));
  for (let n = 0; n < pages; n++) serve(`page ${n}`, STREAM_FRAMING, () => page(`${origin}/${STREAM_FRAMING}`, pageSize, n, pages));
  // Bytes on the wire of each body, by framing ("gzip list", "length one", ...), and of a paging page.
  const sizes = Object.fromEntries([...bodies].filter(([id]) => !id.includes(" page ") || id.endsWith(" page 0")).map(([id, body]) => [id, body.length]));

  server.on("request", (req, res) => {
    req.resume();
    req.on("end", () => {
      const url = new URL(req.url, origin);
      const [, framing, ...rest] = url.pathname.split("/");
      const path = `/${rest.join("/")}`;
      const at = `${origin}/${framing}`;
      const send = (status, body) => {
        const headers = { "Content-Type": "application/json; charset=utf-8" };
        if (framing === "length") headers["Content-Length"] = body.length;
        if (framing === "gzip" || framing === "br") headers["Content-Encoding"] = framing;
        res.writeHead(status, headers);
        if (framing !== "length") res.write(body); // written before end(): sent chunked, without a length
        res.end(framing === "length" ? body : undefined);
      };
      const fail = (status, message) => send(status, serve(`${status}`, framing, () => ({ code: 20000 + status, message, more_info: "", status })));
      if (!encoders[framing]) return fail(404, "unknown framing");
      if (req.headers.authorization !== authorization) return fail(401, "Authentication Error");
      if (path === "/v1/CustomerProfiles" && req.method === "POST") return send(201, serve("one", framing, () => profile(at, 0)));
      if (path === "/v1/CustomerProfiles") {
        const size = Number(url.searchParams.get("PageSize"));
        const number = Number(url.searchParams.get("Page") ?? 0);
        if (size === LIST_PAGE_SIZE) return send(200, serve("list", framing, () => page(at, LIST_PAGE_SIZE, 0, 1)));
        if (size === pageSize && number >= 0 && number < pages) return send(200, serve(`page ${number}`, framing, () => page(at, pageSize, number, pages)));
        return fail(400, "no such page");
      }
      if (path.startsWith("/v1/CustomerProfiles/BU")) return send(200, serve("one", framing, () => profile(at, 0)));
      return fail(404, "not found");
    });
  });
  return { server, origin, sizes };
}

// Forked by run.mjs: start, report where, and end with the parent.
if (process.send) {
  const [pages, pageSize] = process.argv.slice(2).map(Number);
  const { origin, sizes } = await startServer({ pages, pageSize });
  process.on("disconnect", () => process.exit(0));
  process.send({ origin, sizes });
}
