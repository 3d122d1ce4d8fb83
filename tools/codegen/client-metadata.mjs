// Renders the runtime metadata @trusthub/client needs from the spec: for each path and method, the
// constraints of its path and query parameters and form-body fields, its success responses, and for a list
// operation how its pages are read and sized. Only a small set of JSON Schema keywords is carried over; any
// other keyword on a parameter or body field is an error here, so the client can never silently skip a
// constraint the spec states. The rendered table is checked against the client's own types (`satisfies`),
// so a table the runtime cannot read fails to compile.

import { deref, listOperations } from "@trusthub/spec";
import { commentText, identifierName } from "./spec-text.mjs";

const CARRIED = ["type", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum"];
const FORMATS = new Set(["uri"]); // the formats the client checks; others (int64, date-time, ...) are dropped
const IGNORED = new Set(["description", "title", "default", "examples", "example", "deprecated"]);
const FORM = "application/x-www-form-urlencoded";
const JSON_MEDIA = "application/json";
// Twilio's paging convention, which a spec states only by these names: a list page links the next page in
// `next_page_url` (at its top level or in one object property, `meta`), and the page size is the
// `PageSize` query parameter.
const NEXT_PAGE_URL = "next_page_url";
const PAGE_SIZE = "PageSize";

/** The TypeScript source of the client's metadata module for `spec`. */
export function clientMetadata(spec, record) {
  const { operations, schemas, uses } = analyse(spec);
  // Constraints and list shapes used more than once (SID patterns, the status enum, the paging of every
  // list) are written once and referenced.
  const shared = new Map([...uses].filter(([, { count }]) => count > 1).map(([json, { type }], i) => [json, { name: `c${i}`, type }]));
  const render = (data) =>
    JSON.stringify(data, (key, value) => (key && shared.has(JSON.stringify(value)) ? `@@${shared.get(JSON.stringify(value)).name}` : value), 2)
      .replace(/"@@(c\d+)"/g, "$1");

  return [
    `import type { Constraint, ListMeta, OperationTable } from "../metadata.js";`,
    "",
    "/** The `info.version` of the TrustHub spec this client was generated from. */",
    `export const SPEC_VERSION = ${JSON.stringify(record.specVersion)};`,
    "",
    ...[...shared].map(([json, { name, type }]) => `const ${name} = ${json} as const satisfies ${type};`),
    "",
    "/** Path and query parameter constraints, form-body fields, success responses and list paging of every operation, by path and method. */",
    `export const operations = ${render(operations)} as const satisfies OperationTable;`,
    "",
    "/** The constraints of the spec's patterned string schemas (its SIDs), by schema name: what the generated guards check. */",
    `export const schemas = ${render(schemas)} as const satisfies Readonly<Record<string, Constraint>>;`,
    "",
  ].join("\n");
}

/**
 * The TypeScript source of the client's guards module for `spec`: for each patterned string schema of
 * `components.schemas` (its SIDs), `is<Name>(value): value is <Name>`, which checks `value` as the client
 * validates a parameter or form field of that schema, so a string from elsewhere is narrowed, not cast.
 */
export function clientGuards(spec) {
  const { schemas } = analyse(spec);
  const names = Object.keys(schemas);
  const lines = [
    ...(names.length ? [`import type { ${names.join(", ")} } from "@trusthub/types";`] : []),
    `import { conforms } from "../validate.js";`,
    `import { schemas } from "./spec.js";`,
    "",
  ];
  for (const name of names) {
    const schema = deref(spec, spec.components.schemas[name]);
    lines.push(
      "/**",
      ` * \`${name}\`: ${commentText(schema.description ?? `A ${name}.`)}`,
      " *",
      ` * True when \`value\` is one as the client checks it before sending: a string matching \`${commentText(schema.pattern)}\`${lengthNote(schema)}.`,
      " * Narrows a string read from elsewhere to the type, instead of a cast.",
      " */",
      `export const is${name} = (value: unknown): value is ${name} => conforms(value, schemas.${name});`,
    );
  }
  return lines.join("\n") + "\n";
}

function lengthNote({ minLength, maxLength }) {
  if (minLength !== undefined && minLength === maxLength) return `, ${minLength} characters`;
  return [minLength !== undefined && `at least ${minLength}`, maxLength !== undefined && `at most ${maxLength}`]
    .filter(Boolean)
    .map((part) => `, ${part} characters`)
    .join("");
}

/** The client's metadata of every operation of `spec`, by path and method, as plain data. */
export function operationTable(spec) {
  return analyse(spec).operations;
}

function analyse(spec) {
  // The spec package's $ref resolution, strict: a $ref that leads nowhere is an error here.
  const resolve = (node) => {
    const target = deref(spec, node);
    if (node?.$ref !== undefined && target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
    return target;
  };

  // How often each reduced constraint and list shape occurs (by its JSON), and its type in the client.
  const uses = new Map();
  const use = (value, type) => {
    const json = JSON.stringify(value);
    uses.set(json, { count: (uses.get(json)?.count ?? 0) + 1, type });
    return value;
  };

  // A parameter or form-field schema reduced to the keywords the client validates.
  const constraint = (schema, where) => {
    schema = resolve(schema);
    const out = {};
    for (const [key, value] of Object.entries(schema)) {
      if (CARRIED.includes(key)) out[key] = value;
      else if (key === "format") FORMATS.has(value) && (out.format = value);
      else if (key === "items") out.items = constraint(value, `${where}.items`);
      // An object that admits any property states nothing to check.
      else if (key === "additionalProperties" && value === true && schema.type === "object") continue;
      // A vendor extension (x-trusthub-property: the response property a field sets) states nothing to check.
      else if (key.startsWith("x-")) continue;
      else if (!IGNORED.has(key)) throw new Error(`${where}: keyword "${key}" is not supported by the client validator`);
    }
    return use(out, "Constraint");
  };
  const holdsObject = (c) => [c.type].flat().includes("object") || (c.items !== undefined && holdsObject(c.items));

  const operations = {};
  for (const { method, path, operation: op, pathItem: item } of listOperations(spec)) {
    const where = `${method.toUpperCase()} ${path}`;
    // Empty parts are left out to keep the client bundle small; the client reads them as empty.
    const entry = {};
    for (const param of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(p))) {
      const at = `${where} ${param.in} ${param.name}`;
      if (param.in !== "path" && param.in !== "query") {
        throw new Error(`${where}: parameters in "${param.in}" are not supported by the client`);
      }
      const c = constraint(param.schema, at);
      if (holdsObject(c)) throw new Error(`${at}: object values are supported only as form fields encoded as ${JSON_MEDIA}`);
      (entry[param.in] ??= {})[param.name] = c;
      if (param.in === "query" && param.required) (entry.requiredQuery ??= []).push(param.name);
    }
    const requestBody = resolve(op.requestBody);
    if (requestBody) entry.body = formBody(where, requestBody);
    // Success statuses, each with the top-level keys its JSON body must have (null: no body).
    entry.success = {};
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (!/^2\d\d$/.test(status)) continue;
      const schema = resolve(resolve(response).content?.[JSON_MEDIA]?.schema);
      entry.success[status] = schema ? (schema.required ?? []) : null;
    }
    const list = method === "get" ? listPage(where, resolve(op.responses?.["200"]), entry.query) : undefined;
    if (list) entry.list = list;
    (operations[path] ??= {})[method.toUpperCase()] = entry;
  }

  // A form body's fields. An object-valued field is sent as a JSON string, which OpenAPI says with
  // `encoding: { <field>: { contentType: application/json } }` on the form media type (Twilio's convention).
  function formBody(where, requestBody) {
    const media = Object.keys(requestBody.content ?? {});
    if (media.length !== 1 || media[0] !== FORM) throw new Error(`${where}: request bodies must be ${FORM} only`);
    const { schema: bodySchema, encoding = {} } = requestBody.content[FORM];
    const schema = resolve(bodySchema);
    const fields = schema.properties ?? {};
    for (const [name, how] of Object.entries(encoding)) {
      if (!(name in fields)) throw new Error(`${where} body: encoding names "${name}", which is not a form field`);
      if (Object.keys(how).join() !== "contentType" || how.contentType !== JSON_MEDIA) {
        throw new Error(`${where} body ${name}: the only encoding supported is { contentType: ${JSON_MEDIA} }`);
      }
    }
    const properties = {};
    for (const [name, fieldSchema] of Object.entries(fields)) {
      const at = `${where} body ${name}`;
      const c = (properties[name] = constraint(fieldSchema, at));
      const json = name in encoding;
      if (json && c.type !== "object") throw new Error(`${at}: encoding ${JSON_MEDIA} is supported only for a field of type object`);
      if (!json && holdsObject(c)) throw new Error(`${at}: an object-valued form field needs encoding { contentType: ${JSON_MEDIA} }`);
    }
    return {
      ...(schema.required?.length && { required: schema.required }),
      ...(schema.additionalProperties === false && { closed: true }),
      properties,
    };
  }

  // How the client reads and sizes the pages of a list operation: a GET whose 200 JSON body links the next
  // page. Undefined for any other GET.
  function listPage(where, response, query) {
    const schema = resolve(response?.content?.[JSON_MEDIA]?.schema);
    const properties = schema?.properties ?? {};
    const holder = Object.entries(properties).find(([, s]) => resolve(s)?.properties?.[NEXT_PAGE_URL]);
    const nextPageUrl = NEXT_PAGE_URL in properties ? [NEXT_PAGE_URL] : holder && [holder[0], NEXT_PAGE_URL];
    if (!nextPageUrl) return undefined;
    const arrays = Object.entries(properties).filter(([, s]) => resolve(s).type === "array");
    if (arrays.length !== 1) throw new Error(`${where}: a list page needs exactly one array property, found ${arrays.length}`);
    const pageSize = query?.[PAGE_SIZE];
    if (pageSize?.type !== "integer" || pageSize.maximum === undefined) {
      throw new Error(`${where}: a list operation needs an integer ${PAGE_SIZE} query parameter with a maximum`);
    }
    return use({ itemsKey: arrays[0][0], nextPageUrl, pageSizeParam: PAGE_SIZE, maxPageSize: pageSize.maximum }, "ListMeta");
  }

  // The patterned string schemas of the components (the SIDs), for the guards: named after the schema.
  const schemas = {};
  for (const [name, schema] of Object.entries(spec.components?.schemas ?? {})) {
    const resolved = resolve(schema);
    if (resolved?.type !== "string" || resolved.pattern === undefined) continue;
    schemas[identifierName(name, "components.schemas")] = constraint(resolved, `components.schemas.${name}`);
  }

  return { operations, schemas, uses };
}
