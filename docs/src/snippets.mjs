// @ts-check
// Code samples for every operation of the spec, derived from the spec alone:
//   - the request body is the operation's first named request example;
//   - path (and query) parameter values come from the parameter's own example when it has one, else from the
//     first URL among the spec's example values that matches the operation's path (the operation's own
//     responses first, then the whole document), so a fetch or delete shows the SIDs its resources carry;
//   - the result variable is named after the success response's schema.
// A spec change that leaves an operation without such values fails here, naming the operation.
import * as prettier from "prettier";
import { deref, listOperations } from "@trusthub/spec";

/**
 * @typedef {{
 *   operationId: string,
 *   method: string,
 *   path: string,
 *   summary: string,
 *   typescript: string,
 *   curl: string,
 * }} Snippet
 * @typedef {import("@trusthub/spec").OpenApiDocument} OpenApiDocument
 */

/**
 * One TypeScript (@trusthub/client) and one curl sample per operation, in the spec's order.
 * @param {OpenApiDocument} spec
 * @returns {Promise<Snippet[]>}
 */
export async function snippetsFor(spec) {
  const serverUrl = String(spec.servers?.[0]?.url ?? "").replace(/\/+$/, "");
  if (!serverUrl) throw new Error("the spec has no servers[0].url for the curl samples");
  const snippets = [];
  for (const { method, path, operation, pathItem } of listOperations(spec)) {
    const operationId = operation.operationId;
    if (typeof operationId !== "string") throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    const request = requestFor(spec, serverUrl, { method, path, operation, pathItem });
    snippets.push({
      operationId,
      method: method.toUpperCase(),
      path,
      summary: String(operation.summary ?? ""),
      typescript: await typescriptSample(spec, method, path, operation, request),
      curl: curlSample(serverUrl, method, path, request),
    });
  }
  return snippets;
}

/**
 * @typedef {{ path: Record<string, unknown>, query: Record<string, unknown>, body: Record<string, unknown> | undefined }} Request
 * @param {OpenApiDocument} spec
 * @param {string} serverUrl
 * @param {{ method: string, path: string, operation: any, pathItem: any }} op
 * @returns {Request}
 */
function requestFor(spec, serverUrl, { method, path, operation, pathItem }) {
  const where = `${operation.operationId} (${method.toUpperCase()} ${path})`;
  const parameters = parametersOf(spec, pathItem, operation);
  const pathParams = parameters.filter((p) => p.in === "path");
  const queryParams = parameters.filter((p) => p.in === "query");

  /** @type {Record<string, unknown>} */
  const pathValues = {};
  /** @type {Record<string, unknown>} */
  const queryValues = {};
  for (const p of [...pathParams, ...queryParams]) {
    const own = parameterExample(spec, p);
    if (own !== undefined) (p.in === "path" ? pathValues : queryValues)[p.name] = own;
  }

  const missingPath = pathParams.filter((p) => !(p.name in pathValues));
  const hasOwnQuery = Object.keys(queryValues).length > 0;
  if (missingPath.length > 0 || (!hasOwnQuery && queryParams.length > 0)) {
    const url = exampleUrlFor(spec, serverUrl, path, pathParams, operation);
    if (url) {
      for (const p of missingPath) pathValues[p.name] = url.path[p.name];
      if (!hasOwnQuery) {
        for (const p of queryParams) {
          const raw = url.query.get(p.name);
          if (raw !== null) queryValues[p.name] = coerce(raw, deref(spec, p.schema));
        }
      }
    }
  }
  const unresolved = pathParams.filter((p) => !(p.name in pathValues)).map((p) => p.name);
  if (unresolved.length > 0) {
    throw new Error(
      `${where}: no example value for path parameter(s) ${unresolved.join(", ")}: give the parameter an example, ` +
        `or add an example whose URL matches ${path}`,
    );
  }
  const requiredQuery = queryParams.filter((p) => p.required && !(p.name in queryValues)).map((p) => p.name);
  if (requiredQuery.length > 0) throw new Error(`${where}: no example value for required query parameter(s) ${requiredQuery.join(", ")}`);

  return { path: pathValues, query: queryValues, body: requestExample(spec, where, operation) };
}

/**
 * Path-item parameters, overridden by the operation's own (same name and location).
 * @param {OpenApiDocument} spec @param {any} pathItem @param {any} operation @returns {any[]}
 */
export function parametersOf(spec, pathItem, operation) {
  /** @type {Map<string, any>} */
  const byKey = new Map();
  for (const p of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
    const param = deref(spec, p);
    byKey.set(`${param.in}:${param.name}`, param);
  }
  return [...byKey.values()];
}

/** @param {OpenApiDocument} spec @param {any} param @returns {unknown} */
function parameterExample(spec, param) {
  if (param.example !== undefined) return param.example;
  const named = Object.values(param.examples ?? {})[0];
  if (named !== undefined) return deref(spec, named).value;
  const schema = deref(spec, param.schema) ?? {};
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  return schema.example;
}

/**
 * The operation's first named request example (or its single `example`); undefined without a body.
 * @param {OpenApiDocument} spec @param {string} where @param {any} operation
 * @returns {Record<string, unknown> | undefined}
 */
function requestExample(spec, where, operation) {
  const body = deref(spec, operation.requestBody);
  if (!body) return undefined;
  const media = Object.values(body.content ?? {})[0];
  const named = Object.values(media?.examples ?? {})[0];
  const value = named !== undefined ? deref(spec, named).value : media?.example;
  if (value === undefined) throw new Error(`${where}: the request body has no named example to build the samples from`);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${where}: the request example is not an object`);
  return value;
}

/**
 * The first string in the operation's responses, then anywhere in the spec, that is a full URL of this path
 * (server URL + template, each parameter matching its schema's pattern); its parameter values and query.
 * @param {OpenApiDocument} spec @param {string} serverUrl @param {string} path @param {any[]} pathParams
 * @param {any} operation
 * @returns {{ path: Record<string, string>, query: URLSearchParams } | undefined}
 */
function exampleUrlFor(spec, serverUrl, path, pathParams, operation) {
  /** @type {string[]} */
  const names = [];
  const pattern = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (!name) return escapeRegExp(part);
      names.push(name);
      return "([^/?#]+)";
    })
    .join("");
  const matcher = new RegExp(`^${escapeRegExp(serverUrl)}${pattern}(?:\\?([^#]*))?$`);
  const schemaPatterns = new Map(
    pathParams.map((p) => {
      const source = deref(spec, p.schema)?.pattern;
      return [p.name, typeof source === "string" ? new RegExp(source) : undefined];
    }),
  );
  for (const root of [operation.responses, spec]) {
    for (const text of strings(spec, root)) {
      const match = matcher.exec(text);
      if (!match) continue;
      /** @type {Record<string, string>} */
      const values = {};
      names.forEach((name, i) => (values[name] = decodeURIComponent(match[i + 1] ?? "")));
      if (names.every((name) => schemaPatterns.get(name)?.test(values[name] ?? "") ?? true)) {
        return { path: values, query: new URLSearchParams(match[names.length + 1] ?? "") };
      }
    }
  }
  return undefined;
}

/**
 * Every string under `node`, depth-first in document order, following local $refs (each at most once).
 * @param {OpenApiDocument} spec @param {unknown} node @param {Set<object>} seen @returns {Generator<string>}
 */
function* strings(spec, node, seen = new Set()) {
  if (typeof node === "string") {
    yield node;
    return;
  }
  if (!node || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  if ("$ref" in node && typeof node.$ref === "string") {
    yield* strings(spec, deref(spec, node), seen);
    return;
  }
  for (const value of Object.values(node)) yield* strings(spec, value, seen);
}

/** A query value as the parameter's schema types it. @param {string} raw @param {any} schema */
function coerce(raw, schema) {
  const type = Array.isArray(schema?.type) ? schema.type.find((/** @type {string} */ t) => t !== "null") : schema?.type;
  if ((type === "integer" || type === "number") && raw.trim() !== "" && Number.isFinite(Number(raw))) return Number(raw);
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/**
 * `CustomerProfileListPage` → `customerProfileListPage`; undefined when the success response has no body.
 * @param {OpenApiDocument} spec @param {any} operation @returns {string | undefined}
 */
function resultName(spec, operation) {
  const success = Object.keys(operation.responses ?? {})
    .filter((status) => /^2\d\d$/.test(status))
    .sort()[0];
  if (!success) return undefined;
  const media = Object.values(deref(spec, operation.responses[success]).content ?? {})[0];
  if (!media) return undefined;
  const ref = media.schema?.$ref;
  const name = typeof ref === "string" ? ref.split("/").pop() : undefined;
  return name && /^[A-Za-z_$][\w$]*$/.test(name) ? name.charAt(0).toLowerCase() + name.slice(1) : "result";
}

/**
 * @param {OpenApiDocument} spec
 * @param {string} method
 * @param {string} path
 * @param {any} operation
 * @param {Request} request
 */
async function typescriptSample(spec, method, path, operation, request) {
  /** @type {Record<string, unknown>} */
  const params = {};
  if (Object.keys(request.path).length > 0) params.path = request.path;
  if (Object.keys(request.query).length > 0) params.query = request.query;
  /** @type {Record<string, unknown>} */
  const init = {};
  if (Object.keys(params).length > 0) init.params = params;
  if (request.body) init.body = request.body;
  const args = [JSON.stringify(path), ...(Object.keys(init).length > 0 ? [JSON.stringify(init)] : [])].join(", ");
  const call = `await unwrap(client.${method.toUpperCase()}(${args}))`;
  const name = resultName(spec, operation);
  const source = [
    `import { createTrustHubClient, unwrap } from "@trusthub/client";`,
    ``,
    `// Reads TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.`,
    `const client = createTrustHubClient();`,
    ``,
    name ? `const ${name} = ${call};\nconsole.log(${name});` : `${call};`,
  ].join("\n");
  return prettier.format(source, { parser: "typescript", printWidth: 80, trailingComma: "all" });
}

/**
 * @param {string} serverUrl
 * @param {string} method
 * @param {string} path
 * @param {Request} request
 */
function curlSample(serverUrl, method, path, request) {
  const urlPath = path.replace(/\{([^}]+)\}/g, (_, name) => encodeURIComponent(String(request.path[name])));
  const query = new URLSearchParams(Object.entries(request.query).map(([k, v]) => [k, String(v)])).toString();
  const url = `${serverUrl}${urlPath}${query ? `?${query}` : ""}`;
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} ${singleQuoted(url)}`];
  for (const [name, value] of Object.entries(request.body ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = item !== null && typeof item === "object" ? JSON.stringify(item) : String(item);
      lines.push(`--data-urlencode ${singleQuoted(`${name}=${text}`)}`);
    }
  }
  lines.push(`-u "$TWILIO_ACCOUNT_SID:$TWILIO_AUTH_TOKEN"`);
  return lines.join(" \\\n  ") + "\n";
}

/**
 * A shell word that stands for exactly `text`: nothing inside single quotes is special, but a quote itself.
 * @param {string} text
 */
function singleQuoted(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** @param {string} text */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
