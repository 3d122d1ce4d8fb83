// Renders the runtime metadata @trusthub/client needs from the spec: for each path and method, the
// constraints of its path and query parameters and form-body fields, and whether it is a list operation.
// Only a small set of JSON Schema keywords is carried over; any other keyword on a parameter or body
// field is an error here, so the client can never silently skip a constraint the spec states.

import { deref, listOperations } from "@trusthub/spec";

const CARRIED = ["type", "enum", "pattern", "minLength", "maxLength", "minimum", "maximum"];
const FORMATS = new Set(["uri"]); // the formats the client checks; others (int64, date-time, ...) are dropped
const IGNORED = new Set(["description", "title", "default", "examples", "example", "deprecated"]);
const FORM = "application/x-www-form-urlencoded";

export function clientMetadata(spec, record) {
  // The spec package's $ref resolution, strict: a $ref that leads nowhere is an error here.
  const resolve = (node) => {
    const target = deref(spec, node);
    if (node?.$ref !== undefined && target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
    return target;
  };

  // How often each reduced constraint occurs: those used more than once are emitted once, by name.
  const uses = new Map();

  // A parameter or form-field schema reduced to the keywords the client validates.
  const constraint = (schema, where) => {
    schema = resolve(schema);
    const out = {};
    for (const [key, value] of Object.entries(schema)) {
      if (CARRIED.includes(key)) out[key] = value;
      else if (key === "format") FORMATS.has(value) && (out.format = value);
      else if (key === "items") out.items = constraint(value, `${where}.items`);
      else if (!IGNORED.has(key)) throw new Error(`${where}: keyword "${key}" is not supported by the client validator`);
    }
    const json = JSON.stringify(out);
    uses.set(json, (uses.get(json) ?? 0) + 1);
    return out;
  };

  const operations = {};
  const listPaths = [];
  for (const { method, path, operation: op, pathItem: item } of listOperations(spec)) {
    const where = `${method.toUpperCase()} ${path}`;
    // Empty parts are left out to keep the client bundle small; the client reads them as empty.
    const entry = {};
    for (const param of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => resolve(p))) {
      if (param.in !== "path" && param.in !== "query") {
        throw new Error(`${where}: parameters in "${param.in}" are not supported by the client`);
      }
      (entry[param.in] ??= {})[param.name] = constraint(param.schema, `${where} ${param.in} ${param.name}`);
      if (param.in === "query" && param.required) (entry.requiredQuery ??= []).push(param.name);
    }
    const requestBody = resolve(op.requestBody);
    if (requestBody) {
      const media = Object.keys(requestBody.content ?? {});
      if (media.length !== 1 || media[0] !== FORM) throw new Error(`${where}: request bodies must be ${FORM} only`);
      const schema = resolve(requestBody.content[FORM].schema);
      entry.body = {
        ...(schema.required?.length && { required: schema.required }),
        ...(schema.additionalProperties === false && { closed: true }),
        properties: Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([name, s]) => [name, constraint(s, `${where} body ${name}`)]),
        ),
      };
    }
    // Success statuses, each with the top-level keys its JSON body must have (null: no body).
    entry.success = {};
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      if (!/^2\d\d$/.test(status)) continue;
      const schema = resolve(resolve(response).content?.["application/json"]?.schema);
      entry.success[status] = schema ? (schema.required ?? []) : null;
    }
    const itemsKey = method === "get" ? listItemsKey(resolve(op.responses?.["200"])) : undefined;
    if (itemsKey) {
      entry.list = { itemsKey };
      listPaths.push(path);
    }
    (operations[path] ??= {})[method.toUpperCase()] = entry;
  }

  // A list page is a JSON object with a `meta` object (carrying next_page_url) and one array of items.
  function listItemsKey(response) {
    const schema = resolve(response?.content?.["application/json"]?.schema);
    const meta = resolve(schema?.properties?.meta);
    if (!meta?.properties?.next_page_url) return undefined;
    const arrays = Object.entries(schema.properties).filter(([, s]) => resolve(s).type === "array");
    if (arrays.length !== 1) throw new Error(`a list page needs exactly one array property, found ${arrays.length}`);
    return arrays[0][0];
  }

  // Constraints used more than once (SID patterns, the status enum) are written once and referenced.
  const shared = new Map([...uses].filter(([, n]) => n > 1).map(([json], i) => [json, `c${i}`]));
  const body = JSON.stringify(operations, (key, value) => (key && shared.has(JSON.stringify(value)) ? `@@${shared.get(JSON.stringify(value))}` : value), 2)
    .replace(/"@@(c\d+)"/g, "$1");

  return [
    `export const SPEC_VERSION = ${JSON.stringify(record.specVersion)};`,
    "",
    ...[...shared].map(([json, name]) => `const ${name} = ${json} as const;`),
    "",
    "/** Path and query parameter constraints, form-body fields and list shape of every operation, by path and method. */",
    `export const operations = ${body} as const;`,
    "",
    "/** The paths whose GET returns a page of items linked by `meta.next_page_url`. */",
    `export const listPaths = ${JSON.stringify(listPaths)} as const;`,
    "",
  ].join("\n");
}
