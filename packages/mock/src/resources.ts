// The stateful store's picture of the API, derived from the served spec by Twilio's conventions, so that a
// resource added to the spec is served with no code here:
// - a collection path answers list (GET) and create (POST); its `{Sid}` child answers fetch (GET), update
//   (POST, PUT or PATCH) and delete (DELETE). A collection below another's `{Sid}` belongs to that record: it
//   is listed per parent, and goes when the parent goes.
// - a new SID takes the two-letter prefix of the `{Sid}` parameter's pattern (`^BU[0-9a-fA-F]{32}$` → BU).
// - a form field sets the response property of its name in snake_case (FriendlyName → friendly_name), or
//   the one its `x-trusthub-property` names where the two do not pair so (Email → notification_email);
//   object-valued fields carry JSON and are stored as what they encode.
// - sid, account_sid, the SIDs in the path (customer_profile_sid), url, links, date_created and date_updated
//   are set by the server; any other property a create's form does not set starts at its schema's `default`,
//   else at the value every example of the create's response shows (`status: draft`), else null. The links
//   those examples show below the record's url (`Evaluations`) join one per child collection.
// - a list page holds the list response's array property and its paging `meta`; the list's query
//   parameters other than PageSize/Page/PageToken filter on the property they name (PolicySid → policy_sid,
//   or the parameter's `x-trusthub-property`).
// What the spec cannot say comes from ./semantics.ts. A spec this cannot serve fails at start-up, naming why.
import { isDeepStrictEqual } from "node:util";
import { SEMANTICS, type ResourceSemantics } from "./semantics.js";

/** A node of the dereferenced OpenAPI document; left loose on purpose, every use checks what it reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = Record<string, any>;

export interface OpenApiDocument {
  paths?: Record<string, Node>;
  [key: string]: unknown;
}

export interface Operation {
  method: string;
  /** The operation's success status in the spec (201 for a create, 204 for a delete). */
  status: number;
}

export interface FormField {
  name: string;
  /** The response property it sets. */
  property: string;
  /** Set when the field carries JSON: the JSON types it may encode (empty: any). */
  json: string[] | undefined;
  /** Whether it may be sent more than once (its schema admits an array): otherwise a repeat is refused. */
  repeatable: boolean;
}

export interface WriteOperation extends Operation {
  fields: FormField[];
  /** Whether the form schema forbids other fields (`additionalProperties: false`): then an unknown one is refused. */
  closed: boolean;
}

export interface ListFilter {
  parameter: string;
  /** The property it matches, or else the hidden fact (./semantics.ts). */
  property?: string;
  hidden?: string;
}

export interface ListOperation extends Operation {
  /** The page's array property (`results`) and its paging object (`meta`) with the fields it declares. */
  itemsKey: string;
  metaKey: string | undefined;
  metaFields: string[];
  defaultPageSize: number;
  filters: ListFilter[];
}

export interface Resource {
  /** The collection path as the spec writes it, e.g. /v1/CustomerProfiles/{CustomerProfileSid}/EntityAssignments. */
  path: string;
  segments: string[];
  /** Its last segment, e.g. EntityAssignments. */
  name: string;
  /** The collection's key where users list its records (a data file), e.g. entityAssignments: see collectionKeys. */
  dataKey: string;
  /** The resource whose records own these, when the collection sits below another's `{Sid}`. */
  parent: Resource | undefined;
  children: Resource[];
  /** The response properties that carry the SIDs of the collection path, in path order. */
  scopeProperties: string[];
  sidPrefix: string | undefined;
  /** A record's properties, from the schema of its fetch (or create, update, list) response. */
  properties: Record<string, Node>;
  /** The response those are read from (for a list page, `items` names its array): the seed data's type refers to it. */
  recordSource: RecordSource | undefined;
  required: Set<string>;
  /** What a new record starts with where neither its form nor the server's conventions say (see startOf). */
  initial: Record<string, unknown>;
  /** Links beyond those of its child collections: link name → path below the record's url (see startOf). */
  links: Record<string, string>;
  semantics: ResourceSemantics;
  list?: ListOperation;
  create?: WriteOperation;
  fetch?: Operation;
  update?: WriteOperation;
  delete?: Operation;
}

export interface RecordSource {
  path: string;
  /** Lower case, as in the spec. */
  method: string;
  status: number;
  media: string;
  items?: string;
}

/** Twilio's paging parameters; every other query parameter of a list is a filter. */
export const PAGING = { size: "PageSize", page: "Page", token: "PageToken" } as const;
export const isPagingParameter = (name: string) => (Object.values(PAGING) as string[]).includes(name);
/** The paging fields of a list page's meta that the store fills. */
export const META_FIELDS = ["key", "page", "page_size", "url", "first_page_url", "previous_page_url", "next_page_url"];
/** Twilio's page size when a list's PageSize parameter declares no default. */
const TWILIO_DEFAULT_PAGE_SIZE = 50;

/** Properties the server sets, whatever the form says (the SIDs of the path come on top). */
export const SERVER_SET = ["sid", "account_sid", "url", "links", "date_created", "date_updated"] as const;
export type ServerSetProperty = (typeof SERVER_SET)[number];

const FORM = "application/x-www-form-urlencoded";
/** The vendor extension on a form field or query parameter naming the response property it pairs with. */
export const PROPERTY_EXTENSION = "x-trusthub-property";
const UPDATE_METHODS = ["post", "put", "patch"];

export const isTemplate = (segment: string | undefined) => segment !== undefined && /^\{[^}]+\}$/.test(segment);
export const splitPath = (path: string) => path.split("/").filter(Boolean);
/** A path's shape, templates made anonymous: /v1/CustomerProfiles/{Sid} and /v1/CustomerProfiles/{X} are one. */
const shapeOf = (segments: string[]) => segments.map((s) => (isTemplate(s) ? "{}" : s)).join("/");

/** PascalCase form field → snake_case property, as Twilio names them: FriendlyName → friendly_name. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

const camelCase = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/**
 * The key users write for each collection (a data file's, createMock's `data`, the store's messages), for
 * collection paths in the order the spec declares them. A collection takes its last segment in camelCase
 * (`entityAssignments`); when a collection declared before it holds that key, the shortest run of its path's
 * literal segments ending there that none holds (`trustProductsEntityAssignments`). A key so depends only on
 * the collections declared before it: one added after them renames no key users hold. Paths whose every
 * candidate is taken (the same literals in another template shape) get their template names too.
 */
export function collectionKeys(collectionPaths: readonly string[]): string[] {
  const taken = new Set<string>();
  return collectionPaths.map((path) => {
    const segments = splitPath(path);
    const literals = segments.filter((s) => !isTemplate(s));
    const candidates = literals.map((_, i) => literals.slice(literals.length - 1 - i).join(""));
    candidates.push(segments.map((s) => s.replace(/[{}]/g, "")).join(""));
    const key = camelCase(candidates.find((c) => !taken.has(camelCase(c))) ?? candidates.at(-1)!);
    taken.add(key);
    return key;
  });
}

/** The JSON types a schema admits (`type`, 3.0's `nullable`, and the members of oneOf/anyOf); empty: any. */
export function typesOf(schema: Node | undefined): Set<string> {
  const out = new Set<string>();
  if (!schema || typeof schema !== "object") return out;
  const { type } = schema;
  if (typeof type === "string") out.add(type);
  else if (Array.isArray(type)) for (const t of type) out.add(String(t));
  if (schema.nullable === true) out.add("null");
  for (const member of [...asArray(schema.oneOf), ...asArray(schema.anyOf)]) for (const t of typesOf(member)) out.add(t);
  if (out.size === 0 && schema.properties) out.add("object");
  return out;
}

export function allowsNull(schema: Node | undefined): boolean {
  const types = typesOf(schema);
  return types.size === 0 || types.has("null");
}

/** Whether `value` is of one of `types` (JSON Schema's names; empty: any). */
export function hasType(value: unknown, types: Iterable<string>): boolean {
  const allowed = new Set(types);
  if (allowed.size === 0) return true;
  if (value === null) return allowed.has("null");
  if (Array.isArray(value)) return allowed.has("array");
  if (typeof value === "number") return allowed.has("number") || (allowed.has("integer") && Number.isInteger(value));
  return allowed.has(typeof value);
}

/**
 * Whether a form field carries JSON: an object-valued field (`type: object`) that its media type's
 * `encoding` does not give an RFC 6570 style to (OpenAPI's default for an object is application/json), or a
 * string whose `contentMediaType` is JSON. Returns the JSON types the value may have, or undefined.
 */
export function jsonFormField(schema: Node | undefined, encoding: Node | undefined): string[] | undefined {
  const types = typesOf(schema);
  if (types.has("string") && /\bjson\b/i.test(String(schema?.contentMediaType ?? ""))) {
    return [...typesOf(schema?.contentSchema)];
  }
  if (!types.has("object")) return undefined;
  if (encoding && ["style", "explode", "allowReserved"].some((key) => key in encoding)) return undefined;
  if (typeof encoding?.contentType === "string" && !/\bjson\b/i.test(encoding.contentType)) return undefined;
  return [...types].filter((t) => t !== "null");
}

/** A schema's properties and required names, allOf members merged. */
export function propertiesOf(schema: Node | undefined): { properties: Record<string, Node>; required: Set<string> } {
  const properties: Record<string, Node> = {};
  const required = new Set<string>();
  for (const part of [...asArray(schema?.allOf), schema]) {
    if (!part || typeof part !== "object") continue;
    Object.assign(properties, part.properties ?? {});
    for (const name of asArray(part.required)) required.add(String(name));
  }
  return { properties, required };
}

function asArray(value: unknown): Node[] {
  return Array.isArray(value) ? (value as Node[]) : [];
}

/** The first 2xx response of an operation: its status, JSON body schema (and that body's media type) and example bodies (`example`, each of `examples`). */
function success(operation: Node): { status: number; schema: Node | undefined; media: string | undefined; examples: unknown[] } | undefined {
  for (const [code, response] of Object.entries((operation.responses ?? {}) as Record<string, Node>)) {
    if (!/^2\d\d$/.test(code)) continue;
    const content = (response?.content ?? {}) as Record<string, Node>;
    const [media, json] = Object.entries(content).find(([type]) => /\bjson\b/i.test(type)) ?? [];
    const named = Object.values((json?.examples ?? {}) as Record<string, Node>).map((example) => example?.value);
    const examples = [json?.example, ...named].filter((value) => value !== undefined);
    return { status: Number(code), schema: json?.schema, media, examples };
  }
  return undefined;
}

/** Path and query parameters of an operation (its own over its path item's, as OpenAPI says). */
function parametersOf(pathItem: Node, operation: Node, location: string): Node[] {
  const byName = new Map<string, Node>();
  for (const p of [...asArray(pathItem.parameters), ...asArray(operation.parameters)]) {
    if (p?.in === location) byName.set(String(p.name), p);
  }
  return [...byName.values()];
}

/** An operation's form fields, and whether its form is closed (no body at all counts as closed). */
function formOf(operation: Node): { fields: FormField[]; closed: boolean } {
  const media = operation.requestBody?.content?.[FORM] as Node | undefined;
  if (!media) return { fields: [], closed: true };
  const { properties } = propertiesOf(media.schema);
  const fields = Object.entries(properties).map(([name, schema]) => ({
    name,
    property: pairedProperty(name, schema),
    json: jsonFormField(schema, media.encoding?.[name]),
    repeatable: typesOf(schema).has("array"),
  }));
  const closed = [media.schema, ...asArray(media.schema?.allOf)].some((part) => part?.additionalProperties === false);
  return { fields, closed };
}

/** The response property a form field or query parameter pairs with: its PROPERTY_EXTENSION, else its name in snake_case. */
function pairedProperty(name: string, node: Node | undefined): string {
  const named = node?.[PROPERTY_EXTENSION];
  return typeof named === "string" ? named : snakeCase(name);
}

/** The two-letter prefix of a SID schema whose pattern reads like ^BU[0-9a-fA-F]{32}$ (itself or a oneOf/anyOf member). */
export function sidPrefixOf(schema: Node | undefined): string | undefined {
  for (const candidate of [schema, ...asArray(schema?.oneOf), ...asArray(schema?.anyOf)]) {
    const match = /^\^([A-Za-z]{2})\[/.exec(String(candidate?.pattern ?? ""));
    if (match) return match[1];
  }
  return undefined;
}

interface PathGroup {
  collection?: { path: string; item: Node };
  instance?: { path: string; item: Node };
}

/**
 * Every resource of the document, parents before their children. Throws one error listing everything the
 * store cannot serve (a create without a SID pattern, a required property nothing fills, a filter that names
 * no property), so a spec edit the store cannot follow fails at start-up, not with a silent 404 or null.
 */
export function deriveResources(document: OpenApiDocument, semantics: Record<string, ResourceSemantics> = SEMANTICS): Resource[] {
  const { resources, problems } = readResources(document, semantics);
  if (problems.length) {
    throw new Error(`The stateful mock cannot serve this spec:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
  return resources;
}

/**
 * deriveResources without the verdict: the resources, and what the store cannot serve of them (for the seed
 * data's type, which a spec the store refuses still has: the store names the problems when it starts).
 */
export function readResources(document: OpenApiDocument, semantics: Record<string, ResourceSemantics> = SEMANTICS): { resources: Resource[]; problems: string[] } {
  const groups = new Map<string, PathGroup>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const segments = splitPath(path);
    const last = segments.at(-1);
    if (last === undefined || !item || typeof item !== "object") continue;
    const instance = isTemplate(last);
    if (instance && (segments.length < 2 || isTemplate(segments.at(-2)))) continue;
    const shape = shapeOf(instance ? segments.slice(0, -1) : segments);
    const group = groups.get(shape) ?? {};
    group[instance ? "instance" : "collection"] = { path, item };
    groups.set(shape, group);
  }

  const problems: string[] = [];
  const resources: Resource[] = [];
  for (const group of groups.values()) {
    resources.push(buildResource(group, semantics, problems));
  }
  collectionKeys(resources.map((r) => r.path)).forEach((key, i) => (resources[i]!.dataKey = key));
  resources.sort((a, b) => a.segments.length - b.segments.length);

  const byShape = new Map(resources.map((r) => [shapeOf(r.segments), r]));
  for (const resource of resources) {
    if (isTemplate(resource.segments.at(-2))) resource.parent = byShape.get(shapeOf(resource.segments.slice(0, -2)));
    resource.parent?.children.push(resource);
  }
  for (const resource of resources) checkFillable(resource, problems);
  return { resources, problems };
}

function buildResource(group: PathGroup, semantics: Record<string, ResourceSemantics>, problems: string[]): Resource {
  const collectionPath = group.collection?.path ?? group.instance!.path.replace(/\/[^/]+\/?$/, "");
  const segments = splitPath(collectionPath);
  const collection = group.collection?.item ?? {};
  const instance = group.instance?.item ?? {};
  const resource: Resource = {
    path: collectionPath,
    segments,
    name: segments.at(-1)!,
    dataKey: "",
    parent: undefined,
    children: [],
    scopeProperties: segments.filter(isTemplate).map((t) => snakeCase(t.slice(1, -1))),
    sidPrefix: undefined,
    properties: {},
    recordSource: undefined,
    required: new Set(),
    initial: {},
    links: {},
    semantics: semantics[collectionPath] ?? {},
  };

  const operation = (at: { path: string; item: Node } | undefined, method: string | undefined) => {
    const op = method ? (at?.item[method] as Node | undefined) : undefined;
    const ok = op && success(op);
    if (!op || !ok) return undefined;
    const source = ok.media === undefined ? undefined : { path: at!.path, method: method!, status: ok.status, media: ok.media };
    return { op, schema: ok.schema, source, examples: ok.examples, base: { method: method!.toUpperCase(), status: ok.status } };
  };
  const fetch = operation(group.instance, "get");
  const create = operation(group.collection, "post");
  const update = operation(group.instance, UPDATE_METHODS.find((m) => instance[m]));
  const remove = operation(group.instance, "delete");
  const list = operation(group.collection, "get");
  if (fetch) resource.fetch = fetch.base;
  if (create) resource.create = { ...create.base, ...formOf(create.op) };
  if (update) resource.update = { ...update.base, ...formOf(update.op) };
  if (remove) resource.delete = remove.base;

  const page = propertiesOf(list?.schema).properties;
  const itemsKey = Object.keys(page).find((key) => typesOf(page[key]).has("array"));
  // A record's properties: those of the first single-record response, else of a list page's items.
  const single = [fetch, create, update].find((o) => Object.keys(propertiesOf(o?.schema).properties).length > 0);
  const record = propertiesOf(single ? single.schema : itemsKey ? page[itemsKey]?.items : undefined);
  resource.recordSource = single ? single.source : itemsKey && list?.source ? { ...list.source, items: itemsKey } : undefined;
  resource.properties = record.properties;
  resource.required = record.required;
  if (create) Object.assign(resource, startOf(resource, create.examples));

  if (list && !itemsKey) problems.push(`GET ${collectionPath}: its response has no array of items`);
  if (list && itemsKey) {
    const metaKey = Object.keys(page).find((key) => key !== itemsKey && typesOf(page[key]).has("object"));
    const query = parametersOf(collection, list.op, "query");
    const filters: ListFilter[] = [];
    for (const parameter of query) {
      const name = String(parameter.name);
      if (isPagingParameter(name)) continue;
      const property = pairedProperty(name, parameter);
      const hidden = resource.semantics.filters?.[name];
      if (property in resource.properties) filters.push({ parameter: name, property });
      else if (hidden) filters.push({ parameter: name, hidden });
      else problems.push(`GET ${collectionPath}: query parameter ${name} names no property (${property}): name it with ${PROPERTY_EXTENSION}, or give it a filter in semantics.ts`);
    }
    const meta = propertiesOf(metaKey ? page[metaKey] : undefined);
    for (const field of meta.required) {
      if (!META_FIELDS.includes(field)) problems.push(`GET ${collectionPath}: ${metaKey}.${field} is required, and the store only fills ${META_FIELDS.join(", ")}`);
    }
    const pageSize = query.find((p) => p.name === PAGING.size);
    resource.list = {
      ...list.base,
      itemsKey,
      metaKey,
      metaFields: Object.keys(meta.properties),
      defaultPageSize: Number(pageSize?.schema?.default ?? TWILIO_DEFAULT_PAGE_SIZE),
      filters,
    };
  }

  const sidName = group.instance ? splitPath(group.instance.path).at(-1)!.slice(1, -1) : undefined;
  const sidParameter = [instance.parameters, ...Object.values(instance).map((op: Node) => op?.parameters)]
    .flatMap(asArray)
    .find((p) => p?.in === "path" && p.name === sidName);
  resource.sidPrefix = sidPrefixOf(sidParameter?.schema) ?? sidPrefixOf(resource.properties.sid);
  for (const [write, path] of [[resource.create, collectionPath], [resource.update, group.instance?.path]] as const) {
    for (const field of write?.fields ?? []) {
      if (!(field.property in resource.properties)) problems.push(`${write!.method} ${path}: form field ${field.name} sets no property (${field.property}): name it with ${PROPERTY_EXTENSION}`);
    }
  }
  if (resource.create && !resource.sidPrefix) {
    problems.push(`POST ${collectionPath}: no SID prefix: neither its {Sid} parameter nor a sid property has a pattern like ^XX[0-9a-fA-F]{32}$`);
  }
  return resource;
}

/** The properties of a new record that the server's conventions or the create's form set. */
const setAtCreate = (resource: Resource) => new Set<string>([...SERVER_SET, ...resource.scopeProperties, ...resource.create!.fields.map((f) => f.property)]);

/**
 * How the spec shows a new record where neither its form nor the server's conventions say: a property's
 * schema `default`, else the value every example of the create's success response agrees on (`status:
 * draft`); and the links every such example shows below its record's `url` (`Evaluations`).
 */
function startOf(resource: Resource, examples: unknown[]): Pick<Resource, "initial" | "links"> {
  const records = examples.filter((e): e is Node => !!e && typeof e === "object" && !Array.isArray(e));
  const agreed = <T>(values: T[]) => (values.length > 0 && values.every((v) => isDeepStrictEqual(v, values[0])) ? values[0] : undefined);
  const initial: Record<string, unknown> = {};
  const set = setAtCreate(resource);
  for (const [name, schema] of Object.entries(resource.properties)) {
    const value = set.has(name) ? undefined : (schema?.default ?? agreed(records.map((record) => record[name])));
    if (value !== undefined) initial[name] = value;
  }
  const below = records.map((record) =>
    Object.entries((record.links ?? {}) as Record<string, unknown>).flatMap(([name, href]) =>
      typeof href === "string" && typeof record.url === "string" && href.startsWith(`${record.url}/`) ? [[name, href.slice(record.url.length + 1)]] : [],
    ),
  );
  const links = Object.fromEntries((below[0] ?? []).filter(([name, path]) => below.every((shown) => shown.some(([n, p]) => n === name && p === path))));
  return { initial, links };
}

/** Every required, non-null property of a created record needs a source: the server, the form or the spec's start. */
function checkFillable(resource: Resource, problems: string[]): void {
  if (!resource.create) return;
  const filled = new Set([...setAtCreate(resource), ...Object.keys(resource.initial)]);
  for (const [name, schema] of Object.entries(resource.properties)) {
    if (filled.has(name) || allowsNull(schema) || !resource.required.has(name)) continue;
    problems.push(`POST ${resource.path}: nothing sets the required, non-null property ${name}: give it a schema default or show it in the create's ${resource.create.status} example`);
  }
}
