// The stateful mode's upstream: every resource of the served spec in memory, with the API's semantics (SIDs
// of the right prefix, 404s with the Twilio error body, records owned by their parent and deleted with it,
// filters, paging by PageSize/Page/PageToken with absolute URLs on the origin the client called). What it
// serves is derived from the spec (./resources.ts), and Prism validates every request and response in front
// of it, so the store can neither lag behind the spec nor drift from it. The store itself is a function of
// one request (createStore); startStore serves it over HTTP for the Prism CLI, and the in-process mock calls
// it directly.
//
// Over HTTP only the mock's Prism reaches it: the store listens on loopback alone, under a per-run secret path prefix that
// Prism forwards as part of its upstream URL, and keeps at most BODY_LIMIT bytes of a request body. It stores
// exactly what Prism validated: a form is decoded the way Prism decodes it, and a form Prism would read
// otherwise than the store (a field given twice, broken percent-encoding) or whose closed schema Prism does
// not enforce (an unknown field, which Prism drops unseen) is refused before anything changes.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIP, type AddressInfo, type Socket } from "node:net";
import { MockOptionError } from "./errors.js";
import {
  allowsNull,
  deriveResources,
  hasType,
  isPagingParameter,
  PAGING,
  splitPath,
  isTemplate,
  snakeCase,
  typesOf,
  type FormField,
  type OpenApiDocument,
  type Resource,
  type ServerSetProperty,
  type WriteOperation,
} from "./resources.js";
import type { ResourceSemantics } from "./semantics.js";
import { INVALID_PARAMETER, twilioError } from "./twilio-errors.js";

/** Records to start with, by collection: `{ "customerProfiles": [...], "entityAssignments": [...] }`. */
export type StoreData = Record<string, Array<Record<string, unknown>>>;

export interface StoreContents {
  /** The served spec with every $ref resolved, as Prism reads it. */
  document: OpenApiDocument;
  /** Records to start with: a JSON file's path, or the records themselves. */
  data?: string | StoreData | undefined;
  /** What the spec cannot say, by collection path (default: the table in ./semantics.ts). */
  semantics?: Record<string, ResourceSemantics>;
}

export interface StoreOptions extends StoreContents {
  /** Loopback address to listen on (default 127.0.0.1); any other address is refused. */
  host?: string;
  /** The origin clients see (Prism's), used in `url`, `links` and the paging URLs. */
  publicOrigin: string;
}

export interface StoreServer {
  /** The one URL that reaches the store (loopback, with the secret path prefix): Prism's upstream. */
  url: string;
  close(): Promise<void>;
}

export interface StoreRequest {
  method: string;
  /** The URL the client called: its origin is the one of `url`, `links` and the paging URLs. */
  url: URL;
  /** The form body as sent ("" without one). */
  body: string;
  /** The Authorization header: its Basic username is the `account_sid` of what the request creates. */
  authorization?: string | undefined;
}

export interface StoreReply {
  status: number;
  body: Record<string, unknown> | undefined;
}

export interface Store {
  /** Answers one request (already validated against the spec). */
  handle(request: StoreRequest): StoreReply;
  /** Back to the records of `data` (none without it). */
  reset(): void;
}

/** The most of a request body the store keeps (TrustHub's forms are a few hundred bytes); more gets 413. */
export const BODY_LIMIT = 1024 * 1024;
/** How much more of an oversized body is read (and dropped) so the 413 reaches Prism; past it the connection is cut. */
const DRAIN_LIMIT = 16 * BODY_LIMIT;

type Json = Record<string, unknown>;

interface Entry {
  body: Json;
  /** The SIDs of the collection path the record lives under (its parent's, and so on up). */
  scope: string[];
  /** Facts kept but never served (./semantics.ts). */
  hidden: Record<string, string>;
}

type Reply = readonly [status: number, body: Json | undefined];

/** The account of records created by a caller whose Basic username is not an Account SID (an API key, say). */
const DEFAULT_ACCOUNT = "AC00000000000000000000000000000000";
const ACCOUNT_SID = /^AC[0-9a-fA-F]{32}$/;

class InvalidField extends Error {}

const notFound = (path: string): Reply => [404, twilioError(404, 20404, `The requested resource ${path} was not found`)];

export function createStore(options: StoreContents): Store {
  let resources: Resource[];
  try {
    resources = deriveResources(options.document, options.semantics);
  } catch (error) {
    throw new MockOptionError((error as Error).message);
  }
  const records = new Map<Resource, Map<string, Entry>>(resources.map((r) => [r, new Map()]));
  const data = options.data === undefined ? undefined : readData(options.data);
  const reset = () => {
    for (const entries of records.values()) entries.clear();
    if (data) loadData(data.where, structuredClone(data.value), resources, records);
  };
  reset();

  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const newSid = (prefix: string) => prefix + randomBytes(16).toString("hex");
  const entriesOf = (resource: Resource) => records.get(resource)!;
  const sameScope = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

  /** The record `sid` of `resource` under `scope`, if there is one. */
  function find(resource: Resource, scope: string[], sid: string | undefined): Entry | undefined {
    const entry = sid === undefined ? undefined : entriesOf(resource).get(sid);
    return entry && sameScope(entry.scope, scope) ? entry : undefined;
  }

  /** Whether the record that owns `scope` (if the resource has an owner) exists. */
  function parentExists(resource: Resource, scope: string[]): boolean {
    return !resource.parent || find(resource.parent, scope.slice(0, -1), scope.at(-1)) !== undefined;
  }

  /** Decodes the form fields present in `form`, each as its response property's type wants it. */
  function formValues(fields: FormField[], form: URLSearchParams, resource: Resource): Map<string, unknown> {
    const out = new Map<string, unknown>();
    for (const field of fields) {
      const target = resource.properties[field.property];
      if (field.repeatable) {
        const raws = form.getAll(field.name);
        if (raws.length > 0) out.set(field.property, raws.map((raw) => decode(field, raw, target?.items)));
        continue;
      }
      const raw = form.get(field.name);
      if (raw !== null) out.set(field.property, decode(field, raw, target));
    }
    return out;
  }

  function create(resource: Resource, url: URL, scope: string[], form: URLSearchParams, accountSid: string): Reply {
    const sid = newSid(resource.sidPrefix!);
    const self = `${url.origin}${url.pathname.replace(/\/$/, "")}/${sid}`;
    const values = formValues(resource.create!.fields, form, resource);
    const created = now();
    const server: Record<string, unknown> = {
      sid,
      account_sid: accountSid,
      url: self,
      links: links(resource, self),
      date_created: created,
      date_updated: created,
    } satisfies Record<ServerSetProperty, unknown>;
    resource.scopeProperties.forEach((property, i) => (server[property] = scope[i]));
    const body: Json = {};
    for (const [property, schema] of Object.entries(resource.properties)) {
      if (property in server) body[property] = server[property];
      else if (values.has(property)) body[property] = values.get(property);
      else if (resource.semantics.initial && property in resource.semantics.initial) body[property] = resource.semantics.initial[property];
      else if (allowsNull(schema)) body[property] = null;
    }
    const hidden: Record<string, string> = {};
    for (const [fact, from] of Object.entries(resource.semantics.hidden ?? {})) {
      const value = from(form);
      if (value !== undefined) hidden[fact] = value;
    }
    entriesOf(resource).set(sid, { body, scope, hidden });
    return [resource.create!.status, body];
  }

  function links(resource: Resource, self: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const child of resource.children) out[`${snakeCase(resource.name)}_${snakeCase(child.name)}`] = `${self}/${child.name}`;
    for (const [name, below] of Object.entries(resource.semantics.links ?? {})) out[name] = `${self}/${below}`;
    return out;
  }

  function update(resource: Resource, entry: Entry, form: URLSearchParams): Reply {
    for (const [property, value] of formValues(resource.update!.fields, form, resource)) {
      if (property in resource.properties) entry.body[property] = value;
    }
    if ("date_updated" in resource.properties) entry.body.date_updated = now();
    return [resource.update!.status, entry.body];
  }

  /** Deletes a record and every record below it, in any resource whose path runs through it. */
  function remove(resource: Resource, sid: string): Reply {
    entriesOf(resource).delete(sid);
    const depth = resource.scopeProperties.length; // where this record's SID sits in a descendant's scope
    for (const other of resources) {
      if (other.segments.length <= resource.segments.length + 1) continue;
      if (!resource.segments.every((s, i) => s === other.segments[i] || (isTemplate(s) && isTemplate(other.segments[i])))) continue;
      for (const [key, entry] of entriesOf(other)) if (entry.scope[depth] === sid) entriesOf(other).delete(key);
    }
    return [resource.delete!.status, undefined];
  }

  function list(resource: Resource, url: URL, scope: string[]): Reply {
    const query = url.searchParams;
    let items = [...entriesOf(resource).values()].filter((e) => sameScope(e.scope, scope));
    for (const filter of resource.list!.filters) {
      const wanted = query.get(filter.parameter);
      if (wanted === null) continue;
      items = items.filter((e) => {
        const value = filter.hidden ? e.hidden[filter.hidden] : e.body[filter.property!];
        return value !== undefined && value !== null && String(value) === wanted;
      });
    }
    return [resource.list!.status, page(resource, url, items.map((e) => e.body))];
  }

  function page(resource: Resource, url: URL, items: Json[]): Json {
    const { itemsKey, metaKey, metaFields, defaultPageSize } = resource.list!;
    const query = url.searchParams;
    const pageSize = Number(query.get(PAGING.size) ?? defaultPageSize);
    const pageNo = Number(query.get(PAGING.page) ?? 0);
    const offset = Number(/^PT(\d+)$/.exec(query.get(PAGING.token) ?? "")?.[1] ?? pageNo * pageSize);
    const filters = [...query].filter(([key]) => !isPagingParameter(key));
    const link = (p: number, off: number) => {
      const q = new URLSearchParams([...filters, [PAGING.size, String(pageSize)], [PAGING.page, String(p)]]);
      if (off > 0) q.set(PAGING.token, `PT${off}`);
      return `${url.origin}${url.pathname}?${q}`;
    };
    const hasNext = offset + pageSize < items.length;
    const meta: Json = {
      key: itemsKey,
      page: pageNo,
      page_size: pageSize,
      url: link(pageNo, offset),
      first_page_url: link(0, 0),
      previous_page_url: pageNo > 0 ? link(pageNo - 1, Math.max(0, offset - pageSize)) : null,
      next_page_url: hasNext ? link(pageNo + 1, offset + pageSize) : null,
    };
    const body: Json = { [itemsKey]: items.slice(offset, offset + pageSize) };
    if (metaKey) body[metaKey] = Object.fromEntries(Object.entries(meta).filter(([field]) => metaFields.includes(field)));
    return body;
  }

  function route(method: string, url: URL, body: string, accountSid: string): Reply {
    const match = matchPath(resources, splitPath(url.pathname));
    if (!match) return notFound(url.pathname);
    const { resource, values, instance } = match;
    const scope = instance ? values.slice(0, -1) : values;
    if (!parentExists(resource, scope)) return notFound(url.pathname);
    if (!instance) {
      if (method === resource.list?.method) return list(resource, url, scope);
      if (method === resource.create?.method) return create(resource, url, scope, formFor(resource.create, body), accountSid);
      return notFound(url.pathname);
    }
    const sid = values.at(-1)!;
    const entry = find(resource, scope, sid);
    if (!entry) return notFound(url.pathname);
    if (method === resource.fetch?.method) return [resource.fetch.status, entry.body];
    if (method === resource.update?.method) return update(resource, entry, formFor(resource.update, body));
    if (method === resource.delete?.method) return remove(resource, sid);
    return notFound(url.pathname);
  }

  function handle(request: StoreRequest): StoreReply {
    const user = Buffer.from((request.authorization ?? "").replace(/^Basic /, ""), "base64").toString().split(":")[0] ?? "";
    const accountSid = ACCOUNT_SID.test(user) ? user : DEFAULT_ACCOUNT;
    try {
      const [status, body] = route(request.method, request.url, request.body, accountSid);
      return { status, body };
    } catch (error) {
      if (!(error instanceof InvalidField)) throw error;
      return { status: 400, body: twilioError(400, INVALID_PARAMETER, error.message) };
    }
  }

  return { handle, reset };
}

/** The store served over HTTP (for Prism's proxy mode), on a loopback address and a free port. */
export async function startStore(options: StoreOptions): Promise<StoreServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host)) throw new MockOptionError(`the stateful store listens on loopback only, not on ${host}`);
  const store = createStore(options);
  const secret = randomBytes(24).toString("base64url");

  /** The request's path below the secret prefix, or undefined when the request does not carry the secret. */
  function pathBelowSecret(target: string): string | undefined {
    const match = /^\/([^/?]*)(.*)$/.exec(target);
    const given = Buffer.from(match?.[1] ?? "");
    const expected = Buffer.from(secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const rest = match![2]!;
    return rest.startsWith("/") ? rest : `/${rest}`;
  }

  /** The body, or undefined when it is over BODY_LIMIT (read on and dropped up to DRAIN_LIMIT, then cut off). */
  async function readBody(req: IncomingMessage): Promise<string | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      else if (size > BODY_LIMIT + DRAIN_LIMIT) {
        req.socket.destroy();
        return undefined;
      }
    }
    return size > BODY_LIMIT ? undefined : Buffer.concat(chunks).toString("utf8");
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = pathBelowSecret(req.url ?? "/");
    if (path === undefined) {
      // Not from the mock's Prism: answered without reading the body, and the connection closed.
      return send(res, [403, twilioError(403, 20403, "This port serves only the mock's Prism; send requests to the mock's URL")], true);
    }
    const body = await readBody(req);
    if (body === undefined) {
      return send(res, [413, twilioError(413, 20413, `The request body is larger than ${BODY_LIMIT} bytes`)], true);
    }
    const reply = store.handle({ method: req.method ?? "GET", url: new URL(`${options.publicOrigin}${path}`), body, authorization: req.headers.authorization });
    send(res, [reply.status, reply.body], false);
  }

  function send(res: ServerResponse, [status, body]: Reply, close: boolean) {
    if (res.destroyed || !res.socket || res.socket.destroyed) return;
    const headers: Record<string, string | number> = close ? { Connection: "close" } : {};
    if (body === undefined) {
      res.writeHead(status, headers).end();
    } else {
      const text = JSON.stringify(body);
      res.writeHead(status, { ...headers, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }).end(text);
    }
  }

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify(twilioError(500, 20500, String(error))));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Whether `host` names the loopback interface. */
function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return isIP(host) === 6 && new URL(`http://[${host}]/`).hostname === "[::1]";
}

/**
 * The form a create or update sends, decoded as Prism decodes it (`+` is a space, then percent-decoding),
 * and refused where Prism would read another form than the store or not hold it to its closed schema: a
 * field given twice (Prism validates the last), text that is not percent-encoded UTF-8 (Prism validates it
 * undecoded), a field the schema does not have (Prism drops it unseen).
 */
function formFor(operation: WriteOperation, body: string): URLSearchParams {
  const form = new URLSearchParams();
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const [key, value] = at < 0 ? [pair, ""] : [pair.slice(0, at), pair.slice(at + 1)];
    try {
      form.append(decodeURIComponent(key.replace(/\+/g, " ")), decodeURIComponent(value.replace(/\+/g, " ")));
    } catch {
      throw new InvalidField(`Invalid form body: ${JSON.stringify(pair.slice(0, 100))} is not percent-encoded UTF-8`);
    }
  }
  const fields = new Map(operation.fields.map((field) => [field.name, field]));
  for (const name of new Set(form.keys())) {
    const field = fields.get(name);
    if (!field) {
      if (operation.closed) throw new InvalidField(`Unknown parameter ${JSON.stringify(name)}: the form takes ${[...fields.keys()].join(", ") || "no fields"}`);
    } else if (!field.repeatable && form.getAll(name).length > 1) {
      throw new InvalidField(`Parameter ${name} is given ${form.getAll(name).length} times; it takes one value`);
    }
  }
  return form;
}

/** The resource a request path addresses: its collection, or (`instance`) one record of it; the path's SIDs in `values`. */
function matchPath(resources: Resource[], segments: string[]): { resource: Resource; instance: boolean; values: string[] } | undefined {
  let best: { resource: Resource; instance: boolean; values: string[] } | undefined;
  let bestLiterals = -1;
  for (const resource of resources) {
    for (const instance of [false, true]) {
      const pattern = instance ? [...resource.segments, "{Sid}"] : resource.segments;
      if (pattern.length !== segments.length) continue;
      const values: string[] = [];
      let literals = 0;
      let fits = true;
      pattern.forEach((p, i) => {
        if (isTemplate(p)) values.push(decodeSegment(segments[i]!));
        else if (p === segments[i]) literals++;
        else fits = false;
      });
      // Where a literal segment and a template could both take a request, the literal wins.
      if (fits && literals > bestLiterals) {
        best = { resource, instance, values };
        bestLiterals = literals;
      }
    }
  }
  return best;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A form value as its property's schema wants it: JSON-carrying fields parsed, numbers and booleans converted. */
function decode(field: FormField, raw: string, target: Record<string, unknown> | undefined): unknown {
  const types = typesOf(target);
  if (field.json) {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InvalidField(`Invalid ${field.name}: not valid JSON`);
    }
    if (!hasType(value, field.json)) throw new InvalidField(`Invalid ${field.name}: expected JSON of type ${field.json.join(" or ")}`);
    return hasType(value, types) || !types.has("string") ? value : raw;
  }
  if (types.size === 0 || types.has("string")) return raw;
  const number = raw.trim() === "" ? NaN : Number(raw);
  if ((types.has("number") || types.has("integer")) && Number.isFinite(number)) return number;
  if (types.has("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** The records of a data file (read once, so reset() needs no file), or the records given. */
function readData(data: string | StoreData): { where: string; value: unknown } {
  if (typeof data !== "string") return { where: "data", value: data };
  const where = `data file ${data}`;
  let text: string;
  try {
    text = readFileSync(data, "utf8");
  } catch (error) {
    throw new MockOptionError(`${where}: ${(error as Error).message}`);
  }
  try {
    return { where, value: JSON.parse(text) };
  } catch (error) {
    // V8 quotes the offending text, line breaks and all: keep the message on one line.
    throw new MockOptionError(`${where}: not valid JSON: ${(error as Error).message.replace(/[\x00-\x1f\x7f]+/g, " ")}`);
  }
}

/** Fills the store from data: records keyed by collection (resource.dataKey), parents before children. */
function loadData(where: string, data: unknown, resources: Resource[], records: Map<Resource, Map<string, Entry>>): void {
  const fail = (message: string): never => {
    throw new MockOptionError(`${where}: ${message}`);
  };
  if (!data || typeof data !== "object" || Array.isArray(data)) fail("expected a JSON object of collections");
  const byKey = new Map(resources.map((r) => [r.dataKey, r]));
  for (const key of Object.keys(data as Json)) {
    if (!byKey.has(key)) fail(`unknown collection "${key}" (the spec's: ${[...byKey.keys()].join(", ")})`);
  }
  for (const resource of resources) {
    const list = (data as Json)[resource.dataKey];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`"${resource.dataKey}" must be an array of records`);
    (list as unknown[]).forEach((record, i) => {
      const where = `${resource.dataKey}[${i}]`;
      if (!record || typeof record !== "object" || typeof (record as Json).sid !== "string") fail(`${where} needs a "sid"`);
      const body: Json = { ...(record as Json) };
      const hidden: Record<string, string> = {};
      for (const fact of Object.keys(resource.semantics.hidden ?? {})) {
        if (typeof body[fact] === "string") hidden[fact] = body[fact] as string;
        delete body[fact];
      }
      const scope = resource.scopeProperties.map((property) => {
        const value = body[property];
        return typeof value === "string" ? value : fail(`${where} needs "${property}"`);
      });
      const parentSid = scope.at(-1);
      if (resource.parent && !records.get(resource.parent)!.get(parentSid!)) {
        fail(`${where}: ${resource.scopeProperties.at(-1)} ${parentSid} is not among the ${resource.parent.dataKey}`);
      }
      records.get(resource)!.set(body.sid as string, { body, scope, hidden });
    });
  }
}
