// The stateful mode's upstream: CustomerProfiles and their EntityAssignments in memory, with the API's
// semantics (SIDs of the right prefix, 404s with the Twilio error body, cascading deletes, filters, paging
// by PageSize/PageToken with absolute URLs on the mock's public origin). Prism runs in proxy mode in front
// of it and validates every request and response against the spec, so the store cannot drift from it.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface StoreOptions {
  host: string;
  /** The origin clients see (Prism's), used in `url`, `links` and the paging URLs. */
  publicOrigin: string;
  /** JSON file with `{ "customerProfiles": [...], "entityAssignments": [...] }` to start from. */
  seedFile?: string | undefined;
}

export interface StoreServer {
  url: string;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
interface Assignment extends Json {
  sid: string;
  customer_profile_sid: string;
}

const DEFAULT_ACCOUNT = "AC00000000000000000000000000000000";
const STATUSES = new Set(["draft", "pending-review", "in-review", "twilio-rejected", "twilio-approved"]);
const PROFILES = "/v1/CustomerProfiles";

export async function startStore(options: StoreOptions): Promise<StoreServer> {
  const profiles = new Map<string, Json>();
  const assignments = new Map<string, Assignment>();
  // The object type of each assignment, for the ObjectType filter; not part of the API's response.
  const objectTypes = new Map<string, string>();
  const origin = options.publicOrigin;

  if (options.seedFile) {
    const seed = JSON.parse(readFileSync(options.seedFile, "utf8")) as { customerProfiles?: Json[]; entityAssignments?: Json[] };
    for (const p of seed.customerProfiles ?? []) profiles.set(String(p.sid), { ...p });
    for (const { object_type, ...a } of seed.entityAssignments ?? []) {
      assignments.set(String(a.sid), a as Assignment);
      if (typeof object_type === "string") objectTypes.set(String(a.sid), object_type);
    }
  }

  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const sid = (prefix: string) => prefix + randomBytes(16).toString("hex");
  const profileUrl = (s: string) => `${origin}${PROFILES}/${s}`;

  function notFound(path: string) {
    return [404, { code: 20404, message: `The requested resource ${path} was not found`, more_info: "https://www.twilio.com/docs/errors/20404", status: 404 }] as const;
  }

  function page(path: string, items: Json[], query: URLSearchParams): Json {
    const pageSize = Number(query.get("PageSize") ?? 50);
    const pageNo = Number(query.get("Page") ?? 0);
    const offset = Number(/^PT(\d+)$/.exec(query.get("PageToken") ?? "")?.[1] ?? pageNo * pageSize);
    const filters = [...query].filter(([k]) => !["PageSize", "Page", "PageToken"].includes(k));
    const link = (p: number, off: number) => {
      const q = new URLSearchParams([...filters, ["PageSize", String(pageSize)], ["Page", String(p)]]);
      if (off > 0) q.set("PageToken", `PT${off}`);
      return `${origin}${path}?${q}`;
    };
    const results = items.slice(offset, offset + pageSize);
    const hasNext = offset + pageSize < items.length;
    return {
      results,
      meta: {
        key: "results",
        page: pageNo,
        page_size: pageSize,
        url: link(pageNo, offset),
        first_page_url: link(0, 0),
        previous_page_url: pageNo > 0 ? link(pageNo - 1, Math.max(0, offset - pageSize)) : null,
        next_page_url: hasNext ? link(pageNo + 1, offset + pageSize) : null,
      },
    };
  }

  function route(method: string, url: URL, form: URLSearchParams, accountSid: string): readonly [number, Json | undefined] {
    const parts = url.pathname.split("/").filter(Boolean); // v1, CustomerProfiles, Sid?, EntityAssignments?, Sid?
    if (parts[0] !== "v1" || parts[1] !== "CustomerProfiles" || parts.length > 5) return notFound(url.pathname);
    const [, , profileSid, sub, assignmentSid] = parts;
    if (profileSid === undefined) {
      if (method === "GET") {
        const q = url.searchParams;
        const matches = [...profiles.values()].filter(
          (p) =>
            (!q.has("Status") || p.status === q.get("Status")) &&
            (!q.has("FriendlyName") || p.friendly_name === q.get("FriendlyName")) &&
            (!q.has("PolicySid") || p.policy_sid === q.get("PolicySid")),
        );
        return [200, page(PROFILES, matches, q)];
      }
      if (method === "POST") {
        const s = sid("BU");
        const created = now();
        const profile: Json = {
          sid: s,
          account_sid: accountSid,
          policy_sid: form.get("PolicySid"),
          friendly_name: form.get("FriendlyName"),
          status: "draft",
          valid_until: null,
          email: form.get("Email"),
          status_callback: form.get("StatusCallback"),
          date_created: created,
          date_updated: created,
          url: profileUrl(s),
          links: {
            customer_profiles_entity_assignments: `${profileUrl(s)}/EntityAssignments`,
            customer_profiles_evaluations: `${profileUrl(s)}/Evaluations`,
            customer_profiles_channel_endpoint_assignment: `${profileUrl(s)}/ChannelEndpointAssignments`,
          },
          errors: null,
        };
        profiles.set(s, profile);
        return [201, profile];
      }
    }
    const profile = profileSid === undefined ? undefined : profiles.get(profileSid);
    if (!profile || profileSid === undefined) return notFound(url.pathname);
    if (sub === undefined) {
      if (method === "GET") return [200, profile];
      if (method === "POST") {
        const fields: Record<string, string> = { Status: "status", FriendlyName: "friendly_name", Email: "email", StatusCallback: "status_callback" };
        for (const [field, key] of Object.entries(fields)) if (form.has(field)) profile[key] = form.get(field);
        if (typeof profile.status === "string" && !STATUSES.has(profile.status)) profile.status = "draft";
        profile.date_updated = now();
        return [200, profile];
      }
      if (method === "DELETE") {
        profiles.delete(profileSid);
        for (const [s, a] of assignments) if (a.customer_profile_sid === profileSid) assignments.delete(s);
        return [204, undefined];
      }
    }
    if (sub !== "EntityAssignments") return notFound(url.pathname);
    const base = `${PROFILES}/${profileSid}/EntityAssignments`;
    if (assignmentSid === undefined) {
      if (method === "GET") {
        const type = url.searchParams.get("ObjectType");
        const mine = [...assignments.values()].filter(
          (a) => a.customer_profile_sid === profileSid && (type === null || objectTypes.get(a.sid) === type),
        );
        return [200, page(base, mine, url.searchParams)];
      }
      if (method === "POST") {
        const s = sid("BV");
        const objectSid = form.get("ObjectSid") ?? "";
        const assignment: Assignment = {
          sid: s,
          customer_profile_sid: profileSid,
          account_sid: accountSid,
          object_sid: objectSid,
          date_created: now(),
          url: `${origin}${base}/${s}`,
        };
        assignments.set(s, assignment);
        objectTypes.set(s, objectSid.startsWith("IT") ? "end_user" : "supporting_document");
        return [201, assignment];
      }
    }
    const assignment = assignmentSid === undefined ? undefined : assignments.get(assignmentSid);
    if (!assignment || assignment.customer_profile_sid !== profileSid) return notFound(url.pathname);
    if (method === "GET") return [200, assignment];
    if (method === "DELETE") {
      assignments.delete(assignment.sid);
      objectTypes.delete(assignment.sid);
      return [204, undefined];
    }
    return notFound(url.pathname);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const user = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString().split(":")[0] ?? "";
    const accountSid = /^AC[0-9a-fA-F]{32}$/.test(user) ? user : DEFAULT_ACCOUNT;
    const [status, body] = route(req.method ?? "GET", new URL(req.url ?? "/", origin), form, accountSid);
    if (body === undefined) {
      res.writeHead(status).end();
    } else {
      const text = JSON.stringify(body);
      res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }).end(text);
    }
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ code: 20500, message: String(error), more_info: "https://www.twilio.com/docs/errors/20500", status: 500 }));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
