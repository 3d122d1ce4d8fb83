// Classifies the changes between two versions of the OpenAPI spec the way a careful reviewer of this API
// would. api-smart-diff finds the changes and gives a first classification; the RULES below correct it
// where it is wrong for TrustHub (README: "Rules on top of api-smart-diff").
import { apiCompare } from "api-smart-diff";

/** The semver bump each class asks for; unclassified changes are flagged for a human, not guessed. */
export const BUMP_FOR = { breaking: "major", "non-breaking": "minor", annotation: "patch", unclassified: "patch" };
export const CLASSES = ["breaking", "non-breaking", "annotation", "unclassified"];
const BUMP_ORDER = ["patch", "minor", "major"];
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * @typedef {"breaking" | "non-breaking" | "annotation" | "unclassified"} ChangeClass
 * @typedef {"add" | "remove" | "replace" | "rename"} Action
 * @typedef {{
 *   type: ChangeClass, action: Action, operation: string, what: string, description: string, entry: string,
 *   rule?: string, library: string, path: (string | number)[]
 * }} Change
 * `operation` is where ("POST /v1/CustomerProfiles", "components.examples.X", "info"), `what` the
 * rest ("request body field `TaxId`: added (required)"), `entry` the same change as a consumer of
 * @trusthub/types and @trusthub/client meets it ("`CustomerProfile.email` renamed to `notification_email`:
 * read the new property"; every change to one field of one type gives the same entry), `library`
 * api-smart-diff's own class, `rule` the id of the rule below that overrode it.
 */

/**
 * Each rule gets a located change (see `locate`) and returns its class, or nothing to leave the
 * library's. `direction` is "request" for parameters and request bodies, "response" for responses.
 * @type {{ id: string, why: string, apply: (c: any) => ChangeClass | undefined }[]}
 */
export const RULES = [
  {
    id: "request-field-removed",
    why: "Form bodies are `additionalProperties: false` and the typed client rejects unknown keys, so a client still sending the field breaks (api-smart-diff: non-breaking, since a JSON Schema without the property accepts more).",
    apply: (c) => (c.direction === "request" && c.isField && c.action === "remove" ? "breaking" : undefined),
  },
  {
    id: "field-renamed",
    why: "A rename is a removal plus an addition: clients sending (request) or reading (response) the old name break.",
    apply: (c) => (c.action === "rename" ? "breaking" : undefined),
  },
  {
    id: "response-field-removed",
    why: "Clients that read the property break (api-smart-diff: non-breaking).",
    apply: (c) => (c.direction === "response" && c.isField && c.action === "remove" ? "breaking" : undefined),
  },
  {
    id: "response-field-optional",
    why: "A response property that is no longer required becomes `T | undefined` in @trusthub/types; code that relied on it breaks (api-smart-diff: non-breaking).",
    apply: (c) => (c.direction === "response" && c.keyword[0] === "required" && c.action === "remove" ? "breaking" : undefined),
  },
  {
    id: "response-enum-value-added",
    why: "@trusthub/types turns enums into string-literal unions, so exhaustive `switch`es and `Record<Status, …>` maps stop compiling or hit an unhandled value at runtime. api-smart-diff agrees at the operations but calls the same edit non-breaking on the shared component; the operation-level, direction-aware verdict wins. (In a request, a new value is non-breaking.)",
    apply: (c) => (c.direction === "response" && c.keyword[0] === "enum" && c.action === "add" ? "breaking" : undefined),
  },
  {
    id: "response-type-changed",
    why: "A response value that may now have a type it could not have before (string → integer, string → string|null) breaks readers; only narrowing is safe (api-smart-diff calls a replaced response type non-breaking).",
    apply: (c) => {
      if (c.direction !== "response" || c.keyword[0] !== "type") return undefined;
      // ["type", i]: one member of a type list; ["type"]: the whole keyword (absent = any type).
      const widens = c.keyword.length > 1 ? c.action === "add" : c.action === "remove";
      if (c.action !== "replace") return widens ? "breaking" : "non-breaking";
      const [before, after] = [[c.before].flat(), [c.after].flat()];
      return after.every((t) => before.includes(t)) ? "non-breaking" : "breaking";
    },
  },
  {
    id: "operation-id-changed",
    why: "@trusthub/types exports `operations[operationId]` and the client's metadata is keyed by it (api-smart-diff: annotation).",
    apply: (c) => (c.keyword[0] === "operationId" && c.part === "operation" ? "breaking" : undefined),
  },
  {
    id: "example-changed",
    why: "Named examples are documentation and the mock's canned data, never a contract (api-smart-diff: unclassified for a component example).",
    apply: (c) => (c.keyword[0] === "examples" || c.keyword[0] === "example" || c.kind === "examples" ? "annotation" : undefined),
  },
  {
    id: "extension-changed",
    why: "`components.x-*` holds YAML-anchored fragments (the CORS headers); their real uses are expanded into the operations and reported there.",
    apply: (c) => (c.part === "component" && String(c.kind).startsWith("x-") ? "annotation" : undefined),
  },
  {
    id: "deprecation",
    why: "Marking something deprecated is an additive, minor change.",
    apply: (c) => (c.type === "deprecated" ? "non-breaking" : undefined),
  },
];

/**
 * Compares two parsed OpenAPI documents.
 * @returns {{ changes: Change[], bump: "major" | "minor" | "patch" | null }}
 */
export function classify(before, after) {
  // api-smart-diff rewrites the documents it is given; the consumer's view reads them as written.
  const { diffs, merged } = apiCompare(structuredClone(before), structuredClone(after));
  const atOperations = diffs.filter((d) => d.path[0] === "paths");
  const located = diffs.filter((d) => !echoedAtOperation(d, atOperations)).map((d) => locate(d, merged));
  const changes = pairRenames(foldRequired(located)).map((c) => finish(c, { before, after }));
  return { changes, bump: bumpOf(changes) };
}

/** The highest bump the changes ask for, or null when there are none. */
export function bumpOf(changes) {
  if (!changes.length) return null;
  return changes.map((c) => BUMP_FOR[c.type]).reduce((a, b) => (BUMP_ORDER.indexOf(a) >= BUMP_ORDER.indexOf(b) ? a : b));
}

// api-smart-diff reports an edit inside a $ref'd component twice: under components/ (where it cannot
// know whether the schema is request or response data) and at every operation using it, with
// direction-aware rules. Keep only the latter. A component diff that no operation echoes is kept: an
// unused component, a component added or removed as a whole (an exported type of @trusthub/types), or
// a named example (the library compares example $refs without following them).
function echoedAtOperation(d, atOperations) {
  if (d.path[0] !== "components" || d.path.length <= 3) return false;
  const tail = d.path.slice(3);
  const scalar = (v) => v === undefined || v === null || typeof v !== "object";
  return atOperations.some(
    (o) =>
      o.action === d.action &&
      o.path.length > tail.length &&
      tail.every((key, i) => o.path[o.path.length - tail.length + i] === key) &&
      (!scalar(d.before) || o.before === d.before) &&
      (!scalar(d.after) || o.after === d.after),
  );
}

// Works out where a diff is (operation, request or response, which parameter or field) and which
// keyword of that field changed, from the diff's path in the library's resolved document.
function locate(d, merged) {
  const c = { ...d, keyword: [], field: "", isField: false, direction: undefined, part: "document", kind: undefined };
  const [root, path, method, section, ...rest] = d.path;
  if (root === "components") {
    c.part = "component";
    c.kind = path;
    c.operation = `components.${d.path.slice(1, 3).join(".")}`;
    const inside = d.path.slice(3);
    if (path === "schemas") Object.assign(c, schemaField(inside));
    else if (inside.includes("schema")) Object.assign(c, schemaField(inside.slice(inside.indexOf("schema") + 1)));
    else c.keyword = inside;
    return c;
  }
  if (root !== "paths") {
    c.operation = d.path.join(".");
    return c;
  }
  if (!METHODS.includes(String(method))) {
    c.operation = String(path);
    c.part = "path item";
    c.keyword = d.path.slice(2);
    return c;
  }
  c.operation = `${String(method).toUpperCase()} ${path}`;
  c.part = "operation";
  if (section === undefined) return c;
  if (section === "parameters") {
    const param = d.path.length === 5 ? (d.after ?? d.before) : merged?.paths?.[path]?.[method]?.parameters?.[rest[0]];
    c.direction = "request";
    c.part = "parameter";
    c.location = `${param?.in ?? "?"} parameter \`${param?.name ?? rest[0]}\``;
    c.param = param;
    if (rest[1] === "schema") Object.assign(c, schemaField(rest.slice(2)));
    else c.keyword = rest.slice(1);
    return c;
  }
  if (section === "requestBody") {
    c.direction = "request";
    c.part = "request body";
    return inContent(c, rest, "request body");
  }
  if (section === "responses") {
    const [code, what, ...more] = rest;
    c.direction = "response";
    c.part = "response";
    if (code === undefined) return Object.assign(c, { location: "responses" });
    if (what === "headers") {
      c.location = `response ${code} header \`${more[0]}\``;
      if (more[1] === "schema") Object.assign(c, schemaField(more.slice(2)));
      else c.keyword = more.slice(1);
      return c;
    }
    return inContent(c, rest.slice(1), `response ${code}`);
  }
  c.keyword = [section, ...rest];
  return c;
}

// Inside a request body or a response: [content, <type>, schema, ...] or [content, <type>, examples, ...].
function inContent(c, rest, label) {
  const [content, type, key, ...more] = rest;
  if (content !== "content" || type === undefined) return Object.assign(c, { location: label, keyword: rest });
  c.location = `${label} (${type})`;
  if (key === "schema") return Object.assign(c, schemaField(more));
  c.keyword = rest.slice(2);
  return c;
}

// Splits a path inside a schema into the field it is about ("results[].status") and the keyword that
// changed there (["enum", 5], ["type"], ["required", 1], or [] when the field itself was added/removed).
function schemaField(keys) {
  let field = "";
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === "properties" && i + 1 < keys.length) {
      field += (field ? "." : "") + keys[++i];
      if (i === keys.length - 1) return { field, keyword: [], isField: true };
    } else if (key === "items" && i + 1 < keys.length) field += "[]";
    else if (key === "additionalProperties" && i + 1 < keys.length) field += field ? ".*" : "*";
    else if (["oneOf", "anyOf", "allOf"].includes(key) && i + 2 < keys.length) i++; // a branch of the same field
    else return { field, keyword: keys.slice(i), isField: false };
  }
  return { field, keyword: [], isField: false };
}

// A newly required field shows up as two diffs (the property, and its name in `required`); report it
// once, as "added (required)", so the summary reads like a review comment.
function foldRequired(changes) {
  const requiredOf = (c) => c.keyword[0] === "required" && typeof c.keyword[1] === "number" && (c.after ?? c.before);
  const sameField = (req, prop) =>
    req.operation === prop.operation && req.location === prop.location && req.action === prop.action &&
    prop.isField && prop.field === [req.field, requiredOf(req)].filter(Boolean).join(".");
  return changes.filter((req) => {
    const prop = requiredOf(req) && changes.find((p) => sameField(req, p));
    if (!prop) return true;
    prop.required = true;
    if (req.type === "breaking") prop.type = "breaking";
    return false;
  });
}

// A property (or parameter) removed and another added next to it with the same schema is a rename. Vendor
// extensions are no part of the shape: a renamed form field names the property it still sets with one
// (x-trusthub-property).
function pairRenames(changes) {
  const key = (c) => (c.part === "parameter" ? `${c.operation}|${c.param?.in} parameter` : `${c.operation}|${c.location}|${c.field.replace(/[^.]*$/, "")}`);
  const shape = (v) =>
    JSON.stringify(v && typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== "name" && k !== "description" && !k.startsWith("x-"))) : v);
  const candidate = (c) => (c.isField || (c.part === "parameter" && c.keyword.length === 0 && c.param)) && c.action;
  const used = new Set();
  const out = [];
  for (const removed of changes) {
    if (used.has(removed)) continue;
    const added =
      candidate(removed) === "remove" &&
      changes.find((a) => !used.has(a) && candidate(a) === "add" && key(a) === key(removed) && shape(a.after) === shape(removed.before));
    if (!added) {
      out.push(removed);
      continue;
    }
    used.add(added);
    const name = (c) => (c.part === "parameter" ? c.param.name : c.field);
    out.push({ ...removed, action: "rename", after: added.after, renamedTo: name(added), from: name(removed) });
  }
  return out;
}

// Applies the rules and writes the human-readable description (for the reviewer) and the entry (for the consumer).
function finish(c, docs) {
  // The first rule with a verdict decides; it is named in the output only when it overrode the library.
  const decided = RULES.map((r) => ({ id: r.id, verdict: r.apply(c) })).find((r) => r.verdict);
  const type = decided?.verdict ?? c.type;
  const rule = decided && decided.verdict !== c.type ? decided.id : undefined;
  const what = describe(c);
  const entry = consumerEntry({ ...c, type }, docs);
  /** @type {Change} */
  const change = { type, action: c.action, operation: c.operation, what, description: `${c.operation}: ${what}`, entry, library: c.type, path: c.path };
  if (rule) change.rule = rule;
  return change;
}

const VERB = { add: "added", remove: "removed", replace: "changed", rename: "renamed" };
const show = (v) => (v === undefined ? "" : typeof v === "string" ? `"${v}"` : JSON.stringify(v));
const clip = (s) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

function describe(c) {
  const verb = VERB[c.action] ?? c.action;
  const where = [c.location, c.field && `field \`${c.field}\``].filter(Boolean).join(" ");
  const at = (text) => (where ? `${where}: ${text}` : text);
  const [keyword, index] = c.keyword;

  if (c.action === "rename") {
    const what = c.part === "parameter" ? `${c.param.in} parameter \`${c.from}\`` : `${c.location} field \`${c.from}\``;
    return `${what}: renamed to \`${c.renamedTo}\``;
  }
  if (c.part === "operation" && keyword === undefined) return `operation ${verb}`;
  if (c.part === "parameter" && keyword === undefined && !c.field) {
    const required = (c.after ?? c.before)?.required ? "required" : "optional";
    return `${c.action === "replace" ? "" : `${required} `}${c.location} ${verb}`;
  }
  if (c.isField && keyword === undefined) return at(c.required ? `${verb} (required)` : verb);
  if (keyword === "required" && typeof index === "number") {
    const name = c.after ?? c.before;
    const target = [c.location, `field \`${[c.field, name].filter(Boolean).join(".")}\``].filter(Boolean).join(" ");
    return `${target}: ${c.action === "add" ? "now required" : "no longer required"}`;
  }
  if (keyword === "enum" && typeof index === "number") return at(`enum value ${show(c.after ?? c.before)} ${verb}`);
  if (keyword === "type") return at(`type ${c.action === "replace" ? `changed from ${show(c.before)} to ${show(c.after)}` : `${show(c.after ?? c.before)} ${verb}`}`);
  const name = c.keyword.join(".");
  const values = c.action === "replace" && typeof c.after !== "object" && typeof c.before !== "object" ? ` (${clip(show(c.before))} → ${clip(show(c.after))})` : "";
  return at(`${name || (c.part === "component" ? "component" : "")} ${verb}${values}`.trim());
}

// ---- The consumer's view: the TypeScript name a change touches, what changed there and what to do ----

// The type name @trusthub/types exports for a component (codegen: rootTypes, rootTypesNoSchemaPrefix).
const ROOT_TYPE_PREFIX = { schemas: "", requestBodies: "RequestBody", parameters: "Parameter", responses: "Response", headers: "Header" };
const typeName = (kind, name) => (kind in ROOT_TYPE_PREFIX ? `${ROOT_TYPE_PREFIX[kind]}${name}` : name);
const ANNOTATIONS = ["description", "summary", "title", "example", "examples", "externalDocs", "x-twilio"];

/** Follows `path` through the raw document, through every `$ref` on the way (not one at the end): the node, and the last component passed. */
function walk(doc, path) {
  let node = doc;
  let component;
  let inside = [];
  for (const key of path) {
    for (let hops = 0; node && typeof node.$ref === "string" && node.$ref.startsWith("#/components/") && hops < 32; hops++) {
      const [, , kind, name] = node.$ref.split("/");
      component = { kind, name };
      inside = [];
      node = doc.components?.[kind]?.[name];
    }
    node = node?.[key];
    inside.push(key);
  }
  return { node, component, inside };
}

/** A schema as @trusthub/types writes its type (named components by their type name). */
function tsType(schema) {
  if (!schema || typeof schema !== "object") return "unknown";
  if (typeof schema.$ref === "string") {
    const [, , kind, name] = schema.$ref.split("/");
    return typeName(kind, name);
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const union = schema.oneOf ?? schema.anyOf;
  if (Array.isArray(union)) return [...new Set(union.flatMap((member) => tsType(member).split(" | ")))].join(" | ");
  if (Array.isArray(schema.allOf)) return schema.allOf.map(tsType).join(" & ");
  const one = (t) => (t === "integer" ? "number" : t === "array" ? `${/[|&]/.test(tsType(schema.items)) ? `(${tsType(schema.items)})` : tsType(schema.items)}[]` : t);
  const types = [schema.type].flat().filter(Boolean).map(one);
  if (schema.nullable) types.push("null");
  return types.length ? [...new Set(types)].join(" | ") : "unknown";
}

/** Where in the raw documents a field change lives: its path up to the field (`…properties.<name>`), if any. */
function fieldPrefix(path) {
  for (let i = path.length - 2; i >= 0; i--) if (path[i] === "properties") return path.slice(0, i + 2);
  return undefined;
}

/** The field a change is about, named as the consumer's code names it. */
function subjectOf(c, doc) {
  const operation = `\`${c.operation}\``;
  const requiredName = c.keyword[0] === "required" && typeof c.keyword[1] === "number" ? (c.after ?? c.before) : undefined;
  // For a `required` entry, the walk goes on into the object schema that holds it (through its $ref).
  const prefix = requiredName ? c.path.slice(0, c.path.lastIndexOf("required") + 1) : fieldPrefix(c.path);
  if (c.part === "parameter") return `${operation} ${c.location}`;
  if (prefix && (c.part === "request body" || c.part === "response" || c.part === "component")) {
    const { component, inside } = walk(doc, prefix);
    const inSchema = inside.slice(inside.lastIndexOf("schema") + 1, requiredName ? -1 : undefined);
    const field = [schemaField(inSchema).field, requiredName].filter(Boolean).join(".");
    if (component?.kind === "schemas") return `\`${[typeName(component.kind, component.name), field].filter(Boolean).join(".")}\``;
    if (c.part === "component") return `\`${typeName(component?.kind ?? c.kind, component?.name ?? c.path[2])}\` field \`${field}\``;
    const body = c.part === "request body" ? "body" : (c.location ?? "response").replace(/ \(.*\)$/, "");
    return `${operation} ${body} field \`${field}\`${component ? ` (\`${typeName(component.kind, component.name)}\`)` : ""}`;
  }
  if (c.part === "component") return `\`${typeName(c.kind, c.path[2])}\``;
  if (c.part === "operation") {
    const op = walk(doc, c.path.slice(0, 3)).node;
    return op?.operationId ? `${operation} (\`${op.operationId}\`)` : operation;
  }
  return c.location ? `${operation} ${c.location.replace(/ \(.*\)$/, "").replace(/^request body$/, "body")}` : operation;
}

/** One line of a consumer's changelog: the TypeScript name or call affected, what changed, and what to do. */
function consumerEntry(c, { before, after }) {
  const doc = c.action === "remove" || c.action === "rename" ? before : after;
  const subject = subjectOf(c, doc);
  const request = c.direction === "request";
  const [keyword] = c.keyword;
  const value = show(c.after ?? c.before);
  if (c.action === "rename") return `${subject} renamed to \`${c.renamedTo.split(".").pop()}\`: ${request ? "send the new name" : "read the new property"}`;
  if (ANNOTATIONS.includes(keyword) || c.kind === "examples") return `${subject}: ${keyword === "example" || keyword === "examples" || c.kind === "examples" ? "examples" : keyword} edited`;
  if (c.part === "operation" && keyword === undefined) return c.action === "remove" ? `${subject} removed: stop calling it` : `${subject} ${VERB[c.action]}`;
  if (c.part === "operation" && keyword === "operationId") return `\`${c.operation}\`: \`operations["${c.before}"]\` renamed to \`operations["${c.after}"]\`: use the new name`;
  if (c.part === "component" && c.path.length === 3) return c.action === "remove" ? `${subject} removed: stop using it` : `${subject} ${VERB[c.action]}`;
  if (c.part === "parameter" && keyword === undefined && !c.field) {
    const required = (c.after ?? c.before)?.required;
    if (c.action === "add") return `${subject} added${required ? ", required: pass it" : " (optional)"}`;
    if (c.action === "remove") return `${subject} removed: stop passing it`;
  }
  if (c.isField && keyword === undefined) {
    if (c.action === "add") return `${subject} added${request ? (c.required ? ", required: send it" : " (optional)") : ""}`;
    if (c.action === "remove") return `${subject} removed: ${request ? "stop sending it" : "stop reading it"}`;
  }
  if (keyword === "required" && typeof c.keyword[1] === "number") {
    if (c.action === "add") return request ? `${subject} now required: send it` : `${subject} now always present`;
    return request ? `${subject} now optional` : `${subject} may be absent (\`${String(c.after ?? c.before)}?\`): handle \`undefined\``;
  }
  if (keyword === "required" && c.part === "request body" && c.keyword.length === 1) {
    return c.after ? `${subject} now required: send one` : `${subject} now optional`;
  }
  if (keyword === "enum" && typeof c.keyword[1] === "number") {
    if (c.action === "add") return request ? `${subject} also accepts ${value}` : `${subject} may be ${value}: handle the new value`;
    if (c.action === "remove") return request ? `${subject} no longer accepts ${value}: stop sending it` : `${subject} is never ${value} any more`;
  }
  const breaking = c.type === "breaking";
  const prefix = fieldPrefix(c.path);
  if (prefix) {
    const [was, now] = [walk(before, prefix).node, walk(after, prefix).node].map(tsType);
    if (was !== now) {
      const todo = request ? `send a \`${now}\`` : now.split(" | ").includes("null") && !was.split(" | ").includes("null") ? "handle `null`" : "handle the new type";
      return `${subject} is now \`${now}\` (was \`${was}\`)${breaking ? `: ${todo}` : ""}`;
    }
    // The same TypeScript type, other limits on its values (a pattern, a length, a schema restated).
    if (!ANNOTATIONS.includes(keyword)) return `${subject}: its values' limits changed (still \`${now}\`)${breaking ? (request ? ": check what you send" : ": check what you read") : ""}`;
  }
  const values = c.action === "replace" && typeof c.after !== "object" && typeof c.before !== "object" ? ` (${clip(show(c.before))} → ${clip(show(c.after))})` : "";
  const todo = breaking ? (request ? ": check what you send" : ": check what you read") : "";
  return keyword ? `${subject}: ${keyword} ${VERB[c.action] ?? c.action}${values}${todo}` : `${subject} ${VERB[c.action] ?? c.action}${values}${todo}`;
}
