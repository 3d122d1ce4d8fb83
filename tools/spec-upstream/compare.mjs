// Compares the operations one OpenAPI description covers with another description of the same API, as
// a caller sees them: which paths, methods, parameters, body fields, responses and response properties
// exist on each side, and how their schemas differ (type, format, nullability, enum, pattern, bounds,
// required, closed objects, request body optionality). Prose (descriptions, summaries, examples, tags)
// is not compared.
//
// Both OpenAPI 3.0 and 3.1 are read, so that equal meanings compare equal: 3.0 `nullable: true`,
// 3.1 `type: [T, "null"]`, a `oneOf`/`anyOf` with a `{type: "null"}` branch and `null` in an `enum` all
// mean "may be null"; `$ref`s are followed (3.1 siblings of a `$ref` apply, 3.0 ones are ignored, as each
// version says); `allOf` parts are merged; 3.0's boolean `exclusiveMinimum` becomes 3.1's number.
import { deref, listOperations } from "@trusthub/spec";

/** Every kind of difference, in the order the README describes them. */
export const KINDS = [
  "path", // a path of ours that the other description does not have
  "operation", // a method on one side only
  "parameter", // a parameter (by location and name) on one side only
  "request-body", // a request body on one side only
  "body-required", // requestBody.required differs
  "media-type", // the request or response media types differ
  "response", // a status code on one side only
  "property", // a body field or response property on one side only
  "required", // a parameter, body field or property required on one side only
  "type",
  "nullable",
  "format",
  "enum",
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "additional-properties", // closed (additionalProperties: false) on one side only
];

// Schemas expanded per description before it is refused: comparing TrustHub with Twilio's description
// expands a few hundred on each side.
const MAX_SCHEMAS = 100_000;
const BOUNDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems"];
const PRESENT = "present";

/**
 * Compares every operation of `ours` with the same operation of `theirs` (paths matched by template,
 * whatever their parameters are called). Operations only `theirs` has on paths `ours` does not describe
 * are out of scope: they are other resources.
 * @returns {{ operations: string[], differences: Array<{ operation: string, where: string, kind: string, ours?: unknown, theirs?: unknown }> }}
 */
export function compare(ours, theirs) {
  const a = reader(ours, "ours");
  const b = reader(theirs, "theirs");
  const theirPaths = new Map(Object.keys(theirs.paths ?? {}).map((path) => [template(path), path]));
  const operations = [];
  const differences = [];

  const byPath = new Map();
  for (const op of listOperations(ours)) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  for (const [path, ourOps] of byPath) {
    const theirPath = theirPaths.get(template(path));
    const theirItem = theirPath === undefined ? undefined : theirs.paths[theirPath];
    const theirOps = theirItem ? listOperations({ paths: { [path]: theirItem } }) : [];
    // The URL is the same whatever a path parameter is called: theirs are matched to ours by position.
    const names = (p) => [...p.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const rename = new Map(theirPath === undefined ? [] : names(theirPath).map((name, i) => [name, names(path)[i]]));
    for (const { method, operation, pathItem } of ourOps) {
      const name = label(method, path);
      operations.push(name);
      const report = (where, kind, ourValue, theirValue) => differences.push(difference(name, where, kind, ourValue, theirValue));
      if (!theirItem) {
        report("path", "path", PRESENT, undefined);
        continue;
      }
      const theirOp = theirOps.find((t) => t.method === method);
      if (!theirOp) {
        report("operation", "operation", PRESENT, undefined);
        continue;
      }
      compareOperation(a, { operation, pathItem }, b, { ...theirOp, rename }, report);
    }
    for (const { method } of theirOps.filter((t) => !ourOps.some((o) => o.method === t.method))) {
      differences.push(difference(label(method, path), "operation", "operation", undefined, PRESENT));
    }
  }
  return { operations, differences };
}

const label = (method, path) => `${method.toUpperCase()} ${path}`;
const template = (path) => path.replace(/\{[^}]*\}/g, "{}");

// A difference with only the values that exist: an absent side is left out (undefined).
function difference(operation, where, kind, ours, theirs) {
  return { operation, where, kind, ...(ours !== undefined && { ours }), ...(theirs !== undefined && { theirs }) };
}

function compareOperation(a, ours, b, theirs, report) {
  const ourParams = parameters(a, ours.pathItem, ours.operation);
  const theirParams = parameters(b, theirs.pathItem, theirs.operation, theirs.rename);
  for (const key of union(ourParams.keys(), theirParams.keys())) {
    const [p, q] = [ourParams.get(key), theirParams.get(key)];
    const where = `${key.replace(" ", " parameter ")}`;
    if (!p || !q) {
      report(where, "parameter", p && PRESENT, q && PRESENT);
      continue;
    }
    if (!!p.required !== !!q.required) report(where, "required", !!p.required, !!q.required);
    compareSchemas(a.schema(parameterSchema(p)), b.schema(parameterSchema(q)), where, "", report);
  }

  const [ourBody, theirBody] = [a.resolve(ours.operation.requestBody), b.resolve(theirs.operation.requestBody)];
  if (ourBody || theirBody) {
    if (!ourBody || !theirBody) report("request body", "request-body", ourBody && PRESENT, theirBody && PRESENT);
    else {
      if (!!ourBody.required !== !!theirBody.required) report("request body", "body-required", !!ourBody.required, !!theirBody.required);
      compareContent(a, ourBody.content, b, theirBody.content, "request body", report);
    }
  }

  const [ourResponses, theirResponses] = [ours.operation.responses ?? {}, theirs.operation.responses ?? {}];
  for (const status of union(Object.keys(ourResponses), Object.keys(theirResponses))) {
    const [r, s] = [a.resolve(ourResponses[status]), b.resolve(theirResponses[status])];
    const where = `response ${status}`;
    if (!r || !s) report(where, "response", r && PRESENT, s && PRESENT);
    else compareContent(a, r.content, b, s.content, where, report);
  }
}

// Parameters by "<in> <name>"; the operation's replace the path item's of the same location and name.
// `rename` gives path parameters the name ours has at the same place in the path.
function parameters(r, pathItem, operation, rename = new Map()) {
  const out = new Map();
  for (const node of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const p = r.resolve(node);
    out.set(`${p.in} ${(p.in === "path" && rename.get(p.name)) || p.name}`, p);
  }
  return out;
}

// A parameter is described by `schema`, or (rarely) by `content` with one media type.
const parameterSchema = (p) => p.schema ?? Object.values(p.content ?? {})[0]?.schema;

function compareContent(a, ourContent = {}, b, theirContent = {}, where, report) {
  const ourTypes = Object.keys(ourContent).map((t) => t.toLowerCase()).sort();
  const theirTypes = Object.keys(theirContent).map((t) => t.toLowerCase()).sort();
  if (ourTypes.join() !== theirTypes.join()) report(where, "media-type", ourTypes.length ? ourTypes : undefined, theirTypes.length ? theirTypes : undefined);
  const common = ourTypes.filter((t) => theirTypes.includes(t));
  const media = (content, type) => Object.entries(content).find(([t]) => t.toLowerCase() === type)[1];
  for (const type of common) {
    const at = common.length > 1 ? `${where} (${type})` : where;
    compareSchemas(a.schema(media(ourContent, type).schema), b.schema(media(theirContent, type).schema), at, "", report);
  }
}

// `location` names the parameter, body or response; `field` is the property path inside its schema
// (`results[].errors[]`, `links.*` for additionalProperties).
function compareSchemas(ours, theirs, location, field, report) {
  const where = field ? `${location} field ${field}` : location;
  const at = (name) => (field ? `${field}.${name}` : name);
  const [ourType, theirType] = [typeName(ours), typeName(theirs)];
  if (ourType !== theirType) report(where, "type", ourType, theirType);
  if (!!ours.nullable !== !!theirs.nullable) report(where, "nullable", !!ours.nullable, !!theirs.nullable);
  // Past a real type change (not "any" on one side) the rest would only repeat it.
  if (ourType !== theirType && ours.type && theirs.type) return;
  for (const key of ["format", "pattern", ...BOUNDS]) {
    if (ours[key] !== theirs[key]) report(where, key, ours[key], theirs[key]);
  }
  if (!sameSet(ours.enum, theirs.enum)) report(where, "enum", ours.enum, theirs.enum);

  const [ourProps, theirProps] = [ours.properties ?? {}, theirs.properties ?? {}];
  for (const name of union(Object.keys(ourProps), Object.keys(theirProps))) {
    const [p, q] = [ourProps[name], theirProps[name]];
    const child = `${location} field ${at(name)}`;
    if (!p || !q) {
      report(child, "property", p && PRESENT, q && PRESENT);
      continue;
    }
    const [required, theirRequired] = [!!ours.required?.includes(name), !!theirs.required?.includes(name)];
    if (required !== theirRequired) report(child, "required", required, theirRequired);
    compareSchemas(p, q, location, at(name), report);
  }

  const [ourExtra, theirExtra] = [ours.additionalProperties, theirs.additionalProperties];
  if ((ourExtra === false) !== (theirExtra === false)) {
    report(where, "additional-properties", ourExtra === false ? "closed" : "open", theirExtra === false ? "closed" : "open");
  } else if (ourExtra || theirExtra) {
    compareSchemas(ourExtra || {}, theirExtra || {}, location, at("*"), report);
  }
  if (ours.items || theirs.items) compareSchemas(ours.items ?? {}, theirs.items ?? {}, location, `${field}[]`, report);
}

function typeName(schema) {
  if (schema.composite) return `one of ${schema.composite.map(typeName).join(" / ")}`;
  if (!schema.type) return "any";
  return schema.type.length ? schema.type.join(" | ") : "null";
}

const union = (first, second) => [...new Set([...first, ...second])];
const sameSet = (x, y) => JSON.stringify(x && [...x].map(String).sort()) === JSON.stringify(y && [...y].map(String).sort());

/**
 * Reads one description: `resolve` follows `$ref`s, `schema` normalizes a schema (see the file comment).
 * Each use of a schema is expanded anew, so $refs that fan out (A uses B twice, B uses C twice, ...) grow
 * the work exponentially: past MAX_SCHEMAS expanded schemas in one description, it is refused.
 */
function reader(doc, side) {
  const version = String(doc?.openapi ?? "");
  if (!/^3\.[01]\.\d+/.test(version)) throw new Error(`${side}: not an OpenAPI 3.0 or 3.1 description (openapi: ${version || "missing"})`);
  const v31 = version.startsWith("3.1");
  let expanded = 0;
  const count = () => {
    if (++expanded > MAX_SCHEMAS) throw new Error(`${side}: its $refs expand to more than ${MAX_SCHEMAS} schemas (refused: references that fan out this far)`);
  };

  function resolve(node) {
    if (!node || typeof node !== "object" || typeof node.$ref !== "string") return node;
    const { $ref, ...siblings } = node;
    if (!$ref.startsWith("#/")) throw new Error(`${side}: only local $refs are supported, found "${$ref}"`);
    const target = deref(doc, { $ref });
    if (target === undefined) throw new Error(`${side}: unresolved $ref "${$ref}"`);
    return v31 && Object.keys(siblings).length ? { ...target, ...siblings } : target;
  }

  // allOf parts merged into one schema: properties and required joined, other keywords first-come.
  // `refs`: the $refs being merged above this part; an allOf that includes itself is refused.
  function flatten(node, refs = []) {
    count();
    if (node?.$ref && refs.includes(node.$ref)) throw new Error(`${side}: allOf includes itself through "${node.$ref}"`);
    const s = resolve(node);
    if (!s || typeof s !== "object" || !Array.isArray(s.allOf)) return s;
    const { allOf, ...rest } = s;
    const out = { ...rest };
    const inner = node?.$ref ? [...refs, node.$ref] : refs;
    for (const part of allOf.map((part) => flatten(part, inner))) {
      for (const [key, value] of Object.entries(part)) {
        if (key === "properties") out.properties = { ...value, ...out.properties };
        else if (key === "required") out.required = union(out.required ?? [], value);
        else if (!(key in out)) out[key] = value;
      }
    }
    return out;
  }

  const isNull = (s) => s.type === "null" || (Array.isArray(s.type) && s.type.length === 1 && s.type[0] === "null") || (s.enum?.length === 1 && s.enum[0] === null);

  // `refs`: the $refs being expanded above this schema, so a recursive schema ends instead of looping.
  function schema(node, refs = []) {
    count();
    if (node === undefined || node === true) return {};
    if (node === false) return { type: [] };
    // Whatever the schema is called on each side, its structure is being compared further up.
    if (node.$ref && refs.includes(node.$ref)) return { type: ["(recursive)"] };
    const inner = node.$ref ? [...refs, node.$ref] : refs;
    let s = flatten(node);
    let nullable = !v31 && s.nullable === true;
    let composite;
    const alternatives = s.oneOf ?? s.anyOf;
    if (Array.isArray(alternatives)) {
      const { oneOf, anyOf, ...outer } = s;
      const branches = alternatives.map((branch) => flatten(branch));
      const others = branches.filter((branch) => !isNull(branch));
      nullable ||= others.length < branches.length;
      if (others.length === 1) s = { ...flatten(others[0]), ...outer };
      else {
        s = outer;
        if (others.length > 1) composite = others.map((branch) => schema(branch, inner));
      }
      if (!v31 && s.nullable === true) nullable = true;
    }
    const out = {};
    let types = s.type === undefined ? undefined : [s.type].flat();
    if (types?.includes("null") || s.enum?.includes(null)) nullable = true;
    if (composite) out.composite = composite;
    else if (types) out.type = types.filter((t) => t !== "null").sort();
    if (nullable) out.nullable = true;
    for (const key of ["format", "pattern", ...BOUNDS]) if (s[key] !== undefined) out[key] = s[key];
    if (!v31) {
      // 3.0: exclusiveMinimum/Maximum are booleans qualifying minimum/maximum.
      for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]]) {
        if (s[flag] === true && s[bound] !== undefined) [out[flag], out[bound]] = [s[bound], undefined];
        else if (typeof s[flag] === "boolean") delete out[flag];
      }
      for (const bound of ["minimum", "maximum"]) if (out[bound] === undefined) delete out[bound];
    }
    if (s.const !== undefined) out.enum = [s.const];
    else if (Array.isArray(s.enum)) out.enum = s.enum.filter((v) => v !== null);
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, schema(v, inner)]));
    if (s.required?.length) out.required = [...s.required];
    if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
      out.additionalProperties = s.additionalProperties === false ? false : schema(s.additionalProperties, inner);
    }
    if (s.items !== undefined) out.items = schema(s.items, inner);
    return out;
  }

  return { resolve, schema: (node) => schema(node) };
}
