// Spec mutations generated from the spec itself, per operation, so a new operation or resource gets drift
// coverage on regeneration alone. Each mutation edits a parsed copy of the spec the way a real API change
// would, on the operation's own copy of what it changes (a shared component stays as it is for the other
// operations), examples included: they are what Prism serves. Kinds, in catalog order:
//   rename-body-field        each form field of the operation's body                    (FriendlyName -> FriendlyNameRenamed)
//   rename-query-parameter   each query parameter
//   require-optional-field   each optional form field and optional query parameter becomes required
//   drop-enum-value          each enum of a parameter or form field loses its last value
//   lower-maxLength, raise-minLength, lower-maximum, raise-minimum, narrow-pattern
//                            each constraint the client checks before sending, tightened by one step
//                            (skipped where the tightened schema could no longer be met: a SID's length
//                            is pinned by minLength = maxLength)
//   rename-response-property, retype-response-property
//                            each property of each response resource (a list page's items), once: at the
//                            first operation, in spec order, that returns the resource
//   change-success-status    200 <-> 201, 204 -> 200
//   remove-operation         the operation is gone
//   move-path                the operation moves to another path (its last literal segment + "Moved")
// In every one the client, built from the unmutated spec, and the API disagree; after regenerating, only
// hand-written code (typed scenarios, the quickstart) can still disagree, so the audit judges generated
// mutations in the "API moved" scenario.
import { FORM, operationInputs, resolvedSchema } from "@trusthub/contract-tests/inputs";
import { deref, listOperations } from "@trusthub/spec";
import { narrowPattern, patternEdges } from "@trusthub/test-support/patterns";

const METHODS = ["get", "put", "post", "delete", "patch"];

export const KINDS = [
  "rename-body-field",
  "rename-query-parameter",
  "require-optional-field",
  "drop-enum-value",
  "lower-maxLength",
  "raise-minLength",
  "lower-maximum",
  "raise-minimum",
  "narrow-pattern",
  "rename-response-property",
  "retype-response-property",
  "change-success-status",
  "remove-operation",
  "move-path",
];

const clone = (value) => structuredClone(value);

function renameKey(object, from, to) {
  if (!object || typeof object !== "object" || !(from in object)) return;
  const entries = Object.entries(object).map(([k, v]) => [k === from ? to : k, v]);
  for (const key of Object.keys(object)) delete object[key];
  Object.assign(object, Object.fromEntries(entries));
}

// ---- the operation's own copies of what a mutation changes ----------------------------------------

const operationIn = (s, path, method) => s.paths[path][method];

/** The operation's form media, on its own copy of the request body (examples resolved into it). */
function ownForm(s, path, method) {
  const op = operationIn(s, path, method);
  op.requestBody = clone(deref(s, op.requestBody));
  const media = op.requestBody.content[FORM];
  media.schema = clone(resolvedSchema(s, media.schema));
  media.examples = Object.fromEntries(Object.entries(media.examples ?? {}).map(([k, e]) => [k, clone(deref(s, e))]));
  return media;
}

/** The operation's own copy of a parameter (a path-level one is copied into the operation, which overrides it). */
function ownParameter(s, path, method, where, name) {
  const op = operationIn(s, path, method);
  op.parameters ??= [];
  const index = op.parameters.findIndex((p) => deref(s, p)?.in === where && deref(s, p)?.name === name);
  const source = index >= 0 ? op.parameters[index] : s.paths[path].parameters.find((p) => deref(s, p)?.in === where && deref(s, p)?.name === name);
  const own = clone(deref(s, source));
  own.schema = clone(resolvedSchema(s, own.schema));
  if (index >= 0) op.parameters[index] = own;
  else op.parameters.push(own);
  return own;
}

/** The operation's own copy of its success response's JSON media (schema and examples resolved into it). */
function ownSuccess(s, path, method, status) {
  const op = operationIn(s, path, method);
  op.responses[status] = clone(deref(s, op.responses[status]));
  const media = op.responses[status].content["application/json"];
  media.schema = clone(resolvedSchema(s, media.schema));
  media.examples = Object.fromEntries(Object.entries(media.examples ?? {}).map(([k, e]) => [k, clone(deref(s, e))]));
  return media;
}

// ---- what an operation has ---------------------------------------------------------------------------

/** The operation's inputs, each with its schema resolved (what the mutations read and tighten). */
const inputsOf = (spec, pathItem, op) => operationInputs(spec, pathItem, op).map((input) => ({ ...input, schema: resolvedSchema(spec, input.schema) }));

/** The schema an input has on the operation's own copy (for the body, the field's own copy). */
function ownInputSchema(s, path, method, input) {
  if (input.in !== "body") return ownParameter(s, path, method, input.in, input.name).schema;
  const media = ownForm(s, path, method);
  media.schema.properties[input.name] = clone(resolvedSchema(s, media.schema.properties[input.name]));
  return media.schema.properties[input.name];
}

/** A value a schema accepts, for filling in an example. */
function sampleOf(schema) {
  if (schema.examples?.length) return schema.examples[0];
  if (schema.enum) return schema.enum[0];
  if (schema.pattern) return patternEdges(schema.pattern)[0];
  const type = [schema.type].flat().find((t) => t !== "null");
  if (type === "integer" || type === "number") return schema.minimum ?? 0;
  if (type === "boolean") return true;
  if (type === "object") return {};
  if (type === "array") return [];
  return schema.format === "uri" ? "https://example.com/" : "example";
}

// One step tighter, or undefined where the schema could then no longer be met.
const TIGHTEN = {
  "lower-maxLength": (c) => (c.maxLength !== undefined && c.maxLength - 1 >= (c.minLength ?? 0) ? { maxLength: c.maxLength - 1 } : undefined),
  "raise-minLength": (c) => (c.minLength !== undefined && c.minLength + 1 <= (c.maxLength ?? Infinity) ? { minLength: c.minLength + 1 } : undefined),
  "lower-maximum": (c) => (c.maximum !== undefined && c.maximum - 1 >= (c.minimum ?? -Infinity) ? { maximum: c.maximum - 1 } : undefined),
  "raise-minimum": (c) => (c.minimum !== undefined && c.minimum + 1 <= (c.maximum ?? Infinity) ? { minimum: c.minimum + 1 } : undefined),
  "narrow-pattern": (c) => {
    const pattern = c.pattern !== undefined ? narrowPattern(c.pattern) : undefined;
    return pattern ? { pattern } : undefined;
  },
};

const SUCCESS_MOVES = { 200: "201", 201: "200", 204: "200" };

/**
 * The type a response property is retyped to, and how an example value converts. A null converts too: an
 * example that only ever shows null would hide the new type.
 */
function retyped(schema) {
  const types = [schema.type].flat();
  const main = types.find((t) => t && t !== "null") ?? "object";
  const to = main === "string" ? "integer" : "string";
  const convert = (v) => (to === "integer" ? (typeof v === "string" ? v.length : 0) : v === null ? "example" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return { to, type: types.includes("null") ? [to, "null"] : to, convert };
}

/**
 * Where an operation's success response keeps the resource: the items of its one array of objects (a list
 * page), or the body itself. `at(value)` lists the resource objects inside an example value.
 */
function resourceOf(spec, schema) {
  const arrays = Object.entries(schema.properties ?? {}).filter(([, p]) => {
    const r = resolvedSchema(spec, p);
    return r.type === "array" && resolvedSchema(spec, r.items).properties;
  });
  if (arrays.length === 1) {
    const [key] = arrays[0];
    return { key, schema: resolvedSchema(spec, resolvedSchema(spec, schema.properties[key]).items), at: (value) => (Array.isArray(value?.[key]) ? value[key] : []) };
  }
  return { key: undefined, schema, at: (value) => (value && typeof value === "object" ? [value] : []) };
}

/** Every generated mutation of `spec`, in catalog order (operations in spec order). */
export function generatedMutations(spec) {
  const out = [];
  const seenResources = new Set();
  for (const { method, path, operation, pathItem } of listOperations(spec)) {
    const opId = operation.operationId ?? `${method.toUpperCase()} ${path}`;
    const where = `${method.toUpperCase()} ${path}`;
    const add = (kind, detail, what, apply) => out.push({ id: `${kind}:${opId}${detail ? `.${detail}` : ""}`, kind, operation: where, what: `${where}: ${what}`, disagrees: { moved: true }, apply });
    const inputs = inputsOf(spec, pathItem, operation);

    for (const input of inputs.filter((s) => s.in === "body")) {
      const to = `${input.name}Renamed`;
      add("rename-body-field", input.name, `form field ${input.name} -> ${to}`, (s) => {
        const media = ownForm(s, path, method);
        renameKey(media.schema.properties, input.name, to);
        if (media.schema.required) media.schema.required = media.schema.required.map((n) => (n === input.name ? to : n));
        renameKey(media.encoding, input.name, to);
        for (const example of Object.values(media.examples)) renameKey(example.value, input.name, to);
      });
    }
    for (const input of inputs.filter((s) => s.in === "query")) {
      const to = `${input.name}Renamed`;
      add("rename-query-parameter", input.name, `query parameter ${input.name} -> ${to}`, (s) => {
        ownParameter(s, path, method, "query", input.name).name = to;
      });
    }
    for (const input of inputs.filter((s) => !s.required && s.in !== "path")) {
      add("require-optional-field", `${input.in}.${input.name}`, `${input.in === "body" ? "form field" : "query parameter"} ${input.name} becomes required`, (s) => {
        if (input.in === "query") return void (ownParameter(s, path, method, "query", input.name).required = true);
        const media = ownForm(s, path, method);
        media.schema.required = [...(media.schema.required ?? []), input.name];
        // The API's own examples stay valid requests: they gain the field.
        for (const example of Object.values(media.examples)) if (example.value && !(input.name in example.value)) example.value[input.name] = sampleOf(input.schema);
      });
    }
    for (const input of inputs.filter((s) => (s.schema.enum?.length ?? 0) > 1)) {
      const dropped = input.schema.enum.at(-1);
      add("drop-enum-value", `${input.in}.${input.name}`, `${input.in} ${input.name} no longer accepts ${JSON.stringify(dropped)}`, (s) => {
        const schema = ownInputSchema(s, path, method, input);
        schema.enum = schema.enum.filter((v) => v !== dropped);
        if (input.in !== "body") return;
        for (const example of Object.values(operationIn(s, path, method).requestBody.content[FORM].examples)) {
          if (example.value?.[input.name] === dropped) example.value[input.name] = schema.enum[0];
        }
      });
    }
    for (const [kind, tighten] of Object.entries(TIGHTEN)) {
      for (const input of inputs) {
        const change = tighten(input.schema);
        if (!change) continue;
        const [keyword, value] = Object.entries(change)[0];
        add(kind, `${input.in}.${input.name}`, `${input.in} ${input.name} ${keyword} ${input.schema[keyword]} -> ${value}`, (s) => {
          Object.assign(ownInputSchema(s, path, method, input), change);
        });
      }
    }

    const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
    const schema = resolvedSchema(spec, deref(spec, operation.responses?.[status])?.content?.["application/json"]?.schema);
    const resource = schema?.properties ? resourceOf(spec, schema) : undefined;
    if (resource && !seenResources.has(resource.schema)) {
      seenResources.add(resource.schema);
      const ownResource = (s) => {
        const media = ownSuccess(s, path, method, status);
        const own = resource.key === undefined ? media.schema : (media.schema.properties[resource.key] = clone(resolvedSchema(s, media.schema.properties[resource.key])));
        if (resource.key !== undefined) own.items = clone(resolvedSchema(s, own.items));
        return { media, schema: resource.key === undefined ? own : own.items, values: () => Object.values(media.examples).flatMap((e) => resource.at(e.value)) };
      };
      for (const property of Object.keys(resource.schema.properties)) {
        const to = `${property}_renamed`;
        const label = resource.key ? `${resource.key}[].${property}` : property;
        add("rename-response-property", property, `response property ${label} -> ${to}`, (s) => {
          const { schema: own, values } = ownResource(s);
          renameKey(own.properties, property, to);
          if (own.required) own.required = own.required.map((n) => (n === property ? to : n));
          for (const value of values()) renameKey(value, property, to);
        });
        const { to: toType, type, convert } = retyped(resolvedSchema(spec, resource.schema.properties[property]));
        add("retype-response-property", property, `response property ${label} becomes ${toType}`, (s) => {
          const { schema: own, values } = ownResource(s);
          own.properties[property] = { type };
          // The API now sends what its schema says.
          for (const value of values()) if (property in value) value[property] = convert(value[property]);
        });
      }
    }
    if (status) {
      const to = SUCCESS_MOVES[status] ?? "200";
      add("change-success-status", "", `answers ${to}, not ${status}`, (s) => renameKey(operationIn(s, path, method).responses, status, to));
    }
    add("remove-operation", "", "removed", (s) => {
      delete s.paths[path][method];
      if (!METHODS.some((m) => s.paths[path][m])) delete s.paths[path];
    });
    const moved = path.replace(/\/([^/{}]+)((?:\/\{[^}]+\})*)$/, "/$1Moved$2");
    if (moved !== path) add("move-path", "", `moves to ${moved}`, (s) => {
      const item = s.paths[path];
      s.paths[moved] ??= { ...(item.parameters && { parameters: clone(item.parameters) }) };
      s.paths[moved][method] = item[method];
      delete item[method];
      if (!METHODS.some((m) => item[m])) delete s.paths[path];
    });
  }
  return out;
}
