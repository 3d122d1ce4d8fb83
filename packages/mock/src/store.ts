// The stateful mode's data: every resource of the served spec in memory, with the API's semantics (SIDs of
// the right prefix, 404s with the Twilio error body, records owned by their parent and deleted with it,
// filters, paging by PageSize/Page/PageToken with absolute URLs on the origin the client called). What it
// serves is derived from the spec (./resources.ts), and Prism validates every request and response in front
// of it (./engine.ts calls it as Prism's upstream, in-process), so the store can neither lag behind the spec
// nor drift from it. It stores exactly what Prism validated: a form is decoded the way Prism decodes it, and
// a form Prism would read otherwise than the store (a field given twice, broken percent-encoding) or whose
// closed schema Prism does not enforce (an unknown field, which Prism drops unseen) is refused before
// anything changes. JSON carried by a form field is held to JSON_FIELD_DEPTH levels, so that every record
// can be serialized again.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
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
import type { StoreData } from "./generated/seed-data.js";
import { fitTemplate } from "./routes.js";
import type { ResourceSemantics } from "./semantics.js";
import { INVALID_PARAMETER, twilioError } from "./twilio-errors.js";

export type { StoreData };

/**
 * A record of the seed data (./generated/seed-data.ts): as the spec's response holds it (`Response`), with
 * the SIDs that place it required (`Placed`: its own and its parents'), what the store fills in optional
 * (`Filled`: the server-set properties), and the facts semantics.ts keeps beside it (`Hidden`).
 */
export type SeedRecord<Response, Placed extends keyof Response, Filled extends keyof Response = never, Hidden extends string = never> = Omit<
  Response,
  Placed | Filled
> & { [Key in Placed]-?: NonNullable<Response[Key]> } & { [Key in Filled]?: Response[Key] } & { [Key in Hidden]?: string };

export interface StoreContents {
  /** The served spec with every $ref resolved, as Prism reads it. */
  document: OpenApiDocument;
  /** The JSON Schema validator Prism bundles (./prism.ts), which checks the records of `data` against the spec. */
  ajv: Pick<typeof import("./prism.js"), "Ajv2020" | "addFormats">;
  /** Records to start with: a JSON file's path, or the records themselves. */
  data?: string | StoreData | undefined;
  /** What the spec cannot say, by collection path (default: the table in ./semantics.ts). */
  semantics?: Record<string, ResourceSemantics>;
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
  /** A store of the same spec back at the records of `data` (none without it); this one is left as it is. */
  renewed(): Store;
}

/** How deep JSON carried by a form field may nest (TrustHub's attributes are a level or two). */
export const JSON_FIELD_DEPTH = 32;

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
  if (options.data === undefined) return storeOf(resources, undefined);
  const data = readData(options.data);
  checkData(data, resources, options.ajv, serverOrigin(options.document));
  return storeOf(resources, data);
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** The origin of the spec's first server: where the records of a data file live when they do not say. */
function serverOrigin(document: OpenApiDocument): string | undefined {
  try {
    return new URL(String((document.servers as Array<{ url?: unknown }> | undefined)?.[0]?.url)).origin;
  } catch {
    return undefined;
  }
}

/** The properties the server sets on a record (its sid, account, url, links and dates, the SIDs of its path). */
function serverSet(resource: Resource, sid: string, self: string | undefined, scope: string[], accountSid: string): Json {
  const at = now();
  const server: Json = { sid, account_sid: accountSid, url: self, links: self && linksOf(resource, self), date_created: at, date_updated: at } satisfies Record<
    ServerSetProperty,
    unknown
  >;
  if (self === undefined) {
    delete server.url;
    delete server.links;
  }
  resource.scopeProperties.forEach((property, i) => (server[property] = scope[i]));
  return server;
}

function linksOf(resource: Resource, self: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const child of resource.children) out[`${snakeCase(resource.name)}_${snakeCase(child.name)}`] = `${self}/${child.name}`;
  for (const [name, below] of Object.entries(resource.links)) out[name] = `${self}/${below}`;
  return out;
}

function storeOf(resources: Resource[], data: { where: string; value: unknown } | undefined): Store {
  const records = new Map<Resource, Map<string, Entry>>(resources.map((r) => [r, new Map()]));
  if (data) loadData(data.where, structuredClone(data.value), resources, records);

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
    const server = serverSet(resource, sid, self, scope, accountSid);
    const body: Json = {};
    for (const [property, schema] of Object.entries(resource.properties)) {
      if (property in server) body[property] = server[property];
      else if (values.has(property)) body[property] = values.get(property);
      else if (property in resource.initial) body[property] = structuredClone(resource.initial[property]);
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

  function update(resource: Resource, entry: Entry, form: URLSearchParams): Reply {
    for (const [property, value] of formValues(resource.update!.fields, form, resource)) entry.body[property] = value;
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

  return { handle, renewed: () => storeOf(resources, data) };
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
      const fit = fitTemplate(instance ? [...resource.segments, "{Sid}"] : resource.segments, segments);
      // Where a literal segment and a template could both take a request, the literal wins.
      if (fit && fit.literals > bestLiterals) {
        best = { resource, instance, values: fit.values };
        bestLiterals = fit.literals;
      }
    }
  }
  return best;
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
    if (depthOver(value, JSON_FIELD_DEPTH)) throw new InvalidField(`Invalid ${field.name}: JSON nested more than ${JSON_FIELD_DEPTH} levels deep`);
    return hasType(value, types) || !types.has("string") ? value : raw;
  }
  if (types.size === 0 || types.has("string")) return raw;
  const number = raw.trim() === "" ? NaN : Number(raw);
  if ((types.has("number") || types.has("integer")) && Number.isFinite(number)) return number;
  if (types.has("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** Whether `value` nests arrays and objects more than `limit` levels deep (walked without recursion). */
function depthOver(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (!node || typeof node !== "object") continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The records of a data file (read once, so reset() needs no file), or the records given. */
function readData(data: string | StoreData): { where: string; value: unknown } {
  if (typeof data !== "string") return { where: "data", value: structuredClone(data) };
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

/**
 * Refuses data that is not what the spec's responses hold, before anything is stored: a collection the spec
 * lacks, a record without a sid, a property its collection's records do not have, a value its schema does not
 * allow (a wrong type, a malformed SID, a missing required property). The message names the collection, the
 * record (index and sid) and the property, on one line.
 */
function checkData({ where, value }: { where: string; value: unknown }, resources: Resource[], ajv: StoreContents["ajv"], origin: string | undefined): void {
  const fail = (message: string): never => {
    throw new MockOptionError(`${where}: ${message}`);
  };
  if (!value || typeof value !== "object" || Array.isArray(value)) fail("expected a JSON object of collections");
  const byKey = new Map(resources.map((r) => [r.dataKey, r]));
  for (const key of Object.keys(value as Json)) {
    if (!byKey.has(key)) fail(`unknown collection "${key}" (the spec's: ${[...byKey.keys()].join(", ")})`);
  }
  const validator = new ajv.Ajv2020({ strict: false, allErrors: true });
  ajv.addFormats(validator);
  for (const resource of resources) {
    const list = (value as Json)[resource.dataKey];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`"${resource.dataKey}" must be an array of records`);
    const validate = validator.compile({ type: "object", properties: resource.properties, required: [...resource.required] });
    const known = new Set([...Object.keys(resource.properties), ...Object.keys(resource.semantics.hidden ?? {})]);
    (list as unknown[]).forEach((record, i) => {
      if (!record || typeof record !== "object" || typeof (record as Json).sid !== "string") fail(`${resource.dataKey}[${i}] needs a "sid"`);
      const at = `${resource.dataKey}[${i}] (sid ${(record as Json).sid})`;
      const unknown = Object.keys(record as Json).filter((property) => !known.has(property));
      if (unknown.length) fail(`${at}: unknown ${unknown.length > 1 ? "properties" : "property"} ${unknown.map((p) => `"${p}"`).join(", ")} (a record of ${resource.dataKey} has ${[...known].join(", ")})`);
      fillServerSet(resource, record as Json, origin);
      const hiddenFacts = new Set(Object.keys(resource.semantics.hidden ?? {}));
      if (validate(Object.fromEntries(Object.entries(record as Json).filter(([property]) => !hiddenFacts.has(property))))) return;
      fail(`${at}: ${schemaProblems(validate.errors ?? []).join("; ")}`);
    });
  }
}

/**
 * Fills in, in place, the server-set properties a record of the data leaves out, as a create would set them:
 * the default account, the time of loading, and the url and links on the spec's server.
 */
function fillServerSet(resource: Resource, record: Json, origin: string | undefined): void {
  const scope = resource.scopeProperties.map((property) => record[property]);
  if (!scope.every((sid): sid is string => typeof sid === "string")) return; // loadData names what is missing
  let at = 0;
  const path = resource.segments.map((segment) => (isTemplate(segment) ? scope[at++] : segment)).join("/");
  const server = serverSet(resource, record.sid as string, origin && `${origin}/${path}/${record.sid}`, scope, DEFAULT_ACCOUNT);
  for (const [property, value] of Object.entries(server)) if (property in resource.properties && !(property in record)) record[property] = value;
}

/** Ajv's errors about one record, one line per property: `property "sid": must match pattern "^BU…$"`. */
function schemaProblems(errors: Array<{ instancePath: string; keyword: string; params: Record<string, unknown>; message?: string | undefined }>): string[] {
  const byProperty = new Map<string, Set<string>>();
  for (const error of errors) {
    // oneOf/anyOf only sum up the failures of their members, which are listed too.
    if (error.keyword === "oneOf" || error.keyword === "anyOf") continue;
    const path = error.instancePath.split("/").slice(1);
    const missing = error.keyword === "required" && path.length === 0 ? String(error.params.missingProperty) : undefined;
    const property = missing ?? path.join(".");
    const messages = byProperty.get(property) ?? new Set();
    messages.add(missing ? "is required" : (error.message ?? error.keyword));
    byProperty.set(property, messages);
  }
  return [...byProperty].map(([property, messages]) => `property "${property}" ${[...messages].join(" or ")}`);
}

/** Fills the store from data (already checked: checkData): records keyed by collection (resource.dataKey), parents before children. */
function loadData(where: string, data: unknown, resources: Resource[], records: Map<Resource, Map<string, Entry>>): void {
  const fail = (message: string): never => {
    throw new MockOptionError(`${where}: ${message}`);
  };
  for (const resource of resources) {
    const list = (data as Json)[resource.dataKey] as Json[] | undefined;
    if (list === undefined) continue;
    list.forEach((record, i) => {
      const where = `${resource.dataKey}[${i}] (sid ${record.sid})`;
      const body: Json = { ...record };
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
